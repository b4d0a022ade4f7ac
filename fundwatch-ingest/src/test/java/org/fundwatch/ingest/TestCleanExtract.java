package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fundwatch.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCleanExtract {

    @TempDir
    Path tmp;

    @Test
    void cleanExtractOfEveryTableIngestsWithNoRejectionAndNoWarning() throws Exception {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
        Path out = tmp.resolve("ds");

        IngestReport report = Ingest.run(x.options(out), Progress.NONE);

        TestingDataset ds = TestingDataset.at(out);
        List<String> all = new ArrayList<>(TestingExtract.REQUIRED_TABLES);
        all.addAll(TestingExtract.OPTIONAL_TABLES);
        assertThat(report.tables().keySet()).containsExactlyInAnyOrderElementsOf(all);
        for (String t : all) {
            TableCounts c = report.tables().get(t);
            assertThat(c.read()).as(t).isEqualTo(TestingExtract.rowCount(t));
            assertThat(c.accepted()).as(t).isEqualTo(TestingExtract.rowCount(t));
            assertThat(c.rejected()).as(t).isZero();
            assertThat(c.warned()).as(t).isZero();
            assertThat(ds.rows(t)).as(t).isEqualTo(TestingExtract.rowCount(t));
            assertThat(ds.quarantine(t)).as(t).isEmpty();
            assertThat(ds.warnings(t)).as(t).isEmpty();
        }
        assertThat(report.notes()).isEmpty();
        assertThat(ds.manifest().get("absent_tables")).isEmpty();
        assertThat(ds.manifest().get("period").get("months").toString()).isEqualTo("[\"2026-01\"]");
        ds.assertCountsAddUp(report);
    }

    @Test
    void requiredTablesAloneIngestCleanlyAndTheOptionalOnesAreRecordedAbsent() throws Exception {
        TestingExtract x = TestingExtract.write(tmp.resolve("src"));
        Path out = tmp.resolve("ds");

        IngestReport report = Ingest.run(x.options(out), Progress.NONE);

        assertThat(report.totalRejected()).isZero();
        assertThat(report.totalWarned()).isZero();
        assertThat(report.totalRead()).isEqualTo(TestingExtract.REQUIRED_TABLES.stream()
                .mapToLong(TestingExtract::rowCount).sum());
        List<String> absent = new ArrayList<>();
        TestingDataset.at(out).manifest().get("absent_tables").forEach(n -> absent.add(n.asText()));
        assertThat(absent).containsExactlyInAnyOrderElementsOf(TestingExtract.OPTIONAL_TABLES);
    }
}
