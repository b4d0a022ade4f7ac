package org.fundwatch.duckdb;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * @param rules        a policy pack directory; empty = the default pack
 * @param period       report only findings occurring in this month (earlier months still feed look-back windows);
 *                     empty = every month of the dataset
 * @param medTypeFile  a bureau's med_type → setting table extending the default one
 * @param threads      DuckDB threads, 0 = all cores
 * @param memoryLimit  DuckDB memory limit (e.g. {@code 8GB}); empty = DuckDB's default (80% of RAM)
 * @param switchedOff  the parts of a screening not to run this time (none by default)
 */
public record ScreenOptions(Path dataset, Path out, Optional<Path> rules, Optional<YearMonth> period,
                            Optional<Path> medTypeFile, int threads, Optional<String> memoryLimit, boolean overwrite,
                            Set<Part> switchedOff) {

    /**
     * The parts of a screening that can be switched off: the rules (规则, DOMAIN.md §3.1–3.3 and duplicate
     * enrolment), the statistical models (大数据模型, §3.4 and the co-visit groups of §3.5) and the indicator table
     * (指标表). A switched-off rule or model is reported {@code OFF} in {@code run.json}, not silently absent.
     */
    public enum Part {
        RULES("rules"), MODELS("models"), INDICATORS("indicators");

        private final String flag;

        Part(String word) {
            this.flag = "--no-" + word;
        }

        /** The command-line switch that turns this part off. */
        public String flag() {
            return flag;
        }
    }

    public ScreenOptions {
        switchedOff = Set.copyOf(switchedOff);
    }

    public static ScreenOptions of(Path dataset, Path out) {
        return new ScreenOptions(dataset, out, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty(), false, Set.of());
    }

    public ScreenOptions withRules(Path pack) {
        return new ScreenOptions(dataset, out, Optional.of(pack), period, medTypeFile, threads, memoryLimit, overwrite,
                switchedOff);
    }

    public ScreenOptions withPeriod(YearMonth month) {
        return new ScreenOptions(dataset, out, rules, Optional.of(month), medTypeFile, threads, memoryLimit, overwrite,
                switchedOff);
    }

    public ScreenOptions withMedTypeFile(Path file) {
        return new ScreenOptions(dataset, out, rules, period, Optional.of(file), threads, memoryLimit, overwrite,
                switchedOff);
    }

    public ScreenOptions withThreads(int n) {
        return new ScreenOptions(dataset, out, rules, period, medTypeFile, n, memoryLimit, overwrite, switchedOff);
    }

    public ScreenOptions withMemoryLimit(String limit) {
        return new ScreenOptions(dataset, out, rules, period, medTypeFile, threads, Optional.of(limit), overwrite,
                switchedOff);
    }

    public ScreenOptions withOverwrite(boolean replace) {
        return new ScreenOptions(dataset, out, rules, period, medTypeFile, threads, memoryLimit, replace, switchedOff);
    }

    public ScreenOptions withOut(Path directory) {
        return new ScreenOptions(dataset, directory, rules, period, medTypeFile, threads, memoryLimit, overwrite,
                switchedOff);
    }

    /** These options with {@code part} switched off as well. */
    public ScreenOptions without(Part part) {
        EnumSet<Part> off = EnumSet.of(part);
        off.addAll(switchedOff);
        return new ScreenOptions(dataset, out, rules, period, medTypeFile, threads, memoryLimit, overwrite, off);
    }

    public boolean runs(Part part) {
        return !switchedOff.contains(part);
    }
}
