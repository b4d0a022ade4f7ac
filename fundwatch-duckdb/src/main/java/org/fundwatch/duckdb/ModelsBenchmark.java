package org.fundwatch.duckdb;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.progress.Progress;
import org.fundwatch.rules.ViolationType;

/**
 * {@code fundwatch bench models}: the statistical models (大数据模型: every rule of a {@link ViolationType#model()}
 * type), the indicator table and the risk ranking of a dataset, screened with the rules switched off
 * ({@code --no-rules}), against the bare scan of {@link ScreenBenchmark} run in the same process first. The models
 * run before anything else that could raise the process's peak memory, so the peak is theirs.
 */
public final class ModelsBenchmark {

    /**
     * @param models        the screening with the rules switched off (its passes, model rules and indicator table)
     * @param rankingSeconds the risk ranking over the run's findings and indicator table ({@code ranking.csv})
     * @param peakRssBytes  the process's peak resident memory after models and ranking (VmHWM), when known
     */
    public record Result(long feeLines, double bareScanSeconds, ScreenReport models, double rankingSeconds,
                         OptionalLong peakRssBytes) {

        /** Everything the models issue adds: the model rules, the indicator table and the ranking. */
        public double seconds() {
            return models.seconds() + rankingSeconds;
        }

        public double overBareScan() {
            return seconds() / bareScanSeconds;
        }

        /** The model rules that ran, with their time (the passes they read are in {@code models().passes()}). */
        public List<ScreenReport.RuleResult> modelRules() {
            return models.rules().stream().filter(r -> r.status().equals("RAN")).toList();
        }
    }

    private ModelsBenchmark() {
    }

    public static Result run(ScreenOptions options, Progress progress) throws IOException {
        Manifest manifest = Manifest.read(options.dataset());
        double bare = ScreenBenchmark.bareScanSeconds(options, manifest);
        ScreenReport models = Screening.run(options.withOverwrite(true).without(ScreenOptions.Part.RULES), progress);
        long t0 = System.nanoTime();
        Ranking.write(options.dataset(), options.out(), Optional.empty());
        double ranking = (System.nanoTime() - t0) / 1e9;
        return new Result(manifest.rows("feedetail"), bare, models, ranking, ScreenBenchmark.peakRss());
    }
}
