package org.fundwatch.duckdb;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fundwatch.findings.Finding;
import org.fundwatch.findings.FindingLine;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.progress.Progress;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.schema.SqlDdl;
import org.fundwatch.schema.Table;
import org.fundwatch.screening.CompiledRule;
import org.fundwatch.screening.DataNeed;
import org.fundwatch.screening.DuckDbDialect;
import org.fundwatch.screening.FindingAssembler;
import org.fundwatch.screening.RawRow;
import org.fundwatch.screening.RuleCompiler;
import org.fundwatch.screening.ScreeningPlan;

/**
 * 事后审核 on one machine: compiles the policy pack for the report window, runs the shared relations and passes once,
 * then each rule's query over them, and writes findings, finding lines and {@code run.json} to the output
 * directory. A rule whose data is absent (an optional table, or no knowledge point of its kind) is reported as not
 * run instead of silently finding nothing.
 */
public final class Screening {
    private static final LocalDate ALL_FROM = LocalDate.of(1900, 1, 1);
    private static final LocalDate ALL_TO = LocalDate.of(2999, 12, 31);

    private Screening() {
    }

    public static ScreenReport run(ScreenOptions options, Progress progress) throws IOException {
        long started = System.nanoTime();
        Manifest manifest = Manifest.read(options.dataset());
        for (Table t : ExchangeFormat.TABLES) {
            if (t.required() && !manifest.tableNames().contains(t.name())) {
                throw new ScreenException(ScreenException.Code.BAD_DATASET, options.dataset() + " lacks the table "
                        + t.name());
            }
        }
        prepareOutput(options);
        LocalDate from = ALL_FROM;
        LocalDate to = ALL_TO;
        if (options.period().isPresent()) {
            YearMonth p = options.period().get();
            List<String> months = manifest.period().orElse(List.of());
            if (!months.contains(p.toString())) {
                throw new ScreenException(ScreenException.Code.BAD_PERIOD, "period " + p + " is not a month of "
                        + options.dataset() + " (months: " + (months.isEmpty() ? "none" : String.join(", ", months))
                        + ")");
            }
            from = p.atDay(1);
            to = p.atEndOfMonth();
        }
        PolicyPack pack = options.rules().map(PolicyPack::load).orElseGet(PolicyPack::defaultPack);
        MedTypeSettings settings = options.medTypeFile().isPresent()
                ? MedTypeSettings.defaultsWith(options.medTypeFile().get()) : MedTypeSettings.defaults();
        ScreeningPlan plan = new RuleCompiler(DuckDbDialect.INSTANCE, settings).compile(pack, from, to);

        Path tmp = options.out().resolve(".tmp");
        Files.createDirectories(tmp);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            Engine engine = new Engine(c);
            engine.execute("SET temp_directory = '" + sqlPath(tmp) + "'");
            engine.execute("SET preserve_insertion_order = false");
            if (options.threads() > 0) {
                engine.execute("SET threads = " + options.threads());
            }
            if (options.memoryLimit().isPresent()) {
                String limit = options.memoryLimit().get();
                if (!limit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]i?B")) {
                    throw new IllegalArgumentException("memory limit '" + limit + "' is not like 8GB");
                }
                engine.execute("SET memory_limit = '" + limit + "'");
            }
            Set<String> present = new LinkedHashSet<>(manifest.tableNames());
            for (Table t : ExchangeFormat.TABLES) {
                if (present.contains(t.name())) {
                    Path file = options.dataset().resolve(t.name() + ".parquet");
                    engine.execute("CREATE VIEW " + t.name() + " AS SELECT * FROM read_parquet('" + sqlPath(file) + "')");
                } else {
                    engine.execute(SqlDdl.createTable(t.name(), t, List.of(), List.of()));
                }
            }
            List<ScreenReport.PassTiming> timings = new ArrayList<>();
            progress.start("prepare", plan.prelude().size());
            for (org.fundwatch.screening.Statement s : plan.prelude()) {
                timings.add(engine.timed(s));
                progress.advance(1);
            }
            progress.finish();

            Map<String, String> notRun = new HashMap<>();
            for (CompiledRule r : plan.rules()) {
                for (DataNeed need : r.needs()) {
                    if (!present.contains(need.table())) {
                        notRun.put(r.rule().id(), "table " + need.table() + " is absent from the dataset");
                        break;
                    }
                    if (need.countQuery().isPresent() && engine.count(need.countQuery().get()) == 0) {
                        notRun.put(r.rule().id(), need.description());
                        break;
                    }
                }
            }
            Set<String> neededPasses = new LinkedHashSet<>();
            for (CompiledRule r : plan.rules()) {
                if (!notRun.containsKey(r.rule().id())) {
                    r.passes().forEach(p -> neededPasses.add(p.relation()));
                }
            }
            List<org.fundwatch.screening.Statement> passes = plan.passes().stream()
                    .filter(s -> neededPasses.contains(s.name())).toList();
            progress.start("passes", passes.size());
            for (org.fundwatch.screening.Statement s : passes) {
                timings.add(engine.timed(s));
                progress.advance(1);
            }
            progress.finish();

