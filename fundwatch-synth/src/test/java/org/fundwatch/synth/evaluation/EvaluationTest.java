package org.fundwatch.synth.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.fundwatch.synth.evaluation.EvaluationReport.TypeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    @TempDir
    Path dir;

    private static TypeResult row(EvaluationReport report, String type) {
        return report.types().stream().filter(t -> t.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + type + " in " + report.types()));
    }

    private static Evaluation.Options defaults() {
        return Evaluation.Options.defaults();
    }

    @Test
    void lineFindingMatchesTheCaseOfItsFeeLineAndNotAnotherLineOfTheSameVisit() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("OVER_PRICE_CAP").sn("FD1").mdtrt("MD1").psn("P1");
        f.finding("j1", "OVER_PRICE_CAP").sn("FD1").mdtrt("MD1").psn("P1");
        f.finding("j2", "OVER_PRICE_CAP").sn("FD2").mdtrt("MD1").psn("P1");

        TypeResult r = row(f.evaluate(defaults()), "OVER_PRICE_CAP");

        assertThat(r.cases()).isEqualTo(1);
        assertThat(r.found()).isEqualTo(1);
        assertThat(r.findings()).isEqualTo(2);
        assertThat(r.trueFindings()).isEqualTo(1);
        assertThat(r.precision()).hasValue(0.5);
        assertThat(r.falsePositiveExamples()).extracting(EvaluationReport.FindingRef::jrId).containsExactly("j2");
        assertThat(r.falsePositiveExamples().get(0).ids()).isEqualTo("feedetl_sn=FD2");
    }

    @Test
    void visitFindingMatchesALineCaseOfItsVisitWhenItNamesNoLine() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("SPLIT_ADMISSION").mdtrt("MD2").psn("P1");
        f.label("UNBUNDLING").sn("FD1|FD2").mdtrt("MD5").psn("P2");
        f.finding("j1", "SPLIT_ADMISSION").mdtrt("MD2").psn("P1").institution("H1");
        f.finding("j2", "SPLIT_ADMISSION").mdtrt("MD3").psn("P1");
        f.finding("j3", "UNBUNDLING").mdtrt("MD5").psn("P2");

        EvaluationReport report = f.evaluate(defaults());

        assertThat(row(report, "SPLIT_ADMISSION").trueFindings()).as("same person, other visit").isEqualTo(1);
        assertThat(row(report, "SPLIT_ADMISSION").found()).isEqualTo(1);
        assertThat(row(report, "UNBUNDLING").found()).isEqualTo(1);
    }

    @Test
    void findingMatchesAnyValueOfAMultiValuedLabelKeyAndTheCaseCountsOnce() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("OVERLAPPING_ADMISSION").mdtrt("MD2|MD1").psn("P1");
        f.label("GROUP_VISITS").psn("P1|P2|P3|P4|P5").institution("H1");
        f.finding("j1", "OVERLAPPING_ADMISSION").mdtrt("MD1").psn("P1");
        f.finding("j2", "OVERLAPPING_ADMISSION").mdtrt("MD2").psn("P1");
        for (int i = 1; i <= 5; i++) {
            f.finding("g" + i, "GROUP_VISITS").psn("P" + i);
        }
        f.finding("g6", "GROUP_VISITS").psn("P6");

        EvaluationReport report = f.evaluate(defaults());

        TypeResult overlap = row(report, "OVERLAPPING_ADMISSION");
        assertThat(overlap.cases()).isEqualTo(1);
        assertThat(overlap.found()).isEqualTo(1);
        assertThat(overlap.trueFindings()).isEqualTo(2);
        TypeResult group = row(report, "GROUP_VISITS");
        assertThat(group.trueFindings()).isEqualTo(5);
        assertThat(group.findings()).isEqualTo(6);
        assertThat(report.overall().cases()).isEqualTo(2);
        assertThat(report.overall().found()).isEqualTo(2);
        assertThat(report.overall().trueFindings()).isEqualTo(7);
        assertThat(report.overall().findings()).isEqualTo(8);
    }

    @Test
    void findingOfAnotherTypeOnTheSameKeysDoesNotMatch() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("GENDER_LIMIT").sn("FD1").mdtrt("MD1");
        f.label("AGE_LIMIT").sn("FD9");
        f.finding("j1", "AGE_LIMIT").sn("FD1").mdtrt("MD1");

        EvaluationReport report = f.evaluate(defaults());

        assertThat(row(report, "GENDER_LIMIT").found()).isZero();
        assertThat(row(report, "AGE_LIMIT").trueFindings()).isZero();
    }

    @Test
    void institutionFindingMatchesOnlyInTheCasePeriodAndADayMatchesItsMonth() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("INDUCED_ADMISSION").institution("H1").period("2026-02");
        f.label("CARD_COLLECTION").institution("P7").period("2026-02-02");
        f.label("STOCK_MISMATCH").institution("P8");
        f.finding("j1", "INDUCED_ADMISSION").institution("H1").period("2026-01");
        f.finding("j2", "INDUCED_ADMISSION").institution("H1").period("2026-02-17");
        f.finding("j3", "CARD_COLLECTION").institution("P7").period("2026-02-03");
        f.finding("j4", "CARD_COLLECTION").institution("P7").period("2026-02-02");
        f.finding("j5", "STOCK_MISMATCH").institution("P8").period("2026-03");

        EvaluationReport report = f.evaluate(defaults());

        TypeResult induced = row(report, "INDUCED_ADMISSION");
        assertThat(induced.trueFindings()).isEqualTo(1);
        assertThat(induced.falsePositiveExamples()).extracting(EvaluationReport.FindingRef::jrId)
                .containsExactly("j1");
        assertThat(row(report, "CARD_COLLECTION").trueFindings()).isEqualTo(1);
        assertThat(row(report, "STOCK_MISMATCH").trueFindings()).as("case without period").isEqualTo(1);
        assertThat(PlantedCase.periodsAgree("2026-02", "2026-02-28")).isTrue();
        assertThat(PlantedCase.periodsAgree("2026-02-28", "2026-02")).isTrue();
        assertThat(PlantedCase.periodsAgree("2026-02", "2026-12-01")).isFalse();
        assertThat(PlantedCase.periodsAgree("2026-01", "2026-012")).isFalse();
    }

    @Test
    void personPeriodIsNotComparedWhenThePersonIsShared() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("HIGH_FREQUENCY").psn("P1").period("2026-01");
        f.finding("j1", "HIGH_FREQUENCY").psn("P1").period("2026-02");

        assertThat(row(f.evaluate(defaults()), "HIGH_FREQUENCY").trueFindings()).isEqualTo(1);
    }

    @Test
    void findingOnANearMissIsListedWithTheNearMissAndCountsAsFalsePositive() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("AGE_LIMIT").sn("FD1");
        f.nearMiss("AGE_LIMIT", "15th birthday the day after").sn("FD2").mdtrt("MD2");
        f.finding("j1", "AGE_LIMIT").sn("FD1");
        f.finding("j2", "AGE_LIMIT").sn("FD2").mdtrt("MD2");

        EvaluationReport report = f.evaluate(defaults());

        assertThat(report.nearMisses()).contains(dir.resolve("near_misses.csv"));
        TypeResult age = row(report, "AGE_LIMIT");
        assertThat(age.nearMissHits()).isEqualTo(1);
        assertThat(age.precision()).hasValue(0.5);
        assertThat(report.nearMissHits()).singleElement().satisfies(h -> {
            assertThat(h.finding().jrId()).isEqualTo("j2");
            assertThat(h.nearMiss().line()).isEqualTo(2);
            assertThat(h.description()).isEqualTo("15th birthday the day after");
        });
    }

    @Test
    void labelTypesNoRuleRanForAreNotScreenedAndLeftOutOfTheThresholds() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("AGE_LIMIT").sn("FD1");
        f.label("STOCK_MISMATCH").institution("P1");
        f.label("PEER_OUTLIER").institution("H1").period("2026-03");
        f.finding("j1", "AGE_LIMIT").sn("FD1");
        f.runFile(Map.of("AGE_LIMIT", "RAN", "STOCK_MISMATCH", "NOT_RUN"));

        EvaluationReport report = f.evaluate(defaults().withThresholds(0.98, 0.95));

        assertThat(report.run()).contains(dir.resolve("run.json"));
        assertThat(report.types()).extracting(TypeResult::type).containsExactly("AGE_LIMIT");
        assertThat(report.notScreened()).extracting(EvaluationReport.NotScreened::type)
                .containsExactly("PEER_OUTLIER", "STOCK_MISMATCH");
        assertThat(report.notScreened().get(0).reasons()).containsExactly("no rule of this type in run.json");
        assertThat(report.notScreened().get(1).reasons()).containsExactly("R-STOCK_MISMATCH NOT_RUN: no kb_item_limit rows");
        assertThat(report.overall().cases()).isEqualTo(1);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void withoutRunJsonEveryLabelTypeCountsAndAnUnfoundOneFailsRecall() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("AGE_LIMIT").sn("FD1");
        f.label("STOCK_MISMATCH").institution("P1");
        f.finding("j1", "AGE_LIMIT").sn("FD1");

        EvaluationReport report = f.evaluate(defaults().withThresholds(0.98, 0.95));

        assertThat(report.run()).isEmpty();
        assertThat(report.notScreened()).isEmpty();
        assertThat(report.failing()).extracting(TypeResult::type).containsExactly("STOCK_MISMATCH");
        assertThat(report.failing().get(0).missedExamples()).singleElement()
                .satisfies(c -> assertThat(c.ids()).isEqualTo("fixmedins_code=P1"));
    }

    @Test
    void typeWithoutFindingsHasNoPrecisionAndDoesNotFailThePrecisionThreshold() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("GHOST_BED").mdtrt("MD1");

        EvaluationReport report = f.evaluate(defaults().withThresholds(0, 0.95));

        TypeResult ghost = row(report, "GHOST_BED");
        assertThat(ghost.precision()).isEmpty();
        assertThat(ghost.recall()).hasValue(0.0);
        assertThat(ghost.meetsPrecision(0.95)).isTrue();
        assertThat(report.passed()).as("recall threshold 0 only reports").isTrue();
        assertThat(report.toJson()).contains("\"precision\" : null");
        assertThat(f.evaluate(defaults().withThresholds(0.5, 0.95)).passed()).isFalse();
    }

    @Test
    void thresholdsFailExactlyTheTypesBelowThem() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        for (int i = 1; i <= 50; i++) {
            f.label("AGE_LIMIT").sn("FD" + i);
            if (i != 50) {
                f.finding("a" + i, "AGE_LIMIT").sn("FD" + i);
            }
            f.label("GENDER_LIMIT").sn("G" + i);
            f.finding("g" + i, "GENDER_LIMIT").sn("G" + i);
        }
        f.finding("fp1", "GENDER_LIMIT").sn("X1");
        f.finding("fp2", "GENDER_LIMIT").sn("X2");

        assertThat(f.evaluate(defaults().withThresholds(0.98, 0.95)).passed()).as("49/50 and 50/52").isTrue();
        EvaluationReport strict = f.evaluate(defaults().withThresholds(0.99, 0.95));
        assertThat(strict.failing()).extracting(TypeResult::type).containsExactly("AGE_LIMIT");
        assertThat(strict.failing().get(0).missedExamples()).extracting(EvaluationReport.CaseRef::ids)
                .containsExactly("feedetl_sn=FD50");
        EvaluationReport precise = f.evaluate(defaults().withThresholds(0.98, 0.97));
        assertThat(precise.failing()).extracting(TypeResult::type).containsExactly("GENDER_LIMIT");
        assertThat(precise.failing().get(0).falsePositiveExamples()).extracting(EvaluationReport.FindingRef::jrId)
                .containsExactly("fp1", "fp2");
        assertThat(f.evaluate(defaults()).passed()).as("no thresholds: report only").isTrue();
    }

    @Test
    void findingsOfUnlabelledTypesAreListedApartUnlessStrict() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("AGE_LIMIT").sn("FD1");
        f.finding("j1", "AGE_LIMIT").sn("FD1");
        f.finding("u1", "PEER_OUTLIER").institution("H1").period("2026-01");
        f.finding("u2", "PEER_OUTLIER").institution("H2").period("2026-01");

        EvaluationReport lenient = f.evaluate(defaults().withThresholds(0.9, 0.9));
        assertThat(lenient.types()).extracting(TypeResult::type).containsExactly("AGE_LIMIT");
        assertThat(lenient.unlabelledTypes()).singleElement().satisfies(u -> {
            assertThat(u.type()).isEqualTo("PEER_OUTLIER");
            assertThat(u.findings()).isEqualTo(2);
            assertThat(u.examples()).extracting(EvaluationReport.FindingRef::jrId).containsExactly("u1", "u2");
        });
        assertThat(lenient.overall().precision()).hasValue(1.0);
        assertThat(lenient.passed()).isTrue();

        EvaluationReport strict = f.evaluate(defaults().withThresholds(0.9, 0.9).withStrictTypes(true));
        assertThat(strict.overall().findings()).isEqualTo(3);
        assertThat(strict.overall().precision()).hasValueCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(strict.failing()).extracting(TypeResult::type).containsExactly("PEER_OUTLIER");
    }

    @Test
    void typesOptionRestrictsLabelsAndFindingsAndNamesTypesWithoutData() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("AGE_LIMIT").sn("FD1");
        f.label("GENDER_LIMIT").sn("FD2");
        f.finding("j1", "GENDER_LIMIT").sn("FD9");
        f.finding("j2", "OTHER").sn("FD9");

        EvaluationReport report = f.evaluate(defaults().withTypes(Set.of("AGE_LIMIT", "AGE_LIMT")));

        assertThat(report.types()).extracting(TypeResult::type).containsExactly("AGE_LIMIT");
        assertThat(report.unlabelledTypes()).isEmpty();
        assertThat(report.typesWithoutData()).containsExactly("AGE_LIMT");
    }

    @Test
    void findingsWithQuotedChineseTextHoldingCommasQuotesAndLineBreaksParse() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("DUPLICATE_CHARGE").sn("FD1");
        f.finding("j1", "DUPLICATE_CHARGE").sn("FD1")
                .set("vola_cont", "同一项目“一级护理”，同一时间重复收费,共2次\n第二行：\"引号\"")
                .set("vola_evid", "{\"lines\": [\"FD1\", \"FD2\"]}");
        f.finding("j2", "DUPLICATE_CHARGE").sn("FD7").set("vola_cont_en", "two lines,\r\nsame time");
        Path findings = f.findingsFile();

        EvaluationReport report = Evaluation.of(f.labelsFile(), findings, defaults());

        TypeResult dup = row(report, "DUPLICATE_CHARGE");
        assertThat(dup.findings()).isEqualTo(2);
        assertThat(dup.trueFindings()).isEqualTo(1);
        assertThat(dup.falsePositiveExamples()).singleElement()
                .satisfies(fp -> assertThat(fp.line()).as("the record starts after a 2-line record").isEqualTo(4));
    }

    @Test
    void findingsAreReadByHeaderNameInAnyColumnOrderWithBomAndCrLf() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("AGE_LIMIT").sn("FD1");
        Path findings = f.writeText("findings.csv", "\uFEFFfeedetl_sn,vola_bhvr_type,extra,jr_id,rule_id,period,"
                + "psn_no,certno,mdtrt_id,fixmedins_code\r\nFD1,AGE_LIMIT,x,j1,R1,,,,,\r\n\r\n");

        TypeResult age = row(Evaluation.of(f.labelsFile(), findings, defaults()), "AGE_LIMIT");

        assertThat(age.findings()).isEqualTo(1);
        assertThat(age.trueFindings()).isEqualTo(1);
    }

    @Test
    void missingColumnFailsNamingTheFileHeaderLineAndColumn() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("AGE_LIMIT").sn("FD1");
        Path findings = f.writeText("findings.csv", "jr_id,rule_id,vola_bhvr_type,period,psn_no,certno,feedetl_sn,"
                + "fixmedins_code\nj1,R1,AGE_LIMIT,,,,FD1,\n");

        assertThatThrownBy(() -> Evaluation.of(f.labelsFile(), findings, defaults()))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("[MISSING_COLUMN]").hasMessageContaining(findings + ":1:")
                .hasMessageContaining("mdtrt_id");
    }

    @Test
    void malformedRecordsFailNamingTheFileAndLine() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("AGE_LIMIT").sn("FD1");
        Path labels = f.labelsFile();
        String header = String.join(",", TestingEvaluationFiles.FINDING_COLUMNS) + "\n";
        String good = "j1,R1,1,n,AGE_LIMIT,LINE,,1,WARN,1.00,\"a,b\",,,,,,,,FD1,,,\n";

        Path unclosed = f.writeText("unclosed.csv", header + good + "j2,R1,1,n,AGE_LIMIT,LINE,,1,WARN,1.00,\"a,b"
                + ",,,,,,,,FD2,,,\n");
        assertThatThrownBy(() -> Evaluation.of(labels, unclosed, defaults()))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("[MALFORMED_CSV]")
                .hasMessageContaining(unclosed + ":3: quoted field never closed");

        Path shortRow = f.writeText("short.csv", header + good + "\n" + "j2,R1,AGE_LIMIT\n");
        assertThatThrownBy(() -> Evaluation.of(labels, shortRow, defaults()))
                .hasMessageContaining(shortRow + ":4: record has 3 fields, the header has 22");

        Path stray = f.writeText("stray.csv", header + "j1,R1,1,n,AGE_LIMIT,LINE,,1,WARN,1.00,\"a\"b,,,,,,,,FD1,,,\n");
        assertThatThrownBy(() -> Evaluation.of(labels, stray, defaults()))
                .hasMessageContaining(stray + ":2: text after the closing quote");

        assertThatThrownBy(() -> Evaluation.of(labels, dir.resolve("absent.csv"), defaults()))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("[UNREADABLE]");
    }

    @Test
    void malformedRunJsonFailsNamingTheFile() {
        TestingEvaluationFiles f = new TestingEvaluationFiles(dir);
        f.label("AGE_LIMIT").sn("FD1");
        Path run = f.writeText("run.json", "{\"rules\": [{\"rule_id\": \"R1\",}\n");

        assertThatThrownBy(() -> f.evaluate(defaults()))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("[MALFORMED_RUN]")
                .hasMessageContaining(run.toString());
        f.writeText("run.json", "{\"engine\": \"duckdb\"}");
        assertThatThrownBy(() -> f.evaluate(defaults())).hasMessageContaining("no \"rules\" list");
    }

    @Test
    void optionsDefaultToReportingEverythingWithoutThresholds() {
        Evaluation.Options o = Evaluation.Options.defaults();
        assertThat(o.nearMisses()).isEmpty();
        assertThat(o.run()).isEmpty();
        assertThat(o.types()).isEmpty();
        assertThat(o.strictTypes()).isFalse();
        assertThat(o.minRecall()).isZero();
        assertThat(o.minPrecision()).isZero();
        assertThatThrownBy(() -> o.withThresholds(98, 0.95)).isInstanceOf(IllegalArgumentException.class);
    }
}
