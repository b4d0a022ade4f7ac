-- FW-201 Same item billed twice at the same time (SAME_TIME_DUPLICATE)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'DUPLICATE_CHARGE')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH q AS (
  SELECT l.*, row_number() OVER (PARTITION BY l.mdtrt_id, l.code, l.fee_time ORDER BY l.feedetl_sn) AS k,
         count(*) OVER (PARTITION BY l.mdtrt_id, l.code, l.fee_time) AS n,
         min(l.feedetl_sn) OVER (PARTITION BY l.mdtrt_id, l.code, l.fee_time) AS first_sn
  FROM fw_p_dup l)
SELECT CAST(q.psn_no AS STRING) AS psn_no,
       CAST(q.certno AS STRING) AS certno,
       CAST(q.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(q.setl_id AS STRING) AS setl_id,
       CAST(q.feedetl_sn AS STRING) AS feedetl_sn,
       CAST(q.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(q.code AS STRING) AS hilist_code,
       CAST(q.hilist_name AS STRING) AS hilist_name,
       CAST(q.fee_time AS TIMESTAMP) AS occur_time,
       CAST(q.setl_date AS DATE) AS occur_date,
       CAST(q.exposed AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(q.first_sn AS STRING) AS v1,
       CAST(q.fee_time AS STRING) AS v2,
       CAST(q.n AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(q.insutype AS STRING) AS insutype,
       CAST(q.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(q.medins_lv AS STRING) AS medins_lv,
       CAST(q.med_type AS STRING) AS med_type,
       CAST(q.setting AS STRING) AS setting,
       CAST(q.feedetl_sn AS STRING) AS line_sn,
       CAST(1 AS INTEGER) AS line_role,
       CAST(q.exposed AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM q WHERE q.k > 1 AND q.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
UNION ALL
SELECT CAST(q.psn_no AS STRING) AS psn_no,
       CAST(q.certno AS STRING) AS certno,
       CAST(q.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(q.setl_id AS STRING) AS setl_id,
       CAST(q.feedetl_sn AS STRING) AS feedetl_sn,
       CAST(q.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(q.code AS STRING) AS hilist_code,
       CAST(q.hilist_name AS STRING) AS hilist_name,
       CAST(q.fee_time AS TIMESTAMP) AS occur_time,
       CAST(q.setl_date AS DATE) AS occur_date,
       CAST(q.exposed AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(q.first_sn AS STRING) AS v1,
       CAST(q.fee_time AS STRING) AS v2,
       CAST(q.n AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(q.insutype AS STRING) AS insutype,
       CAST(q.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(q.medins_lv AS STRING) AS medins_lv,
       CAST(q.med_type AS STRING) AS med_type,
       CAST(q.setting AS STRING) AS setting,
       CAST(f.feedetl_sn AS STRING) AS line_sn,
       CAST(2 AS INTEGER) AS line_role,
       CAST(0 AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM q JOIN q f ON f.feedetl_sn = q.first_sn WHERE q.k > 1 AND q.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
