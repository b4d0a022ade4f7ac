package org.fundwatch.screening;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The row shape every rule query returns: one row per (finding, named fee line). Finding-level columns repeat on
 * each row of a finding; {@code occur_time} is when the violation happened (the fee, the admission) and {@code
 * occur_date} the day that decides the report period (the visit's settlement day for line and visit findings); {@code v1}…{@code v4} carry the values that fired the rule into its explanation; the
 * scope columns let the compiler apply a rule's scope without knowing the template.
 */
public final class RawColumns {

    /** Column → SQL type, in the order the queries return them. */
    public static final Map<String, String> TYPES;

    static {
        Map<String, String> t = new LinkedHashMap<>();
        for (String c : List.of("psn_no", "certno", "mdtrt_id", "setl_id", "feedetl_sn", "fixmedins_code",
                "hilist_code", "hilist_name")) {
            t.put(c, "VARCHAR");
        }
        t.put("occur_time", "TIMESTAMP");
        t.put("occur_date", "DATE");
        t.put("vola_amt", "DECIMAL(18,2)");
        for (String c : List.of("kp_id", "basis", "v1", "v2", "v3", "v4", "insutype", "fixmedins_type", "medins_lv",
                "med_type", "setting", "line_sn")) {
            t.put(c, "VARCHAR");
        }
        t.put("line_role", "INTEGER");
        t.put("line_amt", "DECIMAL(18,2)");
        t.put("indicator", "VARCHAR");
        TYPES = java.util.Collections.unmodifiableMap(t);
    }

    private RawColumns() {
    }
}
