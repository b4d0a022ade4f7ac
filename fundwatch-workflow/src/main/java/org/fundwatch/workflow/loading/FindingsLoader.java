package org.fundwatch.workflow.loading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fundwatch.findings.Finding;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Loads a screening run's output ({@code findings.csv}, {@code finding_lines.csv}, {@code run.json}, and the
 * indicator table {@code indicators.csv} when present, whose months replace the same months in the store) into the
 * workflow store, idempotently by {@code jr_id}: a finding seen before keeps its place in the workflow; while it is
 * still new (not yet reviewed) its text, amount and rule version are refreshed from the newer run, once under review
 * they are kept as the reviewer saw them. Next month's findings load beside the open ones.
 *
 * <p>Rows go through PostgreSQL's {@code COPY} into a staging table, are checked there (a bad value fails the load
 * naming the file, the record and the column, and nothing is stored) and merged in one statement per table, all in
 * one transaction.
 */
public final class FindingsLoader {
    /** The case file's tables (案卷) and their columns, in file order, as {@code CaseFile} writes them. */
    public static final List<String> PERSON_COLUMNS = List.of("psn_no", "certno", "psn_name", "gend", "brdy");
    public static final List<String> INSTITUTION_COLUMNS = List.of("fixmedins_code", "fixmedins_name",
            "fixmedins_type", "medins_lv", "admdvs");
    public static final List<String> VISIT_COLUMNS = List.of("mdtrt_id", "psn_no", "fixmedins_code", "med_type",
            "begntime", "endtime", "dscg_maindiag_code", "dscg_maindiag_name", "medfee_sumamt", "fund_pay_sumamt",
            "atddr_no");
    public static final List<String> SETTLEMENT_MONTH_COLUMNS = List.of("fixmedins_code", "month", "settlements",
            "visits", "persons", "medfee_sumamt", "fund_pay_sumamt");
    public static final List<String> FEE_LINE_COLUMNS = List.of("feedetl_sn", "mdtrt_id", "fee_ocur_time",
            "med_list_codg", "item_name", "cnt", "pric", "det_item_fee_sumamt");

    private final WorkflowDatabase db;
    private final Clock clock;

