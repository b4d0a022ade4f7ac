-- FW-404 One drug traceability code sold in two settlements (TRACE_CODE_REUSE)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'TRACE_CODE_REUSE')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH l AS (SELECT f.drug_trac_codg AS trac, x.*, v.certno, v.fixmedins_code, v.fixmedins_type,
                  v.medins_lv, v.med_type, v.setting, v.insutype, v.setl_date,
                  x.medins_list_name AS hilist_name,
                  coalesce(x.setl_id, v.setl_id, x.mdtrt_id) AS setl_key
           FROM feedetail f JOIN fw_line x ON x.feedetl_sn = f.feedetl_sn
           JOIN fw_visit v ON v.mdtrt_id = x.mdtrt_id
           WHERE f.drug_trac_codg IS NOT NULL AND f.drug_trac_codg <> ''
             AND f.drug_trac_codg IN (SELECT drug_trac_codg FROM feedetail
                                      WHERE drug_trac_codg IS NOT NULL AND init_feedetl_sn IS NULL
                                      GROUP BY drug_trac_codg HAVING count(*) > 1)),
o AS (SELECT l.*, first_value(setl_key) OVER w AS first_setl, first_value(feedetl_sn) OVER w AS first_sn,
             first_value(fee_time) OVER w AS first_time, first_value(fixmedins_code) OVER w AS first_inst
      FROM l WINDOW w AS (PARTITION BY trac ORDER BY fee_time, feedetl_sn)),
t AS (SELECT * FROM o WHERE setl_key <> first_setl)
SELECT CAST(t.psn_no AS STRING) AS psn_no,
       CAST(t.certno AS STRING) AS certno,
       CAST(t.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(t.setl_id AS STRING) AS setl_id,
       CAST(t.feedetl_sn AS STRING) AS feedetl_sn,
       CAST(t.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(t.code AS STRING) AS hilist_code,
       CAST(t.hilist_name AS STRING) AS hilist_name,
       CAST(t.fee_time AS TIMESTAMP) AS occur_time,
       CAST(t.setl_date AS DATE) AS occur_date,
       CAST(t.exposed AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(t.trac AS STRING) AS v1,
       CAST(t.first_sn AS STRING) AS v2,
       CAST(date_format(t.first_time, 'yyyy-MM-dd HH:mm') AS STRING) AS v3,
       CAST(t.first_inst AS STRING) AS v4,
       CAST(t.insutype AS STRING) AS insutype,
       CAST(t.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(t.medins_lv AS STRING) AS medins_lv,
       CAST(t.med_type AS STRING) AS med_type,
       CAST(t.setting AS STRING) AS setting,
       CAST(t.feedetl_sn AS STRING) AS line_sn,
       CAST(1 AS INTEGER) AS line_role,
       CAST(t.exposed AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM t
UNION ALL
SELECT CAST(t.psn_no AS STRING) AS psn_no,
       CAST(t.certno AS STRING) AS certno,
       CAST(t.mdtrt_id AS STRING) AS mdtrt_id,
       CAST(t.setl_id AS STRING) AS setl_id,
       CAST(t.feedetl_sn AS STRING) AS feedetl_sn,
       CAST(t.fixmedins_code AS STRING) AS fixmedins_code,
       CAST(t.code AS STRING) AS hilist_code,
       CAST(t.hilist_name AS STRING) AS hilist_name,
       CAST(t.fee_time AS TIMESTAMP) AS occur_time,
       CAST(t.setl_date AS DATE) AS occur_date,
       CAST(t.exposed AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(NULL AS STRING) AS basis,
       CAST(t.trac AS STRING) AS v1,
       CAST(t.first_sn AS STRING) AS v2,
       CAST(date_format(t.first_time, 'yyyy-MM-dd HH:mm') AS STRING) AS v3,
       CAST(t.first_inst AS STRING) AS v4,
       CAST(t.insutype AS STRING) AS insutype,
       CAST(t.fixmedins_type AS STRING) AS fixmedins_type,
       CAST(t.medins_lv AS STRING) AS medins_lv,
       CAST(t.med_type AS STRING) AS med_type,
       CAST(t.setting AS STRING) AS setting,
       CAST(f.feedetl_sn AS STRING) AS line_sn,
       CAST(2 AS INTEGER) AS line_role,
       CAST(0 AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM t JOIN o f ON f.feedetl_sn = t.first_sn
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
