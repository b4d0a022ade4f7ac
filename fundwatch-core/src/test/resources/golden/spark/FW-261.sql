-- FW-261 Prescription split over same-day visits (SPLIT_PRESCRIPTION)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'SPLIT_PRESCRIPTION')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH r AS (
  SELECT l.*, dense_rank() OVER (PARTITION BY l.psn_no, l.fixmedins_code, l.fee_date, l.code
                                 ORDER BY l.visit_time, l.mdtrt_id) AS visit_no
  FROM fw_p_line l
  WHERE l.same_day_repeat AND l.setting <> 'INPATIENT' AND l.rxno IS NOT NULL AND l.rxno <> ''),
q AS (
  SELECT r.*, max(visit_no) OVER (PARTITION BY psn_no, fixmedins_code, fee_date, code) AS n_visits,
         min(CASE WHEN visit_no = 1 THEN mdtrt_id END) OVER (PARTITION BY psn_no, fixmedins_code, fee_date, code) AS first_visit,
         sum(exposed) OVER (PARTITION BY mdtrt_id, code) AS visit_total
  FROM r)
SELECT CAST(q.psn_no AS STRING) AS psn_no,
       CAST(q.certno AS STRING) AS certno,
       CAST(q.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(q.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(q.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(q.code AS STRING) AS hilist_code,
       CAST(q.hilist_name AS STRING) AS hilist_name,
       CAST(q.visit_time AS TIMESTAMP) AS occur_time,
       CAST(q.setl_date AS DATE) AS occur_date,
       CAST(q.visit_total AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(q.n_visits AS STRING) AS v1,
       CAST(q.first_visit AS STRING) AS v2,
       CAST(NULL AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(q.insutype AS STRING) AS insutype,
       CAST(q.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(q.medins_lv AS STRING) AS medins_lv,
       CAST(q.med_type AS STRING) AS med_type,
       CAST(q.setting AS STRING) AS setting,
       CAST(q.feedetl_sn AS STRING) AS line_sn,
       CAST(1 AS INTEGER) AS line_role,
       CAST(q.exposed AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM q WHERE q.n_visits > 1 AND q.visit_no > 1 AND q.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
UNION ALL
SELECT CAST(q.psn_no AS STRING) AS psn_no,
       CAST(q.certno AS STRING) AS certno,
       CAST(q.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(q.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(q.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(q.code AS STRING) AS hilist_code,
       CAST(q.hilist_name AS STRING) AS hilist_name,
       CAST(q.visit_time AS TIMESTAMP) AS occur_time,
       CAST(q.setl_date AS DATE) AS occur_date,
       CAST(q.visit_total AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(q.n_visits AS STRING) AS v1,
       CAST(q.first_visit AS STRING) AS v2,
       CAST(NULL AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(q.insutype AS STRING) AS insutype,
       CAST(q.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(q.medins_lv AS STRING) AS medins_lv,
       CAST(q.med_type AS STRING) AS med_type,
       CAST(q.setting AS STRING) AS setting,
       CAST(f.feedetl_sn AS STRING) AS line_sn,
       CAST(2 AS INTEGER) AS line_role,
       CAST(0 AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM q JOIN q f ON f.psn_no = q.psn_no AND f.fixmedins_code = q.fixmedins_code
     AND f.fee_date = q.fee_date AND f.code = q.code AND f.visit_no = 1
WHERE q.n_visits > 1 AND q.visit_no > 1 AND q.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31' AND r.setting IN ('OUTPATIENT', 'PHARMACY');
