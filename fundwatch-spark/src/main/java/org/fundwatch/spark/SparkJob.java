package org.fundwatch.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.fundwatch.duckdb.Ranking;
import org.fundwatch.duckdb.ScreenException;
import org.fundwatch.duckdb.ScreenOptions;
import org.fundwatch.duckdb.ScreenReport;
import org.fundwatch.duckdb.Screening;
import org.fundwatch.progress.ConsoleProgress;
import org.fundwatch.progress.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark job's entry point, for {@code spark-submit --class org.fundwatch.spark.SparkJob fundwatch-spark-job.jar
 * screen …} on a cluster and for {@code fundwatch screen --engine spark}, which starts it in a child JVM. The same
 * options as {@code fundwatch screen}; the dataset and the output may be local paths or Hadoop URIs
 * ({@code hdfs://…}, {@code s3a://…}). The findings are assembled and written by the driver: a remote {@code --out}
 * is written locally first and then copied there.
 */
@Command(name = "fundwatch-spark", mixinStandardHelpOptions = true, subcommands = {SparkJob.Screen.class, SparkJob.Bench.class},
        description = "Fundwatch on Apache Spark: the same rule pack as the embedded engine, on a cluster.")
public final class SparkJob {

    private SparkJob() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkJob()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("fundwatch-spark: " + e.getMessage());
            return e instanceof ScreenException || e instanceof IllegalArgumentException ? 2 : 1;
        }).execute(args));
    }

    @Command(name = "screen", mixinStandardHelpOptions = true,
            description = {"Screen every claim of a dataset against the rule base (事后审核) on Spark.",
                    "Writes OUT/findings.{csv,parquet,jsonl}, OUT/finding_lines.{csv,parquet,jsonl} and OUT/run.json "
                            + "exactly as `fundwatch screen` does. Exit 0, or 2 when the dataset or pack cannot be used."})
    static final class Screen implements Callable<Integer> {
        @Option(names = "--dataset", required = true, description = "Dataset directory or URI (manifest.json and "
                + "one Parquet file per table, as `fundwatch ingest` writes it).")
        String dataset;

        @Option(names = "--out", required = true, description = "Directory or URI for the findings and run.json.")
        String out;

        @Option(names = "--rules", description = "Policy pack directory on the driver. Default: the shipped pack.")
        Path rules;

        @Option(names = "--period", description = "Report the findings of one month (yyyy-MM).")
        String period;

        @Option(names = "--med-types", description = "The bureau's med_type → setting table, on the driver.")
        Path medTypes;

        @Option(names = "--overwrite", description = "Replace a screening already in --out.")
        boolean overwrite;

        @Option(names = "--history", description = "The confirmed history for the risk ranking (CSV from "
                + "`fundwatch workflow export-history`), on the driver.")
        Path history;

        @Option(names = "--master", description = "Spark master when not started by spark-submit, e.g. local[2].")
        String master;

        @Option(names = "--conf", description = "A Spark setting key=value (repeatable).")
        Map<String, String> conf = new LinkedHashMap<>();

        @Option(names = "--quiet", description = "No progress on stderr.")
        boolean quiet;

        @Option(names = "--no-rules", description = "Do not run the rules (DOMAIN.md §3.1–3.3, duplicate enrolment).")
        boolean noRules;

        @Option(names = "--no-models", description = "Do not run the statistical models (§3.4, co-visit groups).")
        boolean noModels;

        @Option(names = "--no-indicators", description = "Do not compute the indicator table.")
        boolean noIndicators;

        @Option(names = "--no-ranking", description = "Do not write the risk ranking.")
        boolean noRanking;

        @Override
        public Integer call() throws IOException {
            SparkSession spark = session();
            Path staging = Files.createTempDirectory("fundwatch-spark");
            try {
                Path localDataset = localManifest(spark, dataset, staging);
                Path localOut = isLocal(out) ? localPath(out) : staging.resolve("out");
                ScreenOptions options = ScreenOptions.of(localDataset, localOut).withOverwrite(overwrite);
                if (rules != null) {
                    options = options.withRules(rules);
                }
                if (period != null) {
                    options = options.withPeriod(YearMonth.parse(period));
                }
                if (medTypes != null) {
                    options = options.withMedTypeFile(medTypes);
                }
                options = noRules ? options.without(ScreenOptions.Part.RULES) : options;
                options = noModels ? options.without(ScreenOptions.Part.MODELS) : options;
                options = noIndicators ? options.without(ScreenOptions.Part.INDICATORS) : options;
                String datasetUri = isLocal(dataset) ? localPath(dataset).toUri().toString() : dataset;
                Progress progress = quiet ? Progress.NONE : new ConsoleProgress(System.err);
                ScreenReport report = Screening.run(options, progress, new SparkEngine(spark, datasetUri));
                if (!isLocal(out)) {
                    upload(spark, localOut, out);
                }
                PrintWriter stdout = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
                report.printSummary(stdout);
                if (noRanking) {
                    Files.deleteIfExists(localOut.resolve(Ranking.FILE));
                } else if (isLocal(dataset) && isLocal(out)) {
                    // plain Java over the findings and indicators just written, whichever engine found them
                    Ranking.print(Ranking.write(localDataset, localOut, java.util.Optional.ofNullable(history)), stdout);
                } else {
                    stdout.println("risk ranking (ranking.csv) not written: it reads the dataset and the findings from"
                            + " the driver's file system; give local paths to have it");
                }
                return 0;
            } finally {
                delete(staging);
                spark.stop();
            }
        }

        private SparkSession session() {
            if (master != null && master.startsWith("local")) {
                String n = master.replaceAll("[^0-9]", "");
                int cores = n.isEmpty() ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
                return SparkSettings.local(cores, conf);
            }
            SparkSession.Builder b = SparkSession.builder().appName("fundwatch screen");
            if (master != null) {
                b.master(master);
            }
            SparkSettings.defaults(Runtime.getRuntime().availableProcessors()).forEach(b::config);
            conf.forEach(b::config);
            SparkSettings.required().forEach(b::config);
            return b.getOrCreate();
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "The same screening on DuckDB and on Spark local[N] in this JVM, with the same cores: "
                    + "per-pass times, their ratio and the throughput per core.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--dataset", required = true, description = "A local dataset directory.")
        Path dataset;

        @Option(names = "--cores", defaultValue = "2", description = "Cores for each engine (default 2).")
        int cores;

        @Option(names = "--period", description = "Report one month (yyyy-MM).")
        String period;

        @Option(names = "--rules", description = "Policy pack directory. Default: the shipped pack.")
        Path rules;

        @Override
        public Integer call() throws IOException {
            ScreenOptions options = ScreenOptions.of(dataset, dataset);
            if (period != null) {
                options = options.withPeriod(YearMonth.parse(period));
            }
            if (rules != null) {
                options = options.withRules(rules);
            }
            SparkBenchmark.run(dataset, cores, options, new PrintWriter(System.out, true, StandardCharsets.UTF_8));
            return 0;
        }
    }

    static boolean isLocal(String location) {
        String scheme = URI.create(location.replace('\\', '/').replace(" ", "%20")).getScheme();
        return scheme == null || scheme.equals("file") || scheme.length() == 1;
    }

    static Path localPath(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    /** The manifest on the driver: the dataset itself when local, else a copy of its manifest.json. */
    private static Path localManifest(SparkSession spark, String dataset, Path staging) throws IOException {
        if (isLocal(dataset)) {
            return localPath(dataset);
        }
        Path dir = Files.createDirectories(staging.resolve("manifest"));
        URI base = URI.create(dataset.endsWith("/") ? dataset : dataset + "/");
        FileSystem fs = FileSystem.get(base, spark.sparkContext().hadoopConfiguration());
        fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(base.resolve("manifest.json")),
                new org.apache.hadoop.fs.Path(dir.resolve("manifest.json").toUri()), true);
        return dir;
    }

    private static void upload(SparkSession spark, Path local, String out) throws IOException {
        URI target = URI.create(out.endsWith("/") ? out : out + "/");
        FileSystem fs = FileSystem.get(target, spark.sparkContext().hadoopConfiguration());
        try (var files = Files.list(local)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(f.toUri()),
                        new org.apache.hadoop.fs.Path(target.resolve(f.getFileName().toString())));
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
