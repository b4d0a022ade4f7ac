-- FW-303 Outpatient settlement during an inpatient stay (CLAIM_IN_STAY)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'CLAIM_DURING_ADMISSION')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
SELECT CAST(o.psn_no AS STRING) AS psn_no,
       CAST(o.certno AS STRING) AS certno,
       CAST(o.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(o.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(o.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(o.begntime AS TIMESTAMP) AS occur_time,
       CAST(o.setl_date AS DATE) AS occur_date,
       CAST(o.fund_amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(s.mdtrt_id AS STRING) AS v1,
       CAST(s.fixmedins_code AS STRING) AS v2,
       CAST(s.begn_date AS STRING) AS v3,
       CAST(s.end_date AS STRING) AS v4,
       CAST(o.insutype AS STRING) AS insutype,
       CAST(o.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(o.medins_lv AS STRING) AS medins_lv,
       CAST(o.med_type AS STRING) AS med_type,
       CAST(o.setting AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM fw_visit o JOIN (SELECT * FROM fw_visit WHERE setting = 'INPATIENT') s ON s.psn_no = o.psn_no
WHERE o.setting <> 'INPATIENT' AND o.setl_date > s.begn_date AND o.setl_date < s.end_date AND o.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31' AND r.setting IN ('OUTPATIENT');
