package org.fundwatch.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import org.fundwatch.ingest.Ingest;
import org.fundwatch.ingest.IngestOptions;
import org.fundwatch.ingest.IngestReport;
import org.fundwatch.progress.Progress;
import org.fundwatch.synth.Generator;
import org.fundwatch.synth.GeneratorConfig;

/**
 * One generated population with every violation type planted (20,000 persons × 6 months, seed 11), ingested,
 * screened with the default pack and ranked (as {@code fundwatch screen} does) once per test JVM and shared by the end-to-end tests: generating it is the
 * expensive part. Read-only for its users; removed when the JVM exits.
 */
final class TestingScreenedDataset {
    private static TestingScreenedDataset instance;

    final Path extract;
    final Path dataset;
    final Path out;
    final ScreenReport report;

    private TestingScreenedDataset(Path dir) throws IOException {
        extract = dir.resolve("extract");
        dataset = dir.resolve("dataset");
        out = dir.resolve("out");
        new Generator(new GeneratorConfig(20_000, 6, 11, YearMonth.of(2026, 1), GeneratorConfig.OutputFormat.CSV))
                .generate(extract, Progress.NONE);
        IngestReport ingest = Ingest.run(IngestOptions.of(extract, dataset), Progress.NONE);
        assertThat(ingest.totalRejected()).isZero();
        report = Screening.run(ScreenOptions.of(dataset, out), Progress.NONE);
        Ranking.write(dataset, out, java.util.Optional.empty());
    }

    static synchronized TestingScreenedDataset get() throws IOException {
        if (instance == null) {
            Path dir = Files.createTempDirectory("fundwatch-screened");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            instance = new TestingScreenedDataset(dir);
        }
        return instance;
    }

    private static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
