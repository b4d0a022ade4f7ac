-- FW-405 Five or more elderly people from one address admitted within two days (INDUCED_ADMISSION)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'INDUCED_ADMISSION')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH a AS (SELECT p.addr, v.* FROM fw_visit v
           JOIN (SELECT psn_no, min(addr) AS addr FROM psn_info WHERE addr IS NOT NULL AND addr <> ''
                 GROUP BY psn_no) p ON p.psn_no = v.psn_no
           WHERE v.setting = 'INPATIENT' AND v.setl_id IS NOT NULL
             AND datediff(v.end_date, v.begn_date) <= 7 AND (year(v.begn_date) - year(v.brdy) - CASE WHEN month(v.begn_date) * 100 + day(v.begn_date) < month(v.brdy) * 100 + day(v.brdy) THEN 1 ELSE 0 END) >= 60),
c AS (SELECT x.mdtrt_id AS anchor, count(DISTINCT y.psn_no) AS people, sum(y.fund_amt) AS amt,
             max(y.begn_date) AS last_day,
             nullif(array_join(array_sort(collect_set(y.psn_no)), ','), '') AS members
      FROM a x JOIN a y ON y.fixmedins_code = x.fixmedins_code AND y.addr = x.addr
       AND y.begn_date >= x.begn_date AND datediff(y.begn_date, x.begn_date) <= 2
      GROUP BY x.mdtrt_id HAVING count(DISTINCT y.psn_no) >= 5),
best AS (SELECT a.fixmedins_code, a.fixmedins_type, a.medins_lv, a.addr, a.begn_date, a.begntime, c.*,
                row_number() OVER (PARTITION BY a.fixmedins_code, date_format(a.begn_date, 'yyyy-MM')
                                   ORDER BY c.people DESC, a.begn_date, a.addr, c.anchor) AS rn
         FROM c JOIN a ON a.mdtrt_id = c.anchor)
SELECT CAST(NULL AS STRING) AS psn_no,
       CAST(NULL AS STRING) AS certno,
       CAST(NULL AS STRING) AS mdtrt_id,
       CAST(NULL AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(best.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(best.begntime AS TIMESTAMP) AS occur_time,
       CAST(best.begn_date AS DATE) AS occur_date,
       CAST(best.amt AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(best.people AS STRING) AS v1,
       CAST(CAST(best.begn_date AS STRING) || '–' || CAST(best.last_day AS STRING) AS STRING) AS v2,
       CAST(best.addr AS STRING) AS v3,
       CAST(best.members AS STRING) AS v4,
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
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
