package org.fundwatch.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.fundwatch.ingest.Ingest;
import org.fundwatch.ingest.IngestOptions;
import org.fundwatch.progress.Progress;
import org.fundwatch.rules.ViolationType;
import org.fundwatch.synth.evaluation.Evaluation;
import org.fundwatch.synth.evaluation.EvaluationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generate → ingest → screen → evaluate on a generated population with every violation type planted: the quality
 * bar of the rule base, and the properties of a screening run (deterministic ids, three formats that agree, a
 * month screened alone gives that month of the full run).
 */
class ScreeningEndToEndTest {
    /** The types the default pack covers (DOMAIN.md §3.1–§3.3, the §3.4 models but PEER_OUTLIER, and §3.5). */
    static final Set<ViolationType> COVERED = EnumSet.range(ViolationType.OVER_PRICE_CAP,
            ViolationType.IMPOSSIBLE_TRAVEL);

    static {
        COVERED.addAll(List.of(ViolationType.DUPLICATE_ENROLLMENT, ViolationType.GROUP_VISITS,
                ViolationType.OFF_HOURS_SETTLEMENT, ViolationType.CARD_COLLECTION, ViolationType.STOCK_MISMATCH,
                ViolationType.TRACE_CODE_REUSE, ViolationType.INDUCED_ADMISSION));
    }

    @TempDir
    static Path dir;
    static Path extract;
    static Path dataset;
    static Path out;
    static ScreenReport report;

    @BeforeAll
    static void generateIngestAndScreen() throws IOException {
        TestingScreenedDataset shared = TestingScreenedDataset.get();
        extract = shared.extract;
        dataset = shared.dataset;
        out = shared.out;
        report = shared.report;
    }

    @Test
    void meetsTheQualityBarForEveryCoveredType() {
        EvaluationReport q = Evaluation.of(extract.resolve("labels.csv"), out.resolve("findings.csv"),
                Evaluation.Options.defaults().withThresholds(0.98, 0.95));
        Map<String, EvaluationReport.TypeResult> byType = q.types().stream()
                .collect(Collectors.toMap(EvaluationReport.TypeResult::type, t -> t));
        for (ViolationType t : COVERED) {
            assertThat(byType).as("labelled cases of " + t).containsKey(t.name());
            EvaluationReport.TypeResult r = byType.get(t.name());
            assertThat(r.cases()).as("cases of " + t).isGreaterThanOrEqualTo(5);
            assertThat(r.meets(0.98, 0.95)).as(t + ": recall " + r.recall() + ", precision " + r.precision()
                    + ", missed " + r.missedExamples() + ", false positives " + r.falsePositiveExamples()).isTrue();
        }
        assertThat(q.nearMissHits()).as("near misses must not fire").isEmpty();
    }

    /**
     * PEER_OUTLIER is held to recall only: the generator plants 3 outlying institution-months, and clean small
     * hospitals are legitimately extreme on inpatient indicators now and then (a level-1 hospital has about nine
     * stays a month, so Poisson noise passes 1.5 × the peer median or the hospital's own history). On this
     * population the outpatient and cost-structure indicators (FW-411) give only the planted cases; the inpatient
     * ones (FW-412) add 4 admission rates (of 90 hospital-months screened: about 4%). The bound below keeps that
     * from growing unnoticed.
     */
    @Test
    void findsEveryPlantedPeerOutlierWithFewFalsePositives() {
        EvaluationReport q = Evaluation.of(extract.resolve("labels.csv"), out.resolve("findings.csv"),
                Evaluation.Options.defaults());
        EvaluationReport.TypeResult r = q.types().stream().filter(t -> t.type().equals("PEER_OUTLIER")).findFirst()
                .orElseThrow();
        assertThat(r.cases()).isGreaterThanOrEqualTo(3);
        assertThat(r.meetsRecall(0.98)).as("recall of PEER_OUTLIER " + r.recall() + ", missed " + r.missedExamples())
                .isTrue();
        assertThat(r.findings() - r.trueFindings()).as("false positives " + r.falsePositiveExamples())
                .isLessThanOrEqualTo(6);
    }

