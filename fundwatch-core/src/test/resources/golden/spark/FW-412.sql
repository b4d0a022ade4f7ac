-- FW-412 Inpatient indicator far above peers or own history (PEER_OUTLIER)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'PEER_OUTLIER')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH lc AS (SELECT l.mdtrt_id, sum(l.amt) AS fee,
              sum(CASE WHEN c.list_type IN ('101', '102') THEN l.amt ELSE 0 END) AS drug,
              sum(CASE WHEN c.list_type = '301' THEN l.amt ELSE 0 END) AS consumable,
              sum(CASE WHEN c.med_chrgitm_type IN ('03', '04') THEN l.amt ELSE 0 END) AS exam,
              sum(CASE WHEN c.list_type = '101' AND l.code LIKE 'XJ01%' THEN l.amt ELSE 0 END) AS antibiotic,
              max(CASE WHEN c.med_chrgitm_type = '06' THEN 1 ELSE 0 END) AS surgery
       FROM fw_line l LEFT JOIN fw_catalog c ON c.hilist_code = l.code
            AND l.fee_date BETWEEN c.begndate AND c.enddate
       GROUP BY l.mdtrt_id),
sc AS (SELECT mdtrt_id, sum(psn_cash_pay) AS cash, sum(medfee_sumamt) AS medfee FROM setl
       GROUP BY mdtrt_id),
st AS (SELECT mdtrt_id, end_date,
              lead(begn_date) OVER (PARTITION BY psn_no, fixmedins_code ORDER BY begn_date, mdtrt_id)
                AS next_begn
       FROM fw_visit WHERE setting = 'INPATIENT' AND setl_id IS NOT NULL),
b AS (SELECT v.fixmedins_code, m.dept_code, m.atddr_no AS dr_code, date_format(v.setl_date, 'yyyy-MM') AS month, v.psn_no,
             v.setting = 'INPATIENT' AS inpatient, v.med_type, greatest(datediff(v.end_date, v.begn_date), 1) AS los,
             coalesce(lc.fee, 0) AS fee, coalesce(lc.drug, 0) AS drug,
             coalesce(lc.consumable, 0) AS consumable, coalesce(lc.exam, 0) AS exam,
             coalesce(lc.antibiotic, 0) AS antibiotic, coalesce(lc.surgery, 0) AS surgery,
             coalesce(sc.cash, 0) AS cash, coalesce(sc.medfee, 0) AS medfee,
             CASE WHEN st.next_begn IS NOT NULL AND datediff(st.next_begn, st.end_date) BETWEEN 0 AND 15 THEN 1 ELSE 0 END
               AS readmitted
      FROM fw_visit v JOIN mdtrt m ON m.mdtrt_id = v.mdtrt_id
      LEFT JOIN lc ON lc.mdtrt_id = v.mdtrt_id
      LEFT JOIN sc ON sc.mdtrt_id = v.mdtrt_id
      LEFT JOIN st ON st.mdtrt_id = v.mdtrt_id
      WHERE v.setl_id IS NOT NULL),
bm AS (SELECT fixmedins_code, month,
       sum(fee) FILTER (WHERE inpatient) AS avg_cost_inpatient_num, count(*) FILTER (WHERE inpatient) AS avg_cost_inpatient_den, count(*) FILTER (WHERE inpatient) AS avg_cost_inpatient_n,
       count(*) FILTER (WHERE inpatient) AS admission_rate_num, count(*) AS admission_rate_den, count(*) AS admission_rate_n,
       sum(los) FILTER (WHERE inpatient) AS avg_los_num, count(*) FILTER (WHERE inpatient) AS avg_los_den, count(*) FILTER (WHERE inpatient) AS avg_los_n
       FROM b GROUP BY fixmedins_code, month),
ind AS (SELECT u.*, i.fixmedins_type, i.medins_lv, coalesce(i.medins_type, '') AS medins_type,
               CAST(substr(u.month, 1, 4) AS INTEGER) * 12 + CAST(substr(u.month, 6, 2) AS INTEGER) AS mno
        FROM (SELECT bm.fixmedins_code, bm.month, k.indicator, CASE k.indicator WHEN 'AVG_COST_INPATIENT' THEN CAST(avg_cost_inpatient_num AS DOUBLE) / nullif(avg_cost_inpatient_den, 0) WHEN 'ADMISSION_RATE' THEN CAST(admission_rate_num AS DOUBLE) / nullif(admission_rate_den, 0) WHEN 'AVG_LOS' THEN CAST(avg_los_num AS DOUBLE) / nullif(avg_los_den, 0) END AS x,
                     CASE k.indicator WHEN 'AVG_COST_INPATIENT' THEN avg_cost_inpatient_n WHEN 'ADMISSION_RATE' THEN admission_rate_n WHEN 'AVG_LOS' THEN avg_los_n END AS n
              FROM bm CROSS JOIN (VALUES ('AVG_COST_INPATIENT'), ('ADMISSION_RATE'), ('AVG_LOS')) k(indicator)) u
        JOIN medins_info i ON i.fixmedins_code = u.fixmedins_code
        WHERE u.x IS NOT NULL),
