package org.fundwatch.screening;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.rules.Grain;
import org.fundwatch.rules.Rule;

/**
 * A rule ready to run: its query (the template's rows, restricted to the report window, the rule's effective dates
 * and scope, with an {@code approved} flag from {@code psn_approval}), what it needs, and how to explain a hit.
 */
public final class CompiledRule {
    private final Rule rule;
    private final Template template;
    private final String sql;
    private final Optional<String> unsupported;

    CompiledRule(Rule rule, Template template, String sql, Optional<String> unsupported) {
        this.rule = rule;
        this.template = template;
        this.sql = sql;
        this.unsupported = unsupported;
    }

    /** Why the plan's engine cannot run this rule's query (its SQL needs what the dialect lacks); empty if it can. */
    public Optional<String> unsupported() {
        return unsupported;
    }

    public Rule rule() {
        return rule;
    }

    public Grain grain() {
        return template.grain();
    }

    public boolean monthlyPeriod() {
        return template.periodUnit() == Template.PeriodUnit.MONTH;
    }

    public Set<Pass> passes() {
        return template.passes();
    }

    public List<DataNeed> needs() {
        return template.needs();
    }

    /**
     * Rows in the {@link RawColumns} shape plus a last column {@code approved}, ordered by finding — unless the
     * dialect leaves the order to the engine ({@link SqlDialect#ordersRuleRows()}), which then sorts them with
     * {@link FindingOrder}.
     */
    public String sql() {
        return sql;
    }

    Template template() {
        return template;
    }

    public Explanation explain(RawRow row) {
        return template.explain(row);
    }
}
