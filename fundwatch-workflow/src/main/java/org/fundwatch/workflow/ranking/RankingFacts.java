package org.fundwatch.workflow.ranking;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fundwatch.ranking.RiskRanking;
import org.fundwatch.ranking.RiskRanking.Entry;
import org.fundwatch.ranking.RiskRanking.FindingGroup;
import org.fundwatch.ranking.RiskRanking.History;
import org.fundwatch.ranking.RiskRanking.IndicatorZ;
import org.fundwatch.ranking.RiskRanking.Subject;
import org.fundwatch.ranking.RiskRanking.SubjectKind;
import org.fundwatch.workflow.cases.CaseState;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the store knows for the risk ranking: the findings per subject and severity, except those dismissed at
 * first review or overturned (judged not to be violations); the indicator months with robust z ≥
 * {@link RiskRanking#MIN_Z}; and the history: findings confirmed (违规确认 and every state after it) and the money
 * booked in the ledger, per institution and, through the findings the entries name, per person and physician.
 * Physicians are the attending physicians ({@code visit.atddr_no}) of the findings' visits.
 */
public final class RankingFacts {
    /** The states a finding reaches only once confirmed as a violation. */
    public static final Set<CaseState> CONFIRMED = EnumSet.of(CaseState.CONFIRMED, CaseState.AWAITING_APPROVAL,
            CaseState.RECTIFYING, CaseState.PENALTY_NOTIFIED, CaseState.HEARING, CaseState.DEFENCE_CLOSED,
            CaseState.CLOSED);

    private final JdbcClient jdbc;

    public RankingFacts(WorkflowDatabase db) {
        this.jdbc = requireNonNull(db, "db is null").jdbc();
    }

    /** The ranking and, for each ranked physician, the institution most of their findings are at. */
    public record Ranked(Map<SubjectKind, List<Entry>> ranking, Map<String, String> physicianInstitution) {
    }

    public Ranked rank() {
        Map<String, String> physicianInstitution = new HashMap<>();
        jdbc.sql("""
                SELECT v.atddr_no, mode() WITHIN GROUP (ORDER BY f.fixmedins_code)
                FROM finding f JOIN visit v ON v.mdtrt_id = f.mdtrt_id
                WHERE v.atddr_no IS NOT NULL AND f.fixmedins_code IS NOT NULL GROUP BY v.atddr_no""")
                .query((rs, i) -> physicianInstitution.put(rs.getString(1), rs.getString(2))).list();
        jdbc.sql("SELECT DISTINCT dr_code, fixmedins_code FROM indicator_value WHERE unit_level = 'PHYSICIAN' AND "
                        + "robust_z >= ?").param(RiskRanking.MIN_Z)
                .query((rs, i) -> physicianInstitution.putIfAbsent(rs.getString(1), rs.getString(2))).list();
        return new Ranked(RiskRanking.rank(findings(), indicators(), history()), physicianInstitution);
    }

    List<FindingGroup> findings() {
        return jdbc.sql("""
                WITH f AS (SELECT f.fixmedins_code, f.psn_no, v.atddr_no, f.sev_deg, f.vola_amt FROM finding f
                           LEFT JOIN visit v ON v.mdtrt_id = f.mdtrt_id
                           WHERE f.state NOT IN ('DISMISSED', 'OVERTURNED'))
                SELECT 'INSTITUTION', fixmedins_code, sev_deg, count(*), coalesce(sum(vola_amt), 0) FROM f
                WHERE fixmedins_code IS NOT NULL GROUP BY fixmedins_code, sev_deg
                UNION ALL
                SELECT 'PERSON', psn_no, sev_deg, count(*), coalesce(sum(vola_amt), 0) FROM f
                WHERE psn_no IS NOT NULL GROUP BY psn_no, sev_deg
                UNION ALL
                SELECT 'PHYSICIAN', atddr_no, sev_deg, count(*), coalesce(sum(vola_amt), 0) FROM f
                WHERE atddr_no IS NOT NULL GROUP BY atddr_no, sev_deg""")
                .query((rs, i) -> new FindingGroup(subject(rs.getString(1), rs.getString(2)), rs.getInt(3),
                        rs.getLong(4), rs.getBigDecimal(5))).list();
    }

    List<IndicatorZ> indicators() {
        return jdbc.sql("""
                SELECT unit_level, CASE WHEN unit_level = 'PHYSICIAN' THEN dr_code ELSE fixmedins_code END, indicator,
                       month, robust_z
                FROM indicator_value WHERE unit_level IN ('INSTITUTION', 'PHYSICIAN') AND robust_z >= ?""")
                .param(RiskRanking.MIN_Z)
                .query((rs, i) -> new IndicatorZ(subject(rs.getString(1), rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getDouble(5))).list();
    }

    /** Confirmed findings and booked money per subject (a subject may have one row of each). */
    public List<History> history() {
        String confirmed = CONFIRMED.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        return jdbc.sql("""
                WITH f AS (SELECT f.jr_id, f.fixmedins_code, f.psn_no, v.atddr_no, f.state IN (%s) AS confirmed
                           FROM finding f LEFT JOIN visit v ON v.mdtrt_id = f.mdtrt_id),
                     l AS (SELECT l.fixmedins_code, f.psn_no, f.atddr_no, l.amount FROM ledger_entry l
                           LEFT JOIN f ON f.jr_id = l.jr_id)
                SELECT 'INSTITUTION', fixmedins_code, count(*), 0 FROM f
                WHERE confirmed AND fixmedins_code IS NOT NULL GROUP BY fixmedins_code
                UNION ALL SELECT 'PERSON', psn_no, count(*), 0 FROM f WHERE confirmed AND psn_no IS NOT NULL
                GROUP BY psn_no
                UNION ALL SELECT 'PHYSICIAN', atddr_no, count(*), 0 FROM f WHERE confirmed AND atddr_no IS NOT NULL
                GROUP BY atddr_no
                UNION ALL SELECT 'INSTITUTION', fixmedins_code, 0, sum(amount) FROM l GROUP BY fixmedins_code
                UNION ALL SELECT 'PERSON', psn_no, 0, sum(amount) FROM l WHERE psn_no IS NOT NULL GROUP BY psn_no
                UNION ALL SELECT 'PHYSICIAN', atddr_no, 0, sum(amount) FROM l WHERE atddr_no IS NOT NULL
                GROUP BY atddr_no""".formatted(confirmed))
                .query((rs, i) -> new History(subject(rs.getString(1), rs.getString(2)), rs.getLong(3),
                        rs.getBigDecimal(4))).list();
    }

    /**
     * Writes the history as the CSV {@code fundwatch screen --history} reads
     * ({@code subject_kind,subject_key,confirmed,booked}, one row per subject); returns the rows written.
     */
    public int exportHistory(Path file) throws IOException {
        Map<Subject, History> merged = new java.util.TreeMap<>(java.util.Comparator
                .comparing((Subject s) -> s.kind()).thenComparing(Subject::key));
        for (History h : history()) {
            merged.merge(h.subject(), h, (a, b) -> new History(a.subject(), a.confirmed() + b.confirmed(),
                    a.booked().add(b.booked())));
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("subject_kind,subject_key,confirmed,booked");
            w.newLine();
            for (History h : merged.values()) {
                w.write(h.subject().kind().name() + "," + h.subject().key() + "," + h.confirmed() + ","
                        + h.booked().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
                w.newLine();
            }
        }
        return merged.size();
    }

    private static Subject subject(String kind, String key) {
        return new Subject(SubjectKind.valueOf(kind), key);
    }
}
