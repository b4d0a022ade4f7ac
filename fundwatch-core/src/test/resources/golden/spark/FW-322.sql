-- FW-322 Patients in bed above the registered beds (BED_OCCUPANCY)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'GHOST_BED')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH e AS (
  SELECT fixmedins_code, begn_date AS d, 1 AS delta FROM fw_visit
  WHERE setting = 'INPATIENT' AND end_date > begn_date
  UNION ALL
  SELECT fixmedins_code, end_date, -1 FROM fw_visit WHERE setting = 'INPATIENT' AND end_date > begn_date),
n AS (SELECT fixmedins_code, d, sum(delta) AS delta FROM e GROUP BY fixmedins_code, d),
c AS (SELECT fixmedins_code, d, sum(delta) OVER (PARTITION BY fixmedins_code ORDER BY d
             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS in_bed,
             lead(d) OVER (PARTITION BY fixmedins_code ORDER BY d) AS nxt FROM n),
i AS (SELECT fixmedins_code, min(fixmedins_type) AS fixmedins_type, min(medins_lv) AS medins_lv,
             min(bed_cnt) AS bed_cnt FROM fw_visit GROUP BY fixmedins_code)
SELECT CAST(NULL AS STRING) AS psn_no,
       CAST(NULL AS STRING) AS certno,
       CAST(NULL AS STRING) AS mdtrt_id,
       CAST(NULL AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(c.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(c.d AS TIMESTAMP) AS occur_time,
       CAST(c.d AS DATE) AS occur_date,
       CAST(NULL AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(c.in_bed AS STRING) AS v1,
       CAST(i.bed_cnt AS STRING) AS v2,
       CAST(date_add(c.nxt, CAST(-1 AS INT)) AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(NULL AS STRING) AS insutype,
       CAST(i.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(i.medins_lv AS STRING) AS medins_lv,
       CAST(NULL AS STRING) AS med_type,
       CAST(NULL AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM c JOIN i ON i.fixmedins_code = c.fixmedins_code
WHERE i.bed_cnt > 0 AND c.in_bed > 1.2 * i.bed_cnt AND c.d BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
