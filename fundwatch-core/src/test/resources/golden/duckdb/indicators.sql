-- the indicator table (指标表)
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
b AS (SELECT v.fixmedins_code, m.dept_code, m.atddr_no AS dr_code, strftime(v.setl_date, '%Y-%m') AS month, v.psn_no,
             v.setting = 'INPATIENT' AS inpatient, v.med_type, greatest(date_diff('day', v.begn_date, v.end_date), 1) AS los,
             coalesce(lc.fee, 0) AS fee, coalesce(lc.drug, 0) AS drug,
             coalesce(lc.consumable, 0) AS consumable, coalesce(lc.exam, 0) AS exam,
             coalesce(lc.antibiotic, 0) AS antibiotic, coalesce(lc.surgery, 0) AS surgery,
             coalesce(sc.cash, 0) AS cash, coalesce(sc.medfee, 0) AS medfee,
             CASE WHEN st.next_begn IS NOT NULL AND date_diff('day', st.end_date, st.next_begn) BETWEEN 0 AND 15 THEN 1 ELSE 0 END
               AS readmitted
      FROM fw_visit v JOIN mdtrt m ON m.mdtrt_id = v.mdtrt_id
      LEFT JOIN lc ON lc.mdtrt_id = v.mdtrt_id
      LEFT JOIN sc ON sc.mdtrt_id = v.mdtrt_id
      LEFT JOIN st ON st.mdtrt_id = v.mdtrt_id
      WHERE v.setl_id IS NOT NULL),
