package org.fundwatch.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import org.fundwatch.progress.Progress;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorDeterminismTest {

    @TempDir
    Path tmp;

    private Path generate(String name, GeneratorConfig config) throws IOException {
        Path dir = tmp.resolve(name);
        new Generator(config).generate(dir, Progress.NONE);
        return dir;
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void sameSeedWritesByteIdenticalFiles() throws IOException {
        Path a = generate("a", new GeneratorConfig(3000, 2, 11));
        Path b = generate("b", new GeneratorConfig(3000, 2, 11));
        assertThat(files(a)).isEqualTo(files(b)).hasSize(ExchangeFormat.TABLES.size() + 3); // + labels, near misses, bad actors
        for (String f : files(a)) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
    }

    @Test
    void differentSeedWritesDifferentClaims() throws IOException {
        Path a = generate("a", new GeneratorConfig(3000, 2, 11));
        Path b = generate("b", new GeneratorConfig(3000, 2, 12));
        assertThat(Files.readAllBytes(a.resolve("feedetail.csv")))
                .isNotEqualTo(Files.readAllBytes(b.resolve("feedetail.csv")));
        assertThat(Files.readAllBytes(a.resolve("psn_info.csv")))
                .isNotEqualTo(Files.readAllBytes(b.resolve("psn_info.csv")));
    }

    @Test
    void progressIsReportedInBatchesUpToThePopulation() throws IOException {
        long[] advanced = new long[1];
        int[] calls = new int[3];
        Progress counting = new Progress() {
            @Override
            public void start(String task, long total) {
                calls[0]++;
            }

            @Override
            public void advance(long units) {
                calls[1]++;
                advanced[0] += units;
            }

            @Override
            public void finish() {
                calls[2]++;
            }
        };
        new Generator(new GeneratorConfig(10_000, 1, 3)).generate(tmp.resolve("p"), counting);
        assertThat(advanced[0]).isEqualTo(10_000);
        assertThat(calls[1]).isLessThan(10);
        assertThat(calls[2]).isEqualTo(1);
    }

    @Test
    void parquetFormatWritesEveryTableAsParquetWithTheCsvRowCounts() throws Exception {
        GeneratorConfig config = new GeneratorConfig(500, 1, 5, YearMonth.of(2026, 1),
                GeneratorConfig.OutputFormat.PARQUET);
        Path dir = tmp.resolve("parquet");
        GenerationSummary summary = new Generator(config).generate(dir, Progress.NONE);
        assertThat(dir.resolve("labels.csv")).exists();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (Table t : ExchangeFormat.TABLES) {
                assertThat(dir.resolve(t.name() + ".csv")).doesNotExist();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('"
                        + dir.resolve(t.name() + ".parquet") + "')")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(t.name()).isEqualTo(summary.rowsPerTable().get(t.name()));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT typeof(open_time), typeof(lat) FROM read_parquet('"
                    + dir.resolve("medins_info.parquet") + "') WHERE open_time IS NOT NULL LIMIT 1")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("TIME");
                assertThat(rs.getString(2)).isEqualTo("DECIMAL(9,6)");
            }
        }
    }
}
