-- FW-351 Two settlements far apart within two hours (TRAVEL_DISTANCE)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'IMPOSSIBLE_TRAVEL')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH s AS (SELECT * FROM fw_visit WHERE setl_id IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL),
p AS (SELECT b.*, a.mdtrt_id AS a_id, a.fixmedins_code AS a_inst, a.setl_time AS a_time,
             6371.0088 * 2 * asin(sqrt(power(sin(radians(b.lat - a.lat) / 2), 2) + cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lon - a.lon) / 2), 2))) AS km, timestampdiff(SECOND, a.setl_time, b.setl_time) AS secs
      FROM s a JOIN s b ON a.psn_no = b.psn_no AND a.mdtrt_id <> b.mdtrt_id
           AND b.setl_date BETWEEN a.setl_date AND date_add(a.setl_date, CAST(1 AS INT))
      WHERE (a.setl_time < b.setl_time OR (a.setl_time = b.setl_time AND a.mdtrt_id < b.mdtrt_id)))
SELECT CAST(p.psn_no AS STRING) AS psn_no,
       CAST(p.certno AS STRING) AS certno,
       CAST(p.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(p.setl_id AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(p.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(p.begntime AS TIMESTAMP) AS occur_time,
       CAST(p.setl_date AS DATE) AS occur_date,
       CAST(p.fund_amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(p.a_inst AS STRING) AS v1,
       CAST(p.a_time AS STRING) AS v2,
       CAST(CAST(round(p.km, 0) AS INTEGER) AS STRING) AS v3,
       CAST(CAST(round(p.secs / 60.0) AS INTEGER) AS STRING) AS v4,
       CAST(p.insutype AS STRING) AS insutype,
       CAST(p.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(p.medins_lv AS STRING) AS medins_lv,
       CAST(p.med_type AS STRING) AS med_type,
       CAST(p.setting AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM p
WHERE p.secs <= 7200 AND p.km > 100 AND p.setl_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
