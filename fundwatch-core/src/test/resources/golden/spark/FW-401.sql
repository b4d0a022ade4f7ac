-- FW-401 Pharmacy settlements outside business hours or bunched at opening and closing (OFF_HOURS)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'OFF_HOURS_SETTLEMENT')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH s AS (SELECT x.*, (hour(x.setl_time) * 60 + minute(x.setl_time)) AS mod, (CAST(substr(i.open_time, 1, 2) AS INT) * 60 + CAST(substr(i.open_time, 4, 2) AS INT)) AS open_min, (CAST(substr(i.close_time, 1, 2) AS INT) * 60 + CAST(substr(i.close_time, 4, 2) AS INT)) AS close_min, i.open_time, i.close_time
           FROM (SELECT v.*, CAST(s.net_fee AS DECIMAL(18,2)) AS fee FROM fw_visit v JOIN fw_setl s ON s.mdtrt_id = v.mdtrt_id
 WHERE v.setl_id IS NOT NULL) x JOIN medins_info i ON i.fixmedins_code = x.fixmedins_code
           WHERE x.fixmedins_type = '2' AND i.open_time IS NOT NULL AND i.close_time IS NOT NULL),
m AS (SELECT fixmedins_code, date_format(s.setl_date, 'yyyy-MM') AS month, min(fixmedins_type) AS fixmedins_type,
             min(medins_lv) AS medins_lv, min(open_time) AS open_time, min(close_time) AS close_time,
             count(*) AS n,
             count(*) FILTER (WHERE mod < open_min OR mod > close_min) AS n_out,
             sum(fund_amt) FILTER (WHERE mod < open_min OR mod > close_min) AS amt_out,
             min(setl_date) FILTER (WHERE mod < open_min OR mod > close_min) AS first_out,
             nullif(array_join(transform(sort_array(collect_list(CASE WHEN CASE WHEN mod < open_min OR mod > close_min THEN date_format(setl_time, 'MM-dd HH:mm') END IS NOT NULL THEN named_struct('k', setl_time, 'v', CASE WHEN mod < open_min OR mod > close_min THEN date_format(setl_time, 'MM-dd HH:mm') END) END), true), x -> x.v), ', '), '') AS times_out,
             count(*) FILTER (WHERE mod >= open_min AND mod < open_min + 60
                                 OR mod <= close_min AND mod > close_min - 60) * 1.0 / count(*) AS edge,
             min(setl_date) AS first_day
      FROM s GROUP BY fixmedins_code, date_format(setl_date, 'yyyy-MM')),
p AS (SELECT month, median(edge) AS med FROM m WHERE n >= 20 GROUP BY month),
q AS (SELECT m.month, median(abs(m.edge - p.med)) AS mad, count(*) AS peers
      FROM m JOIN p ON p.month = m.month WHERE m.n >= 20 GROUP BY m.month),
z AS (SELECT m.*, p.med, q.peers,
             (m.edge - p.med) / (1.4826 * greatest(q.mad, 0.05 * p.med)) AS z
      FROM m JOIN p ON p.month = m.month JOIN q ON q.month = m.month
      WHERE m.n >= 20 AND p.med > 0),
hit AS (SELECT fixmedins_code, fixmedins_type, medins_lv, first_out AS day, amt_out AS amt,
               'OUTSIDE' AS kind, CAST(n_out AS STRING) AS a, CAST(n AS STRING) AS b,
               substr(CAST(open_time AS STRING), 1, 5) || '–' || substr(CAST(close_time AS STRING), 1, 5) || ' ' || times_out AS c
        FROM m WHERE n_out > 0
        UNION ALL
        SELECT fixmedins_code, fixmedins_type, medins_lv, first_day, NULL, 'EDGE',
               CAST((round((edge) * 1E4) / 1E4 + 0.0) AS STRING), CAST((round((med) * 1E4) / 1E4 + 0.0) AS STRING),
               CAST((round((z) * 1E2) / 1E2 + 0.0) AS STRING) || ' ' || CAST(n AS STRING) || ' ' || CAST(peers AS STRING)
        FROM z WHERE z >= 3 AND edge >= 2 * med)
SELECT CAST(NULL AS STRING) AS psn_no,
       CAST(NULL AS STRING) AS certno,
       CAST(NULL AS STRING) AS mdtrt_id,
       CAST(NULL AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(hit.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(hit.day AS TIMESTAMP) AS occur_time,
       CAST(hit.day AS DATE) AS occur_date,
       CAST(hit.amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(hit.kind AS STRING) AS v1,
       CAST(hit.a AS STRING) AS v2,
       CAST(hit.b AS STRING) AS v3,
       CAST(hit.c AS STRING) AS v4,
       CAST(NULL AS STRING) AS insutype,
       CAST(hit.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(hit.medins_lv AS STRING) AS medins_lv,
       CAST(NULL AS STRING) AS med_type,
       CAST(NULL AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM hit
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31' AND r.fixmedins_type IN ('2');