    public FindingsLoader(WorkflowDatabase db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** What a load did. */
    /**
     * What a load did: of the distinct findings read, how many were new, refreshed (still new, and the newer run
     * changed their text, amount or rule version) or unchanged; of those, how many were already under review (kept
     * as the reviewer saw them).
     */
    public record LoadReport(long runId, int findingsRead, int findingsNew, int findingsRefreshed,
                             int findingsUnchanged, int findingsKept, int duplicateRows, int linesRead, int linesNew,
                             int persons, int visits, int feeLines, int indicatorRows) {
    }

    /**
     * Loads the run in {@code findingsDir}, and the case file in {@code caseFileDir} when given (the persons,
     * institutions, visits and fee lines the findings refer to); fails with {@link LoadException}.
     */
    public LoadReport load(Path findingsDir, Optional<Path> caseFileDir) {
        Path findings = findingsDir.resolve("findings.csv");
        Path lines = findingsDir.resolve("finding_lines.csv");
        for (Path p : List.of(findings, lines)) {
            if (!Files.isRegularFile(p)) {
                throw new LoadException(p + ": not found; give the output directory of fundwatch screen");
            }
        }
        RunInfo run = RunInfo.read(findingsDir.resolve("run.json"));
        return db.transactions().execute(tx -> {
            Connection c = DataSourceUtils.getConnection(db.dataSource());
            try {
                return load(c, findingsDir, findings, lines, run, caseFileDir);
            } catch (SQLException e) {
                throw new LoadException("the workflow store refused the load: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private LoadReport load(Connection c, Path dir, Path findings, Path lines, RunInfo run, Optional<Path> caseFile)
            throws SQLException, IOException {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        try (Statement s = c.createStatement()) {
            // the merge sorts a month's findings by id: in memory, not in files
            s.execute("SET LOCAL work_mem = '256MB'");
            s.execute("CREATE TEMP TABLE finding_stage (record bigserial, "
                    + Finding.COLUMNS.stream().map(col -> col + " text").collect(Collectors.joining(", "))
                    + ") ON COMMIT DROP");
            s.execute("CREATE TEMP TABLE line_stage (record bigserial, "
                    + Finding.LINE_COLUMNS.stream().map(col -> col + " text").collect(Collectors.joining(", "))
                    + ") ON COMMIT DROP");
        }
        int findingsRead = copy(c, findings, "finding_stage", Finding.COLUMNS);
        int linesRead = copy(c, lines, "line_stage", Finding.LINE_COLUMNS);
        // cheap comparisons first; a pattern only where a cast follows (the casts of the merge must not fail)
        check(c, findings, "finding_stage", """
                jr_id IS NULL OR length(jr_id) <> 32 OR lower(jr_id) <> jr_id AS jr_id,
                rule_id IS NULL AS rule_id,
                rule_version IS NULL OR length(rule_version) > 9 OR rule_version !~ '^[0-9]+$' AS rule_version,
                rule_name IS NULL AS rule_name,
                vola_bhvr_type IS NULL AS vola_bhvr_type,
                grain IS NULL AS grain,
                period IS NULL OR length(period) NOT IN (7, 10) OR period !~ '^[0-9]{4}-[0-9]{2}' AS period,
                sev_deg IS NULL OR sev_deg NOT IN ('1', '2', '3') AS sev_deg,
                action IS NULL OR action NOT IN ('WARN', 'BLOCK') AS action,
                vola_amt !~ '^-?[0-9]{1,16}(\\.[0-9]{1,2})?$' AS vola_amt,
                vola_cont IS NULL AS vola_cont,
                occur_time !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?$' AS occur_time
                """);
        check(c, lines, "line_stage", """
                jr_id IS NULL OR length(jr_id) <> 32 AS jr_id,
                feedetl_sn IS NULL AS feedetl_sn,
                vola_item_type IS NULL OR vola_item_type NOT IN ('1', '2') AS vola_item_type,
                vola_amt !~ '^-?[0-9]{1,16}(\\.[0-9]{1,2})?$' AS vola_amt
                """);
        long runId;
        try (var ps = c.prepareStatement("INSERT INTO screening_run (loaded_at, source, rule_pack, rule_pack_version, "
                + "dataset_sha256, period, findings_read, findings_new, findings_refreshed, findings_kept, lines_read, "
                + "lines_new) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, 0) RETURNING run_id")) {
            ps.setObject(1, now);
            ps.setString(2, dir.toAbsolutePath().normalize().toString());
            ps.setString(3, run.rulePack().orElse(null));
            ps.setString(4, run.rulePackVersion().orElse(null));
            ps.setString(5, run.datasetSha256().orElse(null));
            ps.setString(6, run.period().orElse(null));
            ps.setInt(7, findingsRead);
            ps.setInt(8, linesRead);
            try (var rs = ps.executeQuery()) {
                rs.next();
                runId = rs.getLong(1);
            }
        }
        int kept;
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(DISTINCT jr_id) FROM "
                + "finding_stage s JOIN finding f USING (jr_id) WHERE f.state <> 'NEW'")) {
            rs.next();
            kept = rs.getInt(1);
        }
        List<String> rebuilt = dropIndexesForABigLoad(c, findingsRead);
        int inserted;
        int refreshed;
        boolean repeats;
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM finding_stage "
                + "GROUP BY jr_id HAVING count(*) > 1)")) {
            rs.next();
            repeats = rs.getBoolean(1);
        }
        try (var ps = c.prepareStatement("WITH merged AS (" + mergeFindings(repeats) + ") SELECT count(*) FILTER (WHERE "
                + "inserted), count(*) FILTER (WHERE NOT inserted) FROM merged")) {
            ps.setLong(1, runId);
            ps.setObject(2, now);
            try (var rs = ps.executeQuery()) {
                rs.next();
                inserted = rs.getInt(1);
                refreshed = rs.getInt(2);
            }
        }
        int distinct = findingsRead;
        if (repeats) {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM (SELECT DISTINCT "
                    + "jr_id FROM finding_stage) d")) {
                rs.next();
                distinct = rs.getInt(1);
            }
        }
        recreate(c, rebuilt);
        int orphanLines;
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT min(l.record), count(*) FROM line_stage l "
                + "LEFT JOIN finding f ON f.jr_id = l.jr_id WHERE f.jr_id IS NULL")) {
            rs.next();
            orphanLines = rs.getInt(2);
            if (orphanLines > 0) {
                throw new LoadException(lines + " record " + rs.getLong(1) + " field jr_id: " + orphanLines
                        + " lines name a finding that is not in findings.csv");
            }
        }
        int linesNew;
        try (Statement s = c.createStatement()) {
            // a finding's lines are those of its first load: a re-run names the same lines of the same finding
            // DO NOTHING also skips a repeat of a line within the file: the first one is kept
            linesNew = s.executeUpdate("INSERT INTO finding_line (jr_id, feedetl_sn, vola_item_type, vola_amt) "
                    + "SELECT jr_id, feedetl_sn, vola_item_type::smallint, nullif(vola_amt, '')::numeric "
                    + "FROM line_stage ORDER BY record ON CONFLICT (jr_id, feedetl_sn) DO NOTHING");
            s.executeUpdate("UPDATE screening_run SET findings_new = " + inserted + ", findings_refreshed = "
                    + refreshed + ", findings_kept = " + kept + ", lines_new = " + linesNew + " WHERE run_id = "
                    + runId);
        }
        int[] caseFileCounts = caseFile.isPresent() ? loadCaseFile(c, caseFile.get()) : new int[3];
        Path indicators = dir.resolve("indicators.csv");
        int indicatorRows = Files.isRegularFile(indicators) ? IndicatorRows.replaceMonths(c, indicators) : 0;
        return new LoadReport(runId, findingsRead, inserted, refreshed, distinct - inserted - refreshed, kept,
                findingsRead - distinct, linesRead, linesNew, caseFileCounts[0], caseFileCounts[1],
                caseFileCounts[2], indicatorRows);
    }

    /**
     * New findings inserted; still-new ones refreshed where the run changed them; the others left alone. A file that
     * repeats a finding keeps its first row (which costs a sort of the whole file, so only then).
     */
    private static String mergeFindings(boolean repeats) {
        return MERGE_FINDINGS.formatted(repeats ? "DISTINCT ON (jr_id) " : "",
                repeats ? " ORDER BY jr_id, record" : "");
    }

    private static final String MERGE_FINDINGS = """
            INSERT INTO finding AS f (jr_id, rule_id, rule_version, rule_name, vola_bhvr_type, grain, period, month,
                sev_deg, action, vola_amt, vola_cont, vola_cont_en, vola_evid, indicator, psn_no, certno, mdtrt_id,
                setl_id, feedetl_sn, fixmedins_code, hilist_code, occur_time, first_run, state, state_since)
            SELECT %sjr_id, rule_id, rule_version::integer, rule_name, vola_bhvr_type, grain, period,
                left(period, 7), sev_deg::smallint, action, nullif(vola_amt, '')::numeric, vola_cont, vola_cont_en,
                vola_evid, indicator, psn_no, certno, mdtrt_id, setl_id, feedetl_sn, fixmedins_code, hilist_code,
                nullif(occur_time, '')::timestamp, ?, 'NEW', ?
            FROM finding_stage%s
            ON CONFLICT (jr_id) DO UPDATE SET
                rule_version = EXCLUDED.rule_version, rule_name = EXCLUDED.rule_name, sev_deg = EXCLUDED.sev_deg,
                action = EXCLUDED.action, vola_amt = EXCLUDED.vola_amt, vola_cont = EXCLUDED.vola_cont,
                vola_cont_en = EXCLUDED.vola_cont_en, vola_evid = EXCLUDED.vola_evid
            WHERE f.state = 'NEW' AND (f.rule_version, f.rule_name, f.sev_deg, f.action, f.vola_amt, f.vola_cont,
                f.vola_cont_en, f.vola_evid) IS DISTINCT FROM (EXCLUDED.rule_version, EXCLUDED.rule_name,
                EXCLUDED.sev_deg, EXCLUDED.action, EXCLUDED.vola_amt, EXCLUDED.vola_cont, EXCLUDED.vola_cont_en,
                EXCLUDED.vola_evid)
            RETURNING (xmax = 0) AS inserted
            """;

    /**
     * For a load that is large against the findings already stored (a first load, or a month of a small store),
     * the finding table's secondary indexes are dropped and built again after the insert, in this transaction:
     * one sort per index instead of a million random insertions into each (about 4× faster for a million
     * findings), and the tally is grouped once from the whole table instead of by the triggers. The queue waits
     * for the load meanwhile. Returns the definitions to build again.
     */
    private static List<String> dropIndexesForABigLoad(Connection c, int incoming) throws SQLException {
        long stored;
        try (Statement s = c.createStatement(); var rs = s.executeQuery(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = 'finding'::regclass")) {
            rs.next();
            stored = Math.max(0, rs.getLong(1));
        }
        if (incoming < 50_000 || incoming < stored / 4) {
            return List.of();
        }
        List<String> definitions = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes "
                + "WHERE schemaname = current_schema() AND tablename = 'finding' AND indexname <> 'finding_pkey'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("DROP INDEX " + name);
            }
            // the tally is rebuilt once after the insert instead of grouping the new rows in the triggers
            s.execute("ALTER TABLE finding DISABLE TRIGGER finding_tally_insert");
            s.execute("ALTER TABLE finding DISABLE TRIGGER finding_tally_update");
        }
        return definitions;
    }

    private static void recreate(Connection c, List<String> definitions) throws SQLException {
        if (definitions.isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL maintenance_work_mem = '512MB'");
            for (String definition : definitions) {
                s.execute(definition);
            }
            s.execute("SELECT rebuild_finding_tally()");
            s.execute("ALTER TABLE finding ENABLE TRIGGER finding_tally_insert");
            s.execute("ALTER TABLE finding ENABLE TRIGGER finding_tally_update");
        }
    }

    /** Copies a CSV file (its header checked against {@code columns}) into a staging table; returns the records. */
    static int copy(Connection c, Path file, String table, List<String> columns)
            throws SQLException, IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new LoadException(file + ": empty; expected the header " + String.join(",", columns));
            }
            header = header.startsWith("\uFEFF") ? header.substring(1) : header;
            if (!header.equals(String.join(",", columns))) {
                throw new LoadException(file + " line 1: the header is not that of fundwatch screen: expected "
                        + String.join(",", columns) + ", found " + header);
            }
            return copyRows(c, in, table, columns, file);
        }
    }

    private static int copyRows(Connection c, Reader in, String table, List<String> columns, Path file)
            throws SQLException, IOException {
        try {
            return (int) c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " ("
                    + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)", in);
        } catch (SQLException e) {
            throw new LoadException(file + ": not readable as CSV: " + e.getMessage(), e);
        }
    }

    /**
     * Fails naming the first bad record and column of a staging table; {@code checks} are boolean columns, one per
     * checked field, true when the value is bad.
     */
    static void check(Connection c, Path file, String table, String checks) throws SQLException {
        List<String> names = checks.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.substring(l.lastIndexOf(" AS ") + 4).replace(",", "").strip()).toList();
        String sql = "SELECT record, " + checks.strip().replaceAll(",\\s*$", "") + " FROM " + table + " WHERE "
                + checks.lines().map(String::strip).filter(l -> !l.isEmpty())
                        .map(l -> "coalesce(" + l.substring(0, l.lastIndexOf(" AS ")) + ", false)")
                        .collect(Collectors.joining(" OR "))
                + " ORDER BY record LIMIT 1";
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            if (rs.next()) {
                long record = rs.getLong(1);
                for (int i = 0; i < names.size(); i++) {
                    if (rs.getBoolean(i + 2)) {
                        String value;
                        try (Statement v = c.createStatement(); var vr = v.executeQuery("SELECT " + names.get(i)
                                + " FROM " + table + " WHERE record = " + record)) {
                            vr.next();
                            value = vr.getString(1);
                        }
                        throw new LoadException(file + " record " + record + " field " + names.get(i) + ": "
                                + (value == null ? "missing" : "not a valid value: " + abbreviate(value))
                                + "; nothing was loaded");
                    }
                }
            }
        }
    }

    private static String abbreviate(String v) {
        return v.length() > 80 ? v.substring(0, 80) + "…" : v;
    }

    /** Loads the case file's four tables; returns persons, visits and fee lines stored. */
    private static int[] loadCaseFile(Connection c, Path dir) throws SQLException, IOException {
        int persons = upsert(c, dir.resolve("person.csv"), "person", PERSON_COLUMNS, "psn_no");
        upsert(c, dir.resolve("institution.csv"), "institution", INSTITUTION_COLUMNS, "fixmedins_code");
        int visits = upsert(c, dir.resolve("visit.csv"), "visit", VISIT_COLUMNS, "mdtrt_id");
        try (Statement s = c.createStatement()) {
            // visits stored before the case file carried the physician (V3) get it from a newer case file
            s.executeUpdate("UPDATE visit v SET atddr_no = t.atddr_no FROM visit_stage t WHERE v.mdtrt_id = "
                    + "t.mdtrt_id AND v.atddr_no IS NULL AND t.atddr_no IS NOT NULL");
        }
        int lines = upsert(c, dir.resolve("fee_line.csv"), "fee_line", FEE_LINE_COLUMNS, "feedetl_sn");
        replaceMonths(c, dir.resolve("settlement_month.csv"));
        return new int[] {persons, visits, lines};
    }

    /** Copies a case-file table through a staging table and stores the rows not yet known (keys never change). */
    private static int upsert(Connection c, Path file, String table, List<String> columns, String key)
            throws SQLException, IOException {
        String stage = table + "_stage";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE " + stage + " (LIKE " + table + ") ON COMMIT DROP");
        }
        copy(c, file, stage, columns);
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("INSERT INTO " + table + " SELECT DISTINCT ON (" + key + ") * FROM " + stage
                    + " ORDER BY " + key + " ON CONFLICT (" + key + ") DO NOTHING");
        }
    }

    /** The institution-months of the file replace those in the store: a month loaded again is counted once. */
    private static void replaceMonths(Connection c, Path file) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE settlement_month_stage (LIKE settlement_month) ON COMMIT DROP");
        }
        copy(c, file, "settlement_month_stage", SETTLEMENT_MONTH_COLUMNS);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM settlement_month m USING settlement_month_stage t "
                    + "WHERE m.fixmedins_code = t.fixmedins_code AND m.month = t.month");
            s.executeUpdate("INSERT INTO settlement_month SELECT * FROM settlement_month_stage");
        }
    }

    /** What {@code run.json} says of the run, when it is there. */
    record RunInfo(Optional<String> rulePack, Optional<String> rulePackVersion, Optional<String> datasetSha256,
                   Optional<String> period, Optional<Path> dataset) {
        static RunInfo read(Path file) {
            if (!Files.isRegularFile(file)) {
                return new RunInfo(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty());
            }
            try {
                JsonNode n = new ObjectMapper().readTree(file.toFile());
                return new RunInfo(text(n.path("rule_pack").path("id")), text(n.path("rule_pack").path("version")),
                        text(n.path("dataset").path("sha256")), text(n.path("period")),
                        text(n.path("dataset").path("path")).map(Path::of));
            } catch (IOException e) {
                throw new LoadException(file + ": not readable as JSON: " + e.getMessage(), e);
            }
        }

        private static Optional<String> text(JsonNode n) {
            return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
        }
    }

    /** The dataset the run in {@code findingsDir} screened, as its {@code run.json} names it. */
    public static Optional<Path> screenedDataset(Path findingsDir) {
        return RunInfo.read(findingsDir.resolve("run.json")).dataset();
    }
}
