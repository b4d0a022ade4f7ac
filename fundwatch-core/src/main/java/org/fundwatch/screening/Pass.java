package org.fundwatch.screening;

/**
 * The shared scans over the fee lines. Each is run once per screening, and only when an enabled rule needs it;
 * the rule queries then read its (small) result. Adding rules never adds a scan. They run in declaration order:
 * the wide hash aggregate of the duplicate pass first, while no pass result holds memory yet.
 */
public enum Pass {
    /** 重复收费: lines whose visit, item and time occur more than once (found through a one-column hash count). */
    DUPLICATE("fw_p_dup"),
    /** 挂床: the days of inpatient stays on which a non-routine item was billed. */
    NON_ROUTINE_DAYS("fw_p_day"),
    /**
     * 明细筛查: the fee lines that any line or visit rule can look at (items with a knowledge point, catalog
     * violations, herbal lines, lines of same-day repeat visits) joined with their visit, person, institution and
     * the catalog entry valid on the fee date.
     */
    LINE("fw_p_line");

    private final String relation;

    Pass(String relation) {
        this.relation = relation;
    }

    public String relation() {
        return relation;
    }
}
