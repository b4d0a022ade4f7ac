package org.fundwatch.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fundwatch.ranking.RiskRanking;
import org.fundwatch.ranking.RiskRanking.Entry;
import org.fundwatch.ranking.RiskRanking.SubjectKind;
import org.fundwatch.synth.evaluation.RankingEvaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ranking.csv} of the shared generated population: what it ranks, from what, and the history's effect. */
class RankingTest {
    @TempDir
    static Path dir;
    static TestingScreenedDataset shared;
    static List<Map<String, String>> rows;
    static List<Map<String, String>> findings;

    @BeforeAll
    static void ranked() throws IOException {
        shared = TestingScreenedDataset.get();
        rows = TestingFindings.read(shared.out.resolve(Ranking.FILE));
        findings = TestingFindings.read(shared.out.resolve("findings.csv"));
    }

    private static double number(Map<String, String> r, String column) {
        return Double.parseDouble(r.get(column));
    }

    @Test
    void ranksEachKindFromOneByScoreWithPartsThatAddUp() throws IOException {
        assertThat(Files.readAllLines(shared.out.resolve(Ranking.FILE)).get(0))
                .isEqualTo(String.join(",", Ranking.COLUMNS));
        for (SubjectKind kind : SubjectKind.values()) {
            List<Map<String, String>> of = rows.stream().filter(r -> r.get("subject_kind").equals(kind.name())).toList();
            assertThat(of).as(kind.name()).isNotEmpty();
            for (int i = 0; i < of.size(); i++) {
                Map<String, String> r = of.get(i);
                assertThat(Integer.parseInt(r.get("rank"))).isEqualTo(i + 1);
                if (i > 0) {
                    assertThat(number(r, "score")).isLessThanOrEqualTo(number(of.get(i - 1), "score"));
                }
                assertThat(number(r, "score")).isCloseTo(number(r, "findings_part") + number(r, "amount_part")
                        + number(r, "indicators_part") + number(r, "history_part"), within(0.015));
            }
        }
    }

    @Test
    void countsEveryFindingOfAnInstitutionAndOfAPersonWithItsSeverityWeight() {
        Map<String, long[]> byInstitution = new HashMap<>();
        for (Map<String, String> f : findings) {
            if (f.get("fixmedins_code") != null) {
                long[] c = byInstitution.computeIfAbsent(f.get("fixmedins_code"), k -> new long[2]);
                c[0]++;
                c[1] += 4 - Integer.parseInt(f.get("sev_deg"));
            }
        }
        Map<String, Map<String, String>> ranked = rows.stream().filter(r -> r.get("subject_kind").equals("INSTITUTION"))
                .collect(Collectors.toMap(r -> r.get("subject_key"), r -> r));
        assertThat(ranked.keySet()).containsAll(byInstitution.keySet());
        byInstitution.forEach((code, c) -> {
            assertThat(Long.parseLong(ranked.get(code).get("findings"))).as(code).isEqualTo(c[0]);
            assertThat(Long.parseLong(ranked.get(code).get("weighted_findings"))).as(code).isEqualTo(c[1]);
            assertThat(number(ranked.get(code), "findings_part")).isCloseTo(10 * Math.log1p(c[1]), within(0.006));
        });
        long persons = findings.stream().map(f -> f.get("psn_no")).filter(p -> p != null).distinct().count();
        assertThat(rows.stream().filter(r -> r.get("subject_kind").equals("PERSON"))).hasSize((int) persons);
    }

    @Test
    void anInstitutionsOutlyingIndicatorMonthsAreItsIndicatorPart() throws IOException {
        Map<String, Long> outlying = TestingFindings.read(shared.out.resolve("indicators.csv")).stream()
                .filter(r -> r.get("unit_level").equals("INSTITUTION") && r.get("robust_z") != null
                        && Double.parseDouble(r.get("robust_z")) >= RiskRanking.MIN_Z)
                .collect(Collectors.groupingBy(r -> r.get("fixmedins_code"), Collectors.counting()));
        assertThat(outlying).isNotEmpty();
        for (Map<String, String> r : rows) {
            if (r.get("subject_kind").equals("INSTITUTION")) {
                assertThat(Long.parseLong(r.get("outlier_indicators"))).as(r.get("subject_key"))
                        .isEqualTo(outlying.getOrDefault(r.get("subject_key"), 0L));
                assertThat(number(r, "indicators_part") > 0).isEqualTo(outlying.containsKey(r.get("subject_key")));
            }
        }
    }

    @Test
    void physiciansAreTheAttendingPhysiciansOfTheFindingsVisitsAtTheirInstitution() {
        List<Map<String, String>> physicians = rows.stream().filter(r -> r.get("subject_kind").equals("PHYSICIAN"))
                .toList();
        assertThat(physicians).hasSizeGreaterThan(20);
        // generated physician codes are D + the institution's number + a digit
        assertThat(physicians).allSatisfy(r -> assertThat(r.get("subject_key"))
                .startsWith("D" + r.get("fixmedins_code").substring(1)));
    }

    /** The quality bar of the ranking: every institution the generator planted many violations on is in the top 20. */
    @Test
    void everyPlantedBadInstitutionIsInTheTopTwentyAndTheFirstIsOneOfThem() {
        RankingEvaluation.Result r = RankingEvaluation.of(shared.extract.resolve("bad_actors.csv"),
                shared.out.resolve(Ranking.FILE));
        assertThat(r.ranks()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(r.allInTop()).as("outside the top 20: " + r.outside()).isTrue();
        // the top 1% of about 40 institutions is the first one: a planted bad actor
        assertThat(r.topOnePercent()).isEqualTo(1);
        assertThat(r.inTopOnePercent()).isEqualTo(1);
    }

    @Test
    void aConfirmedHistoryLiftsAnInstitutionAndAMalformedOneIsRefused() throws IOException {
        List<Map<String, String>> institutions = rows.stream()
                .filter(r -> r.get("subject_kind").equals("INSTITUTION")).toList();
        String last = institutions.get(institutions.size() - 1).get("subject_key");
        Path out = Files.createDirectories(dir.resolve("with-history"));
        for (String f : List.of("findings.parquet", "indicators.parquet")) {
            Files.copy(shared.out.resolve(f), out.resolve(f));
        }
        Path history = dir.resolve("history.csv");
        Files.writeString(history, "subject_kind,subject_key,confirmed,booked\nINSTITUTION," + last
                + ",200,900000.00\n");
        Map<SubjectKind, List<Entry>> ranking = Ranking.write(shared.dataset, out, Optional.of(history));
        Entry first = ranking.get(SubjectKind.INSTITUTION).get(0);
        assertThat(first.subject().key()).isEqualTo(last);
        assertThat(first.confirmed()).isEqualTo(200);
        assertThat(first.parts().history()).isCloseTo(10 * Math.log1p(200) + 5 * Math.log1p(900), within(0.01));

        Files.writeString(history, "kind,key,n\nINSTITUTION," + last + ",2\n");
        assertThatThrownBy(() -> Ranking.write(shared.dataset, out, Optional.of(history)))
                .isInstanceOf(ScreenException.class).hasMessageContaining("the header is not");
    }
}
