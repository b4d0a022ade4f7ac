-- FW-222 Bed-days above the length of stay (BED_DAYS)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'FREQUENCY_LIMIT')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH b AS (SELECT l.*, k.kp_id, k.basis, greatest(datediff(l.end_date, l.begn_date), 1) AS los
           FROM fw_p_line l
           JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = 'BED_DAY'
                AND k.lmt_value = '1' AND l.fee_date BETWEEN k.begndate AND k.enddate
           WHERE l.setting = 'INPATIENT'),
over AS (SELECT mdtrt_id FROM b GROUP BY mdtrt_id HAVING sum(cnt) > min(los)),
q AS (
  SELECT b.*,
         sum(b.cnt) OVER (PARTITION BY b.mdtrt_id ORDER BY b.fee_time, b.feedetl_sn
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
         sum(b.cnt) OVER (PARTITION BY b.mdtrt_id) AS total
  FROM b WHERE EXISTS (SELECT 1 FROM over o WHERE o.mdtrt_id = b.mdtrt_id))
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
       CAST(least(q.cnt, q.cum - q.los) * q.pric AS DECIMAL(18,2)) AS vola_amt,
       CAST(q.kp_id AS STRING) AS kp_id,
       CAST(q.basis AS STRING) AS basis,
       CAST(q.total AS STRING) AS v1,
       CAST(q.los AS STRING) AS v2,
       CAST(least(q.cnt, q.cum - q.los) AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(q.insutype AS STRING) AS insutype,
       CAST(q.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(q.medins_lv AS STRING) AS medins_lv,
       CAST(q.med_type AS STRING) AS med_type,
       CAST(q.setting AS STRING) AS setting,
       CAST(q.feedetl_sn AS STRING) AS line_sn,
       CAST(1 AS INTEGER) AS line_role,
       CAST(least(q.cnt, q.cum - q.los) * q.pric AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM q
WHERE q.cum > q.los AND q.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31' AND r.setting IN ('INPATIENT');
