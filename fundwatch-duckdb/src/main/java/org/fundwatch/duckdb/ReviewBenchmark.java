package org.fundwatch.duckdb;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fundwatch.rules.Moment;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.screening.ClaimLine;
import org.fundwatch.screening.InstantScreening;
import org.fundwatch.screening.Knowledge;
import org.fundwatch.screening.VisitClaim;
import org.fundwatch.screening.VisitHistory;

/**
 * {@code fundwatch bench review}: the in-JVM evaluator on a dataset's visits with the pack's 事中 (DURING) rules, as a
 * 3102 settlement review runs them, decoding excluded. One thread replays the dataset in time order (review, then record the settled visit), timing each
 * review; then all cores review the same visits against the full history. The baseline, in the same process, is a
 * bare pass over the same claims (every line's amount summed), so the ratio is what the rules cost over touching
 * the data at all. The history's memory is measured on a copy loaded on its own (heap after GC, before and after).
 */
public final class ReviewBenchmark {

    /**
     * @param visits        settled visits reviewed per round
     * @param historyBytes  heap held by the history of the whole dataset (retention of the pack)
     */
    public record Result(long visits, long lines, long patients, int threads, double bareVisitsPerSecond,
                         double oneThreadVisitsPerSecond, Latency oneThread, double allCoresVisitsPerSecond,
                         Latency allCores, List<SizeClass> bySize, long findings, int historyPersons,
                         long historyVisits, long historyBytes, int retentionDays) {

        /** The history's heap per million patients of the dataset (persons with a visit). */
        public double bytesPerMillionPatients() {
            return patients == 0 ? 0 : historyBytes * 1e6 / patients;
        }
    }

    /** Visits of up to {@code maxLines} lines (and more than the class before): mean review time, share of all time. */
    public record SizeClass(int maxLines, long visits, double meanMicros, double shareOfTime) {
        private static final int[] LIMITS = {10, 30, 100, 300, Integer.MAX_VALUE};

        static List<SizeClass> of(List<VisitClaim> visits, long[] nanos, long busy) {
            long[] sum = new long[LIMITS.length];
            long[] count = new long[LIMITS.length];
            for (int i = 0; i < visits.size(); i++) {
                int size = visits.get(i).lines().size();
                int c = 0;
                while (size > LIMITS[c]) {
                    c++;
                }
                sum[c] += nanos[i];
                count[c]++;
            }
            List<SizeClass> out = new ArrayList<>();
            for (int c = 0; c < LIMITS.length; c++) {
                if (count[c] > 0) {
                    out.add(new SizeClass(LIMITS[c], count[c], sum[c] / 1e3 / count[c], (double) sum[c] / busy));
                }
            }
            return out;
        }
    }

    /** Review latency percentiles in microseconds. */
    public record Latency(double p50, double p99, double p999, double max) {
        static Latency of(long[] nanos, int n) {
            long[] sorted = Arrays.copyOf(nanos, n);
            Arrays.sort(sorted);
            return new Latency(at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), n == 0 ? 0 : sorted[n - 1] / 1e3);
        }

        private static double at(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e3;
        }
    }

    private ReviewBenchmark() {
    }

    public static Result run(Path dataset, int rounds, int threads) throws IOException, InterruptedException {
        PolicyPack pack = PolicyPack.defaultPack();
        MedTypeSettings settings = MedTypeSettings.defaults();
        Knowledge kb = InstantData.knowledge(dataset);
        List<InstantData.ReplayEvent> events = InstantData.replay(dataset, settings);
        List<VisitClaim> settled = events.stream().filter(e -> !e.admission()).map(InstantData.ReplayEvent::claim).toList();
        long lines = settled.stream().mapToLong(c -> c.lines().size()).sum();
        long patients = settled.stream().map(c -> c.person().psnNo()).distinct().count();
        int retention = InstantScreening.retentionDays(pack);

        long historyBytes = historyBytes(dataset, pack, kb, settings, retention);

        double bare = 0;
        double one = 0;
        double all = 0;
        Latency oneLatency = null;
        Latency allLatency = null;
        List<SizeClass> bySize = List.of();
        long findings = 0;
        InstantScreening full = null;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            BigDecimal sink = BigDecimal.ZERO;
            for (VisitClaim c : settled) {
                for (ClaimLine l : c.lines()) {
                    sink = sink.add(l.exposed());
                }
            }
            bare = Math.max(bare, settled.size() / ((System.nanoTime() - t0) / 1e9));
            if (sink.signum() < 0) {
                throw new IllegalStateException("negative total");
            }

            InstantScreening instant = new InstantScreening(pack, kb, settings, new VisitHistory(retention));
            long[] nanos = new long[settled.size()];
            int n = 0;
            long found = 0;
            long busy = 0;
            for (InstantData.ReplayEvent e : events) {
                if (!e.admission()) {
                    long s = System.nanoTime();
                    found += instant.review(e.claim(), Moment.DURING, Set.of()).findings().size();
                    long took = System.nanoTime() - s;
                    nanos[n++] = took;
                    busy += took;
                }
                instant.accept(e.claim());
            }
            if (one < n / (busy / 1e9)) {
                one = n / (busy / 1e9);
                oneLatency = Latency.of(nanos, n);
                bySize = SizeClass.of(settled, nanos, busy);
            }
            findings = found;
            full = instant;

            long[] allNanos = new long[settled.size()];
            double rate = reviewConcurrently(full, settled, threads, allNanos);
            if (rate > all) {
                all = rate;
                allLatency = Latency.of(allNanos, allNanos.length);
            }
        }
        return new Result(settled.size(), lines, patients, threads, bare, one, oneLatency, all, allLatency, bySize, findings,
                full.history().persons(), full.history().visits(), historyBytes, retention);
    }

    /** Every visit reviewed once, split across threads, against the history as it stands; visits per second. */
    private static double reviewConcurrently(InstantScreening instant, List<VisitClaim> visits, int threads,
                                             long[] nanos) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < visits.size(); i += threads) {
                        long s = System.nanoTime();
                        instant.review(visits.get(i), Moment.DURING, Set.of());
                        nanos[i] = System.nanoTime() - s;
                    }
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
            return visits.size() / ((System.nanoTime() - t0) / 1e9);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** Heap held by a history of the whole dataset, loaded on its own. */
    private static long historyBytes(Path dataset, PolicyPack pack, Knowledge kb, MedTypeSettings settings,
                                     int retention) throws IOException {
        long before = usedAfterGc();
        VisitHistory history = new VisitHistory(retention);
        new InstantScreening(pack, kb, settings, history); // configures the history's compaction
        InstantData.loadHistory(dataset, history);
        long after = usedAfterGc();
        if (history.persons() < 0) {
            throw new IllegalStateException("unreachable: keeps the history alive until measured");
        }
        return after - before;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
