-- FW-341 Days of supply above 1.5 × 90 within 90 days (SUPPLY_WINDOW)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'DRUG_HOARDING')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH s0 AS (
  SELECT l.*, k.kp_id, k.basis, round(l.cnt / try_cast(k.lmt_value AS DECIMAL(18,4)), 4) AS supply, unix_date(l.fee_date) AS dn
  FROM fw_p_line l JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = 'DAILY_DOSE'
       AND l.fee_date BETWEEN k.begndate AND k.enddate
  WHERE l.setting <> 'INPATIENT' AND try_cast(k.lmt_value AS DECIMAL(18,4)) > 0),
s AS (SELECT * FROM s0 WHERE EXISTS (
        SELECT 1 FROM (SELECT psn_no, code FROM s0 GROUP BY psn_no, code HAVING sum(supply) > 135.0) t
        WHERE t.psn_no = s0.psn_no AND t.code = s0.code)),
w AS (SELECT s.*, sum(supply) OVER win AS days, sum(exposed) OVER win AS window_amt, count(*) OVER win AS n
      FROM s WINDOW win AS (PARTITION BY psn_no, code ORDER BY dn RANGE BETWEEN 90 PRECEDING AND CURRENT ROW)),
m AS (SELECT psn_no, code, date_format(fee_date, 'yyyy-MM') AS month, max(days) AS days, max_by(fee_date, days) AS last_date, max_by(window_amt, days) AS amt,
             min(certno) AS certno, min(insutype) AS insutype, min(hilist_name) AS hilist_name,
             min(kp_id) AS kp_id, min(basis) AS basis, max(fee_time) AS last_time, max_by(n, days) AS n
      FROM w WHERE fee_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31' GROUP BY psn_no, code, date_format(fee_date, 'yyyy-MM') HAVING max(days) > 135.0)
SELECT CAST(m.psn_no AS STRING) AS psn_no,
       CAST(m.certno AS STRING) AS certno,
       CAST(NULL AS STRING) AS mdtrt_id,
       CAST(NULL AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(NULL AS STRING) AS fixmedins_code,
       CAST(m.code AS STRING) AS hilist_code,
       CAST(m.hilist_name AS STRING) AS hilist_name,
       CAST(m.last_time AS TIMESTAMP) AS occur_time,
       CAST(m.last_date AS DATE) AS occur_date,
       CAST(m.amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(m.kp_id AS STRING) AS kp_id,
       CAST(m.basis AS STRING) AS basis,
       CAST(m.days AS STRING) AS v1,
       CAST(m.last_date AS STRING) AS v2,
       CAST(m.n AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(m.insutype AS STRING) AS insutype,
       CAST(NULL AS STRING) AS fixmedins_type,
       CAST(NULL AS STRING) AS medins_lv,
       CAST(NULL AS STRING) AS med_type,
       CAST(NULL AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM m
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
