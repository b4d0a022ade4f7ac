package org.fundwatch.duckdb;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Optional;

/**
 * @param rules        a policy pack directory; empty = the default pack
 * @param period       report only findings occurring in this month (earlier months still feed look-back windows);
 *                     empty = every month of the dataset
 * @param medTypeFile  a bureau's med_type → setting table extending the default one
 * @param threads      DuckDB threads, 0 = all cores
 * @param memoryLimit  DuckDB memory limit (e.g. {@code 8GB}); empty = DuckDB's default (80% of RAM)
 */
public record ScreenOptions(Path dataset, Path out, Optional<Path> rules, Optional<YearMonth> period,
                            Optional<Path> medTypeFile, int threads, Optional<String> memoryLimit, boolean overwrite) {

    public static ScreenOptions of(Path dataset, Path out) {
        return new ScreenOptions(dataset, out, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty(), false);
    }

    public ScreenOptions withRules(Path pack) {
        return new ScreenOptions(dataset, out, Optional.of(pack), period, medTypeFile, threads, memoryLimit, overwrite);
    }

    public ScreenOptions withPeriod(YearMonth month) {
        return new ScreenOptions(dataset, out, rules, Optional.of(month), medTypeFile, threads, memoryLimit, overwrite);
    }

    public ScreenOptions withMedTypeFile(Path file) {
        return new ScreenOptions(dataset, out, rules, period, Optional.of(file), threads, memoryLimit, overwrite);
    }

    public ScreenOptions withThreads(int n) {
        return new ScreenOptions(dataset, out, rules, period, medTypeFile, n, memoryLimit, overwrite);
    }

    public ScreenOptions withMemoryLimit(String limit) {
        return new ScreenOptions(dataset, out, rules, period, medTypeFile, threads, Optional.of(limit), overwrite);
    }

    public ScreenOptions withOverwrite(boolean replace) {
        return new ScreenOptions(dataset, out, rules, period, medTypeFile, threads, memoryLimit, replace);
    }
}