    @Test
    void everyRuleRanAndApprovalsSuppressedSomeFindings() {
        assertThat(report.rules()).allSatisfy(r -> assertThat(r.status()).as(r.ruleId() + " " + r.reason())
                .isEqualTo("RAN"));
        assertThat(report.suppressed()).isPositive();
        assertThat(report.rules().size()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theThreeFormatsHoldTheSameFindingsAndLines() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String name : List.of("findings", "finding_lines")) {
                String base = out.resolve(name).toAbsolutePath().toString();
                List<Long> counts = new ArrayList<>();
                for (String read : List.of("read_csv('" + base + ".csv', header = true, all_varchar = true)",
                        "read_parquet('" + base + ".parquet')", "read_json('" + base + ".jsonl', format = 'newline_delimited')")) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT jr_id) FROM " + read)) {
                        rs.next();
                        counts.add(rs.getLong(1));
                    }
                }
                assertThat(counts).as(name).containsOnly(counts.get(0));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('"
                    + out.resolve("findings.parquet").toAbsolutePath() + "') GROUP BY jr_id HAVING count(*) > 1")) {
                assertThat(rs.next()).as("jr_id is unique").isFalse();
            }
        }
        assertThat(Files.readAllLines(out.resolve("findings.csv")).get(0).split(","))
                .containsExactly(org.fundwatch.findings.Finding.COLUMNS.toArray(String[]::new));
    }

    @Test
    void everyFindingIsExplainedWithItsBasis() throws IOException {
        for (Map<String, String> f : TestingFindings.read(out.resolve("findings.csv"))) {
            assertThat(f.get("vola_cont")).as(f.get("rule_id")).isNotBlank().containsPattern("\\p{IsHan}");
            assertThat(f.get("vola_cont_en")).as(f.get("rule_id")).isNotBlank();
            assertThat(f.get("vola_evid")).as(f.get("rule_id")).isNotBlank();
        }
    }

    @Test
    void runFileRecordsPackDatasetPassesAndRules() throws IOException {
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(run.at("/rule_pack/id").asText()).isEqualTo("fundwatch-default");
        assertThat(run.at("/rule_pack/version").asText()).isNotBlank();
        assertThat(run.at("/dataset/sha256").asText()).hasSize(64);
        assertThat(run.at("/totals/findings").asLong()).isEqualTo(report.findings());
        Set<String> passes = new TreeSet<>();
        run.get("passes").forEach(p -> passes.add(p.get("name").asText()));
        assertThat(passes).contains("fw_p_line", "fw_p_dup", "fw_p_day", "write findings");
        assertThat(run.get("rules")).hasSize(report.rules().size());
    }

    @Test
    void screeningAgainGivesTheSameFindingsByteForByte() throws IOException {
        Path again = dir.resolve("again");
        Screening.run(ScreenOptions.of(dataset, again), Progress.NONE);
        assertThat(Files.readString(again.resolve("findings.csv"))).isEqualTo(Files.readString(out.resolve("findings.csv")));
        assertThat(Files.readString(again.resolve("finding_lines.csv")))
                .isEqualTo(Files.readString(out.resolve("finding_lines.csv")));
    }

    @Test
    void rulesAndModelsSwitchedOffApartSplitTheFullRunAndAreReportedOffInRunJson() throws IOException {
        Path rulesOnly = dir.resolve("rules-only");
        Path modelsOnly = dir.resolve("models-only");
        Screening.run(ScreenOptions.of(dataset, rulesOnly), Progress.NONE); // with an indicator table first
        assertThat(rulesOnly.resolve("indicators.csv")).exists();
        ScreenReport rules = Screening.run(ScreenOptions.of(dataset, rulesOnly).withOverwrite(true)
                .without(ScreenOptions.Part.MODELS).without(ScreenOptions.Part.INDICATORS), Progress.NONE);
        ScreenReport models = Screening.run(ScreenOptions.of(dataset, modelsOnly).without(ScreenOptions.Part.RULES),
                Progress.NONE);

        Map<String, String> full = typeByJrId(out);
        Map<String, String> fromRules = typeByJrId(rulesOnly);
        Map<String, String> fromModels = typeByJrId(modelsOnly);
        assertThat(fromRules.values()).isNotEmpty().allMatch(t -> !ViolationType.valueOf(t).model());
        assertThat(fromModels.values()).isNotEmpty().allMatch(t -> ViolationType.valueOf(t).model());
        Map<String, String> together = new TreeMap<>(fromRules);
        together.putAll(fromModels);
        assertThat(together).isEqualTo(full);

        assertThat(rulesOnly.resolve("indicators.csv")).as("the earlier run's table is gone").doesNotExist();
        assertThat(modelsOnly.resolve("indicators.csv")).exists();
        JsonNode run = new ObjectMapper().readTree(rulesOnly.resolve("run.json").toFile());
        assertThat(run.get("switched_off").toString()).isEqualTo("[\"models\",\"indicators\"]");
        for (ScreenReport.RuleResult r : rules.rules()) {
            boolean model = ViolationType.valueOf(r.type()).model();
            assertThat(r.status()).as(r.ruleId()).isEqualTo(model ? "OFF" : report.rule(r.ruleId()).status());
            if (model) {
                assertThat(r.reason()).contains("switched off (--no-models)");
            }
        }
        assertThat(models.rules()).filteredOn(r -> r.status().equals("OFF"))
                .allMatch(r -> !ViolationType.valueOf(r.type()).model()).isNotEmpty();
    }

    private static Map<String, String> typeByJrId(Path findingsDir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, String> f : TestingFindings.read(findingsDir.resolve("findings.csv"))) {
            out.put(f.get("jr_id"), f.get("vola_bhvr_type"));
        }
        return out;
    }

    @Test
    void aMonthScreenedAloneGivesThatMonthOfTheFullRunWithLookBackFromEarlierMonths() throws IOException {
        YearMonth month = YearMonth.of(2026, 4);
        Path monthOut = dir.resolve("april");
        Screening.run(ScreenOptions.of(dataset, monthOut).withPeriod(month), Progress.NONE);
        Map<String, String> full = new TreeMap<>();
        for (Map<String, String> f : TestingFindings.read(out.resolve("findings.csv"))) {
            if (f.get("period").startsWith(month.toString()) && !f.get("grain").equals("CERTNO")) {
                full.put(f.get("jr_id"), f.get("rule_id"));
            }
        }
        Map<String, String> alone = new TreeMap<>();
        for (Map<String, String> f : TestingFindings.read(monthOut.resolve("findings.csv"))) {
            assertThat(f.get("period")).startsWith(month.toString());
            if (!f.get("grain").equals("CERTNO")) {
                alone.put(f.get("jr_id"), f.get("rule_id"));
            }
        }
        assertThat(alone).isEqualTo(full).isNotEmpty();
        assertThat(alone.values()).as("look-back rules find cases whose first part is in March")
                .contains("FW-301", "FW-191");
    }

    @Test
    void aRuleScreenedAloneFindsExactlyWhatItFindsAmongAllRules() throws IOException {
        Path packs = dir.resolve("single-rule-packs");
        for (String ruleId : List.of("FW-101", "FW-201", "FW-321", "FW-301", "FW-341", "FW-361")) {
            Path pack = Files.createDirectories(packs.resolve(ruleId));
            Path source = Path.of("..", "policy", "default");
            Files.copy(source.resolve("pack.properties"), pack.resolve("pack.properties"));
            List<String> rows = Files.readAllLines(source.resolve("rules.csv"));
            Files.write(pack.resolve("rules.csv"), List.of(rows.get(0),
                    rows.stream().filter(r -> r.startsWith(ruleId + ",")).findFirst().orElseThrow()));
            Path alone = packs.resolve(ruleId + "-out");
            Screening.run(ScreenOptions.of(dataset, alone).withRules(pack), Progress.NONE);
            Set<String> together = new TreeSet<>();
            for (Map<String, String> f : TestingFindings.read(out.resolve("findings.csv"))) {
                if (f.get("rule_id").equals(ruleId)) {
                    together.add(f.get("jr_id") + " " + f.get("vola_amt") + " " + f.get("vola_cont"));
                }
            }
            Set<String> single = new TreeSet<>();
            for (Map<String, String> f : TestingFindings.read(alone.resolve("findings.csv"))) {
                single.add(f.get("jr_id") + " " + f.get("vola_amt") + " " + f.get("vola_cont"));
            }
            assertThat(single).as(ruleId).isEqualTo(together).isNotEmpty();
        }
    }

    @Test
    void raisingAThresholdInANewRuleVersionKeepsTheIdsOfFindingsAlreadyUnderReview() throws IOException {
        Path pack = Files.createDirectories(dir.resolve("bureau-pack"));
        Path source = Path.of("..", "policy", "default");
        Files.copy(source.resolve("pack.properties"), pack.resolve("pack.properties"));
        List<String> rows = Files.readAllLines(source.resolve("rules.csv"));
        String edited = rows.stream().filter(r -> r.startsWith("FW-301,")).findFirst().orElseThrow()
                .replace("FW-301,true,1,", "FW-301,true,2,").replace("max_gap_days=15", "max_gap_days=30");
        Files.write(pack.resolve("rules.csv"), List.of(rows.get(0), edited));
        Path bureau = dir.resolve("bureau-out");
        Screening.run(ScreenOptions.of(dataset, bureau).withRules(pack), Progress.NONE);
        Set<String> before = new TreeSet<>();
        for (Map<String, String> f : TestingFindings.read(out.resolve("findings.csv"))) {
            if (f.get("rule_id").equals("FW-301")) {
                before.add(f.get("jr_id"));
            }
        }
        Set<String> after = new TreeSet<>();
        for (Map<String, String> f : TestingFindings.read(bureau.resolve("findings.csv"))) {
            assertThat(f.get("rule_version")).isEqualTo("2");
            after.add(f.get("jr_id"));
        }
        assertThat(after).containsAll(before).hasSizeGreaterThanOrEqualTo(before.size());
    }

    @Test
    void aPeriodOutsideTheDatasetIsRefused() {
        assertThatThrownBy(() -> Screening.run(ScreenOptions.of(dataset, dir.resolve("x"))
                .withPeriod(YearMonth.of(2030, 1)), Progress.NONE))
                .isInstanceOf(ScreenException.class).hasMessageContaining("2026-01");
    }

    @Test
    void anExistingScreeningIsNotOverwrittenUnlessAsked() throws IOException {
        assertThatThrownBy(() -> Screening.run(ScreenOptions.of(dataset, out), Progress.NONE))
                .hasMessageContaining("--overwrite");
    }

    @Test
    void rulesWhoseOptionalTablesAreAbsentReportThatTheyDidNotRun() throws IOException {
        Path slim = dir.resolve("slim-extract");
        Files.createDirectories(slim);
        try (var files = Files.list(extract)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.startsWith("ext_") && !name.startsWith("psn_approval") && !name.startsWith("kb_item_pair")) {
                    Files.copy(f, slim.resolve(name));
                }
            }
        }
        Path slimData = dir.resolve("slim-dataset");
        Ingest.run(IngestOptions.of(slim, slimData), Progress.NONE);
        ScreenReport r = Screening.run(ScreenOptions.of(slimData, dir.resolve("slim-out")), Progress.NONE);
        assertThat(r.rule("FW-311").status()).isEqualTo("NOT_RUN");
        assertThat(r.rule("FW-311").reason()).hasValueSatisfying(s -> assertThat(s).contains("ext_death"));
        assertThat(r.rule("FW-312").reason()).hasValueSatisfying(s -> assertThat(s).contains("ext_custody"));
        assertThat(r.rule("FW-202").status()).isEqualTo("NOT_RUN");
        assertThat(r.rule("FW-301").status()).isEqualTo("RAN");
        assertThat(r.suppressed()).isZero();
    }
}
