package org.fundwatch.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.progress.Progress;
import org.fundwatch.screening.CompiledRule;
import org.fundwatch.screening.Pass;
import org.fundwatch.screening.ScreeningPlan;

/**
 * {@code fundwatch bench screen}: the fused screening against two baselines run in the same process, so that the
 * ratios hold on a shared, noisy machine: (a) the bare scan of the fee lines, (b) one query per rule, each rule
 * building the pass it reads on its own (what a rule engine without shared passes does). The per-rule run must
 * find as many findings per rule as the fused run; a difference is reported.
 */
public final class ScreenBenchmark {

    /** The bare scan of DESIGN.md / the issue: every fee line, six columns. */
    static final String BARE_SCAN = "SELECT count(mdtrt_id), count(med_list_codg), sum(cnt), sum(pric), "
            + "sum(det_item_fee_sumamt), max(fee_ocur_time) FROM feedetail";

    /**
     * @param perRule      seconds per rule in the one-query-per-rule baseline (its passes included)
     * @param mismatches   rules whose finding count differs between the two runs (should be empty)
     * @param peakRssBytes the process's peak resident memory after the fused run (VmHWM), when known
     */
    public record Result(long feeLines, double bareScanSeconds, ScreenReport fused, double perRuleSeconds,
                         Map<String, Double> perRule, List<String> mismatches, OptionalLong peakRssBytes) {

        public double fusedOverBareScan() {
            return fused.seconds() / bareScanSeconds;
        }

        public double perRuleOverFused() {
            return perRuleSeconds / fused.seconds();
        }
    }

    private ScreenBenchmark() {
    }

    public static Result run(ScreenOptions options, Progress progress) throws IOException {
        Manifest manifest = Manifest.read(options.dataset());
        long lines = manifest.rows("feedetail");
        double bare = bareScanSeconds(options, manifest);

        ScreenReport fused = Screening.run(options.withOverwrite(true), progress);
        OptionalLong peak = peakRss();

        ScreeningPlan plan = fused.period().isPresent()
                ? Screening.plan(options, fused.period().get().atDay(1), fused.period().get().atEndOfMonth())
                : Screening.plan(options, Screening.ALL_FROM, Screening.ALL_TO);
        Map<String, Double> perRule = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        double total;
        try (DuckDbSession s = DuckDbSession.open(options, manifest, options.out().resolve(".bench-tmp"))) {
            long t0 = System.nanoTime();
            for (org.fundwatch.screening.Statement st : plan.prelude()) {
                s.execute(st.sql());
            }
            total = (System.nanoTime() - t0) / 1e9;
            Map<String, String> notRun = s.notRun(plan);
            progress.start("one query per rule", plan.rules().size());
            for (CompiledRule r : plan.rules()) {
                if (notRun.containsKey(r.rule().id())) {
                    progress.advance(1);
                    continue;
                }
                long r0 = System.nanoTime();
                for (Pass p : r.passes()) {
                    s.execute(plan.passes().stream().filter(x -> x.name().equals(p.relation())).findFirst()
                            .orElseThrow().sql());
                }
                long found = s.assemble(r).findings().size();
                double seconds = (System.nanoTime() - r0) / 1e9;
                perRule.put(r.rule().id(), seconds);
                total += seconds;
                long fusedCount = fused.rule(r.rule().id()).findings();
                if (found != fusedCount) {
                    mismatches.add(r.rule().id() + ": " + found + " alone, " + fusedCount + " fused");
                }
                progress.advance(1);
            }
            progress.finish();
        } catch (SQLException e) {
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, e.getMessage(), e);
        }
        return new Result(lines, bare, fused, total, perRule, mismatches, peak);
    }

    /** The best of three bare scans (after one to warm the cache) on a session of {@code options}. */
    static double bareScanSeconds(ScreenOptions options, Manifest manifest) throws IOException {
        try (DuckDbSession s = DuckDbSession.open(options, manifest, options.out().resolve(".bench-tmp"))) {
            s.count(BARE_SCAN);
            double bare = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                s.count(BARE_SCAN);
                bare = Math.min(bare, (System.nanoTime() - t0) / 1e9);
            }
            return bare;
        } catch (SQLException e) {
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, e.getMessage(), e);
        }
    }

    /** Peak resident set size of this process (Linux {@code VmHWM}). */
    static OptionalLong peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
