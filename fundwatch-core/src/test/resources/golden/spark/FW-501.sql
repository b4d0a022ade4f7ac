-- FW-501 Group of five or more people settling together on three or more days (CO_VISIT_GROUPS)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'GROUP_VISITS')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH RECURSIVE
s AS (SELECT psn_no, fixmedins_code, setl_time, CAST(floor(timestampdiff(SECOND, TIMESTAMP '1970-01-01 00:00:00', setl_time) / 3600) AS BIGINT) AS bucket
      FROM fw_visit WHERE setl_id IS NOT NULL
       AND psn_no IN (SELECT psn_no FROM fw_visit WHERE setl_id IS NOT NULL
                      GROUP BY psn_no HAVING count(DISTINCT setl_date) >= 3)),
busy AS (SELECT fixmedins_code, bucket FROM s GROUP BY fixmedins_code, bucket HAVING count(*) > 100),
sb AS (SELECT s.* FROM s WHERE NOT EXISTS (SELECT 1 FROM busy WHERE busy.fixmedins_code = s.fixmedins_code
                                           AND busy.bucket = s.bucket)),
pair AS (SELECT a.psn_no AS p, b.psn_no AS q, a.fixmedins_code, a.setl_time AS tp, b.setl_time AS tq,
                CAST(least(a.setl_time, b.setl_time) AS DATE) AS day
         FROM sb a
         JOIN (SELECT sb.*, sb.bucket + o.k AS near FROM sb CROSS JOIN (VALUES (-1), (0), (1)) o(k)) b
           ON b.fixmedins_code = a.fixmedins_code AND b.near = a.bucket
         WHERE a.psn_no < b.psn_no AND abs(timestampdiff(SECOND, a.setl_time, b.setl_time)) <= 3600),
edge AS (SELECT p, q FROM pair GROUP BY p, q HAVING count(DISTINCT day) >= 3),
und AS (SELECT p AS a, q AS b FROM edge UNION ALL SELECT q, p FROM edge
        UNION ALL SELECT DISTINCT p, p FROM edge UNION ALL SELECT DISTINCT q, q FROM edge),
lp(it, node, label, changes) AS (
  SELECT DISTINCT 0, a, a, CAST(1 AS BIGINT) FROM und
  UNION ALL
  SELECT it + 1, node, label, CAST(sum(CASE WHEN label < old THEN 1 ELSE 0 END) OVER () AS BIGINT)
  FROM (SELECT x.it, e.b AS node, min(x.label) AS label, min(CASE WHEN e.a = e.b THEN x.label END) AS old
        FROM lp x JOIN und e ON e.a = x.node
        WHERE x.changes > 0 AND x.it < 30
        GROUP BY x.it, e.b)),
comp AS (SELECT node, label FROM lp WHERE it = (SELECT max(it) FROM lp)),
grp AS (SELECT label, count(*) AS members,
               nullif(array_join(transform(sort_array(collect_list(CASE WHEN node IS NOT NULL THEN named_struct('k', node, 'v', node) END), true), x -> x.v), ','), '') AS people
        FROM comp GROUP BY label HAVING count(*) >= 5),
mine AS (SELECT e.p AS psn_no, x.fixmedins_code, x.day, x.tp AS t FROM pair x
         JOIN edge e ON e.p = x.p AND e.q = x.q
         UNION ALL
         SELECT e.q, x.fixmedins_code, x.day, x.tq FROM pair x JOIN edge e ON e.p = x.p AND e.q = x.q),
home AS (SELECT psn_no, fixmedins_code, row_number() OVER (PARTITION BY psn_no
                 ORDER BY count(*) DESC, fixmedins_code) AS rn
         FROM mine GROUP BY psn_no, fixmedins_code),
m AS (SELECT c.node AS psn_no, g.members, g.people, min(mine.day) AS first_day,
             count(DISTINCT mine.day) AS days, min(home.fixmedins_code) AS fixmedins_code,
             nullif(array_join(array_sort(collect_set(date_format(mine.t, 'yyyy-MM-dd HH:mm'))), ', '), '') AS times
      FROM comp c JOIN grp g ON g.label = c.label JOIN mine ON mine.psn_no = c.node
      JOIN home ON home.psn_no = c.node AND home.rn = 1
      GROUP BY c.node, g.members, g.people)
SELECT CAST(m.psn_no AS STRING) AS psn_no,
       CAST(p.certno AS STRING) AS certno,
       CAST(NULL AS STRING) AS mdtrt_id,
       CAST(NULL AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(m.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(m.first_day AS TIMESTAMP) AS occur_time,
       CAST(m.first_day AS DATE) AS occur_date,
       CAST(NULL AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(m.members AS STRING) AS v1,
       CAST(m.people AS STRING) AS v2,
       CAST(m.days AS STRING) AS v3,
       CAST(m.times AS STRING) AS v4,
       CAST(NULL AS STRING) AS insutype,
       CAST(i.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(i.medins_lv AS STRING) AS medins_lv,
       CAST(NULL AS STRING) AS med_type,
       CAST(NULL AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator
FROM m LEFT JOIN fw_person p ON p.psn_no = m.psn_no
LEFT JOIN medins_info i ON i.fixmedins_code = m.fixmedins_code
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
