package org.fundwatch.screening;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the select list of a rule query in the {@link RawColumns} shape: start from a fee line or a visit of the
 * shared relations, override what the template knows. Every column is cast to its standard type so that the
 * queries of all templates read alike.
 */
final class RawSelect {
    private final Map<String, String> columns = new LinkedHashMap<>();

    private RawSelect() {
        RawColumns.TYPES.keySet().forEach(c -> columns.put(c, "NULL"));
    }

    static RawSelect empty() {
        return new RawSelect();
    }

    /** A row of {@code fw_p_line} (or a relation with its columns) naming that line as the violating one. */
    static RawSelect line(String a) {
        RawSelect s = visitColumns(a);
        s.set("mdtrt_id", a + ".mdtrt_id").set("setl_id", a + ".setl_id").set("feedetl_sn", a + ".feedetl_sn")
                .set("hilist_code", a + ".code").set("hilist_name", a + ".hilist_name")
                .set("occur_time", a + ".fee_time").set("occur_date", a + ".setl_date").set("vola_amt", a + ".exposed")
                .set("line_sn", a + ".feedetl_sn").set("line_role", "1").set("line_amt", a + ".exposed");
        return s;
    }

    /** A row of {@code fw_visit}: the visit as a whole, its fund payment as the amount. */
    static RawSelect visit(String a) {
        RawSelect s = visitColumns(a);
        s.set("mdtrt_id", a + ".mdtrt_id").set("setl_id", a + ".setl_id").set("occur_time", a + ".begntime")
                .set("occur_date", a + ".setl_date").set("vola_amt", a + ".fund_amt");
        return s;
    }

    private static RawSelect visitColumns(String a) {
        RawSelect s = new RawSelect();
        for (String c : new String[] {"psn_no", "certno", "fixmedins_code", "insutype", "fixmedins_type",
            "medins_lv", "med_type", "setting"}) {
            s.set(c, a + "." + c);
        }
        return s;
    }

    RawSelect set(String column, String expression) {
        if (!columns.containsKey(column)) {
            throw new IllegalArgumentException("not a raw column: " + column);
        }
        columns.put(column, expression);
        return this;
    }

    /** The same finding naming another line as involved (涉及项, role 2) with no amount of its own. */
    RawSelect involvedLine(String a) {
        RawSelect s = copy();
        s.set("line_sn", a + ".feedetl_sn").set("line_role", "2").set("line_amt", "0");
        return s;
    }

    /** No fee line named (visit or person findings whose lines are not listed). */
    RawSelect noLine() {
        return set("line_sn", "NULL").set("line_role", "NULL").set("line_amt", "NULL");
    }

    private static String type(SqlDialect d, String standard) {
        return standard.equals("VARCHAR") ? d.textType() : standard;
    }

    RawSelect copy() {
        RawSelect s = new RawSelect();
        s.columns.putAll(columns);
        return s;
    }

    String list(SqlDialect d) {
        return columns.entrySet().stream()
                .map(e -> "CAST(" + e.getValue() + " AS " + type(d, RawColumns.TYPES.get(e.getKey())) + ") AS "
                        + e.getKey())
                .collect(Collectors.joining(",\n       "));
    }
}
