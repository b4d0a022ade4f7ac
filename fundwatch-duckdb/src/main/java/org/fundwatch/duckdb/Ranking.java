package org.fundwatch.duckdb;

import java.util.stream.Collectors;
import java.io.PrintWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fundwatch.ranking.RiskRanking;
import org.fundwatch.ranking.RiskRanking.Entry;
import org.fundwatch.ranking.RiskRanking.FindingGroup;
import org.fundwatch.ranking.RiskRanking.History;
import org.fundwatch.ranking.RiskRanking.IndicatorZ;
import org.fundwatch.ranking.RiskRanking.Subject;
import org.fundwatch.ranking.RiskRanking.SubjectKind;

/**
 * {@code ranking.csv} (风险排名) of a screening run: its findings grouped by subject and severity (institutions by
 * {@code fixmedins_code}, insured persons by {@code psn_no}, physicians by the attending physician {@code atddr_no}
 * of the finding's visit), its indicator table's outlying months, and an optional confirmed history, ranked by
 * {@link RiskRanking}. One row per ranked subject, each kind from rank 1, with the score's parts.
 */
public final class Ranking {
    public static final String FILE = "ranking.csv";
    /** The columns of {@code ranking.csv}, in order. */
    public static final List<String> COLUMNS = List.of("subject_kind", "rank", "subject_key", "fixmedins_code",
            "score", "findings_part", "amount_part", "indicators_part", "history_part", "findings",
            "weighted_findings", "vola_amt", "outlier_indicators", "confirmed", "booked");
    /** The columns of a history file ({@code screen --history}). */
    public static final List<String> HISTORY_COLUMNS = List.of("subject_kind", "subject_key", "confirmed", "booked");

    private Ranking() {
    }

