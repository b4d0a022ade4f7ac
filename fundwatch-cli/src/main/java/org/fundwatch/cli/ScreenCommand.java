package org.fundwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fundwatch.duckdb.Ranking;
import org.fundwatch.duckdb.ScreenOptions;
import org.fundwatch.duckdb.ScreenReport;
import org.fundwatch.duckdb.Screening;
import org.fundwatch.workflow.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {"Screen every claim of a dataset against the rule base (事后审核) on the embedded engine "
                + "(DuckDB), or on Apache Spark with --engine spark.",
                "Writes OUT/findings.{csv,parquet,jsonl}, OUT/finding_lines.{csv,parquet,jsonl} and OUT/run.json, "
                        + "and prints the findings by violation type. Rules whose data is absent are listed as not "
                        + "run. With FUNDWATCH_DB_URL set, the findings are then loaded into that workflow store "
                        + "(as `fundwatch load`). Exit code 0 on success, 2 when the dataset or the rule pack cannot "
                        + "be used."})
final class ScreenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--dataset", required = true, description = "Dataset directory written by `fundwatch ingest`.")
    Path dataset;

    @Option(names = "--out", required = true, description = "Directory for the findings and run.json.")
    Path out;

    @Option(names = "--rules", description = "Policy pack directory (pack.properties + rules.csv). "
            + "Default: the pack shipped with Fundwatch (policy/default/).")
    Path rules;

    @Option(names = "--period", description = "Report the findings of one month (yyyy-MM); earlier months feed "
            + "the look-back windows. Default: every month of the dataset.")
    String period;

    @Option(names = "--med-types", description = "The bureau's med_type → setting table (prefix,setting), "
            + "extending the default one.")
    Path medTypes;

    @Option(names = "--overwrite", description = "Replace a screening already in --out.")
    boolean overwrite;

    @Option(names = "--threads", defaultValue = "0", description = "DuckDB threads (0 = all cores).")
    int threads;

    @Option(names = "--memory", description = "DuckDB memory limit, e.g. 8GB.")
    String memory;

    @Option(names = "--engine", defaultValue = "duckdb", description = "duckdb (embedded, the default) or spark "
            + "(a child JVM on the Spark module's classpath; the same findings).")
    String engine;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master for --engine spark "
            + "(default local[*]: every core of this machine).")
    String master;

    @Option(names = "--spark-conf", description = "A Spark setting key=value for --engine spark (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--driver-memory", defaultValue = "4g", description = "Heap of the Spark child JVM "
            + "(default 4g); in local mode it holds the executors too.")
    String driverMemory;

    @Option(names = "--history", description = "The confirmed history for the risk ranking: a CSV "
            + "subject_kind,subject_key,confirmed,booked (what `fundwatch workflow export-history` writes).")
    Path history;

    @Option(names = "--no-rules", description = "Do not run the rules (DOMAIN.md §3.1–3.3 and duplicate enrolment); "
            + "they are reported OFF in run.json.")
    boolean noRules;

    @Option(names = "--no-models", description = "Do not run the statistical models (§3.4 and the co-visit groups); "
            + "they are reported OFF in run.json.")
    boolean noModels;

    @Option(names = "--no-indicators", description = "Do not compute the indicator table (indicators.*); the ranking "
            + "then scores findings and history only.")
    boolean noIndicators;

    @Option(names = "--no-ranking", description = "Do not write the risk ranking (ranking.csv).")
    boolean noRanking;

    @Option(names = "--no-load", description = "Do not load the findings into the workflow server even when "
            + "FUNDWATCH_DB_URL names one (without it, `fundwatch load` loads them).")
    boolean noLoad;

    @Override
    public Integer call() throws Exception {
        if (engine.equals("spark")) {
            return onSpark();
        }
        if (!engine.equals("duckdb")) {
            throw new IllegalArgumentException("--engine must be duckdb or spark, not " + engine);
        }
        ScreenOptions options = ScreenOptions.of(dataset, out).withThreads(threads).withOverwrite(overwrite);
        if (rules != null) {
            options = options.withRules(rules);
        }
        if (period != null) {
            try {
                options = options.withPeriod(YearMonth.parse(period));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--period must be yyyy-MM, not " + period);
            }
        }
        if (medTypes != null) {
            options = options.withMedTypeFile(medTypes);
        }
        if (memory != null && !memory.isBlank()) {
            options = options.withMemoryLimit(memory);
        }
        options = noRules ? options.without(ScreenOptions.Part.RULES) : options;
        options = noModels ? options.without(ScreenOptions.Part.MODELS) : options;
        options = noIndicators ? options.without(ScreenOptions.Part.INDICATORS) : options;
        ScreenReport report = Screening.run(options, common.progress());
        PrintWriter stdout = spec.commandLine().getOut();
        report.printSummary(stdout);
        if (noRanking) {
            Files.deleteIfExists(out.resolve(Ranking.FILE)); // an earlier run's ranking is not this run's
        } else {
            Ranking.print(Ranking.write(dataset, out, Optional.ofNullable(history)), stdout);
        }
        loadIfConfigured();
        return 0;
    }

    /** The same options to the Spark job, which prints its own summary; DuckDB's --threads/--memory do not apply. */
    private int onSpark() throws Exception {
        if (threads != 0 || memory != null) {
            throw new IllegalArgumentException("--threads and --memory are DuckDB's; give Spark settings with "
                    + "--master local[N] and --spark-conf");
        }
        List<String> args = new ArrayList<>(List.of("--dataset", dataset.toString(), "--out", out.toString(),
                "--master", master));
        if (rules != null) {
            args.addAll(List.of("--rules", rules.toString()));
        }
        if (period != null) {
            args.addAll(List.of("--period", period));
        }
        if (medTypes != null) {
            args.addAll(List.of("--med-types", medTypes.toString()));
        }
        if (overwrite) {
            args.add("--overwrite");
        }
        if (common.quiet) {
            args.add("--quiet");
        }
        List<Boolean> switches = List.of(noRules, noModels, noIndicators, noRanking);
        List<String> flags = List.of("--no-rules", "--no-models", "--no-indicators", "--no-ranking");
        for (int i = 0; i < flags.size(); i++) {
            if (switches.get(i)) {
                args.add(flags.get(i));
            }
        }
        sparkConf.forEach((k, v) -> args.addAll(List.of("--conf", k + "=" + v)));
        spec.commandLine().getOut().flush();
        if (history != null) {
            args.addAll(List.of("--history", history.toString()));
        }
        int exit = SparkChild.run("screen", args, driverMemory);
        if (exit == 0) {
            loadIfConfigured();
        }
        return exit;
    }

    private void loadIfConfigured() throws Exception {
        DatabaseSettings store = DatabaseSettings.from(System.getenv(), Path.of("unused"));
        if (!noLoad && !store.isEmbedded()) {
            spec.commandLine().getOut().println("loading into the workflow store of " + DatabaseSettings.URL_VARIABLE);
            LoadCommand.load(out, dataset, store, spec.commandLine().getOut());
        }
    }
}
