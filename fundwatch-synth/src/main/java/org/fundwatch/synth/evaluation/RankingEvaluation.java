package org.fundwatch.synth.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The risk ranking (风险排名) against the planted bad actors ({@code bad_actors.csv} of {@code generate}): where each
 * planted bad institution ranks among the institutions of {@code ranking.csv}, and how many are in its top 1%
 * (the first ⌈1% of the ranked institutions⌉, at least one) and its top {@value #TOP}.
 */
public final class RankingEvaluation {
    public static final int TOP = 20;

    private RankingEvaluation() {
    }

    /**
     * @param institutions institutions ranked
     * @param topOnePercent how many make the top 1%
     * @param ranks each bad actor's rank among the institutions (empty when it is not ranked at all)
     */
    public record Result(int institutions, int topOnePercent, Map<String, Optional<Integer>> ranks) {
        public long inTopOnePercent() {
            return ranks.values().stream().filter(r -> r.isPresent() && r.get() <= topOnePercent).count();
        }

        public long inTop() {
            return ranks.values().stream().filter(r -> r.isPresent() && r.get() <= TOP).count();
        }

        /** Whether every planted bad actor is in the top {@value #TOP} (the quality bar). */
        public boolean allInTop() {
            return inTop() == ranks.size();
        }

        /** The bad actors outside the top {@value #TOP}, with their rank. */
        public List<String> outside() {
            List<String> out = new ArrayList<>();
            ranks.forEach((code, r) -> {
                if (r.isEmpty() || r.get() > TOP) {
                    out.add(code + " " + r.map(x -> "rank " + x).orElse("not ranked"));
                }
            });
            return out;
        }
    }

    /** Reads both files; fails with {@link EvaluationException} naming the file. */
    public static Result of(Path badActors, Path ranking) {
        Map<String, Integer> rankOf = new LinkedHashMap<>();
        try (CsvRecords r = CsvRecords.open(ranking)) {
            int kind = r.column("subject_kind");
            int rank = r.column("rank");
            int key = r.column("subject_key");
            for (Optional<CsvRecords.Row> row = r.next(); row.isPresent(); row = r.next()) {
                if ("INSTITUTION".equals(row.get().get(kind))) {
                    rankOf.put(row.get().get(key), Integer.parseInt(row.get().get(rank)));
                }
            }
        }
        Map<String, Optional<Integer>> ranks = new LinkedHashMap<>();
        try (CsvRecords r = CsvRecords.open(badActors)) {
            int code = r.column("fixmedins_code");
            for (Optional<CsvRecords.Row> row = r.next(); row.isPresent(); row = r.next()) {
                String c = row.get().get(code);
                ranks.put(c, Optional.ofNullable(rankOf.get(c)));
            }
        }
        int n = rankOf.size();
        return new Result(n, Math.max(1, (int) Math.ceil(n / 100.0)), ranks);
    }
}
