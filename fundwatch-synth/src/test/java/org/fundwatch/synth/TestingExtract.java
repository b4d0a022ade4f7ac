package org.fundwatch.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.fundwatch.progress.Progress;

/**
 * One extract of 20,000 persons × 3 months generated once per test JVM and shared by the test classes. The environment
 * variables {@code SYNTH_TEST_PERSONS}, {@code SYNTH_TEST_MONTHS} and {@code SYNTH_TEST_START} change it for a manual run at scale.
 */
final class TestingExtract {
    static final long PERSONS = Long.parseLong(System.getenv().getOrDefault("SYNTH_TEST_PERSONS", "20000"));
    static final int MONTHS = Integer.parseInt(System.getenv().getOrDefault("SYNTH_TEST_MONTHS", "3"));
    static final java.time.YearMonth START = java.time.YearMonth.parse(
            System.getenv().getOrDefault("SYNTH_TEST_START", GeneratorConfig.DEFAULT_START.toString()));
    static final long SEED = 20_260_101L;

    private static Path dir;
    private static GenerationSummary summary;
    private static final Map<String, TestingCsv> TABLES = new HashMap<>();

    private TestingExtract() {
    }

    static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("fundwatch-synth-test");
                summary = new Generator(new GeneratorConfig(PERSONS, MONTHS, SEED, START,
                        GeneratorConfig.OutputFormat.CSV)).generate(d, Progress.NONE);
                dir = d;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static synchronized GenerationSummary summary() {
        dir();
        return summary;
    }

    static synchronized TestingCsv table(String name) {
        return TABLES.computeIfAbsent(name, n -> {
            try {
                return TestingCsv.read(dir().resolve(n + ".csv"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static void delete(Path d) {
        try (Stream<Path> files = Files.walk(d)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort on exit
        }
    }
}
