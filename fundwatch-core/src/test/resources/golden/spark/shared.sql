-- fw_person
CACHE TABLE fw_person AS
SELECT psn_no, min(certno) AS certno, min(gend) AS gend, min(brdy) AS brdy
FROM psn_info GROUP BY psn_no;

-- fw_setl
CACHE TABLE fw_setl AS
SELECT s.mdtrt_id, sum(s.medfee_sumamt) AS net_fee, count(*) AS n_setl,
       sum(s.fund_pay_sumamt) AS net_fund, sum(s.acct_pay) AS net_acct,
       min(CASE WHEN e.setl_id IS NOT NULL THEN s.setl_id END) AS setl_id,
       min(CASE WHEN e.setl_id IS NOT NULL THEN s.setl_time END) AS setl_time
FROM setl s
LEFT JOIN (SELECT x.setl_id FROM setl x
           WHERE coalesce(x.refd_setl_flag, '0') <> '1'
             AND x.setl_id NOT IN (SELECT init_setl_id FROM setl WHERE init_setl_id IS NOT NULL)) e
       ON e.setl_id = s.setl_id
GROUP BY s.mdtrt_id;

-- fw_visit
CACHE TABLE fw_visit AS
SELECT m.mdtrt_id, m.psn_no, p.certno, p.gend, p.brdy, m.fixmedins_code, i.fixmedins_type,
       i.medins_lv, i.lat, i.lon, i.bed_cnt, m.med_type, CASE WHEN m.med_type LIKE '52%' THEN 'INPATIENT' WHEN m.med_type LIKE '41%' THEN 'PHARMACY' WHEN m.med_type LIKE '2%' THEN 'INPATIENT' ELSE 'OUTPATIENT' END AS setting, m.insutype,
       m.begntime, m.endtime, CAST(m.begntime AS DATE) AS begn_date,
       CAST(coalesce(m.endtime, m.begntime) AS DATE) AS end_date,
       coalesce(m.dscg_maindiag_code, d.diag_code) AS maindiag_code,
       upper(replace(coalesce(m.dscg_maindiag_code, d.diag_code, ''), '.', '')) AS maindiag,
       s.setl_id, coalesce(s.setl_time, m.endtime, m.begntime) AS setl_time,
       CAST(coalesce(s.setl_time, m.endtime, m.begntime) AS DATE) AS setl_date,
       CAST(coalesce(s.net_fund, 0) + coalesce(s.net_acct, 0) AS DECIMAL(18,2)) AS fund_amt
FROM mdtrt m
LEFT JOIN fw_person p ON p.psn_no = m.psn_no
LEFT JOIN medins_info i ON i.fixmedins_code = m.fixmedins_code
LEFT JOIN fw_setl s ON s.mdtrt_id = m.mdtrt_id
LEFT JOIN (SELECT mdtrt_id, min(diag_code) AS diag_code FROM diseinfo WHERE maindiag_flag = '1'
           GROUP BY mdtrt_id) d ON d.mdtrt_id = m.mdtrt_id
WHERE NOT (coalesce(s.n_setl, 0) > 1 AND s.net_fee = 0);

-- fw_same_day_visits
CACHE TABLE fw_same_day_visits AS
SELECT v.mdtrt_id
FROM fw_visit v
JOIN (SELECT psn_no, fixmedins_code, begn_date FROM fw_visit WHERE setting <> 'INPATIENT'
      GROUP BY psn_no, fixmedins_code, begn_date HAVING count(*) > 1) g
  ON g.psn_no = v.psn_no AND g.fixmedins_code = v.fixmedins_code AND g.begn_date = v.begn_date
WHERE v.setting <> 'INPATIENT';

-- fw_refund
CACHE TABLE fw_refund AS
SELECT init_feedetl_sn AS sn, sum(cnt) AS cnt, sum(det_item_fee_sumamt) AS amt,
       sum(coalesce(inscp_scp_amt, det_item_fee_sumamt)) AS inscp
FROM feedetail WHERE init_feedetl_sn IS NOT NULL GROUP BY init_feedetl_sn;

-- fw_line
CREATE OR REPLACE TEMPORARY VIEW fw_line AS
SELECT f.feedetl_sn, f.mdtrt_id, f.psn_no, f.setl_id, f.fee_ocur_time AS fee_time,
       CAST(f.fee_ocur_time AS DATE) AS fee_date, f.med_list_codg AS code, f.medins_list_name,
       f.cnt + coalesce(r.cnt, 0) AS cnt, f.pric,
       f.det_item_fee_sumamt + coalesce(r.amt, 0) AS amt,
       coalesce(f.inscp_scp_amt, f.det_item_fee_sumamt) + coalesce(r.inscp, 0) AS exposed,
       f.fulamt_ownpay_amt AS ownpay, f.rxno
FROM feedetail f LEFT JOIN fw_refund r ON r.sn = f.feedetl_sn
WHERE f.init_feedetl_sn IS NULL AND f.cnt + coalesce(r.cnt, 0) > 0;

