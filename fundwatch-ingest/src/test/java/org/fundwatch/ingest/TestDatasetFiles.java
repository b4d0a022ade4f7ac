package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fundwatch.progress.Progress;
import org.fundwatch.schema.Column;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the written dataset is: its column types, its times, its determinism, and how it guards itself. */
class TestDatasetFiles {
    /** Every column as text (the JDBC driver cannot hand out a TIME of 24:00 as an object). */
    private static final String ALL_AS_TEXT = "SELECT COLUMNS(*)::VARCHAR FROM {t}";

    @TempDir
    Path tmp;

    @Test
    void everyParquetColumnHasTheSchemasType() throws IOException {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
        Ingest.run(x.options(tmp.resolve("ds")), Progress.NONE);
        TestingDataset ds = TestingDataset.at(tmp.resolve("ds"));

        for (Table t : ExchangeFormat.TABLES) {
            Map<String, String> types = ds.types(t.name());
            for (Column c : t.columns()) {
                assertThat(types).as("%s.%s", t.name(), c.name()).containsEntry(c.name(), c.type().sqlType());
            }
        }
        Map<String, String> fee = ds.types("feedetail");
        assertThat(fee).containsEntry("det_item_fee_sumamt", "DECIMAL(16,2)")
                .containsEntry("pric", "DECIMAL(16,6)")
                .containsEntry("cnt", "DECIMAL(16,4)")
                .containsEntry("fee_ocur_time", "TIMESTAMP")
                .containsEntry("med_list_codg", "VARCHAR");
        assertThat(ds.types("psn_info")).containsEntry("brdy", "DATE");
        assertThat(ds.types("medins_info")).containsEntry("close_time", "TIME").containsEntry("bed_cnt", "INTEGER");
    }

    @Test
    void keepsCodesWithLeadingZerosAndExactAmounts() throws IOException {
        TestingExtract x = TestingExtract.write(tmp.resolve("src"));
        Ingest.run(x.options(tmp.resolve("ds")), Progress.NONE);
        TestingDataset ds = TestingDataset.at(tmp.resolve("ds"));

        assertThat(ds.column("med_list", "chrgitm_lv")).containsExactly("01", "01", "02");
        assertThat(ds.column("setl", "psn_cash_pay")).containsExactly("1.15", "39.00", "0.00");
        assertThat(ds.column("feedetail", "pric")).containsExactly("4.500000", "1.500000", "50.000000",
                "4.500000", "4.500000");
        assertThat(ds.column("medins_info", "close_time")).containsExactly("24:00:00", "22:00:00");
    }

    @Test
    void timestampsAreTheSourceWallClockWhateverTheJvmZone() throws IOException {
        // surefire runs in America/Los_Angeles; 2025-03-09 02:30 does not exist there (the clocks jump to 03:00)
        assertThat(TimeZone.getDefault().getRawOffset()).as("the test JVM runs away from UTC").isNotZero();
        TestingExtract x = TestingExtract.write(tmp.resolve("src"));
        x.set("feedetail", "F003", "fee_ocur_time", "2025-03-09 02:30:00");
        x.set("feedetail", "F002", "fee_ocur_time", "2025-11-02 01:30:00");
        Ingest.run(x.options(tmp.resolve("ds")), Progress.NONE);
        TestingDataset ds = TestingDataset.at(tmp.resolve("ds"));

        assertThat(ds.column("feedetail", "fee_ocur_time")).containsExactly("2026-01-05 09:20:00",
                "2025-11-02 01:30:00", "2025-03-09 02:30:00", "2026-01-11 09:00:00.25", "2026-01-20 15:02:00");
        List<String> begin = new ArrayList<>();
        TestingExtract.rows("mdtrt").forEach(r -> begin.add(r.get(5)));
        assertThat(ds.column("mdtrt", "begntime")).containsExactlyElementsOf(begin);
        assertThat(ds.column("psn_info", "brdy")).containsExactly("1980-01-01", "1975-05-05", "1980-01-01");
    }

