package org.fundwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.fundwatch.duckdb.ModelsBenchmark;
import org.fundwatch.duckdb.ReviewBenchmark;
import org.fundwatch.duckdb.ScreenBenchmark;
import org.fundwatch.duckdb.ScreenOptions;
import org.fundwatch.duckdb.ScreenReport;
import org.fundwatch.ingest.Ingest;
import org.fundwatch.ingest.IngestOptions;
import org.fundwatch.ingest.IngestReport;
import org.fundwatch.ingest.PlainCopy;
import org.fundwatch.progress.Progress;
import org.fundwatch.synth.GenerationSummary;
import org.fundwatch.synth.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks, each against a baseline run in the same process (machines here are shared and "
                + "noisy: compare ratios, not seconds).",
        subcommands = {BenchCommand.IngestBench.class, BenchCommand.GenerateBench.class,
                BenchCommand.ScreenBench.class, BenchCommand.ModelsBench.class, BenchCommand.ReviewBench.class,
                BenchCommand.ServeBench.class, BenchCommand.WorkflowBench.class, BenchCommand.SparkBench.class})
final class BenchCommand {

    @Command(name = "spark", mixinStandardHelpOptions = true,
            description = {"Screen a dataset on DuckDB and on Spark local[N] in one child JVM with the same cores: "
                    + "per-pass times, the Spark/DuckDB ratio and the throughput per core (fee lines per second)."})
    static final class SparkBench implements Callable<Integer> {
        @Option(names = "--dataset", required = true, description = "A dataset (from `ingest`).")
        Path dataset;

        @Option(names = "--cores", defaultValue = "2", description = "Cores for each engine. Default: ${DEFAULT-VALUE}.")
        int cores;

        @Option(names = "--period", description = "Report one month (yyyy-MM).")
        String period;

