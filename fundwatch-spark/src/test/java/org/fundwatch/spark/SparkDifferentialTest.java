package org.fundwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.fundwatch.duckdb.Engine;
import org.fundwatch.duckdb.ScreenOptions;
import org.fundwatch.duckdb.ScreenReport;
import org.fundwatch.duckdb.Screening;
import org.fundwatch.ingest.Ingest;
import org.fundwatch.ingest.IngestOptions;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.progress.Progress;
import org.fundwatch.screening.CompiledRule;
import org.fundwatch.screening.ScreeningPlan;
import org.fundwatch.screening.SparkSqlDialect;
import org.fundwatch.screening.Statement;
import org.fundwatch.synth.Generator;
import org.fundwatch.synth.GeneratorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkDifferentialTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path dataset;

    @BeforeAll
    static void setUp() throws Exception {
        Path extract = dir.resolve("extract");
        dataset = dir.resolve("dataset");
        new Generator(new GeneratorConfig(5_000, 3, 11, YearMonth.of(2026, 1), GeneratorConfig.OutputFormat.CSV))
                .generate(extract, Progress.NONE);
        Ingest.run(IngestOptions.of(extract, dataset), Progress.NONE);
        spark = SparkSettings.local(2, Map.of());
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Every failing statement at once (analysis is eager in Spark), rather than the first one of a screening. */
    @Test
    void everyStatementOfTheDefaultPlanIsValidSparkSql() throws Exception {
        ScreenOptions options = ScreenOptions.of(dataset, dir.resolve("plan"));
        ScreeningPlan plan = Screening.plan(options, SparkSqlDialect.INSTANCE, LocalDate.of(1900, 1, 1),
                LocalDate.of(2999, 12, 31));
        List<String> errors = new ArrayList<>();
        try (Engine.Session session = new SparkEngine(spark, dataset.toUri().toString())
                .open(options, Manifest.read(dataset), dir.resolve("plan-tmp"))) {
            for (Statement s : plan.prelude()) {
                try {
                    session.build(s);
                } catch (Exception e) {
                    errors.add(s.name() + ": " + e.getMessage());
                }
            }
            for (Statement s : plan.passes()) {
                try {
                    session.build(s);
                } catch (Exception e) {
                    errors.add(s.name() + ": " + e.getMessage());
                }
            }
            for (CompiledRule r : plan.rules()) {
                if (r.unsupported().isPresent()) {
                    continue;
                }
                try {
                    spark.sql(r.sql());
                } catch (Exception e) {
                    errors.add(r.rule().id() + ": " + e.getMessage());
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void sparkFindsExactlyTheFindingsOfDuckDbWithTheSameIdsAmountsAndRunCounts() throws Exception {
        assertSameAnswers(ScreenOptions.of(dataset, dir.resolve("duck")), ScreenOptions.of(dataset, dir.resolve("spark")));
    }

    @Test
    void oneMonthOnSparkWithEarlierMonthsAsLookBackMatchesDuckDb() throws Exception {
        YearMonth last = YearMonth.of(2026, 3);
        assertSameAnswers(ScreenOptions.of(dataset, dir.resolve("duck-m")).withPeriod(last),
                ScreenOptions.of(dataset, dir.resolve("spark-m")).withPeriod(last));
    }

    /**
     * Byte-identical findings and finding lines (CSV), but for the rules Spark cannot run, which its run reports as
     * not run with the reason; per rule the same status, count, suppressed count and amount.
     */
    private static void assertSameAnswers(ScreenOptions duckOptions, ScreenOptions sparkOptions) throws Exception {
        ScreenReport duck = Screening.run(duckOptions, Progress.NONE);
        ScreenReport onSpark = Screening.run(sparkOptions, Progress.NONE,
                new SparkEngine(spark, dataset.toUri().toString()));
        Set<String> unsupported = new TreeSet<>();
        for (ScreenReport.RuleResult r : onSpark.rules()) {
            ScreenReport.RuleResult d = duck.rule(r.ruleId());
            if (r.status().equals("NOT_RUN") && d.status().equals("RAN")) {
                assertThat(r.reason()).get().asString().contains("recursive");
                unsupported.add(r.ruleId());
                continue;
            }
            assertThat(List.of(r.status(), r.findings(), r.suppressed(), r.amount()))
                    .as("rule " + r.ruleId()).isEqualTo(List.of(d.status(), d.findings(), d.suppressed(), d.amount()));
        }
        assertThat(unsupported).containsExactly("FW-501");
        List<String> duckFindings = Files.readAllLines(duckOptions.out().resolve("findings.csv"));
        Set<String> dropped = new TreeSet<>();
        List<String> expected = duckFindings.stream().filter(line -> {
            boolean keep = unsupported.stream().noneMatch(id -> line.contains("," + id + ","));
            if (!keep) {
                dropped.add(line.substring(0, line.indexOf(',')));
            }
            return keep;
        }).toList();
        assertThat(expected.size()).as("findings of the rules both engines ran").isGreaterThan(500);
        assertThat(duck.byType()).as("violation types found").hasSizeGreaterThan(30);
        assertThat(Files.readAllLines(sparkOptions.out().resolve("findings.csv"))).isEqualTo(expected);
        assertThat(Files.readAllLines(sparkOptions.out().resolve("finding_lines.csv")))
                .isEqualTo(Files.readAllLines(duckOptions.out().resolve("finding_lines.csv")).stream()
                        .filter(line -> !dropped.contains(line.substring(0, line.indexOf(',')))).toList());
    }
}