            List<Finding> findings = new ArrayList<>();
            List<ScreenReport.RuleResult> results = new ArrayList<>();
            progress.start("rules", plan.rules().size());
            for (CompiledRule r : plan.rules()) {
                String reason = notRun.get(r.rule().id());
                String template = r.rule().template();
                if (reason != null) {
                    results.add(new ScreenReport.RuleResult(r.rule().id(), r.rule().version(), r.rule().type().name(),
                            template, "NOT_RUN", Optional.of(reason), 0, 0, BigDecimal.ZERO, 0));
                } else {
                    long t0 = System.nanoTime();
                    FindingAssembler assembler = engine.assemble(r);
                    List<Finding> found = assembler.findings();
                    findings.addAll(found);
                    results.add(new ScreenReport.RuleResult(r.rule().id(), r.rule().version(), r.rule().type().name(),
                            template, "RAN", Optional.empty(), found.size(), assembler.suppressed(),
                            Totals.amount(found), (System.nanoTime() - t0) / 1e9));
                }
                progress.advance(1);
            }
            progress.finish();

            long t0 = System.nanoTime();
            FindingsWriter.write(c, options.out(), findings);
            timings.add(new ScreenReport.PassTiming("write findings", (System.nanoTime() - t0) / 1e9, findings.size()));
            Map<String, ScreenReport.TypeTotal> byType = new TreeMap<>();
            Map<String, List<Finding>> grouped = new TreeMap<>();
            findings.forEach(f -> grouped.computeIfAbsent(f.volaBhvrType(), k -> new ArrayList<>()).add(f));
            grouped.forEach((type, list) -> byType.put(type, new ScreenReport.TypeTotal(list.size(), Totals.amount(list))));
            long suppressed = results.stream().mapToLong(ScreenReport.RuleResult::suppressed).sum();
            ScreenReport report = new ScreenReport(options.out(), plan.packId(), plan.packVersion(),
                    options.period().isPresent() ? from : null, options.period().isPresent() ? to : null,
                    timings, results, byType, findings.size(), suppressed, Totals.amount(findings),
                    (System.nanoTime() - started) / 1e9);
            RunFile.write(options, manifest, report);
            return report;
        } catch (SQLException e) {
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void prepareOutput(ScreenOptions options) throws IOException {
        Path out = options.out();
        if (Files.exists(out.resolve(RunFile.NAME)) && !options.overwrite()) {
            throw new ScreenException(ScreenException.Code.OUTPUT_EXISTS, out + " already holds a screening (run.json);"
                    + " give --overwrite to replace it");
        }
        Files.createDirectories(out);
    }

    static String sqlPath(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Statements on the connection, timed. */
    private record Engine(Connection connection) {

        void execute(String sql) throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            }
        }

        long count(String sql) throws SQLException {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        ScreenReport.PassTiming timed(org.fundwatch.screening.Statement s) throws SQLException {
            long t0 = System.nanoTime();
            try {
                execute(s.sql());
            } catch (SQLException e) {
                throw new SQLException("building " + s.name() + ": " + e.getMessage(), e);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long rows = s.sql().contains("TEMP VIEW") ? -1 : count("SELECT count(*) FROM " + s.name());
            return new ScreenReport.PassTiming(s.name(), seconds, rows);
        }

        FindingAssembler assemble(CompiledRule rule) throws SQLException {
            FindingAssembler assembler = new FindingAssembler(rule);
            int n = RawRow.columns().size();
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(rule.sql())) {
                while (rs.next()) {
                    String[] values = new String[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = rs.getString(i + 1);
                    }
                    assembler.accept(new RawRow(values), rs.getBoolean(n + 1));
                }
            } catch (SQLException e) {
                throw new SQLException("rule " + rule.rule().id() + ": " + e.getMessage(), e);
            }
            return assembler;
        }
    }

    /** Amounts over findings counting each fee line once, and each visit or other key once when no line is named. */
    static final class Totals {
        private Totals() {
        }

        static BigDecimal amount(List<Finding> findings) {
            Map<String, BigDecimal> byLine = new HashMap<>();
            Map<String, BigDecimal> byKey = new HashMap<>();
            for (Finding f : findings) {
                List<FindingLine> violating = f.lines().stream().filter(l -> l.volaItemType() == 1).toList();
                if (violating.isEmpty()) {
                    String key = f.mdtrtId().map(m -> "visit " + m).orElse(f.jrId());
                    f.volaAmt().ifPresent(a -> byKey.merge(key, a, BigDecimal::max));
                } else {
                    violating.forEach(l -> l.volaAmt().ifPresent(a -> byLine.merge(l.feedetlSn(), a, BigDecimal::max)));
                }
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (BigDecimal a : byLine.values()) {
                sum = sum.add(a);
            }
            for (BigDecimal a : byKey.values()) {
                sum = sum.add(a);
            }
            return sum;
        }
    }
}