    /**
     * Ranks the run in {@code out} (its {@code findings.parquet} and {@code indicators.parquet}, the visits of
     * {@code dataset} for the physicians) and writes {@code out/ranking.csv}; {@code history} is a CSV with
     * {@link #HISTORY_COLUMNS} (what the workflow confirmed). Returns the ranking.
     */
    public static Map<SubjectKind, List<Entry>> write(Path dataset, Path out, Optional<Path> history)
            throws IOException {
        List<FindingGroup> findings = new ArrayList<>();
        List<IndicatorZ> indicators = new ArrayList<>();
        List<History> past = new ArrayList<>();
        Map<String, String> institutionOf = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE VIEW f AS SELECT * FROM read_parquet('" + Screening.sqlPath(out.resolve("findings.parquet"))
                    + "')");
            s.execute("CREATE VIEW mdtrt AS SELECT * FROM read_parquet('"
                    + Screening.sqlPath(dataset.resolve("mdtrt.parquet")) + "')");
            try (ResultSet rs = s.executeQuery("""
                    SELECT 'INSTITUTION', fixmedins_code, '', sev_deg, count(*), coalesce(sum(vola_amt), 0) FROM f
                    WHERE fixmedins_code IS NOT NULL GROUP BY fixmedins_code, sev_deg
                    UNION ALL
                    SELECT 'PERSON', psn_no, '', sev_deg, count(*), coalesce(sum(vola_amt), 0) FROM f
                    WHERE psn_no IS NOT NULL GROUP BY psn_no, sev_deg
                    UNION ALL
                    SELECT 'PHYSICIAN', m.atddr_no, min(m.fixmedins_code), f.sev_deg, count(*),
                           coalesce(sum(f.vola_amt), 0)
                    FROM f JOIN mdtrt m ON m.mdtrt_id = f.mdtrt_id WHERE m.atddr_no IS NOT NULL
                    GROUP BY m.atddr_no, f.sev_deg""")) {
                while (rs.next()) {
                    Subject subject = new Subject(SubjectKind.valueOf(rs.getString(1)), rs.getString(2));
                    if (subject.kind() == SubjectKind.PHYSICIAN) {
                        institutionOf.putIfAbsent(subject.key(), rs.getString(3));
                    }
                    findings.add(new FindingGroup(subject, rs.getInt(4), rs.getLong(5), rs.getBigDecimal(6)));
                }
            }
            Path table = out.resolve(IndicatorsWriter.NAME + ".parquet");
            if (Files.isRegularFile(table)) {
                try (ResultSet rs = s.executeQuery("SELECT unit_level, fixmedins_code, dr_code, indicator, month, "
                        + "robust_z FROM read_parquet('" + Screening.sqlPath(table) + "') WHERE robust_z >= "
                        + RiskRanking.MIN_Z + " AND unit_level IN ('INSTITUTION', 'PHYSICIAN')")) {
                    while (rs.next()) {
                        boolean physician = rs.getString(1).equals("PHYSICIAN");
                        Subject subject = new Subject(physician ? SubjectKind.PHYSICIAN : SubjectKind.INSTITUTION,
                                physician ? rs.getString(3) : rs.getString(2));
                        if (physician) {
                            institutionOf.putIfAbsent(subject.key(), rs.getString(2));
                        }
                        indicators.add(new IndicatorZ(subject, rs.getString(4), rs.getString(5), rs.getDouble(6)));
                    }
                }
            }
            if (history.isPresent()) {
                past.addAll(readHistory(s, history.get()));
            }
        } catch (SQLException e) {
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, "ranking of " + out + ": "
                    + e.getMessage(), e);
        }
        Map<SubjectKind, List<Entry>> ranking = RiskRanking.rank(findings, indicators, past);
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve(FILE), StandardCharsets.UTF_8)) {
            w.write(String.join(",", COLUMNS));
            w.newLine();
            for (List<Entry> entries : ranking.values()) {
                for (Entry e : entries) {
                    String institution = switch (e.subject().kind()) {
                        case INSTITUTION -> e.subject().key();
                        case PHYSICIAN -> institutionOf.getOrDefault(e.subject().key(), "");
                        case PERSON -> "";
                    };
                    w.write(String.join(",", e.subject().kind().name(), String.valueOf(e.rank()),
                            csv(e.subject().key()), csv(institution), number(e.score()), number(e.parts().findings()),
                            number(e.parts().amount()), number(e.parts().indicators()),
                            number(e.parts().history()), String.valueOf(e.findings()),
                            String.valueOf(e.weightedFindings()), e.amount().toPlainString(),
                            String.valueOf(e.outlierIndicators()), String.valueOf(e.confirmed()),
                            e.booked().toPlainString()));
                    w.newLine();
                }
            }
        }
        return ranking;
    }

    private static List<History> readHistory(Statement s, Path file) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new ScreenException(ScreenException.Code.BAD_HISTORY, file + ": no such history file");
        }
        List<History> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM read_csv('" + Screening.sqlPath(file)
                + "', header = true, all_varchar = true)")) {
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                header.add(rs.getMetaData().getColumnName(i));
            }
            if (!header.equals(HISTORY_COLUMNS)) {
                throw new ScreenException(ScreenException.Code.BAD_HISTORY, file + ": the header is not "
                        + String.join(",", HISTORY_COLUMNS) + " but " + String.join(",", header));
            }
            int record = 0;
            while (rs.next()) {
                record++;
                try {
                    out.add(new History(new Subject(SubjectKind.valueOf(rs.getString(1)), rs.getString(2)),
                            Long.parseLong(rs.getString(3)), new BigDecimal(rs.getString(4))));
                } catch (RuntimeException e) {
                    throw new ScreenException(ScreenException.Code.BAD_HISTORY, file + " record " + record
                            + ": not a history row (" + e.getMessage() + ")");
                }
            }
        }
        return out;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** The first five of each kind of the risk ranking (风险排名), as {@code ranking.csv} holds them all. */
    public static void print(Map<RiskRanking.SubjectKind, List<RiskRanking.Entry>> ranking, PrintWriter out) {
        out.println("risk ranking (风险排名), the first five of each kind (all in ranking.csv):");
        ranking.forEach((kind, entries) -> out.printf("  %-11s %s%n", kind.name().toLowerCase(Locale.ROOT),
                entries.stream().limit(5).map(e -> String.format(Locale.ROOT, "%s %.2f", e.subject().key(), e.score()))
                        .collect(Collectors.joining(", "))));
        out.flush();
    }
}
