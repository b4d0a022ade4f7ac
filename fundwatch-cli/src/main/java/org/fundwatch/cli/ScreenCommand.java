package org.fundwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import org.fundwatch.duckdb.Ranking;
import org.fundwatch.duckdb.ScreenOptions;
import org.fundwatch.duckdb.ScreenReport;
import org.fundwatch.duckdb.Screening;
import org.fundwatch.ranking.RiskRanking;
import org.fundwatch.rules.ViolationType;
import org.fundwatch.workflow.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {"Screen every claim of a dataset against the rule base (事后审核) on the embedded engine.",
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

    @Option(names = "--history", description = "The confirmed history for the risk ranking: a CSV "
            + "subject_kind,subject_key,confirmed,booked (what `fundwatch workflow export-history` writes).")
    Path history;

    @Option(names = "--no-load", description = "Do not load the findings into the workflow server even when "
            + "FUNDWATCH_DB_URL names one (without it, `fundwatch load` loads them).")
    boolean noLoad;

    @Override
    public Integer call() throws Exception {
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
        ScreenReport report = Screening.run(options, common.progress());
        print(report, spec.commandLine().getOut());
        printRanking(Ranking.write(dataset, out, Optional.ofNullable(history)), spec.commandLine().getOut());
        DatabaseSettings store = DatabaseSettings.from(System.getenv(), Path.of("unused"));
        if (!noLoad && !store.isEmbedded()) {
            spec.commandLine().getOut().println("loading into the workflow store of " + DatabaseSettings.URL_VARIABLE);
            LoadCommand.load(out, dataset, store, spec.commandLine().getOut());
        }
        return 0;
    }

    /** The first five of each kind of the risk ranking (风险排名), as {@code ranking.csv} holds them all. */
    static void printRanking(Map<RiskRanking.SubjectKind, List<RiskRanking.Entry>> ranking, PrintWriter out) {
        out.println("risk ranking (风险排名), the first five of each kind (all in ranking.csv):");
        ranking.forEach((kind, entries) -> out.printf("  %-11s %s%n", kind.name().toLowerCase(Locale.ROOT),
                entries.stream().limit(5).map(e -> String.format(Locale.ROOT, "%s %.2f", e.subject().key(), e.score()))
                        .collect(Collectors.joining(", "))));
        out.flush();
    }

    static void print(ScreenReport report, PrintWriter out) {
        out.printf("rule pack %s %s%s%n", report.packId(), report.packVersion(),
                report.period().map(p -> ", period " + p).orElse(""));
        out.printf("%-24s %-30s %10s %16s%n", "vola_bhvr_type", "违规行为类型", "findings", "vola_amt");
        for (Map.Entry<String, ScreenReport.TypeTotal> e : report.byType().entrySet()) {
            out.printf("%-24s %-30s %,10d %,16.2f%n", e.getKey(), ViolationType.valueOf(e.getKey()).chineseName(),
                    e.getValue().findings(), e.getValue().amount());
        }
        out.printf("%-24s %-30s %,10d %,16.2f%n", "total", "合计（每条明细只计一次）", report.findings(),
                report.amount());
        long ran = report.rules().stream().filter(r -> r.status().equals("RAN")).count();
        out.printf("rules run %d of %d; findings suppressed by approvals (备案): %,d%n", ran, report.rules().size(),
                report.suppressed());
        report.rules().stream().filter(r -> !r.status().equals("RAN"))
                .forEach(r -> out.printf("not run: %s (%s): %s%n", r.ruleId(), r.type(), r.reason().orElse("")));
        out.printf("findings in %s, written in %.1f s%n", report.out(), report.seconds());
        out.flush();
    }
}
