package org.fundwatch.findings;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finding (疑点) with the columns of FORMAT.md, in order, and the lines it names. {@code volaAmt} is empty when
 * the amount is not computable ({@code vola_amt_stas} 0).
 */
public record Finding(String jrId, String ruleId, int ruleVersion, String ruleName, String volaBhvrType,
                      String grain, String period, int sevDeg, String action, Optional<BigDecimal> volaAmt,
                      String volaCont, String volaContEn, String volaEvid, Optional<String> indicator,
                      Optional<String> psnNo, Optional<String> certno, Optional<String> mdtrtId,
                      Optional<String> setlId, Optional<String> feedetlSn, Optional<String> fixmedinsCode,
                      Optional<String> hilistCode, Optional<String> occurTime, List<FindingLine> lines) {

    /** The findings-file columns, in order. */
    public static final List<String> COLUMNS = List.of("jr_id", "rule_id", "rule_version", "rule_name",
            "vola_bhvr_type", "grain", "period", "sev_deg", "action", "vola_amt", "vola_cont", "vola_cont_en",
            "vola_evid", "indicator", "psn_no", "certno", "mdtrt_id", "setl_id", "feedetl_sn", "fixmedins_code",
            "hilist_code", "occur_time");

    /** The finding-lines file columns, in order. */
    public static final List<String> LINE_COLUMNS = List.of("jr_id", "feedetl_sn", "vola_item_type", "vola_amt");

    public Finding {
        lines = List.copyOf(lines);
    }

    /** Column → value (null when absent), in file order. */
    public Map<String, Object> values() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jr_id", jrId);
        m.put("rule_id", ruleId);
        m.put("rule_version", ruleVersion);
        m.put("rule_name", ruleName);
        m.put("vola_bhvr_type", volaBhvrType);
        m.put("grain", grain);
        m.put("period", period);
        m.put("sev_deg", sevDeg);
        m.put("action", action);
        m.put("vola_amt", volaAmt.orElse(null));
        m.put("vola_cont", volaCont);
        m.put("vola_cont_en", volaContEn);
        m.put("vola_evid", volaEvid);
        m.put("indicator", indicator.orElse(null));
        m.put("psn_no", psnNo.orElse(null));
        m.put("certno", certno.orElse(null));
        m.put("mdtrt_id", mdtrtId.orElse(null));
        m.put("setl_id", setlId.orElse(null));
        m.put("feedetl_sn", feedetlSn.orElse(null));
        m.put("fixmedins_code", fixmedinsCode.orElse(null));
        m.put("hilist_code", hilistCode.orElse(null));
        m.put("occur_time", occurTime.orElse(null));
        return m;
    }
}
