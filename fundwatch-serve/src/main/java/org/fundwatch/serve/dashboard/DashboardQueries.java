package org.fundwatch.serve.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fundwatch.serve.ledger.LedgerKind;
import org.fundwatch.workflow.cases.CaseState;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's figures, each chart from one aggregate: the findings' from {@code finding_tally}, which the
 * finding table's triggers keep per month, type, institution, state and assignee (a few thousand rows however many
 * findings there are), the overdue ones through the due-date index.
 */
final class DashboardQueries {
    /** The states in which a finding needs no more work ({@link CaseState#terminal()}). */
    static final List<String> TERMINAL = Arrays.stream(CaseState.values()).filter(CaseState::terminal)
            .map(Enum::name).toList();

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc is null");
    }

    /** All the figures of the page. */
    record Figures(List<TypeRow> types, List<MonthRow> months, List<InstitutionRow> institutions,
                   List<StateRow> states, List<AssigneeRow> workload, List<LedgerRow> ledger) {
    }

    record TypeRow(ViolationLabel type, long findings, BigDecimal amount) {
    }

    record MonthRow(String month, long findings, BigDecimal amount, long settlements, BigDecimal fundPaid) {
    }

    record InstitutionRow(String code, String name, long findings, BigDecimal amount) {
    }

    record StateRow(CaseState state, long findings) {
    }

    /** Open work of one assignee (empty: not assigned): not yet overdue, and overdue. */
    record AssigneeRow(Optional<String> username, String displayName, long open, long overdue) {
    }

    record LedgerRow(String month, LedgerKind kind, BigDecimal amount) {
    }

    Figures figures(LocalDate today, int topInstitutions) {
        return new Figures(byType(), byMonth(), topInstitutions(topInstitutions), byState(), workload(today),
                ledger());
    }

    /** Findings and their amount per violation type, the most frequent first. */
    List<TypeRow> byType() {
        return jdbc.sql("""
                        SELECT vola_bhvr_type, sum(findings) AS n, sum(amount)
                        FROM finding_tally GROUP BY vola_bhvr_type HAVING sum(findings) > 0
                        ORDER BY n DESC, vola_bhvr_type""")
                .query((rs, n) -> new TypeRow(ViolationLabel.of(rs.getString(1)), rs.getLong(2), rs.getBigDecimal(3)))
                .list();
    }

    /** Per month of the findings or of the settlements: findings, their amount, settlements and fund paid. */
    List<MonthRow> byMonth() {
        return jdbc.sql("""
                        WITH f AS (SELECT month, sum(findings) AS n, sum(amount) AS amt FROM finding_tally
                                   GROUP BY month HAVING sum(findings) > 0),
                             s AS (SELECT month, sum(settlements) AS n, sum(fund_pay_sumamt) AS fund
                                   FROM settlement_month GROUP BY month)
                        SELECT coalesce(f.month, s.month) AS m, coalesce(f.n, 0), coalesce(f.amt, 0),
                               coalesce(s.n, 0), coalesce(s.fund, 0)
                        FROM f FULL JOIN s ON s.month = f.month ORDER BY m""")
                .query((rs, n) -> new MonthRow(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4),
                        rs.getBigDecimal(5)))
                .list();
    }

    /** The {@code limit} institutions with the largest finding amount, the largest first. */
    List<InstitutionRow> topInstitutions(int limit) {
        return jdbc.sql("""
                        SELECT f.fixmedins_code, coalesce(i.fixmedins_name, f.fixmedins_code), f.n, f.amt
                        FROM (SELECT fixmedins_code, sum(findings) AS n, sum(amount) AS amt FROM finding_tally
                              WHERE fixmedins_code <> '' GROUP BY fixmedins_code HAVING sum(findings) > 0
                              ORDER BY amt DESC, fixmedins_code LIMIT ?) f
                        LEFT JOIN institution i ON i.fixmedins_code = f.fixmedins_code
                        ORDER BY f.amt DESC, f.fixmedins_code""")
                .param(limit)
                .query((rs, n) -> new InstitutionRow(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getBigDecimal(4)))
                .list();
    }

    /** Findings per state, in the order of the workflow. */
    List<StateRow> byState() {
        return jdbc.sql("SELECT state, sum(findings) FROM finding_tally GROUP BY state HAVING sum(findings) > 0")
                .query((rs, n) -> new StateRow(CaseState.valueOf(rs.getString(1)), rs.getLong(2)))
                .list().stream().sorted(Comparator.comparing(StateRow::state)).toList();
    }

    /**
     * Open findings (not in a terminal state) per assignee, split by whether their deadline passed before
     * {@code today}; the busiest first, the unassigned among them.
     */
    List<AssigneeRow> workload(LocalDate today) {
        return jdbc.sql("""
                        SELECT f.assignee, coalesce(u.display_name, f.assignee), f.open, f.overdue
                        FROM (SELECT nullif(w.assignee, '') AS assignee, w.n - coalesce(o.n, 0) AS open,
                                     coalesce(o.n, 0) AS overdue
                              FROM (SELECT assignee, sum(findings) AS n FROM finding_tally
                                    WHERE state NOT IN (:terminal) GROUP BY assignee HAVING sum(findings) > 0) w
                              -- the overdue ones from the findings themselves: few, and through the due-date index
                              LEFT JOIN (SELECT coalesce(assignee, '') AS assignee, count(*) AS n FROM finding
                                         WHERE due_date < :today AND state NOT IN (:terminal)
                                         GROUP BY 1) o ON o.assignee = w.assignee) f
                        LEFT JOIN app_user u ON u.username = f.assignee
                        ORDER BY f.open + f.overdue DESC, f.assignee NULLS FIRST""")
                .param("today", today)
                .param("terminal", TERMINAL)
                .query((rs, n) -> new AssigneeRow(Optional.ofNullable(rs.getString(1)),
                        Optional.ofNullable(rs.getString(2)).orElse(""), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** Money booked per month and kind. */
    List<LedgerRow> ledger() {
        return jdbc.sql("SELECT month, kind, sum(amount) FROM ledger_entry GROUP BY month, kind ORDER BY month, kind")
                .query((rs, n) -> new LedgerRow(rs.getString(1), LedgerKind.valueOf(rs.getString(2)),
                        rs.getBigDecimal(3)))
                .list();
    }
}
