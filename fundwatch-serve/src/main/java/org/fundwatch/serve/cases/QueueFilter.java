package org.fundwatch.serve.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseState;
import org.fundwatch.workflow.users.Role;

/**
 * What a supervisor filters the findings queue by, read from the query string. Every value is checked here and
 * bound as a parameter, never glued into SQL; unknown or malformed values are dropped (a hand-edited URL shows
 * more findings, never an error page).
 */
record QueueFilter(Optional<String> type, Optional<String> rule, Optional<String> institution,
                   Optional<Integer> severity, Optional<BigDecimal> minAmount, Optional<CaseState> state,
                   Optional<String> month, Optional<String> assignee, Sort sort, Optional<String> after, int size) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    static final int PAGE = 50;

    /** The orders the queue keeps stable across pages (keyset paging, ties broken by jr_id). */
    enum Sort {
        AMOUNT("coalesce(vola_amt, -1)", "coalesce(vola_amt, -1) DESC, jr_id DESC"),
        TIME("coalesce(occur_time, TIMESTAMP '1900-01-01')",
                "coalesce(occur_time, TIMESTAMP '1900-01-01') DESC, jr_id DESC"),
        ID("jr_id", "jr_id");

        final String key;
        final String orderBy;

        Sort(String key, String orderBy) {
            this.key = key;
            this.orderBy = orderBy;
        }
    }

    static QueueFilter of(Map<String, String> q) {
        Sort sort = switch (q.getOrDefault("sort", "amount")) {
            case "time" -> Sort.TIME;
            case "id" -> Sort.ID;
            default -> Sort.AMOUNT;
        };
        return new QueueFilter(code(q.get("type")), code(q.get("rule")), code(q.get("institution")),
                Optional.ofNullable(q.get("severity")).filter(s -> s.matches("[123]")).map(Integer::valueOf),
                Optional.ofNullable(q.get("minAmount")).filter(s -> s.matches("[0-9]{1,12}(\\.[0-9]{1,2})?"))
                        .map(BigDecimal::new),
                Optional.ofNullable(q.get("state")).flatMap(QueueFilter::state),
                Optional.ofNullable(q.get("month")).filter(m -> MONTH.matcher(m).matches()),
                code(q.get("assignee")), sort,
                Optional.ofNullable(q.get("after")).filter(a -> a.matches("[0-9A-Za-z:. _-]{1,120}")), PAGE);
    }

    private static Optional<String> code(String v) {
        return Optional.ofNullable(v).map(String::strip).filter(s -> CODE.matcher(s).matches());
    }

    private static Optional<CaseState> state(String s) {
        try {
            return Optional.of(CaseState.valueOf(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The WHERE clause and its parameters, for the actor (an institution user sees only what was pushed to it). */
    Where where(Actor actor) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (actor.role() == Role.INSTITUTION) {
            conditions.add("fixmedins_code = ? AND pushed_at IS NOT NULL");
            params.add(actor.institution().orElseThrow());
        } else if (actor.role() == Role.ADMIN) {
            conditions.add("false");
        }
        type.ifPresent(v -> add(conditions, params, "vola_bhvr_type = ?", v));
        rule.ifPresent(v -> add(conditions, params, "rule_id = ?", v));
        institution.ifPresent(v -> add(conditions, params, "fixmedins_code = ?", v));
        severity.ifPresent(v -> add(conditions, params, "sev_deg = ?", v));
        minAmount.ifPresent(v -> add(conditions, params, "vola_amt >= ?", v));
        state.ifPresent(v -> add(conditions, params, "state = ?", v.name()));
        month.ifPresent(v -> add(conditions, params, "month = ?", v));
        assignee.ifPresent(v -> add(conditions, params, "assignee = ?", v));
        return new Where(conditions.isEmpty() ? "true" : String.join(" AND ", conditions), params);
    }

    private static void add(List<String> conditions, List<Object> params, String condition, Object value) {
        conditions.add(condition);
        params.add(value);
    }

    /** A SQL condition with its bound parameters. */
    record Where(String sql, List<Object> params) {
    }

    /** The minimum amount as the form shows it. */
    public String minAmountText() {
        return minAmount.map(BigDecimal::toPlainString).orElse("");
    }

    /** The filter as query parameters (for links to the next page, the export and the bulk form's return). */
    Map<String, String> asQuery() {
        Map<String, String> m = new LinkedHashMap<>();
        type.ifPresent(v -> m.put("type", v));
        rule.ifPresent(v -> m.put("rule", v));
        institution.ifPresent(v -> m.put("institution", v));
        severity.ifPresent(v -> m.put("severity", v.toString()));
        minAmount.ifPresent(v -> m.put("minAmount", v.toPlainString()));
        state.ifPresent(v -> m.put("state", v.name()));
        month.ifPresent(v -> m.put("month", v));
        assignee.ifPresent(v -> m.put("assignee", v));
        if (sort != Sort.AMOUNT) {
            m.put("sort", sort.name().toLowerCase(java.util.Locale.ROOT));
        }
        return m;
    }
}
