package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.fundwatch.progress.Progress;
import org.fundwatch.synth.Generator;
import org.fundwatch.synth.GeneratorConfig;

/**
 * The read = accepted + rejected invariant over random damage to extracts from the generator (the real data shape:
 * every table, Chinese text, refunds and reversals), not only over the hand-written fixture.
 */
class TestCorruptedGeneratedExtracts {
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static Path generated;

    private static synchronized Path generated() {
        if (generated == null) {
            try {
                generated = Files.createTempDirectory("fundwatch-generated");
                new Generator(new GeneratorConfig(400, 1, 11)).generate(generated, Progress.NONE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return generated;
    }

    @AfterContainer
    static void removeGenerated() throws IOException {
        if (generated != null) {
            DatasetFiles.deleteRecursively(generated);
        }
    }

    @Provide
    Arbitrary<List<TestCorruptedExtracts.Corruption>> corruptions() {
        List<String> tables = List.of("psn_info", "mdtrt", "setl", "feedetail", "diseinfo", "inv_io", "kb_item_limit",
                "psn_approval", "ext_death");
        return Combinators.combine(
                Arbitraries.of(tables),
                Arbitraries.of(TestCorruptedExtracts.Kind.class),
                Arbitraries.doubles().between(0.01, 1),
                Arbitraries.doubles().between(0.01, 1),
                Arbitraries.integers().between(1, 255)).as(TestCorruptedExtracts.Corruption::new)
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 20, shrinking = ShrinkingMode.BOUNDED)
    void everyRowOfADamagedGeneratedExtractIsAcceptedOrQuarantined(
            @ForAll("corruptions") List<TestCorruptedExtracts.Corruption> damage) throws IOException {
        Path tmp = Files.createTempDirectory("fundwatch-generated-damaged");
        try {
            Path src = tmp.resolve("src");
            Files.createDirectories(src);
            try (Stream<Path> files = Files.list(generated())) {
                for (Path f : files.toList()) {
                    Files.copy(f, src.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            List<String> damaged = new ArrayList<>();
            for (TestCorruptedExtracts.Corruption c : damage) {
                Path file = src.resolve(c.table() + ".csv");
                Files.write(file, c.apply(Files.readAllBytes(file)));
                damaged.add(c.table() + ".csv");
            }
            Path out = tmp.resolve("ds");
            IngestReport report;
            try {
                report = Ingest.run(IngestOptions.of(src, out).withToday(TODAY), Progress.NONE);
            } catch (IngestException e) {
                assertThat(damaged).as(e.getMessage()).anySatisfy(f -> assertThat(e.getMessage()).contains(f));
                return;
            }
            TestingDataset ds = TestingDataset.at(out);
            ds.assertCountsAddUp(report);
            for (Map.Entry<String, TableCounts> e : report.tables().entrySet()) {
                assertThat(ds.rows(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().accepted());
            }
        } finally {
            DatasetFiles.deleteRecursively(tmp);
        }
    }
}
