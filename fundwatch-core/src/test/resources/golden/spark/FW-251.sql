-- FW-251 Contraindicated drugs in one visit (ITEM_PAIR)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'DRUG_INTERACTION')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH h0 AS (
  SELECT b.*, a.feedetl_sn AS a_sn, a.hilist_name AS a_name, a.code AS a_code, p.kp_id, p.basis
  FROM fw_p_line b JOIN fw_kp_pair p ON p.relation = 'CONTRAINDICATED' AND p.hilist_code_b = b.code AND b.fee_date BETWEEN p.begndate AND p.enddate
  JOIN fw_p_line a ON a.mdtrt_id = b.mdtrt_id AND a.code = p.hilist_code_a),
h AS (SELECT h0.*, min(fee_date) OVER (PARTITION BY mdtrt_id, code) AS first_date,
             min(fee_time) OVER (PARTITION BY mdtrt_id, code) AS first_time,
             sum(exposed) OVER (PARTITION BY mdtrt_id, code, a_sn) AS b_total
      FROM h0)
SELECT CAST(h.psn_no AS STRING) AS psn_no,
       CAST(h.certno AS STRING) AS certno,
       CAST(h.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(h.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(h.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(h.code AS STRING) AS hilist_code,
       CAST(h.hilist_name AS STRING) AS hilist_name,
       CAST(h.first_time AS TIMESTAMP) AS occur_time,
       CAST(h.setl_date AS DATE) AS occur_date,
       CAST(h.b_total AS DECIMAL(18,2)) AS vola_amt,
       CAST(h.kp_id AS STRING) AS kp_id,
       CAST(h.basis AS STRING) AS basis,
       CAST(h.a_name AS STRING) AS v1,
       CAST(h.a_code AS STRING) AS v2,
       CAST(NULL AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(h.insutype AS STRING) AS insutype,
       CAST(h.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(h.medins_lv AS STRING) AS medins_lv,
       CAST(h.med_type AS STRING) AS med_type,
       CAST(h.setting AS STRING) AS setting,
       CAST(h.feedetl_sn AS STRING) AS line_sn,
       CAST(1 AS INTEGER) AS line_role,
       CAST(h.exposed AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM h WHERE h.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
UNION ALL
SELECT CAST(h.psn_no AS STRING) AS psn_no,
       CAST(h.certno AS STRING) AS certno,
       CAST(h.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(h.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(h.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(h.code AS STRING) AS hilist_code,
       CAST(h.hilist_name AS STRING) AS hilist_name,
       CAST(h.first_time AS TIMESTAMP) AS occur_time,
       CAST(h.setl_date AS DATE) AS occur_date,
       CAST(h.b_total AS DECIMAL(18,2)) AS vola_amt,
       CAST(h.kp_id AS STRING) AS kp_id,
       CAST(h.basis AS STRING) AS basis,
       CAST(h.a_name AS STRING) AS v1,
       CAST(h.a_code AS STRING) AS v2,
       CAST(NULL AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(h.insutype AS STRING) AS insutype,
       CAST(h.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(h.medins_lv AS STRING) AS medins_lv,
       CAST(h.med_type AS STRING) AS med_type,
       CAST(h.setting AS STRING) AS setting,
       CAST(h.a_sn AS STRING) AS line_sn,
       CAST(2 AS INTEGER) AS line_role,
       CAST(0 AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM h WHERE h.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
