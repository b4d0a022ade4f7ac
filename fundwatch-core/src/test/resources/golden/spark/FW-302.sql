-- FW-302 Overlapping stays at two institutions (OVERLAPPING_STAYS)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'OVERLAPPING_ADMISSION')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
SELECT CAST(a.psn_no AS STRING) AS psn_no,
       CAST(a.certno AS STRING) AS certno,
       CAST(a.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(a.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(a.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(a.begntime AS TIMESTAMP) AS occur_time,
       CAST(a.setl_date AS DATE) AS occur_date,
       CAST(a.fund_amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(b.mdtrt_id AS STRING) AS v1,
       CAST(b.fixmedins_code AS STRING) AS v2,
       CAST(b.begn_date AS STRING) AS v3,
       CAST(b.end_date AS STRING) AS v4,
       CAST(a.insutype AS STRING) AS insutype,
       CAST(a.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(a.medins_lv AS STRING) AS medins_lv,
       CAST(a.med_type AS STRING) AS med_type,
       CAST(a.setting AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM (SELECT * FROM fw_visit WHERE setting = 'INPATIENT') a JOIN (SELECT * FROM fw_visit WHERE setting = 'INPATIENT') b ON a.psn_no = b.psn_no AND a.fixmedins_code <> b.fixmedins_code
     AND a.mdtrt_id <> b.mdtrt_id
WHERE a.begn_date < b.end_date AND b.begn_date < a.end_date AND a.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
