-- FW-402 Ten or more cards swiped within ten minutes with near-identical amounts (CARD_COLLECTION)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'CARD_COLLECTION')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH s AS (SELECT mdtrt_id, psn_no, fixmedins_code, fixmedins_type, medins_lv, setl_time, setl_date,
                  fee, fund_amt, CAST(floor(timestampdiff(SECOND, TIMESTAMP '1970-01-01 00:00:00', x.setl_time) / 600) AS BIGINT) AS bucket
           FROM (SELECT v.*, CAST(s.net_fee AS DECIMAL(18,2)) AS fee FROM fw_visit v JOIN fw_setl s ON s.mdtrt_id = v.mdtrt_id
 WHERE v.setl_id IS NOT NULL) x WHERE x.fixmedins_type = '2' AND x.fee > 0),
w AS (SELECT a.mdtrt_id AS anchor, b.mdtrt_id, b.psn_no, b.fee, b.setl_time, b.fund_amt
      FROM s a
      JOIN (SELECT s.*, s.bucket + o.k AS near FROM s CROSS JOIN (VALUES (0), (-1)) o(k)) b
        ON b.fixmedins_code = a.fixmedins_code AND b.near = a.bucket
      WHERE b.setl_date = a.setl_date AND b.setl_time >= a.setl_time AND timestampdiff(SECOND, a.setl_time, b.setl_time) <= 600),
c AS (SELECT lo.anchor, lo.fee AS floor_fee, count(DISTINCT m.psn_no) AS cards,
             min(m.setl_time) AS t0, max(m.setl_time) AS t1, min(m.fee) AS fee0, max(m.fee) AS fee1,
             sum(m.fund_amt) AS amt,
             nullif(array_join(array_sort(collect_set(m.psn_no)), ','), '') AS people
      FROM w lo JOIN w m ON m.anchor = lo.anchor AND m.fee >= lo.fee AND m.fee <= lo.fee * (1 + 0.05)
      GROUP BY lo.anchor, lo.fee HAVING count(DISTINCT m.psn_no) >= 10),
best AS (SELECT s.fixmedins_code, s.fixmedins_type, s.medins_lv, s.setl_date, c.*,
                row_number() OVER (PARTITION BY s.fixmedins_code, s.setl_date
                                   ORDER BY c.cards DESC, c.t0, c.floor_fee, c.anchor) AS rn
         FROM c JOIN s ON s.mdtrt_id = c.anchor)
SELECT CAST(NULL AS STRING) AS psn_no,
       CAST(NULL AS STRING) AS certno,
       CAST(NULL AS STRING) AS mdtrt_id,
       CAST(NULL AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(best.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(best.t0 AS TIMESTAMP) AS occur_time,
       CAST(best.setl_date AS DATE) AS occur_date,
       CAST(best.amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(best.cards AS STRING) AS v1,
       CAST(date_format(best.t0, 'HH:mm:ss') || '–' || date_format(best.t1, 'HH:mm:ss') AS STRING) AS v2,
       CAST(CAST(best.fee0 AS STRING) || '–' || CAST(best.fee1 AS STRING) AS STRING) AS v3,
       CAST(best.people AS STRING) AS v4,
       CAST(NULL AS STRING) AS insutype,
       CAST(best.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(best.medins_lv AS STRING) AS medins_lv,
       CAST(NULL AS STRING) AS med_type,
       CAST(NULL AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM best WHERE rn = 1
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31' AND r.fixmedins_type IN ('2');
