-- FW-311 Visit after the insured person's death (AFTER_REGISTRY_DATE)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'CLAIM_AFTER_DEATH')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
SELECT CAST(v.psn_no AS STRING) AS psn_no,
       CAST(v.certno AS STRING) AS certno,
       CAST(v.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(v.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(v.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(v.begntime AS TIMESTAMP) AS occur_time,
       CAST(v.setl_date AS DATE) AS occur_date,
       CAST(v.fund_amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(d.die_date AS STRING) AS v1,
       CAST(d.src AS STRING) AS v2,
       CAST(NULL AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(v.insutype AS STRING) AS insutype,
       CAST(v.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(v.medins_lv AS STRING) AS medins_lv,
       CAST(v.med_type AS STRING) AS med_type,
       CAST(v.setting AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM fw_visit v JOIN ext_death d ON d.certno = v.certno
WHERE v.begn_date > d.die_date AND v.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
