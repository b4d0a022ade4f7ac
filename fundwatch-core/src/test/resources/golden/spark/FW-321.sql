-- FW-321 Stay with consecutive days of routine items only (ROUTINE_ONLY_DAYS)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'GHOST_BED')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH s AS (SELECT * FROM fw_visit WHERE setting = 'INPATIENT'),
marks AS (
  SELECT s.mdtrt_id, n.fee_date AS d FROM s JOIN fw_p_day n ON n.mdtrt_id = s.mdtrt_id
         AND n.fee_date BETWEEN s.begn_date AND s.end_date
  UNION ALL SELECT mdtrt_id, date_add(begn_date, CAST(-1 AS INT)) FROM s
  UNION ALL SELECT mdtrt_id, date_add(end_date, CAST(1 AS INT)) FROM s),
gaps AS (SELECT mdtrt_id, d, lead(d) OVER (PARTITION BY mdtrt_id ORDER BY d) AS nxt FROM marks),
idle AS (SELECT mdtrt_id, max(datediff(nxt, d) - 1) AS longest, max_by(date_add(d, CAST(1 AS INT)), datediff(nxt, d)) AS idle_from
         FROM gaps WHERE nxt IS NOT NULL GROUP BY mdtrt_id HAVING max(datediff(nxt, d) - 1) >= 3)
SELECT CAST(s.psn_no AS STRING) AS psn_no,
       CAST(s.certno AS STRING) AS certno,
       CAST(s.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(s.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(s.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(s.begntime AS TIMESTAMP) AS occur_time,
       CAST(s.setl_date AS DATE) AS occur_date,
       CAST(s.fund_amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(i.longest AS STRING) AS v1,
       CAST(i.idle_from AS STRING) AS v2,
       CAST(NULL AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(s.insutype AS STRING) AS insutype,
       CAST(s.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(s.medins_lv AS STRING) AS medins_lv,
       CAST(s.med_type AS STRING) AS med_type,
       CAST(s.setting AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM s JOIN idle i ON i.mdtrt_id = s.mdtrt_id
WHERE s.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31' AND r.setting IN ('INPATIENT');
