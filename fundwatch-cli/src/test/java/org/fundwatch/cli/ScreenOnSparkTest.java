package org.fundwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code screen --engine spark} starts the Spark job in a child JVM on the Spark module's classpath (Spark is not on
 * this module's test classpath) and writes the embedded engine's findings, but for the co-visit groups (FW-501),
 * which Spark SQL cannot run.
 */
class ScreenOnSparkTest {

    @Test
    void sparkThroughTheCliWritesTheEmbeddedEnginesFindings(@TempDir Path dir) throws Exception {
        assertThat(TestingCli.run("generate", "--out", dir.resolve("extract").toString(), "--persons", "2000",
                "--months", "2", "--seed", "3", "--quiet").exitCode()).isZero();
        assertThat(TestingCli.run("ingest", "--source", dir.resolve("extract").toString(), "--out",
                dir.resolve("dataset").toString(), "--quiet").exitCode()).isZero();
        assertThat(TestingCli.run("screen", "--dataset", dir.resolve("dataset").toString(), "--out",
                dir.resolve("findings").toString(), "--quiet", "--no-load").exitCode()).isZero();
        TestingCli.Run run = TestingCli.run("screen", "--engine", "spark", "--master", "local[2]",
                "--driver-memory", "2g", "--dataset", dir.resolve("dataset").toString(),
                "--out", dir.resolve("spark").toString(), "--quiet");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(Files.readString(dir.resolve("spark/run.json"))).contains("\"engine\" : \"spark\"");
        List<String> embedded = Files.readAllLines(dir.resolve("findings/findings.csv")).stream()
                .filter(line -> !line.contains(",FW-501,")).toList();
        assertThat(embedded).as("findings of the embedded engine").hasSizeGreaterThan(20);
        assertThat(Files.readAllLines(dir.resolve("spark/findings.csv"))).isEqualTo(embedded);
        assertThat(Files.exists(dir.resolve("spark/ranking.csv"))).as("the ranking over Spark's findings").isTrue();
    }

    @Test
    void sparkSettingsThatBelongToDuckDbAreRefused(@TempDir Path dir) {
        TestingCli.Run run = TestingCli.run("screen", "--engine", "spark", "--threads", "2", "--dataset",
                dir.toString(), "--out", dir.resolve("o").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--threads and --memory are DuckDB's");
    }
}
