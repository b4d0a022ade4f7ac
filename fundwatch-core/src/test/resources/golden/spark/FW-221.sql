-- FW-221 Per-day item above its daily maximum (QUANTITY_LIMIT)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'FREQUENCY_LIMIT')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH k AS (SELECT l.*, k.kp_id, k.basis, CAST(k.lmt_value AS DECIMAL(18,4)) AS mx
           FROM fw_p_line l
           JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = 'MAX_CNT_PER_DAY'
                AND l.fee_date BETWEEN k.begndate AND k.enddate),
over AS (SELECT mdtrt_id, code, fee_date FROM k l GROUP BY l.mdtrt_id, l.code, l.fee_date HAVING sum(l.cnt) > min(l.mx)),
q AS (
  SELECT l.*,
         sum(l.cnt) OVER (PARTITION BY l.mdtrt_id, l.code, l.fee_date ORDER BY l.fee_time, l.feedetl_sn
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
         sum(l.cnt) OVER (PARTITION BY l.mdtrt_id, l.code, l.fee_date) AS total
  FROM k l WHERE EXISTS (SELECT 1 FROM over o WHERE o.mdtrt_id = l.mdtrt_id AND o.code = l.code AND o.fee_date = l.fee_date))
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
       CAST(least(q.cnt, q.cum - q.mx) * q.pric AS DECIMAL(18,2)) AS vola_amt,
       CAST(q.kp_id AS STRING) AS kp_id,
       CAST(q.basis AS STRING) AS basis,
       CAST(q.total AS STRING) AS v1,
       CAST(q.mx AS STRING) AS v2,
       CAST(least(q.cnt, q.cum - q.mx) AS STRING) AS v3,
       CAST(q.fee_date AS STRING) AS v4,
       CAST(q.insutype AS STRING) AS insutype,
       CAST(q.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(q.medins_lv AS STRING) AS medins_lv,
       CAST(q.med_type AS STRING) AS med_type,
       CAST(q.setting AS STRING) AS setting,
       CAST(q.feedetl_sn AS STRING) AS line_sn,
       CAST(1 AS INTEGER) AS line_role,
       CAST(least(q.cnt, q.cum - q.mx) * q.pric AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM q
WHERE q.cum > q.mx AND q.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