    @Test
    void ingestingTheSameSourceTwiceGivesIdenticalTables() throws IOException {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
        x.appendLine("feedetail", TestingExtract.variant("feedetail", "F001", "cnt", "x"));

        IngestReport first = Ingest.run(x.options(tmp.resolve("a")), Progress.NONE);
        IngestReport second = Ingest.run(x.options(tmp.resolve("b")).withEngine(0, ""), Progress.NONE);

        assertThat(first.checksums()).hasSize(13).isEqualTo(second.checksums());
        for (String t : first.checksums().keySet()) {
            assertThat(Files.readAllBytes(tmp.resolve("a").resolve(t + ".parquet")))
                    .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(t + ".parquet")));
        }
        assertThat(Files.readString(tmp.resolve("a/quarantine/feedetail.csv")))
                .isEqualTo(Files.readString(tmp.resolve("b/quarantine/feedetail.csv")));
    }

    @Test
    void aParquetExtractGivesTheSameAcceptedRowsAsTheCsvOne() throws IOException {
        TestingExtract csv = TestingExtract.writeAll(tmp.resolve("csv"));
        TestingExtract parquet = TestingExtract.writeAll(tmp.resolve("parquet"));
        for (TestingExtract x : List.of(csv, parquet)) {
            x.appendLine("feedetail", TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F009",
                    "cnt", "-1", "det_item_fee_sumamt", "-4.50"));
            x.appendLine("feedetail", TestingExtract.variant("feedetail", "F002"));
            x.set("med_list", "XA01", "list_type", "999");
        }
        try (Stream<Path> files = Files.list(parquet.dir())) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                parquet.toParquet(name.substring(0, name.length() - ".csv".length()));
            }
        }

        IngestReport fromCsv = Ingest.run(csv.options(tmp.resolve("a")), Progress.NONE);
        IngestReport fromParquet = Ingest.run(parquet.options(tmp.resolve("b")), Progress.NONE);

        TestingDataset a = TestingDataset.at(tmp.resolve("a"));
        TestingDataset b = TestingDataset.at(tmp.resolve("b"));
        b.assertCountsAddUp(fromParquet);
        for (String t : fromCsv.tables().keySet()) {
            assertThat(b.query(t, ALL_AS_TEXT)).as(t).isEqualTo(a.query(t, ALL_AS_TEXT));
            TableCounts c = fromCsv.tables().get(t);
            TableCounts p = fromParquet.tables().get(t);
            assertThat(List.of(p.read(), p.accepted(), p.rejected(), p.warned())).as(t)
                    .isEqualTo(List.of(c.read(), c.accepted(), c.rejected(), c.warned()));
            assertThat(b.quarantine(t)).extracting(TestingDataset.Rejected::reason)
                    .isEqualTo(a.quarantine(t).stream().map(TestingDataset.Rejected::reason).toList());
        }
        assertThat(fromParquet.tables().get("feedetail").rejected()).isEqualTo(2);
        assertThat(b.lastIngestFile("feedetail").get("format").asText()).isEqualTo("parquet");
    }

    @Test
    void refusesToWriteIntoANonEmptyDirectoryAndLeavesItUnchanged() throws IOException {
        TestingExtract x = TestingExtract.write(tmp.resolve("src"));
        Path out = tmp.resolve("ds");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> Ingest.run(x.options(out), Progress.NONE))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.code()).isEqualTo(IngestException.Code.BAD_DATASET);
                    assertThat(e.getMessage()).contains("--append", "--overwrite");
                });
        assertThat(listing(out)).containsExactly(Map.entry("notes.txt", "mine"));
    }

    @Test
    void refusesToIngestOverAnExistingDatasetWithoutAppendOrOverwrite() throws IOException {
        TestingExtract x = TestingExtract.write(tmp.resolve("src"));
        Path out = tmp.resolve("ds");
        Ingest.run(x.options(out), Progress.NONE);
        Map<String, String> before = listing(out);

        assertThatThrownBy(() -> Ingest.run(x.options(out), Progress.NONE))
                .isInstanceOfSatisfying(IngestException.class, e ->
                        assertThat(e.code()).isEqualTo(IngestException.Code.BAD_DATASET));
        assertThat(listing(out)).isEqualTo(before);
    }

    @Test
    void appendingToADirectoryWithoutDatasetIsRefused() {
        TestingExtract x = TestingExtract.write(tmp.resolve("src"));

        assertThatThrownBy(() -> Ingest.run(x.options(tmp.resolve("nothing")).withAppend(true), Progress.NONE))
                .isInstanceOfSatisfying(IngestException.class, e ->
                        assertThat(e.code()).isEqualTo(IngestException.Code.BAD_DATASET));
    }

    @Test
    void overwriteReplacesTheWholeDatasetIncludingTablesQuarantineAndHistory() throws IOException {
        Path out = tmp.resolve("ds");
        TestingExtract old = TestingExtract.writeAll(tmp.resolve("old"));
        old.appendLine("diseinfo", "M009,J06,1,1,x");
        old.set("med_list", "XA01", "list_type", "999");
        Ingest.run(old.options(out), Progress.NONE);
        assertThat(Files.exists(out.resolve("quarantine/diseinfo.csv"))).isTrue();
        assertThat(Files.exists(out.resolve("warnings/med_list.csv"))).isTrue();

        TestingExtract fresh = TestingExtract.write(tmp.resolve("new"));
        IngestReport report = Ingest.run(fresh.options(out).withOverwrite(true), Progress.NONE);

        TestingDataset ds = TestingDataset.at(out);
        ds.assertCountsAddUp(report);
        assertThat(Files.exists(out.resolve("diseinfo.parquet"))).isFalse();
        assertThat(Files.exists(out.resolve("quarantine/diseinfo.csv"))).isFalse();
        assertThat(Files.exists(out.resolve("warnings/med_list.csv"))).isFalse();
        assertThat(ds.manifest().get("tables").size()).isEqualTo(6);
        assertThat(ds.manifest().get("absent_tables").size()).isEqualTo(7);
        assertThat(ds.manifest().get("ingests").size()).isEqualTo(1);
        assertThat(ds.column("med_list", "list_type")).containsExactly("101", "201", "301");
    }

    /** File name → content of every regular file under a directory. */
    private static Map<String, String> listing(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                out.put(dir.relativize(f).toString(), b.length < 100 ? new String(b)
                        : DatasetFiles.sha256(f));
            }
        }
        return out;
    }
}
