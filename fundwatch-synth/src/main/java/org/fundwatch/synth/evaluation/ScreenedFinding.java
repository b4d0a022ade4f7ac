package org.fundwatch.synth.evaluation;

/** A row of {@code findings.csv}, reduced to what matching and reporting need. */
final class ScreenedFinding {
    final long line;
    final String jrId;
    final String ruleId;
    final String type;
    /** One value (or {@code null}) per {@link MatchKey#ordinal()}. */
    final String[] keys;
    final String period;

    ScreenedFinding(long line, String jrId, String ruleId, String type, String[] keys, String period) {
        this.line = line;
        this.jrId = jrId;
        this.ruleId = ruleId;
        this.type = type;
        this.keys = keys;
        this.period = period;
    }

    /**
     * The ids that identify the finding for a reader: its most specific key, with its period when that key is a
     * person or an institution (whose grains include a period).
     */
    String ids() {
        for (MatchKey k : MatchKey.MOST_SPECIFIC_FIRST) {
            if (keys[k.ordinal()] != null) {
                String id = k.column + '=' + keys[k.ordinal()];
                boolean periodic = k == MatchKey.PSN_NO || k == MatchKey.FIXMEDINS_CODE;
                return periodic && period != null ? id + " period=" + period : id;
            }
        }
        return period == null ? "(no keys)" : "(no keys) period=" + period;
    }

    EvaluationReport.FindingRef ref() {
        return new EvaluationReport.FindingRef(line, jrId == null ? "" : jrId, ruleId == null ? "" : ruleId, type,
                ids());
    }
}
