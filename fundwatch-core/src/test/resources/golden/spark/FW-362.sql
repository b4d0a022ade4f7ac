-- FW-362 One scheme under two person numbers (ENROLMENT_OVERLAP)
SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = 'DUPLICATE_ENROLLMENT')
         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
FROM (
WITH e AS (SELECT psn_no, certno, insutype, insu_begndate AS b, coalesce(insu_enddate, DATE '9999-12-31') AS e
           FROM psn_info WHERE insutype IN ('310', '390')),
p AS (SELECT a.certno, a.psn_no AS a_psn, b.psn_no AS b_psn, a.insutype AS a_type, b.insutype AS b_type,
             greatest(a.b, b.b) AS overlap_from, least(a.e, b.e) AS overlap_to
      FROM e a JOIN e b ON a.certno = b.certno
      WHERE a.insutype = b.insutype AND a.psn_no < b.psn_no AND a.b <= b.e AND b.b <= a.e)
SELECT CAST(p.a_psn AS STRING) AS psn_no,
       CAST(p.certno AS STRING) AS certno,
       CAST(NULL AS STRING) AS mdtrt_id,
       CAST(NULL AS STRING) AS setl_id,
       CAST(NULL AS STRING) AS feedetl_sn,
       CAST(NULL AS STRING) AS fixmedins_code,
       CAST(NULL AS STRING) AS hilist_code,
       CAST(NULL AS STRING) AS hilist_name,
       CAST(greatest(p.overlap_from, DATE '2026-08-01') AS TIMESTAMP) AS occur_time,
       CAST(greatest(p.overlap_from, DATE '2026-08-01') AS DATE) AS occur_date,
       CAST(NULL AS DECIMAL(18,2)) AS vola_amt,
       CAST(NULL AS STRING) AS kp_id,
       CAST(CAST(p.overlap_from AS STRING) AS STRING) AS basis,
       CAST(p.a_psn AS STRING) AS v1,
       CAST(p.a_type AS STRING) AS v2,
       CAST(p.b_psn AS STRING) AS v3,
       CAST(p.b_type AS STRING) AS v4,
       CAST(NULL AS STRING) AS insutype,
       CAST(NULL AS STRING) AS fixmedins_type,
       CAST(NULL AS STRING) AS medins_lv,
       CAST(NULL AS STRING) AS med_type,
       CAST(NULL AS STRING) AS setting,
       CAST(NULL AS STRING) AS line_sn,
       CAST(NULL AS INTEGER) AS line_role,
       CAST(NULL AS DECIMAL(18,2)) AS line_amt,
       CAST(NULL AS STRING) AS indicator FROM p
WHERE p.overlap_from <= DATE '2026-08-31' AND p.overlap_to >= DATE '2026-08-01'
) r
WHERE r.occur_date BETWEEN DATE '2026-08-01' AND DATE '2026-08-31';
