package org.fundwatch.serve.institutions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.serve.dashboard.ViolationLabel;
import org.fundwatch.serve.ledger.LedgerKind;
import org.fundwatch.workflow.cases.CaseState;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The institutions (定点机构) as the store knows them: the table of all with their settlements, findings and
 * deductions, and one institution's profile. Every figure is an aggregate; a profile's queries go by the
 * institution's indexes. With {@code pushedOnly} a profile counts only the findings pushed to the institution, what
 * its own user may see.
 */
final class InstitutionQueries {
    private static final List<String> TERMINAL = Arrays.stream(CaseState.values()).filter(CaseState::terminal)
            .map(Enum::name).toList();

    private final JdbcClient jdbc;

    InstitutionQueries(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc is null");
    }

    /** One institution of the table. {@code perThousand}: findings per 1,000 settlements, when it settled any. */
    record Row(String code, String name, CodeLabel type, CodeLabel level, long settlements, BigDecimal fundPaid,
               long findings, BigDecimal amount, Optional<BigDecimal> perThousand, BigDecimal deducted) {
    }

    record Header(String code, String name, CodeLabel type, CodeLabel level, String admdvs) {
    }

    record TypeMonthRow(String month, ViolationLabel type, long findings, BigDecimal amount) {
    }

    record SettlementRow(String month, long settlements, BigDecimal fundPaid) {
    }

    record LedgerRow(String month, LedgerKind kind, BigDecimal amount) {
    }

    /**
     * Appeals (申诉) and their second review: won when overturned (复审撤销), lost when upheld (复审维持), pending
     * while neither.
     */
    record Appeals(long won, long lost, long pending) {
    }

    record OpenFinding(String jrId, String ruleName, ViolationLabel type, String month, Optional<BigDecimal> amount,
                       CaseState state, Optional<LocalDate> due) {
    }

