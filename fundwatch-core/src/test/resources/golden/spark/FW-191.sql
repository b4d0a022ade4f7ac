-- FW-191 Item billed on more days a year than its course allows (COURSE_DAYS)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'COURSE_LIMIT')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH c AS (SELECT l.*, k.kp_id, k.basis, CAST(k.lmt_value AS INTEGER) AS mx, year(l.fee_date) AS yr
           FROM fw_p_line l
           JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = 'MAX_COURSE_DAYS'
                AND l.fee_date BETWEEN k.begndate AND k.enddate),
over AS (SELECT psn_no, code, yr FROM c GROUP BY psn_no, code, yr
         HAVING count(DISTINCT fee_date) > min(mx)),
q AS (
  SELECT c.*, dense_rank() OVER (PARTITION BY c.psn_no, c.code, c.yr ORDER BY c.fee_date) AS day_no
  FROM c WHERE EXISTS (SELECT 1 FROM over o WHERE o.psn_no = c.psn_no AND o.code = c.code AND o.yr = c.yr))
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
       CAST(q.kp_id AS STRING) AS kp_id,
       CAST(q.basis AS STRING) AS basis,
       CAST(q.day_no AS STRING) AS v1,
       CAST(q.mx AS STRING) AS v2,
       CAST(year(q.fee_date) AS STRING) AS v3,
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
FROM q
WHERE q.day_no > q.mx AND q.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
