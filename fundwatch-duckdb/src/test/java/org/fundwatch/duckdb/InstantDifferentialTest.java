package org.fundwatch.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.fundwatch.findings.Finding;
import org.fundwatch.findings.FindingLine;
import org.fundwatch.rules.Moment;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.rules.Rule;
import org.fundwatch.rules.ViolationType;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.screening.InstantScreening;
import org.fundwatch.screening.Knowledge;
import org.fundwatch.screening.VisitHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch and real-time must mean the same: the generated dataset is replayed visit by visit in settlement order
 * through the in-JVM evaluator (each visit recorded in the history once reviewed, as an accepted settlement), and
 * every visit must get exactly the batch findings whose grain is that visit or one of its lines — same ids, every
 * column, the same lines with the same roles and amounts.
 */
class InstantDifferentialTest {
    /**
     * The types whose rules must decide in the JVM (DOMAIN.md §3.1, §3.2 and the timeline types a visit can be
     * judged on alone with its history), each of which must have findings to compare.
     */
    static final Set<ViolationType> INSTANT = EnumSet.range(ViolationType.OVER_PRICE_CAP, ViolationType.SPLIT_PRESCRIPTION);

    static {
        INSTANT.addAll(EnumSet.of(ViolationType.SPLIT_ADMISSION, ViolationType.OVERLAPPING_ADMISSION,
                ViolationType.CLAIM_DURING_ADMISSION, ViolationType.CLAIM_AFTER_DEATH, ViolationType.CLAIM_IN_CUSTODY, ViolationType.GHOST_BED,
                ViolationType.IMPOSSIBLE_TRAVEL));
    }

    static TestingScreenedDataset data;
    static Map<String, Map<String, String>> batch;
    static Map<String, List<String>> batchLines;

    @BeforeAll
    static void screenInBatch() throws IOException {
        data = TestingScreenedDataset.get();
        batch = new LinkedHashMap<>();
        for (Map<String, String> f : TestingFindings.read(data.out.resolve("findings.csv"))) {
            batch.put(f.get("jr_id"), f);
        }
        batchLines = new HashMap<>();
        for (Map<String, String> l : TestingFindings.read(data.out.resolve("finding_lines.csv"))) {
            batchLines.computeIfAbsent(l.get("jr_id"), k -> new ArrayList<>())
                    .add(l.get("feedetl_sn") + "/" + l.get("vola_item_type") + "/" + l.get("vola_amt"));
        }
    }

    @Test
    void everyVisitReplayedInSettlementOrderGetsExactlyItsBatchFindings() throws IOException {
        PolicyPack pack = PolicyPack.defaultPack();
        Knowledge kb = InstantData.knowledge(data.dataset);
        InstantScreening instant = new InstantScreening(pack, kb, MedTypeSettings.defaults(), new VisitHistory(400));
        Set<String> instantRules = new TreeSet<>(instant.instantRuleIds());
        Set<ViolationType> instantTypes = EnumSet.noneOf(ViolationType.class);
        for (Rule r : pack.enabledRules()) {
            if (instantRules.contains(r.id())) {
                instantTypes.add(r.type());
            }
        }
        assertThat(instantTypes).as("types decided in the JVM").containsAll(INSTANT);

        Map<String, Map<String, String>> actual = new LinkedHashMap<>();
        Map<String, List<String>> actualLines = new HashMap<>();
        long[] visits = {0};
        Set<String> certnos = new java.util.HashSet<>();
        for (InstantData.ReplayEvent e : InstantData.replay(data.dataset, MedTypeSettings.defaults())) {
            if (e.admission()) {
                instant.accept(e.claim());
                continue;
            }
            e.claim().person().certno().ifPresent(certnos::add);
            for (Finding f : instant.review(e.claim(), Moment.POST, Set.of()).findings()) {
                if (f.grain().equals("CERTNO")) {
                    // An enrolment finding is raised again at each of the person's visits: always the same one.
                    assertThat(actual.getOrDefault(f.jrId(), text(f))).isEqualTo(text(f));
                } else {
                    assertThat(actual).as("a finding reported twice: " + f.jrId()).doesNotContainKey(f.jrId());
                }
                actual.put(f.jrId(), text(f));
                actualLines.put(f.jrId(), f.lines().stream().map(InstantDifferentialTest::text).toList());
            }
            instant.accept(e.claim());
            visits[0]++;
        }
        assertThat(visits[0]).isGreaterThan(10_000);

        // Rules that raise the batch finding's id with the values so far are held to the ids alone.
        Set<String> soFar = instantRules.stream().filter(id -> !instant.exact(id)).collect(Collectors.toSet());
        Set<String> soFarExpected = batch.values().stream().filter(f -> soFar.contains(f.get("rule_id")))
                .map(f -> f.get("jr_id")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> soFarActual = actual.values().stream().filter(f -> soFar.contains(f.get("rule_id")))
                .map(f -> f.get("jr_id")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(soFar).as("rules with values so far").isNotEmpty();
        assertThat(soFarActual).as("ids of person-month findings in real time").isEqualTo(soFarExpected).isNotEmpty();
        actual.values().removeIf(f -> soFar.contains(f.get("rule_id")));

        Map<String, Map<String, String>> expected = batch.entrySet().stream()
                .filter(e -> instantRules.contains(e.getValue().get("rule_id")) && !soFar.contains(e.getValue().get("rule_id")))
                // an enrolment is judged in real time when one of its people claims
                .filter(e -> !e.getValue().get("grain").equals("CERTNO") || certnos.contains(e.getValue().get("certno")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        Map<String, Integer> comparedByType = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            Map<String, String> got = actual.get(e.getKey());
            if (got == null) {
                differences.add("missing in real time: " + e.getValue());
                continue;
            }
            if (!got.equals(e.getValue())) {
                differences.add("differs: batch " + e.getValue() + "\n        real time " + got);
            } else if (!sorted(actualLines.get(e.getKey())).equals(sorted(batchLines.get(e.getKey())))) {
                differences.add("lines differ for " + e.getKey() + ": batch " + sorted(batchLines.get(e.getKey()))
                        + ", real time " + sorted(actualLines.get(e.getKey())));
            }
            comparedByType.merge(e.getValue().get("vola_bhvr_type"), 1, Integer::sum);
        }
        for (String id : actual.keySet()) {
            if (!expected.containsKey(id)) {
                differences.add("only in real time: " + actual.get(id));
            }
        }
        assertThat(differences).as(differences.size() + " differences, e.g.\n"
                + String.join("\n", differences.subList(0, Math.min(8, differences.size())))).isEmpty();
        System.out.println("compared by type: " + comparedByType + "; real-time findings " + actual.size()
                + "; person-month findings compared by id " + soFarExpected.size());
        for (ViolationType t : INSTANT) {
            assertThat(comparedByType.getOrDefault(t.name(), 0)).as("findings of " + t + " compared").isPositive();
        }
    }

    private static List<String> sorted(List<String> lines) {
        return lines == null ? List.of() : lines.stream().sorted().toList();
    }

    private static String text(FindingLine l) {
        return l.feedetlSn() + "/" + l.volaItemType() + "/" + l.volaAmt().map(Object::toString).orElse(null);
    }

    /** The finding as the CSV file writes it: every column as text, absent values as null. */
    private static Map<String, String> text(Finding f) {
        Map<String, String> m = new LinkedHashMap<>();
        f.values().forEach((k, v) -> m.put(k, v == null ? null : v.toString()));
        return m;
    }
}