w AS (SELECT 'INSTITUTION' AS unit_level, fixmedins_code, '' AS dept_code, '' AS dr_code, month,
  count(*) AS visits_num, 1 AS visits_den, count(*) AS visits_n,
  count(DISTINCT psn_no) AS patients_num, 1 AS patients_den, count(*) AS patients_n,
  sum(fee) AS avg_cost_num, count(*) AS avg_cost_den, count(*) AS avg_cost_n,
  sum(fee) FILTER (WHERE NOT inpatient) AS avg_cost_outpatient_num, count(*) FILTER (WHERE NOT inpatient) AS avg_cost_outpatient_den, count(*) FILTER (WHERE NOT inpatient) AS avg_cost_outpatient_n,
  sum(fee) FILTER (WHERE inpatient) AS avg_cost_inpatient_num, count(*) FILTER (WHERE inpatient) AS avg_cost_inpatient_den, count(*) FILTER (WHERE inpatient) AS avg_cost_inpatient_n,
  sum(drug) AS avg_drug_cost_num, count(*) AS avg_drug_cost_den, count(*) AS avg_drug_cost_n,
  sum(consumable) AS avg_consumable_cost_num, count(*) AS avg_consumable_cost_den, count(*) AS avg_consumable_cost_n,
  sum(exam) AS avg_exam_cost_num, count(*) AS avg_exam_cost_den, count(*) AS avg_exam_cost_n,
  sum(drug) AS drug_share_num, sum(fee) AS drug_share_den, count(*) AS drug_share_n,
  sum(consumable) AS consumable_share_num, sum(fee) AS consumable_share_den, count(*) AS consumable_share_n,
  count(*) AS visits_per_patient_num, count(DISTINCT psn_no) AS visits_per_patient_den, count(*) AS visits_per_patient_n,
  count(*) FILTER (WHERE inpatient) AS admission_rate_num, count(*) AS admission_rate_den, count(*) AS admission_rate_n,
  sum(los) FILTER (WHERE inpatient) AS avg_los_num, count(*) FILTER (WHERE inpatient) AS avg_los_den, count(*) FILTER (WHERE inpatient) AS avg_los_n,
  sum(readmitted) FILTER (WHERE inpatient) AS readmission_rate_num, count(*) FILTER (WHERE inpatient) AS readmission_rate_den, count(*) FILTER (WHERE inpatient) AS readmission_rate_n,
  count(*) FILTER (WHERE med_type = '24') AS referral_rate_num, count(*) FILTER (WHERE inpatient) AS referral_rate_den, count(*) FILTER (WHERE inpatient) AS referral_rate_n,
  sum(cash) AS cash_share_num, sum(medfee) AS cash_share_den, count(*) AS cash_share_n,
  sum(antibiotic) AS antibiotic_share_num, sum(drug) AS antibiotic_share_den, count(*) AS antibiotic_share_n,
  sum(surgery) FILTER (WHERE inpatient) AS surgery_rate_num, count(*) FILTER (WHERE inpatient) AS surgery_rate_den, count(*) FILTER (WHERE inpatient) AS surgery_rate_n
FROM b GROUP BY fixmedins_code, month
UNION ALL
SELECT 'DEPARTMENT', fixmedins_code, dept_code, '', month,
  count(*) AS visits_num, 1 AS visits_den, count(*) AS visits_n,
  count(DISTINCT psn_no) AS patients_num, 1 AS patients_den, count(*) AS patients_n,
  sum(fee) AS avg_cost_num, count(*) AS avg_cost_den, count(*) AS avg_cost_n,
  sum(fee) FILTER (WHERE NOT inpatient) AS avg_cost_outpatient_num, count(*) FILTER (WHERE NOT inpatient) AS avg_cost_outpatient_den, count(*) FILTER (WHERE NOT inpatient) AS avg_cost_outpatient_n,
  sum(fee) FILTER (WHERE inpatient) AS avg_cost_inpatient_num, count(*) FILTER (WHERE inpatient) AS avg_cost_inpatient_den, count(*) FILTER (WHERE inpatient) AS avg_cost_inpatient_n,
  sum(drug) AS avg_drug_cost_num, count(*) AS avg_drug_cost_den, count(*) AS avg_drug_cost_n,
  sum(consumable) AS avg_consumable_cost_num, count(*) AS avg_consumable_cost_den, count(*) AS avg_consumable_cost_n,
  sum(exam) AS avg_exam_cost_num, count(*) AS avg_exam_cost_den, count(*) AS avg_exam_cost_n,
  sum(drug) AS drug_share_num, sum(fee) AS drug_share_den, count(*) AS drug_share_n,
  sum(consumable) AS consumable_share_num, sum(fee) AS consumable_share_den, count(*) AS consumable_share_n,
  count(*) AS visits_per_patient_num, count(DISTINCT psn_no) AS visits_per_patient_den, count(*) AS visits_per_patient_n,
  count(*) FILTER (WHERE inpatient) AS admission_rate_num, count(*) AS admission_rate_den, count(*) AS admission_rate_n,
  sum(los) FILTER (WHERE inpatient) AS avg_los_num, count(*) FILTER (WHERE inpatient) AS avg_los_den, count(*) FILTER (WHERE inpatient) AS avg_los_n,
  sum(readmitted) FILTER (WHERE inpatient) AS readmission_rate_num, count(*) FILTER (WHERE inpatient) AS readmission_rate_den, count(*) FILTER (WHERE inpatient) AS readmission_rate_n,
  count(*) FILTER (WHERE med_type = '24') AS referral_rate_num, count(*) FILTER (WHERE inpatient) AS referral_rate_den, count(*) FILTER (WHERE inpatient) AS referral_rate_n,
  sum(cash) AS cash_share_num, sum(medfee) AS cash_share_den, count(*) AS cash_share_n,
  sum(antibiotic) AS antibiotic_share_num, sum(drug) AS antibiotic_share_den, count(*) AS antibiotic_share_n,
  sum(surgery) FILTER (WHERE inpatient) AS surgery_rate_num, count(*) FILTER (WHERE inpatient) AS surgery_rate_den, count(*) FILTER (WHERE inpatient) AS surgery_rate_n
FROM b WHERE dept_code IS NOT NULL GROUP BY fixmedins_code, dept_code, month
UNION ALL
SELECT 'PHYSICIAN', fixmedins_code, '', dr_code, month,
  count(*) AS visits_num, 1 AS visits_den, count(*) AS visits_n,
  count(DISTINCT psn_no) AS patients_num, 1 AS patients_den, count(*) AS patients_n,
  sum(fee) AS avg_cost_num, count(*) AS avg_cost_den, count(*) AS avg_cost_n,
  sum(fee) FILTER (WHERE NOT inpatient) AS avg_cost_outpatient_num, count(*) FILTER (WHERE NOT inpatient) AS avg_cost_outpatient_den, count(*) FILTER (WHERE NOT inpatient) AS avg_cost_outpatient_n,
  sum(fee) FILTER (WHERE inpatient) AS avg_cost_inpatient_num, count(*) FILTER (WHERE inpatient) AS avg_cost_inpatient_den, count(*) FILTER (WHERE inpatient) AS avg_cost_inpatient_n,
  sum(drug) AS avg_drug_cost_num, count(*) AS avg_drug_cost_den, count(*) AS avg_drug_cost_n,
  sum(consumable) AS avg_consumable_cost_num, count(*) AS avg_consumable_cost_den, count(*) AS avg_consumable_cost_n,
  sum(exam) AS avg_exam_cost_num, count(*) AS avg_exam_cost_den, count(*) AS avg_exam_cost_n,
  sum(drug) AS drug_share_num, sum(fee) AS drug_share_den, count(*) AS drug_share_n,
  sum(consumable) AS consumable_share_num, sum(fee) AS consumable_share_den, count(*) AS consumable_share_n,
  count(*) AS visits_per_patient_num, count(DISTINCT psn_no) AS visits_per_patient_den, count(*) AS visits_per_patient_n,
  count(*) FILTER (WHERE inpatient) AS admission_rate_num, count(*) AS admission_rate_den, count(*) AS admission_rate_n,
  sum(los) FILTER (WHERE inpatient) AS avg_los_num, count(*) FILTER (WHERE inpatient) AS avg_los_den, count(*) FILTER (WHERE inpatient) AS avg_los_n,
  sum(readmitted) FILTER (WHERE inpatient) AS readmission_rate_num, count(*) FILTER (WHERE inpatient) AS readmission_rate_den, count(*) FILTER (WHERE inpatient) AS readmission_rate_n,
  count(*) FILTER (WHERE med_type = '24') AS referral_rate_num, count(*) FILTER (WHERE inpatient) AS referral_rate_den, count(*) FILTER (WHERE inpatient) AS referral_rate_n,
  sum(cash) AS cash_share_num, sum(medfee) AS cash_share_den, count(*) AS cash_share_n,
  sum(antibiotic) AS antibiotic_share_num, sum(drug) AS antibiotic_share_den, count(*) AS antibiotic_share_n,
  sum(surgery) FILTER (WHERE inpatient) AS surgery_rate_num, count(*) FILTER (WHERE inpatient) AS surgery_rate_den, count(*) FILTER (WHERE inpatient) AS surgery_rate_n
FROM b WHERE dr_code IS NOT NULL GROUP BY fixmedins_code, dr_code, month),
lf AS (
SELECT w.unit_level, w.fixmedins_code, w.dept_code, w.dr_code, w.month, k.indicator,
       CASE k.indicator WHEN 'VISITS' THEN CAST(visits_num AS DOUBLE) / nullif(visits_den, 0) WHEN 'PATIENTS' THEN CAST(patients_num AS DOUBLE) / nullif(patients_den, 0) WHEN 'AVG_COST' THEN CAST(avg_cost_num AS DOUBLE) / nullif(avg_cost_den, 0) WHEN 'AVG_COST_OUTPATIENT' THEN CAST(avg_cost_outpatient_num AS DOUBLE) / nullif(avg_cost_outpatient_den, 0) WHEN 'AVG_COST_INPATIENT' THEN CAST(avg_cost_inpatient_num AS DOUBLE) / nullif(avg_cost_inpatient_den, 0) WHEN 'AVG_DRUG_COST' THEN CAST(avg_drug_cost_num AS DOUBLE) / nullif(avg_drug_cost_den, 0) WHEN 'AVG_CONSUMABLE_COST' THEN CAST(avg_consumable_cost_num AS DOUBLE) / nullif(avg_consumable_cost_den, 0) WHEN 'AVG_EXAM_COST' THEN CAST(avg_exam_cost_num AS DOUBLE) / nullif(avg_exam_cost_den, 0) WHEN 'DRUG_SHARE' THEN CAST(drug_share_num AS DOUBLE) / nullif(drug_share_den, 0) WHEN 'CONSUMABLE_SHARE' THEN CAST(consumable_share_num AS DOUBLE) / nullif(consumable_share_den, 0) WHEN 'VISITS_PER_PATIENT' THEN CAST(visits_per_patient_num AS DOUBLE) / nullif(visits_per_patient_den, 0) WHEN 'ADMISSION_RATE' THEN CAST(admission_rate_num AS DOUBLE) / nullif(admission_rate_den, 0) WHEN 'AVG_LOS' THEN CAST(avg_los_num AS DOUBLE) / nullif(avg_los_den, 0) WHEN 'READMISSION_RATE' THEN CAST(readmission_rate_num AS DOUBLE) / nullif(readmission_rate_den, 0) WHEN 'REFERRAL_RATE' THEN CAST(referral_rate_num AS DOUBLE) / nullif(referral_rate_den, 0) WHEN 'CASH_SHARE' THEN CAST(cash_share_num AS DOUBLE) / nullif(cash_share_den, 0) WHEN 'ANTIBIOTIC_SHARE' THEN CAST(antibiotic_share_num AS DOUBLE) / nullif(antibiotic_share_den, 0) WHEN 'SURGERY_RATE' THEN CAST(surgery_rate_num AS DOUBLE) / nullif(surgery_rate_den, 0) END AS x,
       CASE k.indicator WHEN 'VISITS' THEN visits_n WHEN 'PATIENTS' THEN patients_n WHEN 'AVG_COST' THEN avg_cost_n WHEN 'AVG_COST_OUTPATIENT' THEN avg_cost_outpatient_n WHEN 'AVG_COST_INPATIENT' THEN avg_cost_inpatient_n WHEN 'AVG_DRUG_COST' THEN avg_drug_cost_n WHEN 'AVG_CONSUMABLE_COST' THEN avg_consumable_cost_n WHEN 'AVG_EXAM_COST' THEN avg_exam_cost_n WHEN 'DRUG_SHARE' THEN drug_share_n WHEN 'CONSUMABLE_SHARE' THEN consumable_share_n WHEN 'VISITS_PER_PATIENT' THEN visits_per_patient_n WHEN 'ADMISSION_RATE' THEN admission_rate_n WHEN 'AVG_LOS' THEN avg_los_n WHEN 'READMISSION_RATE' THEN readmission_rate_n WHEN 'REFERRAL_RATE' THEN referral_rate_n WHEN 'CASH_SHARE' THEN cash_share_n WHEN 'ANTIBIOTIC_SHARE' THEN antibiotic_share_n WHEN 'SURGERY_RATE' THEN surgery_rate_n END AS n
FROM w CROSS JOIN (VALUES ('VISITS'), ('PATIENTS'), ('AVG_COST'), ('AVG_COST_OUTPATIENT'), ('AVG_COST_INPATIENT'), ('AVG_DRUG_COST'), ('AVG_CONSUMABLE_COST'), ('AVG_EXAM_COST'), ('DRUG_SHARE'), ('CONSUMABLE_SHARE'), ('VISITS_PER_PATIENT'), ('ADMISSION_RATE'), ('AVG_LOS'), ('READMISSION_RATE'), ('REFERRAL_RATE'), ('CASH_SHARE'), ('ANTIBIOTIC_SHARE'), ('SURGERY_RATE')) k(indicator)
),
u AS (SELECT lf.*, coalesce(i.fixmedins_type, '') AS fixmedins_type,
             coalesce(i.medins_lv, '') AS medins_lv, coalesce(i.medins_type, '') AS medins_type
      FROM lf JOIN medins_info i ON i.fixmedins_code = lf.fixmedins_code
      WHERE lf.x IS NOT NULL),
