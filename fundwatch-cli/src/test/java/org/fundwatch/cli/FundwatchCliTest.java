package org.fundwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FundwatchCliTest {

    private static TestingCli.Run run(String... args) {
        return TestingCli.run(args);
    }

    @Test
    void everyCommandAnswersHelp() {
        CommandLine cl = Fundwatch.commandLine();
        for (String name : cl.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            TestingCli.Run r = run(name, "--help");
            assertThat(r.exitCode()).as(name).isZero();
            assertThat(r.out()).as(name).contains("Usage: fundwatch " + name);
        }
        assertThat(run("bench", "ingest", "--help").out()).contains("--source");
        assertThat(run("bench", "generate", "--help").out()).contains("--persons");
        assertThat(run("bench", "screen", "--help").out()).contains("--dataset");
        assertThat(run("kb", "parse-catalog", "--help").out()).contains("--in");
    }

    @Test
    void readmeDocumentsTheFormatExactlyAsDeclared() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int begin = readme.indexOf("<!-- schema:begin -->\n");
        int end = readme.indexOf("<!-- schema:end -->");
        assertThat(begin).isPositive();
        String documented = readme.substring(begin + "<!-- schema:begin -->\n".length(), end);
        assertThat(documented).isEqualTo(run("schema").out().replace("\r\n", "\n"));
    }

    @Test
    void demoGeneratesIngestsScreensAndMeetsTheQualityBar(@TempDir Path dir) {
        TestingCli.Run r = run("demo", "--out", dir.toString(), "--persons", "2000", "--months", "1", "--quiet");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("= accepted").contains("+ rejected 0: OK")
                .contains("rules run 51 of 51").contains("result: OK")
                .containsPattern("risk ranking: 2 planted bad institutions; [12] in the top 1% .*, 2 in the top 20: OK");
        assertThat(dir.resolve("dataset").resolve("manifest.json")).exists();
        assertThat(dir.resolve("extract").resolve("labels.csv")).exists();
        assertThat(dir.resolve("findings").resolve("run.json")).exists();
    }

    @Test
    void screenRefusesToOverwriteAPeriodOutsideTheDatasetAndABadPackWithExitTwo(@TempDir Path dir)
            throws IOException {
        assertThat(run("demo", "--out", dir.toString(), "--persons", "2000", "--months", "1", "--quiet").exitCode())
                .isZero();
        String dataset = dir.resolve("dataset").toString();
        String findings = dir.resolve("findings").toString();
        TestingCli.Run again = run("screen", "--dataset", dataset, "--out", findings, "--quiet");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("OUTPUT_EXISTS").contains("--overwrite");
        TestingCli.Run future = run("screen", "--dataset", dataset, "--out", dir.resolve("f2").toString(),
                "--period", "2030-01", "--quiet");
        assertThat(future.exitCode()).isEqualTo(2);
        assertThat(future.err()).contains("BAD_PERIOD").contains("2026-01");
        assertThat(dir.resolve("f2")).doesNotExist();
        Path pack = Files.createDirectories(dir.resolve("pack"));
        Files.writeString(pack.resolve("pack.properties"), "pack_id=bureau\nversion=1\n");
        Files.writeString(pack.resolve("rules.csv"), String.join(",", org.fundwatch.rules.PolicyPack.COLUMNS)
                + "\nB-1,true,1,名,name,READMISSION,max_gap_days=15;gap=1,SPLIT_ADMISSION,2,WARN,POST,,,,,,,,依据\n",
                StandardCharsets.UTF_8);
        TestingCli.Run bad = run("screen", "--dataset", dataset, "--out", dir.resolve("f3").toString(),
                "--rules", pack.toString(), "--quiet");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown parameter gap");
    }

    @Test
    void screenWithABureauPackRunsOnlyItsRulesAndPrintsTheSummaryByType(@TempDir Path dir) throws IOException {
        assertThat(run("demo", "--out", dir.toString(), "--persons", "2000", "--months", "1", "--quiet").exitCode())
                .isZero();
        Path pack = Files.createDirectories(dir.resolve("pack"));
        Files.writeString(pack.resolve("pack.properties"), "pack_id=bureau\nversion=3\n");
        Files.writeString(pack.resolve("rules.csv"), String.join(",", org.fundwatch.rules.PolicyPack.COLUMNS)
                + "\nB-1,true,1,分解住院,Readmission,READMISSION,max_gap_days=15,SPLIT_ADMISSION,2,WARN,POST,,,,,,,,依据"
                + "\nB-2,false,1,限性别,Gender,ITEM_LIMIT,lmt_type=GENDER,GENDER_LIMIT,1,BLOCK,POST,,,,,,,,依据\n",
                StandardCharsets.UTF_8);
        TestingCli.Run r = run("screen", "--dataset", dir.resolve("dataset").toString(), "--out",
                dir.resolve("bureau").toString(), "--rules", pack.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("rule pack bureau 3").contains("SPLIT_ADMISSION").doesNotContain("GENDER_LIMIT")
                .contains("rules run 1 of 1").contains("risk ranking (风险排名)");
        assertThat(dir.resolve("bureau").resolve("ranking.csv")).exists();
        assertThat(dir.resolve("bureau").resolve("indicators.csv")).exists();
        Path history = dir.resolve("history.csv");
        Files.writeString(history, "subject_kind,subject_key,confirmed\nINSTITUTION,H1,2\n");
        TestingCli.Run badHistory = run("screen", "--dataset", dir.resolve("dataset").toString(), "--out",
                dir.resolve("bureau").toString(), "--rules", pack.toString(), "--overwrite", "--history",
                history.toString(), "--quiet");
        assertThat(badHistory.exitCode()).isEqualTo(2);
        assertThat(badHistory.err()).contains("BAD_HISTORY");
    }

    @Test
    void screenSwitchesOffTheModelsTheIndicatorTableAndTheRankingOnRequest(@TempDir Path dir) {
        assertThat(run("demo", "--out", dir.toString(), "--persons", "2000", "--months", "1", "--quiet").exitCode())
                .isZero();
        Path findings = dir.resolve("findings");
        assertThat(findings.resolve("ranking.csv")).exists();
        TestingCli.Run r = run("screen", "--dataset", dir.resolve("dataset").toString(), "--out", findings.toString(),
                "--overwrite", "--no-models", "--no-indicators", "--no-ranking", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("rules run 4[0-9] of 51").contains("rules switched off (--no-models)")
                .doesNotContain("PEER_OUTLIER").doesNotContain("GROUP_VISITS").doesNotContain("风险排名");
        assertThat(findings.resolve("ranking.csv")).as("the demo's ranking is not this run's").doesNotExist();
        assertThat(findings.resolve("indicators.csv")).doesNotExist();
        TestingCli.Run modelsOnly = run("screen", "--dataset", dir.resolve("dataset").toString(), "--out",
                findings.toString(), "--overwrite", "--no-rules", "--quiet");
        assertThat(modelsOnly.exitCode()).as(modelsOnly.err()).isZero();
        assertThat(modelsOnly.out()).containsPattern("rules run [0-9] of 51").contains("rules switched off (--no-rules)")
                .doesNotContain("OVER_PRICE_CAP").contains("风险排名");
        assertThat(findings.resolve("indicators.csv")).exists();
    }

    @Test
    void ingestExitsWithOneAndPointsToQuarantineWhenRowsAreRejected(@TempDir Path dir) throws IOException {
        Path extract = dir.resolve("x");
        assertThat(run("generate", "--out", extract.toString(), "--persons", "500", "--months", "1", "--quiet")
                .exitCode()).isZero();
        Files.writeString(extract.resolve("ext_death.csv"), "not-a-date-row,2026-13-45,x\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        TestingCli.Run r = run("ingest", "--source", extract.toString(), "--out", dir.resolve("d").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("rejected rows:").contains("OK");
        List<String> q = Files.readAllLines(dir.resolve("d").resolve("quarantine").resolve("ext_death.csv"));
        assertThat(q).hasSize(2);
        assertThat(q.get(1)).startsWith("ext_death.csv,").contains("IMPOSSIBLE_DATE").contains("die_date");
    }

    @Test
    void generateRefusesMonthsAfterTheCurrentOneAndNamesAStartThatFits() {
        org.fundwatch.synth.GeneratorConfig config = new org.fundwatch.synth.GeneratorConfig(100, 12, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        ExtractSize.refuseFuture(config, java.time.YearMonth.of(2026, 11)))
                .hasMessageContaining("2026-12").hasMessageContaining("--start 2025-11");
        ExtractSize.refuseFuture(config, java.time.YearMonth.of(2026, 12));
    }

    @Test
    void ingestExitsWithTwoNamingFileAndColumnWhenARequiredColumnIsMissing(@TempDir Path dir) throws IOException {
        Path extract = dir.resolve("x");
        Files.createDirectories(extract);
        Files.writeString(extract.resolve("psn_info.csv"), "psn_no,certno\nP1,1\n");
        Files.writeString(extract.resolve("medins_info.csv"), "fixmedins_code\n");
        Files.writeString(extract.resolve("med_list.csv"), "hilist_code\n");
        Files.writeString(extract.resolve("mdtrt.csv"), "mdtrt_id\n");
        Files.writeString(extract.resolve("setl.csv"), "setl_id\n");
        Files.writeString(extract.resolve("feedetail.csv"), "feedetl_sn\n");
        TestingCli.Run r = run("ingest", "--source", extract.toString(), "--out", dir.resolve("d").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("MISSING_COLUMN").contains("psn_info.csv").contains("gend");
        assertThat(dir.resolve("d").resolve("manifest.json")).doesNotExist();
    }
}
