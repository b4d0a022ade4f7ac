package org.fundwatch.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** National 3101/3102/3103 messages and Fundwatch-JSON reviews of institution H001, to be changed by a test. */
final class TestingMessages {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TestingMessages() {
    }

    /** An order of 3101/3102 ({@code fsi_order_dtos[]}) on 2026-03-02. */
    static ObjectNode order(String rxId, String code, String cnt, String pric) {
        ObjectNode o = F.objectNode();
        o.put("rx_id", rxId);
        o.put("rxno", "RX-" + rxId);
        o.put("hilist_code", code);
        o.put("hilist_name", "item " + code);
        o.put("cnt", new BigDecimal(cnt));
        o.put("pric", new BigDecimal(pric));
        o.put("sumamt", new BigDecimal(cnt).multiply(new BigDecimal(pric)));
        o.put("ownpay_amt", BigDecimal.ZERO);
        o.put("drord_begn_date", "2026-03-02 09:10:00");
        o.put("curr_drord_flag", "1");
        return o;
    }

    /** An outpatient encounter (med_type 11, employee insurance) of H001 with orders. */
    static ObjectNode encounter(String mdtrtId, ObjectNode... orders) {
        ObjectNode e = F.objectNode();
        e.put("mdtrt_id", mdtrtId);
        e.put("medins_id", "H001");
        e.put("medins_name", "示例医院");
        e.put("medins_type", "1");
        e.put("medins_lv", "2");
        e.put("med_type", "11");
        e.put("insutype", "310");
        e.put("adm_date", "2026-03-02 09:00:00");
        e.put("dscg_main_dise_codg", "J06.9");
        ArrayNode diagnoses = e.putArray("fsi_diagnose_dtos");
        ObjectNode d = diagnoses.addObject();
        d.put("dise_id", "1");
        d.put("maindise_flag", "1");
        d.put("dise_codg", "J06.9");
        d.put("dise_name", "急性上呼吸道感染");
        ArrayNode lines = e.putArray("fsi_order_dtos");
        for (ObjectNode o : orders) {
            lines.add(o);
        }
        return e;
    }

    /** A 3101 or 3102 message of H001 for one patient and encounter in scene {@code scene}. */
    static ObjectNode review(String infno, String msgid, int scene, String patnId, ObjectNode... encounters) {
        ObjectNode m = envelope(infno, msgid);
        ObjectNode data = m.putObject("input").putObject("data");
        data.put("syscode", "HIS");
        data.put("task_id", "T-" + msgid);
        data.put("trig_scen", scene);
        ObjectNode p = data.putArray("patient_dtos").addObject();
        p.put("patn_id", patnId);
        p.put("patn_name", "王秘密");
        p.put("certno", "430101199001011234");
        p.put("gend", "1");
        p.put("brdy", "1960-05-01");
        p.put("poolarea", "430100");
        ArrayNode es = p.putArray("fsi_encounter_dtos");
        for (ObjectNode e : encounters) {
            es.add(e);
        }
        return m;
    }

    /** A 3103 feedback message of H001 with its warnings. */
    static ObjectNode feedback(String msgid, ObjectNode... warns) {
        ObjectNode m = envelope("3103", msgid);
        ObjectNode data = m.putObject("input").putObject("data");
        data.put("warn_type", "1");
        ArrayNode ws = data.putArray("warns");
        for (ObjectNode w : warns) {
            ws.add(w);
        }
        return m;
    }

    static ObjectNode warn(String warnRsltId, String dspoWay, String reason) {
        ObjectNode w = F.objectNode();
        w.put("warn_rslt_id", warnRsltId);
        w.put("dspo_way", dspoWay);
        if (reason != null) {
            w.put("dspo_way_rea", reason);
        }
        return w;
    }

    private static ObjectNode envelope(String infno, String msgid) {
        ObjectNode m = F.objectNode();
        m.put("infno", infno);
        m.put("msgid", msgid);
        m.put("mdtrtarea_admvs", "430100");
        m.put("insuplc_admdvs", "430100");
        m.put("recer_sys_code", "FSI");
        m.put("dev_no", "");
        m.put("dev_safe_info", "");
        m.put("cainfo", "");
        m.put("signtype", "");
        m.put("infver", "V1.0");
        m.put("opter_type", "1");
        m.put("opter", "D001");
        m.put("opter_name", "张医生");
        m.put("inf_time", "2026-03-02 09:30:00");
        m.put("fixmedins_code", "H001");
        m.put("fixmedins_name", "示例医院");
        m.put("sign_no", "");
        return m;
    }

    /** A Fundwatch-JSON review of H001 with one line of {@code cnt} units at {@code pric}. */
    static ObjectNode fundwatchReview(String moment, String psnNo, String mdtrtId, String code, String cnt,
                                      String pric) {
        ObjectNode r = F.objectNode();
        r.put("moment", moment);
        ObjectNode person = r.putObject("person");
        person.put("psn_no", psnNo);
        person.put("gend", "1");
        person.put("brdy", "1960-05-01");
        ObjectNode inst = r.putObject("institution");
        inst.put("fixmedins_code", "H001");
        inst.put("fixmedins_type", "1");
        inst.put("medins_lv", "2");
        ObjectNode visit = r.putObject("visit");
        visit.put("mdtrt_id", mdtrtId);
        visit.put("med_type", "11");
        visit.put("insutype", "310");
        visit.put("begntime", "2026-03-02 09:00:00");
        visit.put("setl_time", "2026-03-02 09:30:00");
        visit.putArray("diagnoses").add("J06.9");
        ObjectNode line = r.putArray("lines").addObject();
        line.put("feedetl_sn", mdtrtId + "-1");
        line.put("med_list_codg", code);
        line.put("fee_ocur_time", "2026-03-02 09:10:00");
        line.put("cnt", new BigDecimal(cnt));
        line.put("pric", new BigDecimal(pric));
        line.put("det_item_fee_sumamt", new BigDecimal(cnt).multiply(new BigDecimal(pric)));
        return r;
    }
}