    /**
     * Every institution of the case file, of the settlements or of the findings, in {@code sort}'s order (the code
     * breaking ties).
     */
    List<Row> all(InstitutionSort sort) {
        // the ORDER BY is one of InstitutionSort's constants
        return jdbc.sql("""
                        WITH s AS (SELECT fixmedins_code, sum(settlements) AS settlements, sum(fund_pay_sumamt) AS fund
                                   FROM settlement_month GROUP BY fixmedins_code),
                             f AS (SELECT fixmedins_code, count(*) AS n, sum(vola_amt) AS amt FROM finding
                                   WHERE fixmedins_code IS NOT NULL GROUP BY fixmedins_code),
                             l AS (SELECT fixmedins_code, sum(amount) AS deducted FROM ledger_entry
                                   WHERE kind = 'DEDUCTION' GROUP BY fixmedins_code),
                             c AS (SELECT fixmedins_code FROM institution UNION SELECT fixmedins_code FROM s
                                   UNION SELECT fixmedins_code FROM f)
                        SELECT c.fixmedins_code AS code, coalesce(i.fixmedins_name, c.fixmedins_code) AS name,
                               i.fixmedins_type, i.medins_lv, coalesce(s.settlements, 0) AS settlements,
                               coalesce(s.fund, 0) AS fund_paid, coalesce(f.n, 0) AS findings,
                               coalesce(f.amt, 0) AS amount,
                               round(coalesce(f.n, 0) * 1000.0 / nullif(s.settlements, 0), 2) AS per_thousand,
                               coalesce(l.deducted, 0) AS deducted
                        FROM c LEFT JOIN institution i ON i.fixmedins_code = c.fixmedins_code
                               LEFT JOIN s ON s.fixmedins_code = c.fixmedins_code
                               LEFT JOIN f ON f.fixmedins_code = c.fixmedins_code
                               LEFT JOIN l ON l.fixmedins_code = c.fixmedins_code
                        ORDER BY %s, code""".formatted(sort.orderBy))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2),
                        CodeLabel.of(ExchangeFormat.FIXMEDINS_TYPE, rs.getString(3)),
                        CodeLabel.of(ExchangeFormat.MEDINS_LV, rs.getString(4)), rs.getLong(5), rs.getBigDecimal(6),
                        rs.getLong(7), rs.getBigDecimal(8), Optional.ofNullable(rs.getBigDecimal(9)),
                        rs.getBigDecimal(10)))
                .list();
    }

    /** The institution's name and kind; empty when the store knows nothing of {@code code}. */
    Optional<Header> header(String code) {
        Optional<Header> known = jdbc.sql("SELECT fixmedins_code, fixmedins_name, fixmedins_type, medins_lv, "
                        + "coalesce(admdvs, '') FROM institution WHERE fixmedins_code = ?")
                .param(code)
                .query((rs, n) -> new Header(rs.getString(1), rs.getString(2),
                        CodeLabel.of(ExchangeFormat.FIXMEDINS_TYPE, rs.getString(3)),
                        CodeLabel.of(ExchangeFormat.MEDINS_LV, rs.getString(4)), rs.getString(5)))
                .optional();
        if (known.isPresent()) {
            return known;
        }
        boolean seen = jdbc.sql("SELECT EXISTS (SELECT 1 FROM settlement_month WHERE fixmedins_code = ?) "
                        + "OR EXISTS (SELECT 1 FROM finding WHERE fixmedins_code = ?)")
                .params(code, code).query(Boolean.class).single();
        return seen ? Optional.of(new Header(code, code, CodeLabel.NONE, CodeLabel.NONE, "")) : Optional.empty();
    }

    List<TypeMonthRow> findingsByMonthAndType(String code, boolean pushedOnly) {
        return jdbc.sql("""
                        SELECT month, vola_bhvr_type, count(*), coalesce(sum(vola_amt), 0) FROM finding
                        WHERE fixmedins_code = :code AND (NOT :pushedOnly OR pushed_at IS NOT NULL)
                        GROUP BY month, vola_bhvr_type ORDER BY month, vola_bhvr_type""")
                .param("code", code)
                .param("pushedOnly", pushedOnly)
                .query((rs, n) -> new TypeMonthRow(rs.getString(1), ViolationLabel.of(rs.getString(2)), rs.getLong(3),
                        rs.getBigDecimal(4)))
                .list();
    }

    /** The institution's settlements: one row a month already. */
    List<SettlementRow> settlementsByMonth(String code) {
        return jdbc.sql("SELECT month, settlements, fund_pay_sumamt FROM settlement_month WHERE fixmedins_code = ? "
                        + "ORDER BY month")
                .param(code)
                .query((rs, n) -> new SettlementRow(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3)))
                .list();
    }

    List<LedgerRow> ledgerByMonth(String code) {
        return jdbc.sql("SELECT month, kind, sum(amount) FROM ledger_entry WHERE fixmedins_code = ? "
                        + "GROUP BY month, kind ORDER BY month, kind")
                .param(code)
                .query((rs, n) -> new LedgerRow(rs.getString(1), LedgerKind.valueOf(rs.getString(2)),
                        rs.getBigDecimal(3)))
                .list();
    }

    /** The appeals of the institution's findings, each by the first second review after it. */
    Appeals appeals(String code) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE outcome = 'OVERTURN'), count(*) FILTER (WHERE outcome = 'UPHOLD'),
                               count(*) FILTER (WHERE outcome IS NULL)
                        FROM (SELECT DISTINCT ON (a.jr_id) a.jr_id,
                                     (SELECT d.action FROM audit_log d WHERE d.jr_id = a.jr_id
                                      AND d.audit_id > a.audit_id AND d.action IN ('OVERTURN', 'UPHOLD')
                                      ORDER BY d.audit_id LIMIT 1) AS outcome
                              FROM finding f JOIN audit_log a ON a.jr_id = f.jr_id AND a.action = 'APPEAL'
                              WHERE f.fixmedins_code = ?
                              ORDER BY a.jr_id, a.audit_id) x""")
                .param(code)
                .query((rs, n) -> new Appeals(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    /** The {@code limit} open findings (not in a terminal state) with the largest amounts. */
    List<OpenFinding> largestOpen(String code, boolean pushedOnly, int limit) {
        return jdbc.sql("""
                        SELECT jr_id, rule_name, vola_bhvr_type, month, vola_amt, state, due_date FROM finding
                        WHERE fixmedins_code = :code AND (NOT :pushedOnly OR pushed_at IS NOT NULL)
                          AND state NOT IN (:terminal)
                        ORDER BY vola_amt DESC NULLS LAST, jr_id LIMIT :limit""")
                .param("code", code)
                .param("pushedOnly", pushedOnly)
                .param("terminal", TERMINAL)
                .param("limit", limit)
                .query((rs, n) -> new OpenFinding(rs.getString(1), rs.getString(2), ViolationLabel.of(rs.getString(3)),
                        rs.getString(4), Optional.ofNullable(rs.getBigDecimal(5)), CaseState.valueOf(rs.getString(6)),
                        Optional.ofNullable(rs.getObject(7, LocalDate.class))))
                .list();
    }
}
