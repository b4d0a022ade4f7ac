package org.fundwatch.cli;

import java.time.YearMonth;
import java.util.Locale;
import org.fundwatch.synth.GeneratorConfig;
import picocli.CommandLine.Option;

/** The size and seed of a synthetic extract, shared by {@code generate}, {@code demo} and {@code bench generate}. */
final class ExtractSize {
    @Option(names = "--persons", defaultValue = "20000", description = "Insured persons (background; planted cases "
            + "add their own people). Default: ${DEFAULT-VALUE}.")
    long persons;

    @Option(names = "--months", defaultValue = "3", description = "Months of claims. Default: ${DEFAULT-VALUE}.")
    int months;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--start", defaultValue = "2026-01", description = "First month, yyyy-MM. Default: "
            + "${DEFAULT-VALUE}.")
    String start;

    /** The generator's configuration, refused when its months run past the current one. */
    GeneratorConfig config(String format) {
        return config(format, false);
    }

    /** The generator's configuration, optionally split into one extract per settlement month. */
    GeneratorConfig config(String format, boolean splitMonths) {
        GeneratorConfig.OutputFormat f = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> GeneratorConfig.OutputFormat.CSV;
            case "parquet" -> GeneratorConfig.OutputFormat.PARQUET;
            default -> throw new IllegalArgumentException("--format must be csv or parquet, not " + format);
        };
        GeneratorConfig config = new GeneratorConfig(persons, months, seed, YearMonth.parse(start), f, splitMonths);
        refuseFuture(config, YearMonth.now());
        return config;
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
}
