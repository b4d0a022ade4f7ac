-- FW-241 Second-line drug without a first-line drug in 90 days (ITEM_PAIR)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'SECOND_LINE')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
SELECT CAST(b.psn_no AS STRING) AS psn_no,
       CAST(b.certno AS STRING) AS certno,
       CAST(b.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(b.setl_id AS STRING) AS setl_id,
       CAST(b.feedetl_sn AS STRING) AS feedetl_sn,
       CAST(b.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(b.code AS STRING) AS hilist_code,
       CAST(b.hilist_name AS STRING) AS hilist_name,
       CAST(b.fee_time AS TIMESTAMP) AS occur_time,
       CAST(b.setl_date AS DATE) AS occur_date,
       CAST(b.exposed AS DECIMAL(18,2)) AS vola_amt,
       CAST(p.kp_id AS STRING) AS kp_id,
       CAST(p.basis AS STRING) AS basis,
       CAST(p.hilist_code_a AS STRING) AS v1,
       CAST(90 AS STRING) AS v2,
       CAST((SELECT min(c.hilist_name) FROM fw_catalog c WHERE c.hilist_code = p.hilist_code_a) AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(b.insutype AS STRING) AS insutype,
       CAST(b.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(b.medins_lv AS STRING) AS medins_lv,
       CAST(b.med_type AS STRING) AS med_type,
       CAST(b.setting AS STRING) AS setting,
       CAST(b.feedetl_sn AS STRING) AS line_sn,
       CAST(1 AS INTEGER) AS line_role,
       CAST(b.exposed AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM fw_p_line b JOIN fw_kp_pair p ON p.relation = 'PRIOR_REQUIRED' AND p.hilist_code_b = b.code AND b.fee_date BETWEEN p.begndate AND p.enddate
WHERE b.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31' AND NOT EXISTS (
  SELECT 1 FROM fw_kp_pair p2 JOIN fw_p_line a ON a.code = p2.hilist_code_a
  WHERE p2.relation = 'PRIOR_REQUIRED' AND p2.hilist_code_b = b.code AND a.psn_no = b.psn_no
    AND a.fee_date BETWEEN date_add(b.fee_date, CAST(-90 AS INT)) AND b.fee_date)
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
