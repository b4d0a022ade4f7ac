-- FW-331 12 outpatient settlements within 30 days (VISIT_COUNT_WINDOW)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'HIGH_FREQUENCY')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH o AS (SELECT v.*, unix_date(v.setl_date) AS dn FROM fw_visit v WHERE v.setting <> 'INPATIENT' AND v.setl_id IS NOT NULL
           AND v.psn_no IN (SELECT psn_no FROM fw_visit WHERE setting <> 'INPATIENT' AND setl_id IS NOT NULL
                            GROUP BY psn_no HAVING count(*) >= 12)),
w AS (SELECT o.*, count(*) OVER win AS n, sum(fund_amt) OVER win AS amt
      FROM o WINDOW win AS (PARTITION BY psn_no ORDER BY dn RANGE BETWEEN 30 PRECEDING AND CURRENT ROW)),
m AS (SELECT psn_no, date_format(setl_date, 'yyyy-MM') AS month, max(n) AS n, max_by(setl_date, n) AS last_date, max_by(amt, n) AS amt, min(certno) AS certno,
             min(insutype) AS insutype, max(setl_time) AS last_time
      FROM w WHERE setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31' GROUP BY psn_no, date_format(setl_date, 'yyyy-MM') HAVING max(n) >= 12)
SELECT CAST(m.psn_no AS STRING) AS psn_no,
       CAST(m.certno AS STRING) AS certno,
       CAST(NULL AS STRING) AS mdtrt_id,
       CAST(NULL AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(NULL AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(m.last_time AS TIMESTAMP) AS occur_time,
       CAST(m.last_date AS DATE) AS occur_date,
       CAST(m.amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(m.n AS STRING) AS v1,
       CAST(m.last_date AS STRING) AS v2,
       CAST(NULL AS STRING) AS v3,
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
