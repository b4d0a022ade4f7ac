-- FW-211 Bundle components billed separately (ITEM_PAIR)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'UNBUNDLING')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH c AS (SELECT b.*, p.hilist_code_a AS bundle, p.kp_id, p.basis FROM fw_p_line b JOIN fw_kp_pair p ON p.relation = 'BUNDLE' AND p.hilist_code_b = b.code AND b.fee_date BETWEEN p.begndate AND p.enddate),
g AS (SELECT mdtrt_id, bundle, count(DISTINCT code) AS n, sum(exposed) AS total, min(fee_date) AS first_date,
             min(fee_time) AS first_time
      FROM c GROUP BY mdtrt_id, bundle HAVING count(DISTINCT code) >= 2)
SELECT CAST(c.psn_no AS STRING) AS psn_no,
       CAST(c.certno AS STRING) AS certno,
       CAST(c.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(c.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(c.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(c.bundle AS STRING) AS hilist_code,
       CAST(coalesce(bc.hilist_name, c.bundle) AS STRING) AS hilist_name,
       CAST(g.first_time AS TIMESTAMP) AS occur_time,
       CAST(c.setl_date AS DATE) AS occur_date,
       CAST(CASE WHEN bc.cap IS NULL OR bc.cap >= g.total THEN g.total ELSE g.total - bc.cap END AS DECIMAL(18,2)) AS vola_amt,
       CAST(c.kp_id AS STRING) AS kp_id,
       CAST(c.basis AS STRING) AS basis,
       CAST(g.n AS STRING) AS v1,
       CAST(g.total AS STRING) AS v2,
       CAST(bc.cap AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(c.insutype AS STRING) AS insutype,
       CAST(c.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(c.medins_lv AS STRING) AS medins_lv,
       CAST(c.med_type AS STRING) AS med_type,
       CAST(c.setting AS STRING) AS setting,
       CAST(c.feedetl_sn AS STRING) AS line_sn,
       CAST(1 AS INTEGER) AS line_role,
       CAST(c.exposed AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM c JOIN g ON g.mdtrt_id = c.mdtrt_id AND g.bundle = c.bundle
LEFT JOIN fw_catalog bc ON bc.hilist_code = c.bundle AND g.first_date BETWEEN bc.begndate AND bc.enddate
WHERE c.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
