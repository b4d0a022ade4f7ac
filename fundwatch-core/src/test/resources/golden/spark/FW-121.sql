-- FW-121 Item limited to a maximum age (children) (ITEM_LIMIT)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'AGE_LIMIT')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
SELECT CAST(l.psn_no AS STRING) AS psn_no,
       CAST(l.certno AS STRING) AS certno,
       CAST(l.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(l.setl_id AS STRING) AS setl_id,
       CAST(l.feedetl_sn AS STRING) AS feedetl_sn,
       CAST(l.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(l.code AS STRING) AS hilist_code,
       CAST(l.hilist_name AS STRING) AS hilist_name,
       CAST(l.fee_time AS TIMESTAMP) AS occur_time,
       CAST(l.setl_date AS DATE) AS occur_date,
       CAST(l.exposed AS DECIMAL(18,2)) AS vola_amt,
       CAST(k.kp_id AS STRING) AS kp_id,
       CAST(k.basis AS STRING) AS basis,
       CAST(k.lmt_value AS STRING) AS v1,
       CAST((year(l.fee_date) - year(l.brdy) - CASE WHEN month(l.fee_date) * 100 + day(l.fee_date) < month(l.brdy) * 100 + day(l.brdy) THEN 1 ELSE 0 END) AS STRING) AS v2,
       CAST(l.med_type AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(l.insutype AS STRING) AS insutype,
       CAST(l.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(l.medins_lv AS STRING) AS medins_lv,
       CAST(l.med_type AS STRING) AS med_type,
       CAST(l.setting AS STRING) AS setting,
       CAST(l.feedetl_sn AS STRING) AS line_sn,
       CAST(1 AS INTEGER) AS line_role,
       CAST(l.exposed AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM fw_p_line l
JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = 'AGE_MAX' AND l.fee_date BETWEEN k.begndate AND k.enddate
WHERE l.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31' AND (year(l.fee_date) - year(l.brdy) - CASE WHEN month(l.fee_date) * 100 + day(l.fee_date) < month(l.brdy) * 100 + day(l.brdy) THEN 1 ELSE 0 END) > try_cast(k.lmt_value AS DECIMAL(18,4))
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
