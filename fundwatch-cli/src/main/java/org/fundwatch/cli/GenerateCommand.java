package org.fundwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fundwatch.synth.GenerationSummary;
import org.fundwatch.synth.Generator;
import org.fundwatch.synth.GeneratorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a synthetic extract (模拟数据) with planted violations of every type.",
                "Besides one file per table it writes labels.csv (the planted cases) and near_misses.csv "
                        + "(cases that must not fire). The same options always give the same bytes."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", required = true, description = "Directory to write the extract to.")
    Path out;

    @Option(names = "--persons", defaultValue = "20000", description = "Insured persons. Default: ${DEFAULT-VALUE}.")
    long persons;

    @Option(names = "--months", defaultValue = "3", description = "Months of claims. Default: ${DEFAULT-VALUE}.")
    int months;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--start", defaultValue = "2026-01", description = "First month, yyyy-MM. Default: "
            + "${DEFAULT-VALUE}.")
    String start;

    @Option(names = "--format", defaultValue = "csv", description = "csv or parquet. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws Exception {
        GeneratorConfig config = config(persons, months, seed, start, format);
        refuseFuture(config, YearMonth.now());
        GenerationSummary summary = new Generator(config).generate(out, common.progress());
        print(summary, out, spec.commandLine().getOut());
        return 0;
    }

    static GeneratorConfig config(long persons, int months, long seed, String start, String format) {
        GeneratorConfig.OutputFormat f = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> GeneratorConfig.OutputFormat.CSV;
            case "parquet" -> GeneratorConfig.OutputFormat.PARQUET;
            default -> throw new IllegalArgumentException("--format must be csv or parquet, not " + format);
        };
        return new GeneratorConfig(persons, months, seed, YearMonth.parse(start), f);
    }

    /**
     * Claims after the current month would be rejected by {@code ingest} as future dates: refuse them here, with the
     * start that fits, rather than write an extract that cannot be ingested.
     */
    static void refuseFuture(GeneratorConfig config, YearMonth current) {
        YearMonth last = config.start().plusMonths(config.months() - 1L);
        if (last.isAfter(current)) {
            throw new IllegalArgumentException("months " + config.start() + " … " + last + " run past the current "
                    + "month " + current + " and would be rejected as future dates; pass --start "
                    + current.minusMonths(config.months()) + " or earlier");
        }
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
