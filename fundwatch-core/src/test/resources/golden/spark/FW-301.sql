-- FW-301 Readmission within 15 days with the same diagnosis (READMISSION)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'SPLIT_ADMISSION')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
SELECT CAST(b.psn_no AS STRING) AS psn_no,
       CAST(b.certno AS STRING) AS certno,
       CAST(b.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(b.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(b.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(b.begntime AS TIMESTAMP) AS occur_time,
       CAST(b.setl_date AS DATE) AS occur_date,
       CAST(b.fund_amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(a.mdtrt_id AS STRING) AS v1,
       CAST(a.end_date AS STRING) AS v2,
       CAST(datediff(b.begn_date, a.end_date) AS STRING) AS v3,
       CAST(b.maindiag_code AS STRING) AS v4,
       CAST(b.insutype AS STRING) AS insutype,
       CAST(b.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(b.medins_lv AS STRING) AS medins_lv,
       CAST(b.med_type AS STRING) AS med_type,
       CAST(b.setting AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM (SELECT * FROM fw_visit WHERE setting = 'INPATIENT') a JOIN (SELECT * FROM fw_visit WHERE setting = 'INPATIENT') b ON a.psn_no = b.psn_no AND a.fixmedins_code = b.fixmedins_code
     AND a.mdtrt_id <> b.mdtrt_id AND substr(a.maindiag, 1, 3) = substr(b.maindiag, 1, 3)
WHERE length(a.maindiag) >= 3 AND b.begn_date >= a.begn_date AND datediff(b.begn_date, a.end_date) BETWEEN 0 AND 15 AND b.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
