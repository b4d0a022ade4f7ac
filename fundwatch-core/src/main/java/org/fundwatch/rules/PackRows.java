package org.fundwatch.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a pack's {@code rules.csv} as column → value maps, for tools that edit a pack (the rule management
 * of the UI) and write it back in the same format; {@link PolicyPack#of} then checks the result as a bureau's file
 * would be checked.
 */
public final class PackRows {
    private PackRows() {
    }

    /** The rows of {@code rulesCsv} (header first, as {@link PolicyPack#COLUMNS}); a bad file fails naming the line. */
    public static List<Map<String, String>> read(String source, String rulesCsv) {
        List<PackCsv.Record> records = PackCsv.parse(source + "/rules.csv", rulesCsv);
        if (records.isEmpty() || !records.get(0).fields().equals(PolicyPack.COLUMNS)) {
            throw new PolicyException(PolicyException.Code.BAD_RULE_ROW, source + "/rules.csv line 1: header must be "
                    + String.join(",", PolicyPack.COLUMNS));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (PackCsv.Record r : records.subList(1, records.size())) {
            if (r.fields().size() != PolicyPack.COLUMNS.size()) {
                throw new PolicyException(PolicyException.Code.BAD_RULE_ROW, source + "/rules.csv line " + r.line()
                        + ": " + r.fields().size() + " fields, expected " + PolicyPack.COLUMNS.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < PolicyPack.COLUMNS.size(); i++) {
                row.put(PolicyPack.COLUMNS.get(i), r.fields().get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** {@code rules.csv} text of {@code rows}, the header first, fields quoted where RFC 4180 needs it. */
    public static String write(List<Map<String, String>> rows) {
        StringBuilder b = new StringBuilder(String.join(",", PolicyPack.COLUMNS)).append('\n');
        for (Map<String, String> row : rows) {
            List<String> fields = new ArrayList<>();
            for (String column : PolicyPack.COLUMNS) {
                fields.add(quote(row.getOrDefault(column, "")));
            }
            b.append(String.join(",", fields)).append('\n');
        }
        return b.toString();
    }

    private static String quote(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
