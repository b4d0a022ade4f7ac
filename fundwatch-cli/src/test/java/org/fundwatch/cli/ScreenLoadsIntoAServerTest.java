package org.fundwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bureau's own PostgreSQL named by FUNDWATCH_DB_URL: screen loads its findings there, in a child process. */
class ScreenLoadsIntoAServerTest {
    @Test
    void screenWithFundwatchDbUrlLoadsTheFindingsIntoThatServer(@TempDir Path dir) throws Exception {
        assertThat(TestingCli.run("demo", "--out", dir.toString(), "--persons", "2000", "--months", "1", "--quiet",
                "--no-load").exitCode()).isZero();
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setLocaleConfig("locale", "C").start()) {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE bureau");
            }
            ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Fundwatch.class.getName(), "screen",
                    "--dataset", dir.resolve("dataset").toString(), "--out", dir.resolve("again").toString(),
                    "--quiet").redirectErrorStream(true);
            child.environment().put("FUNDWATCH_DB_URL", server.getJdbcUrl("postgres", "bureau"));
            child.environment().put("FUNDWATCH_DB_USER", "postgres");
            Process p = child.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).contains("loading into the workflow store of FUNDWATCH_DB_URL")
                    .contains("workflow store: PostgreSQL at jdbc:postgresql://");
            long rows;
            try (var lines = Files.lines(dir.resolve("again/findings.csv"))) {
                rows = lines.count() - 1;
            }
            try (Connection c = server.getDatabase("postgres", "bureau").getConnection();
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM finding")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(rows).isPositive();
            }
        }
        // and nothing was started in the data directory: the server named by the URL was used
        assertThat(Files.exists(dir.resolve("serve"))).isFalse();
    }
}
