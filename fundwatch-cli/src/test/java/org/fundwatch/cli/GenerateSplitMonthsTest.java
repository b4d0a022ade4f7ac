package org.fundwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --split-months}: month by month with {@code ingest --append} equals the unsplit extract at once. */
class GenerateSplitMonthsTest {

    private static final Pattern COUNT = Pattern.compile("\"(rejected|warned)\"\\s*:\\s*(\\d+)");

    private static TestingCli.Run run(String... args) {
        return TestingCli.run(args);
    }

    private static void ok(String... args) {
        TestingCli.Run r = run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    }

    /** Every {@code rejected} and {@code warned} count the manifest records, over all ingests and tables. */
    private static List<Long> rejectedAndWarned(Path dataset) throws IOException {
        Matcher m = COUNT.matcher(Files.readString(dataset.resolve(Manifest.FILE), StandardCharsets.UTF_8));
        List<Long> counts = new ArrayList<>();
        while (m.find()) {
            counts.add(Long.parseLong(m.group(2)));
        }
        return counts;
    }

    @Test
    void splitMonthsIngestedWithAppendEqualTheUnsplitExtractIngestedAtOnce(@TempDir Path dir) throws IOException {
        String[] size = {"--persons", "600", "--months", "3", "--seed", "4", "--start", "2026-01", "--quiet"};
        Path split = dir.resolve("split");
        Path whole = dir.resolve("whole");
        List<String> gen = new ArrayList<>(List.of("generate", "--out", split.toString(), "--split-months"));
        gen.addAll(List.of(size));
        ok(gen.toArray(String[]::new));
        gen = new ArrayList<>(List.of("generate", "--out", whole.toString()));
        gen.addAll(List.of(size));
        ok(gen.toArray(String[]::new));

        List<String> months = List.of("2026-01", "2026-02", "2026-03");
        for (String m : months) {
            assertThat(split.resolve(m).resolve("setl.csv")).exists();
        }
        assertThat(split.resolve(months.get(1)).resolve("psn_info.csv")).doesNotExist();
        assertThat(split.resolve("labels.csv")).exists();
        assertThat(split.resolve(months.get(0)).resolve("labels.csv")).doesNotExist();

        Path wholeDataset = dir.resolve("ds-whole");
        ok("ingest", "--source", whole.toString(), "--out", wholeDataset.toString(), "--quiet");

        Path splitDataset = dir.resolve("ds-split");
        ok("ingest", "--source", split.resolve(months.get(0)).toString(), "--out", splitDataset.toString(),
                "--quiet");
        for (String m : months.subList(1, months.size())) {
            TestingCli.Run r = run("ingest", "--source", split.resolve(m).toString(), "--out", splitDataset.toString(),
                    "--append", "--quiet");
            assertThat(r.exitCode()).as(m + "\n" + r.out() + r.err()).isZero();
            assertThat(r.out()).as(m).contains("rejected 0: OK");
        }

        Manifest expected = Manifest.read(wholeDataset);
        Manifest actual = Manifest.read(splitDataset);
        for (Table t : ExchangeFormat.TABLES) {
            assertThat(actual.rows(t.name())).as(t.name()).isEqualTo(expected.rows(t.name()));
        }
        assertThat(expected.rows("feedetail")).isPositive();
        assertThat(actual.period()).isEqualTo(expected.period());
        List<Long> counts = rejectedAndWarned(splitDataset);
        assertThat(counts).as("rejected and warned per table and ingest").isNotEmpty().containsOnly(0L);
        assertThat(rejectedAndWarned(wholeDataset)).containsOnly(0L);
    }
}
