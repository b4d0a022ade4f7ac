package org.fundwatch.ranking;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 风险排名: a score per subject (institution, physician, insured person) from four parts, each shown:
 * <ul>
 *   <li><b>findings</b> = 10 · ln(1 + F), F = Σ severity weights of the subject's findings (3 for {@code sev_deg}
 *       1 明确违规, 2 for 2 高度可疑, 1 for 3 可疑);</li>
 *   <li><b>amount</b> = 5 · ln(1 + A / 1,000), A = Σ {@code vola_amt} in yuan;</li>
 *   <li><b>indicators</b> = 5 · ln(1 + I), I = Σ min(z, {@value #Z_CAP}) / {@value #MIN_Z} over the subject's
 *       indicator-months with robust z ≥ {@value #MIN_Z} (institutions and physicians);</li>
 *   <li><b>history</b> = 10 · ln(1 + C) + 5 · ln(1 + D / 1,000), C = findings confirmed in the workflow (违规确认 and
 *       after), D = money refused, recovered or fined (yuan).</li>
 * </ul>
 * The score is their sum. Logarithms make every part grow ever slower, so that no single dimension (a hospital's
 * size, one huge amount) decides alone and a subject bad in several ways comes first. Ties go by the key.
 */
public final class RiskRanking {
    /** Robust z from which an indicator-month counts. */
    public static final int MIN_Z = 3;
    /** An indicator-month counts at most this z (one absurd value must not decide). */
    public static final int Z_CAP = 20;

    /** Who is ranked. */
    public enum SubjectKind {
        INSTITUTION("机构", "institution"), PHYSICIAN("医师", "physician"), PERSON("参保人", "insured person");

        private final String zh;
        private final String en;

        SubjectKind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() {
            return zh;
        }

        public String en() {
            return en;
        }
    }

    /** A subject: its kind and key ({@code fixmedins_code}, the physician's code, {@code psn_no}). */
    public record Subject(SubjectKind kind, String key) {
        public Subject {
            requireNonNull(kind, "kind is null");
            requireNonNull(key, "key is null");
        }
    }

    /** Findings of one subject and severity: how many and their amount (yuan, computable amounts only). */
    public record FindingGroup(Subject subject, int sevDeg, long findings, BigDecimal amount) {
        public FindingGroup {
            requireNonNull(subject, "subject is null");
            requireNonNull(amount, "amount is null");
            if (sevDeg < 1 || sevDeg > 3) {
                throw new IllegalArgumentException("sev_deg is 1, 2 or 3, not " + sevDeg);
            }
        }
    }

    /** One indicator-month of a subject with its robust z (rows below {@link #MIN_Z} are ignored). */
    public record IndicatorZ(Subject subject, String indicator, String month, double robustZ) {
        public IndicatorZ {
            requireNonNull(subject, "subject is null");
        }
    }

    /** What the workflow confirmed of a subject: findings confirmed and money booked against it. */
    public record History(Subject subject, long confirmed, BigDecimal booked) {
        public History {
            requireNonNull(subject, "subject is null");
            requireNonNull(booked, "booked is null");
        }
    }

    /** The score's parts, rounded to 2 decimals, and the figures behind them. */
    public record Parts(double findings, double amount, double indicators, double history) {
        public double total() {
            return round(findings + amount + indicators + history);
        }
    }

    /** A ranked subject: its place within its kind (1 = riskiest), score, parts and the figures behind them. */
    public record Entry(int rank, Subject subject, double score, Parts parts, long findings, long weightedFindings,
                        BigDecimal amount, int outlierIndicators, long confirmed, BigDecimal booked) {
    }

    private RiskRanking() {
    }

    static int weight(int sevDeg) {
        return 4 - sevDeg;
    }

    /** Ranks every subject that has a finding, an outlying indicator or a history; each kind ranked on its own. */
    public static Map<SubjectKind, List<Entry>> rank(List<FindingGroup> findings, List<IndicatorZ> indicators,
                                                     List<History> history) {
        Map<Subject, long[]> counts = new LinkedHashMap<>(); // findings, weighted
        Map<Subject, BigDecimal> amounts = new LinkedHashMap<>();
        for (FindingGroup g : findings) {
            long[] c = counts.computeIfAbsent(g.subject(), k -> new long[2]);
            c[0] += g.findings();
            c[1] += g.findings() * weight(g.sevDeg());
            amounts.merge(g.subject(), g.amount(), BigDecimal::add);
        }
        Map<Subject, double[]> outliers = new LinkedHashMap<>(); // sum of capped z / MIN_Z, count
        for (IndicatorZ z : indicators) {
            if (z.robustZ() >= MIN_Z) {
                double[] o = outliers.computeIfAbsent(z.subject(), k -> new double[2]);
                o[0] += Math.min(z.robustZ(), Z_CAP) / MIN_Z;
                o[1] += 1;
            }
        }
        Map<Subject, History> past = new LinkedHashMap<>();
        for (History h : history) {
            past.merge(h.subject(), h, (a, b) -> new History(a.subject(), a.confirmed() + b.confirmed(),
                    a.booked().add(b.booked())));
        }
        List<Subject> subjects = new ArrayList<>(counts.keySet());
        outliers.keySet().stream().filter(s -> !counts.containsKey(s)).forEach(subjects::add);
        past.keySet().stream().filter(s -> !counts.containsKey(s) && !outliers.containsKey(s)).forEach(subjects::add);

        Map<SubjectKind, List<Entry>> out = new EnumMap<>(SubjectKind.class);
        for (SubjectKind kind : SubjectKind.values()) {
            out.put(kind, new ArrayList<>());
        }
        Map<SubjectKind, List<Entry>> unranked = new EnumMap<>(SubjectKind.class);
        for (Subject s : subjects) {
            long[] c = counts.getOrDefault(s, new long[2]);
            BigDecimal amount = amounts.getOrDefault(s, BigDecimal.ZERO);
            double[] o = outliers.getOrDefault(s, new double[2]);
            Optional<History> h = Optional.ofNullable(past.get(s));
            long confirmed = h.map(History::confirmed).orElse(0L);
            BigDecimal booked = h.map(History::booked).orElse(BigDecimal.ZERO);
            Parts parts = new Parts(round(10 * Math.log1p(c[1])),
                    round(5 * Math.log1p(Math.max(0, amount.doubleValue()) / 1000)),
                    round(5 * Math.log1p(o[0])),
                    round(10 * Math.log1p(confirmed) + 5 * Math.log1p(Math.max(0, booked.doubleValue()) / 1000)));
            unranked.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(new Entry(0, s, parts.total(), parts, c[0],
                    c[1], amount.setScale(2, RoundingMode.HALF_UP), (int) o[1], confirmed,
                    booked.setScale(2, RoundingMode.HALF_UP)));
        }
        unranked.forEach((kind, entries) -> {
            entries.sort(Comparator.comparingDouble(Entry::score).reversed()
                    .thenComparing(e -> e.subject().key()));
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                out.get(kind).add(new Entry(i + 1, e.subject(), e.score(), e.parts(), e.findings(),
                        e.weightedFindings(), e.amount(), e.outlierIndicators(), e.confirmed(), e.booked()));
            }
        });
        return out;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
