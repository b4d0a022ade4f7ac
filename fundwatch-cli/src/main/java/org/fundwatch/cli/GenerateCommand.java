package org.fundwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fundwatch.synth.GenerationSummary;
import org.fundwatch.synth.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a synthetic extract (模拟数据) with planted violations of every type.",
                "Besides one file per table it writes labels.csv (the planted cases), near_misses.csv "
                        + "(cases that must not fire) and bad_actors.csv (institutions planted with many "
                        + "violations, for the risk ranking). The same options always give the same bytes.",
                "With --split-months the same rows go to one directory per settlement month, each ingestible "
                        + "with ingest --append after the previous one."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", required = true, description = "Directory to write the extract to.")
    Path out;

    @Mixin
    ExtractSize size;

    @Option(names = "--format", defaultValue = "csv", description = "csv or parquet. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--split-months", description = "Write one extract directory per settlement month (OUT/2026-01/, "
            + "OUT/2026-02/, …) from the same run, to ingest the first and --append the others in order; reference "
            + "tables go into the first month, labels.csv, near_misses.csv and bad_actors.csv stay in OUT.")
    boolean splitMonths;

    @Override
    public Integer call() throws Exception {
        GenerationSummary summary = new Generator(size.config(format, splitMonths)).generate(out,
                common.progress());
        print(summary, out, spec.commandLine().getOut());
        return 0;
    }

    static void print(GenerationSummary summary, Path out, PrintWriter w) {
        w.printf("%-14s %14s%n", "table", "rows");
        for (Map.Entry<String, Long> e : summary.rowsPerTable().entrySet()) {
            w.printf("%-14s %,14d%n", e.getKey(), e.getValue());
        }
        long labels = summary.labelsPerType().values().stream().mapToLong(Long::longValue).sum();
        w.printf("planted cases: %,d of %d types (labels.csv); near misses: %,d (near_misses.csv)%n", labels,
                summary.labelsPerType().size(), summary.nearMisses());
        w.printf("extract %s written in %.1f s%n", out, summary.elapsed().toMillis() / 1000.0);
        w.flush();
    }
}
