package org.fundwatch.synth.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * A row of {@code labels.csv} or {@code near_misses.csv}: its type, the values of each {@link MatchKey} (several
 * when the case spans lines, visits or people), its period and, for a near miss, its description.
 */
final class PlantedCase {
    final long line;
    final String type;
    /** Values per {@link MatchKey#ordinal()}; an empty array when the case has none. */
    final String[][] keys;
    final String period;
    final String description;

    PlantedCase(long line, String type, String[][] keys, String period, String description) {
        this.line = line;
        this.type = type;
        this.keys = keys;
        this.period = period;
        this.description = description;
    }

    /** Splits a {@code |}-joined key field into its non-empty values. */
    static String[] values(String field) {
        if (field == null) {
            return new String[0];
        }
        List<String> out = new ArrayList<>(2);
        for (String v : field.split("\\|")) {
            String t = v.strip();
            if (!t.isEmpty() && !out.contains(t)) {
                out.add(t);
            }
        }
        return out.toArray(new String[0]);
    }

    /**
     * Whether {@code f} matches this case: same type, and on the most specific key both have, the finding's value is
     * one of the case's; on {@code fixmedins_code} the periods must also agree when both have one.
     */
    boolean matches(ScreenedFinding f) {
        if (!type.equals(f.type)) {
            return false;
        }
        for (MatchKey k : MatchKey.MOST_SPECIFIC_FIRST) {
            String v = f.keys[k.ordinal()];
            String[] mine = keys[k.ordinal()];
            if (v == null || mine.length == 0) {
                continue;
            }
            boolean shared = false;
            for (String m : mine) {
                if (m.equals(v)) {
                    shared = true;
                    break;
                }
            }
            return shared && (k != MatchKey.FIXMEDINS_CODE || periodsAgree(period, f.period));
        }
        return false;
    }

    /**
     * Equal periods, or a day and the month it lies in ({@code 2026-02-02} agrees with {@code 2026-02}); a missing
     * period agrees with any.
     */
    static boolean periodsAgree(String a, String b) {
        if (a == null || b == null || a.equals(b)) {
            return true;
        }
        String month = a.length() <= b.length() ? a : b;
        String day = a.length() <= b.length() ? b : a;
        return month.length() == 7 && day.startsWith(month + "-");
    }

    /**
     * The ids that identify the case for a reader: its most specific key, with its period when that key is a
     * person or an institution (whose grains include a period).
     */
    String ids() {
        for (MatchKey k : MatchKey.MOST_SPECIFIC_FIRST) {
            if (keys[k.ordinal()].length > 0) {
                String id = k.column + '=' + String.join("|", keys[k.ordinal()]);
                boolean periodic = k == MatchKey.PSN_NO || k == MatchKey.FIXMEDINS_CODE;
                return periodic && period != null ? id + " period=" + period : id;
            }
        }
        return period == null ? "(no keys)" : "(no keys) period=" + period;
    }

    EvaluationReport.CaseRef ref() {
        return new EvaluationReport.CaseRef(line, type, ids());
    }
}
