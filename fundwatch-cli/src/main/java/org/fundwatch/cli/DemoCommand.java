package org.fundwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fundwatch.ingest.Ingest;
import org.fundwatch.ingest.IngestOptions;
import org.fundwatch.ingest.IngestReport;
import org.fundwatch.synth.GenerationSummary;
import org.fundwatch.synth.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job end to end on the embedded default: generate a sample extract with planted "
                + "violations, then ingest it into a dataset.",
                "Writes OUT/extract (the CSV extract, labels.csv) and OUT/dataset (Parquet + manifest.json)."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", defaultValue = "demo", description = "Working directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    ExtractSize size;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Path extract = out.resolve("extract");
        Path dataset = out.resolve("dataset");
        w.println("== 1/2 generate " + size.persons + " persons × " + size.months + " months from " + size.start
                + " (seed " + size.seed + ") → " + extract);
        GenerationSummary g = new Generator(size.config("csv")).generate(extract, common.progress());
        GenerateCommand.print(g, extract, w);
        w.println("== 2/2 ingest " + extract + " → " + dataset);
        IngestReport report = Ingest.run(IngestOptions.of(extract, dataset).withOverwrite(true), common.progress());
        IngestCommand.print(report, w);
        return report.totalRejected() == 0 ? 0 : 1;
    }
}
