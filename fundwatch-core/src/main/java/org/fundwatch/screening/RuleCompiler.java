package org.fundwatch.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.rules.Rule;
import org.fundwatch.schema.MedTypeSettings;

/**
 * Compiles a policy pack into a {@link ScreeningPlan} for one dialect and report window. The passes are shared:
 * their number depends on which templates are in use, never on how many rules use them.
 */
public final class RuleCompiler {
    private final SqlDialect dialect;
    private final MedTypeSettings settings;

    public RuleCompiler(SqlDialect dialect, MedTypeSettings settings) {
        this.dialect = dialect;
        this.settings = settings;
    }

    /** Checks every rule of the pack (template, parameters) without compiling; throws on the first bad rule. */
    public static void validate(PolicyPack pack) {
        pack.rules().forEach(Templates::bind);
    }

    /** The ids of the templates a pack may use. */
    public static List<String> templateIds() {
        return Templates.ids();
    }

    public ScreeningPlan compile(PolicyPack pack, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("report window ends before it starts: " + from + " … " + to);
        }
        validate(pack);
        CompileContext ctx = new CompileContext(dialect, from, to);
        SharedRelations shared = new SharedRelations(dialect, settings);
        List<CompiledRule> rules = new ArrayList<>();
        Set<Pass> passes = EnumSet.noneOf(Pass.class);
        for (Rule rule : pack.enabledRules()) {
            Template t = Templates.bind(rule);
            passes.addAll(t.passes());
            Optional<String> unsupported = t.recursiveAggregates() && !dialect.recursiveAggregates()
                    ? Optional.of(dialect.name() + " SQL allows no aggregate over a recursive reference, which the "
                            + "connected groups need; screen this rule on the embedded engine")
                    : Optional.empty();
            rules.add(new CompiledRule(rule, t, wrap(rule, t, ctx), unsupported));
        }
        List<Statement> passStatements = passes.stream().map(shared::pass).toList();
        return new ScreeningPlan(pack.id(), pack.version(), from, to, shared.prelude(), passStatements, rules);
    }

    /**
     * The template's rows reported in the window, the rule's dates and scope, flagged when an approval covers them.
     * A finding is reported in the period of its visit's settlement ({@code occur_date}: the claim arrives with that
     * month's extract, however early its fees), while approvals and the rule's effective dates apply to the day of
     * the service ({@code occur_time}).
     */
    private String wrap(Rule rule, Template t, CompileContext ctx) {
        StringBuilder where = new StringBuilder(ctx.inWindow("r.occur_date"));
        rule.effectiveFrom().ifPresent(f -> where.append(" AND CAST(r.occur_time AS DATE) >= ").append(dialect.date(f)));
        rule.effectiveTo().ifPresent(f -> where.append(" AND CAST(r.occur_time AS DATE) <= ").append(dialect.date(f)));
        for (Map.Entry<String, Set<String>> e : rule.scope().restrictions().entrySet()) {
            where.append(" AND r.").append(e.getKey()).append(" IN ").append(CompileContext.inList(e.getValue()));
        }
        String order = FindingOrder.columns(t).stream().map(c -> "r." + c).collect(Collectors.joining(", "));
        return """
                SELECT r.*, EXISTS (SELECT 1 FROM fw_approval a WHERE a.psn_no = r.psn_no
                         AND (a.hilist_code IS NULL OR a.hilist_code = r.hilist_code)
                         AND (a.vola_bhvr_type IS NULL OR a.vola_bhvr_type = '%s')
                         AND CAST(r.occur_time AS DATE) BETWEEN a.begndate AND a.enddate) AS approved
                FROM (
                %s
                ) r
                WHERE %s""".formatted(rule.type().name(), t.query(ctx), where)
                + (dialect.ordersRuleRows() ? "\nORDER BY " + order : "");
    }
}
