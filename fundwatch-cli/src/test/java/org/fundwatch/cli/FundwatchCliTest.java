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
    void demoGeneratesAndIngestsWithoutRejections(@TempDir Path dir) {
        TestingCli.Run r = run("demo", "--out", dir.toString(), "--persons", "2000", "--months", "1", "--quiet");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("= accepted").contains("+ rejected 0: OK");
        assertThat(dir.resolve("dataset").resolve("manifest.json")).exists();
        assertThat(dir.resolve("extract").resolve("labels.csv")).exists();
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