ok AS (SELECT * FROM ind WHERE n >= 10),
pm AS (SELECT fixmedins_type, medins_lv, medins_type, month, indicator, median(x) AS med, count(*) AS cnt
       FROM ok GROUP BY ALL),
pz AS (SELECT ok.fixmedins_type, ok.medins_lv, ok.medins_type, ok.month, ok.indicator, pm.med, pm.cnt,
              median(abs(ok.x - pm.med)) AS mad
       FROM ok JOIN pm USING (fixmedins_type, medins_lv, medins_type, month, indicator) GROUP BY ALL),
peer AS (SELECT ok.fixmedins_code, ok.month, ok.indicator, ok.x, ok.n, ok.fixmedins_type, ok.medins_lv, ok.medins_type,
                pz.med, pz.mad, pz.cnt - 1 AS others, 'PEER' AS basis
         FROM ok JOIN pz USING (fixmedins_type, medins_lv, medins_type, month, indicator)
         WHERE pz.cnt - 1 >= 3),
hm AS (SELECT o.fixmedins_code, o.indicator, o.month, median(h.x) AS med, count(*) AS cnt
       FROM ok o JOIN ok h ON h.fixmedins_code = o.fixmedins_code AND h.indicator = o.indicator
        AND h.mno BETWEEN o.mno - 6 AND o.mno - 1
       GROUP BY ALL),
hz AS (SELECT o.fixmedins_code, o.indicator, o.month, hm.med, hm.cnt, median(abs(h.x - hm.med)) AS mad
       FROM ok o JOIN hm USING (fixmedins_code, indicator, month)
       JOIN ok h ON h.fixmedins_code = o.fixmedins_code AND h.indicator = o.indicator
        AND h.mno BETWEEN o.mno - 6 AND o.mno - 1
       GROUP BY ALL),
hist AS (SELECT ok.fixmedins_code, ok.month, ok.indicator, ok.x, ok.n, ok.fixmedins_type, ok.medins_lv, ok.medins_type,
                hz.med, hz.mad, hz.cnt AS others, 'HISTORY' AS basis
         FROM ok JOIN hz USING (fixmedins_code, indicator, month) WHERE hz.cnt >= 3),
t AS (SELECT *, (x - med) / (1.4826 * greatest(mad, 0.05 * med)) AS z FROM (SELECT * FROM peer UNION ALL SELECT * FROM hist) WHERE med > 0),
f AS (SELECT fixmedins_code, month, indicator, min(fixmedins_type) AS fixmedins_type,
             min(medins_lv) AS medins_lv, min(x) AS x, min(n) AS n,
             nullif(array_join(transform(sort_array(collect_list(CASE WHEN basis || ' ' || CAST((round((med) * 1E4) / 1E4 + 0.0) AS STRING) || ' ' || CAST((round((z) * 1E2) / 1E2 + 0.0) AS STRING) || ' ' || CAST(others AS STRING) IS NOT NULL THEN named_struct('k', basis, 'v', basis || ' ' || CAST((round((med) * 1E4) / 1E4 + 0.0) AS STRING) || ' ' || CAST((round((z) * 1E2) / 1E2 + 0.0) AS STRING) || ' ' || CAST(others AS STRING)) END), false), x -> x.v), ';'), '') AS tests
      FROM t WHERE z >= 3 AND x >= 1.5 * med
      GROUP BY fixmedins_code, month, indicator)
SELECT CAST(NULL AS STRING) AS psn_no,
       CAST(NULL AS STRING) AS certno,
       CAST(NULL AS STRING) AS mdtrt_id,
       CAST(NULL AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(f.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(CAST(f.month || '-01' AS DATE) AS TIMESTAMP) AS occur_time,
       CAST(CAST(f.month || '-01' AS DATE) AS DATE) AS occur_date,
       CAST(NULL AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST((round((f.x) * 1E4) / 1E4 + 0.0) AS STRING) AS v1,
       CAST(f.n AS STRING) AS v2,
       CAST(f.tests AS STRING) AS v3,
       CAST(NULL AS STRING) AS v4,
       CAST(NULL AS STRING) AS insutype,
       CAST(f.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(f.medins_lv AS STRING) AS medins_lv,
       CAST(NULL AS STRING) AS med_type,
       CAST(NULL AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(f.indicator AS STRING) AS indicator FROM f
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
