package org.fundwatch.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.fundwatch.duckdb.ScreenOptions;
import org.fundwatch.duckdb.ScreenReport;
import org.fundwatch.duckdb.Screening;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.progress.Progress;

/**
 * The same screening on DuckDB and on Spark local[cores] in one JVM, DuckDB limited to the same cores: the total and
 * per-pass times, their ratio, and Spark's throughput in fee lines per second per core — the figure the sizing table
 * of the README is computed from. Spark's session start is timed on its own, apart from the screening.
 */
final class SparkBenchmark {

    private SparkBenchmark() {
    }

    static void run(Path dataset, int cores, ScreenOptions base, PrintWriter out) throws IOException {
        long lines = Manifest.read(dataset).rows("feedetail");
        Path tmp = Files.createTempDirectory("fundwatch-spark-bench");
        ScreenReport duck = Screening.run(withOut(base, tmp.resolve("duckdb")).withThreads(cores), Progress.NONE);
        long t0 = System.nanoTime();
        SparkSession spark = SparkSettings.local(cores, Map.of());
        double start = (System.nanoTime() - t0) / 1e9;
        ScreenReport onSpark;
        try {
            onSpark = Screening.run(withOut(base, tmp.resolve("spark")), Progress.NONE,
                    new SparkEngine(spark, dataset.toAbsolutePath().toUri().toString()));
        } finally {
            spark.stop();
        }
        out.printf("dataset %s: %,d fee lines; %d cores for each engine%n", dataset, lines, cores);
        out.printf("Spark session start %.1f s (not counted below)%n", start);
        out.printf("%-28s %10s %10s %8s%n", "pass", "duckdb s", "spark s", "ratio");
        Map<String, double[]> rows = new LinkedHashMap<>();
        duck.passes().forEach(p -> rows.computeIfAbsent(p.name(), k -> new double[2])[0] = p.seconds());
        onSpark.passes().forEach(p -> rows.computeIfAbsent(p.name(), k -> new double[2])[1] = p.seconds());
        rows.forEach((name, s) -> out.printf("%-28s %10.2f %10.2f %8s%n", name, s[0], s[1], ratio(s[1], s[0])));
        double duckRules = duck.rules().stream().mapToDouble(ScreenReport.RuleResult::seconds).sum();
        double sparkRules = onSpark.rules().stream().mapToDouble(ScreenReport.RuleResult::seconds).sum();
        out.printf("%-28s %10.2f %10.2f %8s%n", "rule queries (sum)", duckRules, sparkRules, ratio(sparkRules, duckRules));
        out.printf("%-28s %10.2f %10.2f %8s%n", "total", duck.seconds(), onSpark.seconds(),
                ratio(onSpark.seconds(), duck.seconds()));
        out.printf("findings: duckdb %,d, spark %,d (rules not run on spark: %s)%n", duck.findings(),
                onSpark.findings(), String.join(", ", onSpark.rules().stream()
                        .filter(r -> r.status().equals("NOT_RUN") && duck.rule(r.ruleId()).status().equals("RAN"))
                        .map(ScreenReport.RuleResult::ruleId).toList()));
        out.printf("throughput: duckdb %,.0f, spark %,.0f fee lines per second per core%n",
                lines / duck.seconds() / cores, lines / onSpark.seconds() / cores);
        out.flush();
    }

    private static String ratio(double a, double b) {
        return b <= 0 ? "—" : String.format("%.2f×", a / b);
    }

    private static ScreenOptions withOut(ScreenOptions o, Path out) {
        return o.withOut(out).withOverwrite(true);
    }
}