-- fw_diag
CACHE TABLE fw_diag AS
SELECT mdtrt_id, upper(replace(diag_code, '.', '')) AS diag FROM diseinfo
UNION
SELECT mdtrt_id, upper(replace(dscg_maindiag_code, '.', '')) FROM mdtrt
WHERE dscg_maindiag_code IS NOT NULL;

-- fw_catalog
CACHE TABLE fw_catalog AS
SELECT hilist_code, hilist_name, list_type, chrgitm_lv, med_chrgitm_type, hilist_pric_uplmt_amt AS cap,
       begndate, coalesce(enddate, DATE '9999-12-31') AS enddate
FROM med_list;

-- fw_kp_limit
CACHE TABLE fw_kp_limit AS
SELECT kp_id, hilist_code, lmt_type, lmt_value, coalesce(begndate, DATE '0001-01-01') AS begndate,
       coalesce(enddate, DATE '9999-12-31') AS enddate, basis
FROM kb_item_limit;

-- fw_kp_pair
CACHE TABLE fw_kp_pair AS
SELECT kp_id, hilist_code_a, hilist_code_b, relation, coalesce(scope, 'SAME_VISIT') AS scope,
       coalesce(begndate, DATE '0001-01-01') AS begndate, coalesce(enddate, DATE '9999-12-31') AS enddate, basis
FROM kb_item_pair;

-- fw_kp_items
CACHE TABLE fw_kp_items AS
SELECT hilist_code AS code FROM fw_kp_limit WHERE lmt_type <> 'ROUTINE'
UNION SELECT hilist_code_a FROM fw_kp_pair
UNION SELECT hilist_code_b FROM fw_kp_pair;

-- fw_approval
CACHE TABLE fw_approval AS
SELECT aprv_no, psn_no, hilist_code, vola_bhvr_type, begndate, coalesce(enddate, DATE '9999-12-31') AS enddate
FROM psn_approval;

-- fw_p_dup
CACHE TABLE fw_p_dup AS
SELECT l.*, v.certno, v.fixmedins_code, v.fixmedins_type, v.medins_lv, v.med_type, v.setting,
       v.insutype, v.setl_date, coalesce(c.hilist_name, l.medins_list_name) AS hilist_name
FROM fw_line l
JOIN (SELECT xxhash64(mdtrt_id, med_list_codg, fee_ocur_time) AS h FROM feedetail WHERE init_feedetl_sn IS NULL
      GROUP BY 1 HAVING count(*) > 1) d ON d.h = xxhash64(l.mdtrt_id, l.code, l.fee_time)
JOIN fw_visit v ON v.mdtrt_id = l.mdtrt_id
LEFT JOIN fw_catalog c ON c.hilist_code = l.code AND l.fee_date BETWEEN c.begndate AND c.enddate;

-- fw_p_day
CACHE TABLE fw_p_day AS
SELECT DISTINCT l.mdtrt_id, l.fee_date
FROM fw_line l
JOIN fw_visit v ON v.mdtrt_id = l.mdtrt_id AND v.setting = 'INPATIENT'
LEFT JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = 'ROUTINE'
     AND k.lmt_value = '1' AND l.fee_date BETWEEN k.begndate AND k.enddate
WHERE k.kp_id IS NULL;

-- fw_p_line
CACHE TABLE fw_p_line AS
WITH cand AS (
  SELECT l.feedetl_sn, l.mdtrt_id, l.psn_no, l.setl_id, l.fee_time, l.fee_date, l.code, l.cnt,
         l.pric, l.amt, l.exposed, l.ownpay, l.rxno,
         coalesce(c.hilist_name, l.medins_list_name) AS hilist_name, c.list_type,
         c.chrgitm_lv, c.cap, c.begndate AS cap_from, c.hilist_code IS NOT NULL AS in_catalog
  FROM fw_line l
  LEFT JOIN fw_catalog c ON c.hilist_code = l.code AND l.fee_date BETWEEN c.begndate AND c.enddate
  WHERE c.hilist_code IS NULL OR l.pric > c.cap OR (c.chrgitm_lv = '03' AND l.ownpay < l.amt)
     OR c.list_type = '102' OR l.code IN (SELECT code FROM fw_kp_items)
     OR l.mdtrt_id IN (SELECT mdtrt_id FROM fw_same_day_visits))
SELECT cand.*, v.certno, v.gend, v.brdy, v.fixmedins_code, v.fixmedins_type, v.medins_lv,
       v.med_type, v.setting, v.insutype,
       v.mdtrt_id IN (SELECT mdtrt_id FROM fw_same_day_visits) AS same_day_repeat,
       v.begntime AS visit_time, v.begn_date,
       v.end_date, v.setl_date, v.maindiag_code
FROM cand JOIN fw_visit v ON v.mdtrt_id = cand.mdtrt_id;