pm AS (SELECT unit_level, dept_code, fixmedins_type, medins_lv, medins_type, month, indicator, median(x) AS med, count(*) AS cnt FROM u WHERE n >= 10
       GROUP BY unit_level, dept_code, fixmedins_type, medins_lv, medins_type, month, indicator),
p AS (SELECT pm.unit_level, pm.dept_code, pm.fixmedins_type, pm.medins_lv, pm.medins_type, pm.month,
             pm.indicator, pm.med, pm.cnt, median(abs(u.x - pm.med)) AS mad
      FROM pm JOIN u ON u.n >= 10 AND pm.unit_level = u.unit_level AND pm.dept_code = u.dept_code AND pm.fixmedins_type = u.fixmedins_type AND pm.medins_lv = u.medins_lv AND pm.medins_type = u.medins_type AND pm.month = u.month AND pm.indicator = u.indicator
      GROUP BY pm.unit_level, pm.dept_code, pm.fixmedins_type, pm.medins_lv, pm.medins_type, pm.month,
               pm.indicator, pm.med, pm.cnt)
SELECT u.unit_level, u.fixmedins_code, u.dept_code, u.dr_code, u.month, u.indicator,
       (round(u.x, 4) + 0.0) AS value, u.n AS denominator_count, u.fixmedins_type, u.medins_lv,
       u.medins_type, coalesce(p.cnt, 0) AS peers, (round(p.med, 4) + 0.0) AS peer_median,
       (round(p.mad, 4) + 0.0) AS peer_mad,
       CASE WHEN u.n >= 10 AND p.cnt - 1 >= 3
            THEN (round((u.x - p.med) / nullif(1.4826 * greatest(p.mad, 0.05 * p.med), 0), 3) + 0.0) END
         AS robust_z
FROM u LEFT JOIN p ON p.unit_level = u.unit_level AND p.dept_code = u.dept_code AND p.fixmedins_type = u.fixmedins_type AND p.medins_lv = u.medins_lv AND p.medins_type = u.medins_type AND p.month = u.month AND p.indicator = u.indicator
ORDER BY u.unit_level, u.fixmedins_code, u.dept_code, u.dr_code, u.month, u.indicator;
