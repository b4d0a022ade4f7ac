package org.fundwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fundwatch.duckdb.Ranking;
import org.fundwatch.duckdb.ScreenOptions;
import org.fundwatch.duckdb.ScreenReport;
import org.fundwatch.duckdb.Screening;
import org.fundwatch.ingest.Ingest;
import org.fundwatch.ingest.IngestOptions;
import org.fundwatch.ingest.IngestReport;
import org.fundwatch.synth.GenerationSummary;
import org.fundwatch.synth.Generator;
import org.fundwatch.synth.evaluation.Evaluation;
import org.fundwatch.synth.evaluation.EvaluationReport;
import org.fundwatch.synth.evaluation.RankingEvaluation;
import org.fundwatch.workflow.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job end to end on the embedded default: generate a sample extract with planted "
                + "violations, ingest it into a dataset, screen every claim against the default rule pack and "
                + "measure the findings against the planted cases.",
                "Writes OUT/extract (the CSV extract, labels.csv), OUT/dataset (Parquet + manifest.json) and "
                        + "OUT/findings (findings, finding lines, run.json), then loads the findings into the "
                        + "workflow store (OUT/serve/workflow, an embedded PostgreSQL, unless FUNDWATCH_DB_URL). "
                        + "Exit code 0 when every screened type meets recall ≥ 0.98 and precision ≥ 0.95."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", defaultValue = "demo", description = "Working directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    ExtractSize size;

    @Option(names = "--no-load", description = "Stop after evaluate: no workflow store.")
    boolean noLoad;

    @Option(names = "--serve", description = "Then run `fundwatch serve` over the loaded findings (the UI on "
            + "http://127.0.0.1:PORT/ui, demo accounts printed at first start) until Ctrl-C.")
    boolean serve;

    @Option(names = "--port", defaultValue = "8080", description = "The port of --serve. Default: ${DEFAULT-VALUE}.")
    int port;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Path extract = out.resolve("extract");
        Path dataset = out.resolve("dataset");
        w.println("== 1/5 generate " + size.persons + " persons × " + size.months + " months from " + size.start
                + " (seed " + size.seed + ") → " + extract);
        GenerationSummary g = new Generator(size.config("csv")).generate(extract, common.progress());
        GenerateCommand.print(g, extract, w);
        w.println("== 2/5 ingest " + extract + " → " + dataset);
        IngestReport report = Ingest.run(IngestOptions.of(extract, dataset).withOverwrite(true), common.progress());
        IngestCommand.print(report, w);
        if (report.totalRejected() > 0) {
            return 1;
        }
        Path findings = out.resolve("findings");
        w.println("== 3/5 screen " + dataset + " → " + findings + " (default rule pack)");
        ScreenReport screen = Screening.run(ScreenOptions.of(dataset, findings).withOverwrite(true), common.progress());
        screen.printSummary(w);
        Ranking.print(Ranking.write(dataset, findings, java.util.Optional.empty()), w);
        w.println("== 4/5 evaluate the findings against " + extract.resolve("labels.csv"));
        EvaluationReport quality = Evaluation.of(extract.resolve("labels.csv"), findings.resolve("findings.csv"),
                Evaluation.Options.defaults().withThresholds(0.98, 0.95));
        EvaluateCommand.print(quality, w);
        EvaluateCommand.printRanking(RankingEvaluation.of(extract.resolve("bad_actors.csv"),
                findings.resolve("ranking.csv")), w);
        if (!noLoad) {
            Path dataDir = out.resolve("serve");
            w.println("== 5/5 load the findings and their case file into the workflow store (" + dataDir
                    + "/workflow, or FUNDWATCH_DB_URL)");
            LoadCommand.load(findings, dataset, DatabaseSettings.from(System.getenv(), dataDir.resolve("workflow")), w);
            String[] serveArgs = {"--data-dir", dataDir.toString(), "--dataset", dataset.toString(),
                    "--insecure-local", "--port", String.valueOf(port)};
            w.println();
            if (serve) {
                w.println("== serve: the supervisors' UI and the review API on http://127.0.0.1:" + port + " (Ctrl-C "
                        + "stops)");
                w.flush();
                int code = spec.commandLine().getParent().getSubcommands().get("serve").execute(serveArgs);
                return code != 0 ? code : quality.passed() ? 0 : 1;
            }
            w.println("next: bin/fundwatch serve " + String.join(" ", serveArgs)
                    + "   (the UI on http://127.0.0.1:" + port + "/ui, the review API beside it)");
        }
        return quality.passed() ? 0 : 1;
    }
}