        @Option(names = "--driver-memory", defaultValue = "8g", description = "Heap of the child JVM. Default: "
                + "${DEFAULT-VALUE}.")
        String driverMemory;

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>(List.of("--dataset", dataset.toString(), "--cores",
                    String.valueOf(cores)));
            if (period != null) {
                args.addAll(List.of("--period", period));
            }
            return SparkChild.run("bench", args, driverMemory);
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Time `ingest` of an extract against the baseline: DuckDB reading the same CSV files "
                    + "into Parquet with the schema's types and no validation.",
                    "Runs baseline and ingest alternately --rounds times and reports the best of each and the ratio."})
    static final class IngestBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--source", required = true, description = "A UTF-8 CSV extract (from `generate`).")
        Path source;

        @Option(names = "--work", defaultValue = "bench/ingest-work", description = "Scratch directory. "
                + "Default: ${DEFAULT-VALUE}.")
        Path work;

        @Option(names = "--rounds", defaultValue = "2", description = "Rounds. Default: ${DEFAULT-VALUE}.")
        int rounds;

        @Option(names = "--threads", defaultValue = "0", description = "DuckDB threads for both (0 = all cores).")
        int threads;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            List<Double> base = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            long rows = 0;
            long feeLines = 0;
            for (int r = 1; r <= rounds; r++) {
                Path b = work.resolve("baseline");
                Path d = work.resolve("dataset");
                deleteTree(b);
                long t0 = System.nanoTime();
                long copied = PlainCopy.run(source, b, threads);
                double tb = (System.nanoTime() - t0) / 1e9;
                base.add(tb);
                deleteTree(d);
                t0 = System.nanoTime();
                IngestReport report = Ingest.run(IngestOptions.of(source, d).withEngine(threads, ""), Progress.NONE);
                double ti = (System.nanoTime() - t0) / 1e9;
                ours.add(ti);
                rows = report.totalRead();
                feeLines = report.tables().get("feedetail").read();
                w.printf("round %d: baseline %.2f s (%,d rows), ingest %.2f s (%,d rows, %,d rejected), "
                        + "ratio %.2f%n", r, tb, copied, ti, rows, report.totalRejected(), ti / tb);
                w.flush();
            }
            double bestBase = Collections.min(base);
            double bestOurs = Collections.min(ours);
            w.printf("rows %,d (fee lines %,d)%n", rows, feeLines);
            w.printf("baseline (DuckDB CSV→Parquet, no validation): best %.2f s, %,.0f rows/s%n", bestBase,
                    rows / bestBase);
            w.printf("fundwatch ingest (validated, quarantined):     best %.2f s, %,.0f rows/s%n", bestOurs,
                    rows / bestOurs);
            w.printf("ratio ingest / baseline: %.2f (goal ≤ 2)%n", bestOurs / bestBase);
            return 0;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Time `generate` and report fee lines per second, the peak Java heap, and the ratio to "
                    + "a plain copy of the files it wrote (the I/O floor), measured in the same process.")
    static final class GenerateBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", defaultValue = "bench/generated", description = "Where to write. Default: "
                + "${DEFAULT-VALUE}.")
        Path out;

        @Mixin
        ExtractSize size;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            deleteTree(out);
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long t0 = System.nanoTime();
            GenerationSummary s = new Generator(size.config("csv")).generate(out, Progress.NONE);
            double secs = (System.nanoTime() - t0) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            // baseline: writing the same bytes again (a plain copy of every generated file), in this process
            Path copy = out.resolveSibling(out.getFileName() + "-copy");
            deleteTree(copy);
            Files.createDirectories(copy);
            long bytes = 0;
            long c0 = System.nanoTime();
            try (var files = Files.list(out)) {
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                    bytes += Files.size(f);
                }
            }
            double copySecs = (System.nanoTime() - c0) / 1e9;
            deleteTree(copy);
            long lines = s.rowsPerTable().getOrDefault("feedetail", 0L);
            w.printf("%,d persons × %d months: %,d fee lines in %.1f s = %,.0f fee lines/s%n", size.persons,
                    size.months, lines,
                    secs, lines / secs);
            w.printf("peak heap (sum of heap pool peaks): %,d MB of max %,d MB%n", peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            w.printf("baseline: copying the %,d MB written took %.1f s; generate / copy = %.1f%n", bytes >> 20,
                    copySecs, secs / copySecs);
            return 0;
        }
    }

    @Command(name = "screen", mixinStandardHelpOptions = true,
            description = {"Time the screening of a dataset with the default pack against two baselines run in the "
                    + "same process: (a) the bare scan of the fee lines, (b) one query per rule (each rule building "
                    + "the pass it reads on its own). Prints the time of every pass, the ratios and the peak memory."})
    static final class ScreenBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--dataset", required = true, description = "A dataset (from `ingest`).")
        Path dataset;

        @Option(names = "--out", defaultValue = "bench/screen-out", description = "Where the findings go. Default: "
                + "${DEFAULT-VALUE}.")
        Path out;

        @Option(names = "--threads", defaultValue = "0", description = "DuckDB threads (0 = all cores).")
        int threads;

        @Option(names = "--memory", defaultValue = "6GB", description = "DuckDB memory limit; with the JVM the "
                + "process stays within 8 GB. Default: ${DEFAULT-VALUE}.")
        String memory;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            ScreenOptions options = ScreenOptions.of(dataset, out).withThreads(threads).withMemoryLimit(memory)
                    .withOverwrite(true);
            ScreenBenchmark.Result r = ScreenBenchmark.run(options, common.progress());
            w.printf("fee lines %,d; rules run %d%n", r.feeLines(),
                    r.fused().rules().stream().filter(x -> x.status().equals("RAN")).count());
            printPasses(w, r.fused().passes(), 34);
            double rules = r.fused().rules().stream().mapToDouble(ScreenReport.RuleResult::seconds).sum();
            w.printf("%-34s %10.2f %,12d%n", "rule queries (" + r.fused().rules().size() + ", summed)", rules,
                    r.fused().findings());
            w.printf("%-34s %10.2f%n", "(a) bare scan of feedetail", r.bareScanSeconds());
            w.printf("%-34s %10.2f%n", "fused screening, findings written", r.fused().seconds());
            w.printf("%-34s %10.2f%n", "(b) one query per rule", r.perRuleSeconds());
            w.printf("fused / bare scan        = %.1f×  (goal ≤ 5×)%n", r.fusedOverBareScan());
            w.printf("one query per rule / fused = %.1f×  (goal ≥ 3×)%n", r.perRuleOverFused());
            r.peakRssBytes().ifPresent(b -> w.printf(
                    "peak resident memory     = %.2f GB (DuckDB limit %s, goal ≤ 8 GB)%n", b / 1e9, memory));
            if (!r.mismatches().isEmpty()) {
                w.println("finding counts differ between the fused and the per-rule run: " + r.mismatches());
                return 1;
            }
            w.flush();
            return 0;
        }
    }

    @Command(name = "models", mixinStandardHelpOptions = true,
            description = {"Time the statistical models (大数据模型), the indicator table and the risk ranking of a "
                    + "dataset (the screening with --no-rules, then the ranking) against the bare scan of the fee "
                    + "lines run in the same process. Prints every pass and model, the ratio and the peak memory.",
                    "Goal: ≤ 5× the bare scan on 50 million fee lines."})
    static final class ModelsBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--dataset", required = true, description = "A dataset (from `ingest`).")
        Path dataset;

        @Option(names = "--out", defaultValue = "bench/models-out", description = "Where the findings go. Default: "
                + "${DEFAULT-VALUE}.")
        Path out;

        @Option(names = "--threads", defaultValue = "0", description = "DuckDB threads (0 = all cores).")
        int threads;

        @Option(names = "--memory", defaultValue = "6GB", description = "DuckDB memory limit. Default: "
                + "${DEFAULT-VALUE}.")
        String memory;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            ScreenOptions options = ScreenOptions.of(dataset, out).withThreads(threads).withMemoryLimit(memory);
            ModelsBenchmark.Result r = ModelsBenchmark.run(options, common.progress());
            w.printf("fee lines %,d; models run %d%n", r.feeLines(), r.modelRules().size());
            printPasses(w, r.models().passes(), 40);
            for (ScreenReport.RuleResult m : r.modelRules()) {
                w.printf("%-40s %10.2f %,12d%n", m.ruleId() + " " + m.type(), m.seconds(), m.findings());
            }
            w.printf("%-40s %10.2f%n", "risk ranking (ranking.csv)", r.rankingSeconds());
            w.printf("%-40s %10.2f%n", "(a) bare scan of feedetail", r.bareScanSeconds());
            w.printf("%-40s %10.2f%n", "models, indicator table and ranking", r.seconds());
            w.printf("models / bare scan = %.1f×  (goal ≤ 5×)%n", r.overBareScan());
            r.peakRssBytes().ifPresent(b -> w.printf("peak resident memory = %.2f GB (DuckDB limit %s)%n", b / 1e9,
                    memory));
            w.flush();
            return 0;
        }
    }

    @Command(name = "review", mixinStandardHelpOptions = true,
            description = {"Time the in-JVM evaluator on a dataset's visits with the default pack's 事中 (DURING) "
                    + "rules, as a 3102 settlement review runs them, decoding excluded, against a bare pass over the "
                    + "same claims in the same process.",
                    "One thread replays the dataset in time order (review, then record the visit); then all cores "
                            + "review the same visits against the full history. Reports the history's heap per "
                            + "million persons."})
    static final class ReviewBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, description = "A dataset (from `ingest`).")
        Path dataset;

        @Option(names = "--rounds", defaultValue = "3", description = "Rounds (best kept). Default: ${DEFAULT-VALUE}.")
        int rounds;

        @Option(names = "--threads", description = "Threads of the concurrent run. Default: the cores.")
        Integer threads;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            ReviewBenchmark.Result r = ReviewBenchmark.run(dataset, rounds, n);
            w.printf("visits %,d, fee lines %,d (%.1f a visit), findings %,d; best of %d rounds%n", r.visits(),
                    r.lines(), (double) r.lines() / r.visits(), r.findings(), rounds);
            w.printf("%-40s %,14.0f visits/s%n", "(a) bare pass over the claims", r.bareVisitsPerSecond());
            w.printf("%-40s %,14.0f visits/s   p50 %.1f µs  p99 %.1f µs  p99.9 %.1f µs  max %.0f µs%n",
                    "review, 1 thread, with history updates", r.oneThreadVisitsPerSecond(), r.oneThread().p50(),
                    r.oneThread().p99(), r.oneThread().p999(), r.oneThread().max());
            w.printf("%-40s %,14.0f visits/s   p50 %.1f µs  p99 %.1f µs  p99.9 %.1f µs  max %.0f µs%n",
                    "review, " + r.threads() + " threads", r.allCoresVisitsPerSecond(), r.allCores().p50(),
                    r.allCores().p99(), r.allCores().p999(), r.allCores().max());
            for (ReviewBenchmark.SizeClass c : r.bySize()) {
                w.printf("  visits of %s lines: %,8d, mean %6.1f µs, %3.0f%% of review time%n",
                        c.maxLines() == Integer.MAX_VALUE ? "more" : "≤ " + c.maxLines(), c.visits(), c.meanMicros(),
                        100 * c.shareOfTime());
            }
            w.printf("bare pass / review (1 thread) = %.1f×; goal ≥ 300,000 visits/s in-process%n",
                    r.bareVisitsPerSecond() / r.oneThreadVisitsPerSecond());
            w.printf("history of the whole dataset: %,d persons, %,d visits held, %.1f MB heap = %.0f MB per million "
                            + "patients (%,d patients; retention %d days)%n", r.historyPersons(), r.historyVisits(),
                    r.historyBytes() / 1e6, r.bytesPerMillionPatients() / 1e6, r.patients(), r.retentionDays());
            w.flush();
            return 0;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Load the review service over HTTP on loopback open-loop (requests due at a fixed rate, "
                    + "latency from the moment each was due) with at most 16 connections, at each rate first "
                    + "against the server's no-op endpoint, then with 3102 reviews of the dataset's visits.",
                    "The load generator runs in the same process as the server, on the same cores."})
    static final class ServeBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, description = "A dataset (from `ingest`).")
        Path dataset;

        @Option(names = "--rates", split = ",", defaultValue = "1000,2000,5000",
                description = "Arrival rates, requests/s. Default: ${DEFAULT-VALUE}.")
        List<Double> rates;

        @Option(names = "--seconds", defaultValue = "60", description = "Seconds per rate and endpoint. "
                + "Default: ${DEFAULT-VALUE}.")
        int seconds;

        @Option(names = "--connections", defaultValue = "16", description = "Connections at most. "
                + "Default: ${DEFAULT-VALUE}.")
        int connections;

        @Option(names = "--work", defaultValue = "bench/serve-work", description = "Scratch directory (keys, logs). "
                + "Default: ${DEFAULT-VALUE}.")
        Path work;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            deleteTree(work);
            List<HttpReviewBenchmark.Row> rows = HttpReviewBenchmark.run(dataset, work, rates, seconds, connections,
                    20_000);
            w.printf("%-8s %-12s %10s %8s %9s %9s %9s %9s%n", "rate/s", "endpoint", "achieved/s", "errors",
                    "p50 ms", "p99 ms", "p99.9 ms", "max ms");
            for (HttpReviewBenchmark.Row r : rows) {
                for (org.fundwatch.serve.bench.LoadGenerator.Result x : List.of(r.noop(), r.review())) {
                    w.printf("%-8.0f %-12s %10.0f %8d %9.2f %9.2f %9.2f %9.1f%n", r.rate(), x.name(),
                            x.achievedPerSecond(), x.errors(), x.p50Millis(), x.p99Millis(), x.p999Millis(),
                            x.maxMillis());
                }
                w.printf("%-8.0f review / no-op: p50 %.2f×, p99 %.2f×%n", r.rate(),
                        r.review().p50Millis() / r.noop().p50Millis(), r.review().p99Millis() / r.noop().p99Millis());
            }
            w.println("goal: p99 ≤ 5 ms at ≥ 5,000 requests/s on this 2-core machine, load generator included");
            w.flush();
            return 0;
        }
    }

    @Command(name = "workflow", mixinStandardHelpOptions = true,
            description = {"Write a million synthetic findings (700 institutions, 12 months) with their case file, "
                    + "load them into a new workflow store against a bare COPY of the same file, then time the UI's "
                    + "queue, finding and dashboard pages over HTTP against the login page, which reads no data.",
                    "Goals: p95 ≤ 300 ms per page with 1 million findings; loading ≥ 50,000 findings/s."})
    static final class WorkflowBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--findings", defaultValue = "1000000", description = "Findings. Default: ${DEFAULT-VALUE}.")
        int findings;

        @Option(names = "--requests", defaultValue = "200", description = "Requests per page. "
                + "Default: ${DEFAULT-VALUE}.")
        int requests;

        @Option(names = "--work", defaultValue = "bench/workflow-work", description = "Scratch directory, emptied "
                + "first (the files and an embedded store unless FUNDWATCH_DB_URL). Default: ${DEFAULT-VALUE}.")
        Path work;

        @Override
        public Integer call() throws Exception {
            deleteTree(work);
            new WorkflowBenchmark(spec.commandLine().getOut(), work, findings, requests).run();
            return 0;
        }
    }

    /** The step table of a screening benchmark: each shared relation and pass with its time and rows. */
    private static void printPasses(PrintWriter w, List<ScreenReport.PassTiming> passes, int width) {
        w.printf("%-" + width + "s %10s %12s%n", "step", "seconds", "rows");
        for (ScreenReport.PassTiming p : passes) {
            String rows = p.rows() < 0 ? "(view)" : String.format("%,d", p.rows());
            w.printf("%-" + width + "s %10.2f %12s%n", p.name(), p.seconds(), rows);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
