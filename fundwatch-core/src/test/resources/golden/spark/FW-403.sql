-- FW-403 Units settled above the units stocked (STOCK_MISMATCH)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'STOCK_MISMATCH')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH stock AS (SELECT fixmedins_code, med_list_codg AS code,
                      sum(CASE inv_type WHEN '3501' THEN cnt WHEN '3503' THEN cnt WHEN '3504' THEN -cnt
                                        WHEN '3506' THEN cnt ELSE 0 END) AS units_in,
                      sum(CASE WHEN inv_type IN ('3503', '3504') THEN 1 ELSE 0 END) AS moves
               FROM inv_io GROUP BY fixmedins_code, med_list_codg),
v AS (SELECT * FROM fw_visit WHERE fixmedins_code IN (SELECT fixmedins_code FROM inv_io)),
sold AS (SELECT v.fixmedins_code, l.code, min(l.medins_list_name) AS name, sum(l.cnt) AS units,
                sum(l.amt) AS amt, max(v.setl_date) AS last_day, min(v.fixmedins_type) AS fixmedins_type,
                min(v.medins_lv) AS medins_lv
         FROM fw_line l JOIN v ON v.mdtrt_id = l.mdtrt_id
         GROUP BY v.fixmedins_code, l.code)
SELECT CAST(NULL AS STRING) AS psn_no,
       CAST(NULL AS STRING) AS certno,
       CAST(NULL AS STRING) AS mdtrt_id,
       CAST(NULL AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(sold.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(sold.code AS STRING) AS hilist_code,
       CAST(coalesce(c.hilist_name, sold.name) AS STRING) AS hilist_name,
       CAST(sold.last_day AS TIMESTAMP) AS occur_time,
       CAST(sold.last_day AS DATE) AS occur_date,
       CAST((sold.units - coalesce(stock.units_in, 0)) * sold.amt / sold.units AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(sold.units AS STRING) AS v1,
       CAST(coalesce(stock.units_in, 0) AS STRING) AS v2,
       CAST(sold.units - coalesce(stock.units_in, 0) AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(NULL AS STRING) AS insutype,
       CAST(sold.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(sold.medins_lv AS STRING) AS medins_lv,
       CAST(NULL AS STRING) AS med_type,
       CAST(NULL AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM sold LEFT JOIN stock ON stock.fixmedins_code = sold.fixmedins_code AND stock.code = sold.code
LEFT JOIN (SELECT hilist_code, min(hilist_name) AS hilist_name FROM fw_catalog GROUP BY hilist_code) c
       ON c.hilist_code = sold.code
WHERE sold.units > coalesce(stock.units_in, 0) + 0
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
