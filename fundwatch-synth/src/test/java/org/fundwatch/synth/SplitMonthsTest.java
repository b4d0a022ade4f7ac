package org.fundwatch.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.fundwatch.progress.Progress;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code splitMonths}: the same rows as the unsplit run, one extract directory per settlement month. */
class SplitMonthsTest {

    private static final Set<String> REFERENCE = Set.of("psn_info", "medins_info", "med_list", "kb_item_limit",
            "kb_item_pair", "psn_approval", "ext_death", "ext_custody");
    private static final Set<String> FACT = Set.of("mdtrt", "diseinfo", "setl", "feedetail", "inv_io");
    private static final List<String> MONTHS = List.of("2026-01", "2026-02", "2026-03");

    @TempDir
    static Path tmp;

    static Path whole;
    static Path split;
    static GenerationSummary wholeSummary;
    static GenerationSummary splitSummary;

    @BeforeAll
    static void generate() throws IOException {
        GeneratorConfig config = new GeneratorConfig(3000, 3, 17);
        assertThat(config.splitMonths()).isFalse();
        whole = tmp.resolve("whole");
        split = tmp.resolve("split");
        wholeSummary = new Generator(config).generate(whole, Progress.NONE);
        splitSummary = new Generator(config.withSplitMonths(true)).generate(split, Progress.NONE);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void layoutIsOneDirectoryPerMonthWithReferenceTablesInTheFirstAndLabelsOnce() throws IOException {
        List<String> top = new ArrayList<>(MONTHS);
        top.add("labels.csv");
        top.add("near_misses.csv");
        top.add("bad_actors.csv");
        assertThat(names(split)).containsExactlyInAnyOrderElementsOf(top);
        assertThat(names(split.resolve(MONTHS.get(0)))).hasSize(ExchangeFormat.TABLES.size());
        for (String m : MONTHS.subList(1, MONTHS.size())) {
            assertThat(names(split.resolve(m))).containsExactlyInAnyOrderElementsOf(
                    FACT.stream().map(t -> t + ".csv").toList());
        }
        for (String f : List.of("labels.csv", "near_misses.csv", "bad_actors.csv")) {
            assertThat(Files.readAllBytes(split.resolve(f))).as(f).isEqualTo(Files.readAllBytes(whole.resolve(f)));
        }
        assertThat(splitSummary.rowsPerTable()).isEqualTo(wholeSummary.rowsPerTable());
        assertThat(splitSummary.labelsPerType()).isEqualTo(wholeSummary.labelsPerType());
        assertThat(splitSummary.nearMisses()).isEqualTo(wholeSummary.nearMisses());
    }

    @Test
    void splitRunHasTheSameRowsAsTheUnsplitRunPerTable() throws IOException {
        for (Table t : ExchangeFormat.TABLES) {
            String file = t.name() + ".csv";
            List<String> expected = lines(whole.resolve(file));
            List<String> actual = new ArrayList<>();
            for (String m : MONTHS) {
                Path f = split.resolve(m).resolve(file);
                if (!Files.exists(f)) {
                    assertThat(REFERENCE).as(f.toString()).contains(t.name());
                    continue;
                }
                List<String> l = lines(f);
                assertThat(l.get(0)).as(f + " header").isEqualTo(expected.get(0));
                actual.addAll(l.subList(1, l.size()));
            }
            List<String> want = new ArrayList<>(expected.subList(1, expected.size()));
            want.sort(null);
            actual.sort(null);
            assertThat(actual).as(t.name()).hasSize(want.size());
            assertThat(actual).as(t.name()).isEqualTo(want);
            assertThat((long) want.size()).as(t.name() + " rows").isEqualTo(wholeSummary.rowsPerTable().get(t.name()));
        }
    }

    @Test
    void everyMonthHoldsOnlyItsSettlementMonthsSettlementsWithTheirVisitsAndLines() throws IOException {
        boolean stayAcrossMonths = false;
        for (String m : MONTHS) {
            Path dir = split.resolve(m);
            TestingCsv setl = TestingCsv.read(dir.resolve("setl.csv"));
            assertThat(setl.rows).as(m).isNotEmpty();
            int time = setl.col("setl_time");
            int id = setl.col("setl_id");
            int visit = setl.col("mdtrt_id");
            int refd = setl.col("refd_setl_flag");
            Set<String> setlIds = new java.util.HashSet<>();
            Set<String> settledVisits = new java.util.HashSet<>();
            for (String[] r : setl.rows) {
                assertThat(r[time]).as(r[id]).startsWith(m);
                setlIds.add(r[id]);
                if (!"1".equals(r[refd])) {
                    settledVisits.add(r[visit]);
                }
            }
            TestingCsv mdtrt = TestingCsv.read(dir.resolve("mdtrt.csv"));
            int mId = mdtrt.col("mdtrt_id");
            int begin = mdtrt.col("begntime");
            Set<String> visits = new java.util.HashSet<>();
            for (String[] r : mdtrt.rows) {
                visits.add(r[mId]);
                assertThat(r[begin].substring(0, 7)).as(r[mId]).isLessThanOrEqualTo(m);
                stayAcrossMonths |= r[begin].compareTo(m) < 0;
            }
            // the visit's (non-reversal) settlements are in the visit's month
            assertThat(visits).as(m).isEqualTo(settledVisits);
            TestingCsv fee = TestingCsv.read(dir.resolve("feedetail.csv"));
            int fSetl = fee.col("setl_id");
            int fVisit = fee.col("mdtrt_id");
            for (String[] r : fee.rows) {
                assertThat(setlIds).as(m + " fee line settlement").contains(r[fSetl]);
                assertThat(visits).as(m + " fee line visit").contains(r[fVisit]);
            }
            TestingCsv diseinfo = TestingCsv.read(dir.resolve("diseinfo.csv"));
            int dVisit = diseinfo.col("mdtrt_id");
            for (String[] r : diseinfo.rows) {
                assertThat(visits).as(m + " diagnosis visit").contains(r[dVisit]);
            }
            TestingCsv inv = TestingCsv.read(dir.resolve("inv_io.csv"));
            int io = inv.col("io_time");
            for (String[] r : inv.rows) {
                assertThat(r[io]).startsWith(m);
            }
        }
        assertThat(stayAcrossMonths).as("a visit begun in an earlier month sits in its settlement month").isTrue();
    }

    @Test
    void parquetSplitConvertsEveryMonthDirectory() throws IOException {
        Path out = tmp.resolve("parquet");
        new Generator(new GeneratorConfig(300, 2, 3, YearMonth.of(2026, 1), GeneratorConfig.OutputFormat.PARQUET,
                true)).generate(out, Progress.NONE);
        Map<String, Integer> counts = new HashMap<>();
        for (String m : List.of("2026-01", "2026-02")) {
            for (String f : names(out.resolve(m))) {
                assertThat(f).endsWith(".parquet");
                counts.merge(m, 1, Integer::sum);
            }
        }
        assertThat(counts).containsEntry("2026-01", ExchangeFormat.TABLES.size()).containsEntry("2026-02",
                FACT.size());
        assertThat(out.resolve("labels.csv")).exists();
    }
}
