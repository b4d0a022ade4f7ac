package org.fundwatch.synth.evaluation;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * 评估: recall and precision of a screening run ({@code findings.csv}, FORMAT.md §Findings) against the planted
 * cases of a synthetic extract ({@code labels.csv}, FORMAT.md §Labels), per violation type and overall.
 *
 * <p><b>Matching.</b> A finding matches a case when their {@code vola_bhvr_type} is equal and, on the most specific
 * key that both have non-empty — in the order {@code feedetl_sn}, {@code mdtrt_id}, {@code psn_no},
 * {@code certno}, {@code fixmedins_code} — the finding's value is one of the case's (a case's key fields hold
 * several {@code |}-joined values when it spans lines, visits or people; a finding's hold one). Less specific keys
 * are not consulted once a more specific one is shared. When that key is {@code fixmedins_code} (the institution
 * grains) and both have a {@code period}, the periods must agree: equal, or a day ({@code yyyy-MM-dd}) and its
 * month ({@code yyyy-MM}). Other keys ({@code hilist_code}) are not compared.
 *
 * <p><b>Counting.</b> Per type: cases, cases found by at least one finding (recall = found / cases), findings,
 * findings that match at least one case (precision = true / findings; n/a without findings). A finding that matches
 * no case but a near-miss case ({@code near_misses.csv}, planted not to fire) is a near-miss hit. Findings of types
 * without labels are reported apart as unlabelled types and left out of the overall figures, unless
 * {@link Options#strictTypes()} counts them as false positives (each such type then gets a row with 0 cases).
 * With a {@code run.json}, label types no rule ran for (and that have no findings) are "not screened": listed and
 * left out of the rows, the overall and the thresholds. The overall row is the micro-average of the rows.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * What to evaluate besides labels and findings.
     *
     * @param nearMisses near_misses.csv; when empty, the one beside the labels if it exists
     * @param run run.json; when empty, the one beside the findings if it exists
     * @param types only these types (all when empty)
     * @param strictTypes count findings of unlabelled types as false positives
     * @param minRecall the recall every row must reach, 0 to only report
     * @param minPrecision the precision every row with findings must reach, 0 to only report
     */
    public record Options(Optional<Path> nearMisses, Optional<Path> run, Set<String> types, boolean strictTypes,
            double minRecall, double minPrecision) {

        public Options {
            requireNonNull(nearMisses, "nearMisses is null");
            requireNonNull(run, "run is null");
            types = Set.copyOf(types);
            if (!(minRecall >= 0 && minRecall <= 1) || !(minPrecision >= 0 && minPrecision <= 1)) {
                throw new IllegalArgumentException("thresholds must lie in [0, 1], not recall " + minRecall
                        + " and precision " + minPrecision);
            }
        }

        /** Files found beside the inputs, every type, unlabelled types excluded, no thresholds. */
        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty(), Set.of(), false, 0, 0);
        }

        public Options withNearMisses(Path file) {
            return new Options(Optional.of(file), run, types, strictTypes, minRecall, minPrecision);
        }

        public Options withRun(Path file) {
            return new Options(nearMisses, Optional.of(file), types, strictTypes, minRecall, minPrecision);
        }

        public Options withTypes(Set<String> only) {
            return new Options(nearMisses, run, only, strictTypes, minRecall, minPrecision);
        }

        public Options withStrictTypes(boolean strict) {
            return new Options(nearMisses, run, types, strict, minRecall, minPrecision);
        }

        public Options withThresholds(double recall, double precision) {
            return new Options(nearMisses, run, types, strictTypes, recall, precision);
        }

        boolean selects(String type) {
            return types.isEmpty() || types.contains(type);
        }
    }

    /** Reads the inputs and measures the findings against the labels; fails on unreadable input. */
    public static EvaluationReport of(Path labelsPath, Path findingsPath, Options options) {
        requireNonNull(labelsPath, "labelsPath is null");
        requireNonNull(findingsPath, "findingsPath is null");
        requireNonNull(options, "options is null");
        Optional<Path> nearPath = options.nearMisses().or(() -> beside(labelsPath, "near_misses.csv"));
        Optional<Path> runPath = options.run().or(() -> beside(findingsPath, "run.json"));

        CaseIndex labels = new CaseIndex(readCases(labelsPath, options, false));
        CaseIndex nearMisses = new CaseIndex(nearPath.map(p -> readCases(p, options, true)).orElse(List.of()));
        Optional<RunManifest> run = runPath.map(RunManifest::read);

        Map<String, Tally> tallies = new TreeMap<>();
        Set<PlantedCase> found = Collections.newSetFromMap(new IdentityHashMap<>());
        List<EvaluationReport.NearMissHit> hits = new ArrayList<>();
        try (CsvRecords in = CsvRecords.open(findingsPath)) {
            FindingColumns cols = new FindingColumns(in);
            for (Optional<CsvRecords.Row> r = in.next(); r.isPresent(); r = in.next()) {
                ScreenedFinding f = cols.finding(in, r.get());
                if (!options.selects(f.type)) {
                    continue;
                }
                Tally t = tallies.computeIfAbsent(f.type, x -> new Tally());
                t.findings++;
                List<PlantedCase> matched = labels.matching(f);
                if (!matched.isEmpty()) {
                    t.trueFindings++;
                    found.addAll(matched);
                    continue;
                }
                if (t.falsePositives.size() < EvaluationReport.EXAMPLES) {
                    t.falsePositives.add(f.ref());
                }
                List<PlantedCase> near = nearMisses.matching(f);
                if (!near.isEmpty()) {
                    t.nearMissHits++;
                    PlantedCase n = near.get(0);
                    hits.add(new EvaluationReport.NearMissHit(f.ref(), n.ref(), n.description));
                }
            }
        }

        Set<String> labelled = labels.byType().keySet();
        Set<String> screened = new TreeSet<>(labelled);
        List<EvaluationReport.NotScreened> notScreened = new ArrayList<>();
        if (run.isPresent()) {
            screened.retainAll(run.get().screenedTypes());
            screened.addAll(tallies.keySet());
            for (String type : new TreeSet<>(labelled)) {
                if (!screened.contains(type)) {
                    notScreened.add(new EvaluationReport.NotScreened(type, labels.byType().get(type).size(),
                            run.get().reasonsNotScreened(type)));
                }
            }
        }

        List<EvaluationReport.TypeResult> rows = new ArrayList<>();
        List<EvaluationReport.UnlabelledType> unlabelled = new ArrayList<>();
        Set<String> rowTypes = new TreeSet<>(screened);
        rowTypes.retainAll(labelled);
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            if (!labelled.contains(e.getKey())) {
                unlabelled.add(new EvaluationReport.UnlabelledType(e.getKey(), e.getValue().findings,
                        e.getValue().falsePositives));
                if (options.strictTypes()) {
                    rowTypes.add(e.getKey());
                }
            }
        }
        long cases = 0;
        long foundSum = 0;
        long findings = 0;
        long trueSum = 0;
        long nearSum = 0;
        for (String type : rowTypes) {
            List<PlantedCase> ofType = labels.byType().getOrDefault(type, List.of());
            List<EvaluationReport.CaseRef> missed = new ArrayList<>();
            long foundHere = 0;
            for (PlantedCase c : ofType) {
                if (found.contains(c)) {
                    foundHere++;
                } else if (missed.size() < EvaluationReport.EXAMPLES) {
                    missed.add(c.ref());
                }
            }
            Tally t = tallies.getOrDefault(type, new Tally());
            rows.add(new EvaluationReport.TypeResult(type, ofType.size(), foundHere, t.findings, t.trueFindings,
                    t.nearMissHits, missed, t.falsePositives));
            cases += ofType.size();
            foundSum += foundHere;
            findings += t.findings;
            trueSum += t.trueFindings;
            nearSum += t.nearMissHits;
        }
        EvaluationReport.TypeResult overall = new EvaluationReport.TypeResult("overall", cases, foundSum, findings,
                trueSum, nearSum, List.of(), List.of());

        Set<String> known = new LinkedHashSet<>(labelled);
        known.addAll(nearMisses.byType().keySet());
        known.addAll(tallies.keySet());
        run.ifPresent(m -> known.addAll(m.types()));
        List<String> withoutData = new TreeSet<>(options.types()).stream().filter(t -> !known.contains(t)).toList();

        return new EvaluationReport(labelsPath, findingsPath, nearPath, runPath, options, rows, overall, notScreened,
                unlabelled, hits, withoutData);
    }

    private static Optional<Path> beside(Path file, String name) {
        Path p = file.resolveSibling(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private static List<PlantedCase> readCases(Path file, Options options, boolean nearMisses) {
        List<PlantedCase> out = new ArrayList<>();
        try (CsvRecords in = CsvRecords.open(file)) {
            int type = in.column("vola_bhvr_type");
            int[] keys = new int[MatchKey.MOST_SPECIFIC_FIRST.size()];
            for (MatchKey k : MatchKey.MOST_SPECIFIC_FIRST) {
                keys[k.ordinal()] = in.column(k.column);
            }
            int period = in.column("period");
            int description = nearMisses ? in.optionalColumn("description") : -1;
            for (Optional<CsvRecords.Row> r = in.next(); r.isPresent(); r = in.next()) {
                CsvRecords.Row row = r.get();
                String t = required(in, row, type, "vola_bhvr_type");
                if (!options.selects(t)) {
                    continue;
                }
                String[][] values = new String[keys.length][];
                for (int k = 0; k < keys.length; k++) {
                    values[k] = PlantedCase.values(row.get(keys[k]));
                }
                String d = row.get(description);
                out.add(new PlantedCase(row.line(), t, values, row.get(period), d == null ? "" : d));
            }
        }
        return out;
    }

    private static String required(CsvRecords in, CsvRecords.Row row, int column, String name) {
        String v = row.get(column);
        if (v == null) {
            throw new EvaluationException(EvaluationException.Code.MALFORMED_CSV, in.file() + ":" + row.line()
                    + ": empty " + name);
        }
        return v;
    }

    /** The columns of findings.csv the evaluation reads, located by header name. */
    private static final class FindingColumns {
        final int jrId;
        final int ruleId;
        final int type;
        final int period;
        final int[] keys = new int[MatchKey.MOST_SPECIFIC_FIRST.size()];

        FindingColumns(CsvRecords in) {
            jrId = in.column("jr_id");
            ruleId = in.column("rule_id");
            type = in.column("vola_bhvr_type");
            period = in.column("period");
            for (MatchKey k : MatchKey.MOST_SPECIFIC_FIRST) {
                keys[k.ordinal()] = in.column(k.column);
            }
        }

        ScreenedFinding finding(CsvRecords in, CsvRecords.Row row) {
            String[] values = new String[keys.length];
            for (int k = 0; k < keys.length; k++) {
                values[k] = row.get(keys[k]);
            }
            return new ScreenedFinding(row.line(), row.get(jrId), row.get(ruleId),
                    required(in, row, type, "vola_bhvr_type"), values, row.get(period));
        }
    }

    /** Counts of one type's findings while they stream by. */
    private static final class Tally {
        long findings;
        long trueFindings;
        long nearMissHits;
        final List<EvaluationReport.FindingRef> falsePositives = new ArrayList<>();
    }
}
