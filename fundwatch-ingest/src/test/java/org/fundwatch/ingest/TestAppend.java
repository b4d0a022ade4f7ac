package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fundwatch.progress.Progress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --append}: a second month extends a dataset and keys stay unique across months. */
class TestAppend {

    @TempDir
    Path tmp;

    private Path out;
    private IngestReport january;

    /** January: the clean fixture plus one bad fee line on line 7. */
    @BeforeEach
    void ingestJanuary() throws IOException {
        out = tmp.resolve("ds");
        TestingExtract jan = TestingExtract.write(tmp.resolve("2026-01"));
        jan.appendLine("feedetail", TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F100",
                "cnt", "two"));
        january = Ingest.run(jan.options(out), Progress.NONE);
        assertThat(january.tables().get("feedetail").rejected()).isEqualTo(1);
    }

    /**
     * February: a new visit with its settlement and fee line, a refund of a January fee line, a reversal of a
     * January settlement, a fee line reusing a January key, and a bad fee line.
     */
    private TestingExtract february() {
        TestingExtract feb = TestingExtract.empty(tmp.resolve("2026-02"));
        feb.writeTable("mdtrt", TestingExtract.header("mdtrt"), List.of(
                List.of("M004", "P002", "H001", "11", "390", "2026-02-03 09:00:00", "2026-02-03 09:40:00", "J20.9",
                        "急性支气管炎", "DR01", "D01", "O1004")));
        feb.writeTable("setl", TestingExtract.header("setl"), List.of(
                List.of("S004", "M004", "P002", "H001", "2026-02-03 09:40:00", "11", "390", "9.00", "6.00", "6.00",
                        "0", "3.00", "0", ""),
                List.of("S005", "M001", "P001", "H001", "2026-02-04 10:00:00", "11", "310", "-10.50", "-7.35",
                        "-7.35", "-2.00", "-1.15", "1", "S001")));
        feb.writeLines("feedetail", List.of(
                TestingExtract.csv(TestingExtract.header("feedetail")),
                TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F006", "mdtrt_id", "M004", "psn_no",
                        "P002", "setl_id", "S004", "fee_ocur_time", "2026-02-03 09:10:00"),
                TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F007", "setl_id", "",
                        "fee_ocur_time", "2026-02-04 09:30:00", "cnt", "-2", "det_item_fee_sumamt", "-9.00",
                        "inscp_scp_amt", "-9.00", "init_feedetl_sn", "F001"),
                TestingExtract.variant("feedetail", "F002", "medins_list_name", "reused key"),
                TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F008", "mdtrt_id", "M004",
                        "psn_no", "P002", "setl_id", "", "fee_ocur_time", "2026-02-31 09:00:00")));
        return feb;
    }

    @Test
    void aSecondMonthExtendsEveryTableItCarries() throws IOException {
        TestingExtract feb = february();

        IngestReport report = Ingest.run(feb.options(out).withAppend(true), Progress.NONE);

        TestingDataset ds = TestingDataset.at(out);
        ds.assertCountsAddUp(report);
        assertThat(report.tables().keySet()).containsExactly("mdtrt", "setl", "feedetail");
        assertThat(ds.column("mdtrt", "mdtrt_id")).containsExactly("M001", "M002", "M003", "M004");
        assertThat(ds.column("setl", "setl_id")).containsExactly("S001", "S002", "S003", "S004", "S005");
        assertThat(ds.column("feedetail", "feedetl_sn")).containsExactly("F001", "F002", "F003", "F004", "F005",
                "F006", "F007");
        assertThat(ds.column("psn_info", "psn_no")).containsExactly("P001", "P002", "P001");
        assertThat(ds.manifest().get("tables").get("feedetail").get("rows").asLong()).isEqualTo(7);
        assertThat(ds.manifest().get("period").get("months").toString()).isEqualTo("[\"2026-01\",\"2026-02\"]");
        assertThat(ds.manifest().get("ingests").size()).isEqualTo(2);
        assertThat(ds.manifest().get("ingests").get(1).get("append").asBoolean()).isTrue();
    }

    @Test
    void aKeyAlreadyInTheDatasetIsRejectedAsDuplicate() throws IOException {
        Ingest.run(february().options(out).withAppend(true), Progress.NONE);

        TestingDataset.Rejected r = TestingDataset.at(out).rejected("feedetail", 4);
        assertThat(r.reason()).isEqualTo(Reason.DUPLICATE_KEY.name());
        assertThat(r.message()).contains("feedetl_sn=F002", "already in the dataset");
        assertThat(TestingDataset.at(out).query("feedetail",
                "SELECT medins_list_name FROM {t} WHERE feedetl_sn = 'F002'")).containsExactly(List.of("注射器 5ml"));
    }

    @Test
    void rowsMayReferToVisitsSettlementsAndLinesOfTheEarlierMonth() throws IOException {
        IngestReport report = Ingest.run(february().options(out).withAppend(true), Progress.NONE);

        assertThat(report.tables().get("setl").rejected()).isZero();
        assertThat(report.tables().get("setl").warned()).isZero();
        assertThat(report.tables().get("feedetail").accepted()).isEqualTo(2);
        assertThat(report.tables().get("feedetail").warned()).isZero();
        assertThat(TestingDataset.at(out).warnings("feedetail")).isEmpty();
    }

    @Test
    void theEarlierMonthsQuarantineRowsAreKeptAndTheNewOnesFollow() throws IOException {
        Ingest.run(february().options(out).withAppend(true), Progress.NONE);

        List<TestingDataset.Rejected> q = TestingDataset.at(out).quarantine("feedetail");
        assertThat(q).extracting(TestingDataset.Rejected::line).containsExactly(7L, 4L, 5L);
        assertThat(q).extracting(TestingDataset.Rejected::reason).containsExactly("BAD_TYPE", "DUPLICATE_KEY",
                "IMPOSSIBLE_DATE");
        assertThat(q.get(0).rawRecord()).contains("F100", "two");
    }

    @Test
    void aFailedAppendLeavesTheDatasetAsItWas() throws IOException {
        TestingExtract feb = february();
        feb.writeLines("setl", List.of("setl_id,mdtrt_id", "S009,M004"));
        String before = TestingDataset.at(out).manifest().toString();
        byte[] parquet = java.nio.file.Files.readAllBytes(out.resolve("feedetail.parquet"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        Ingest.run(feb.options(out).withAppend(true), Progress.NONE))
                .isInstanceOfSatisfying(IngestException.class, e ->
                        assertThat(e.code()).isEqualTo(IngestException.Code.MISSING_COLUMN));

        assertThat(TestingDataset.at(out).manifest().toString()).isEqualTo(before);
        assertThat(java.nio.file.Files.readAllBytes(out.resolve("feedetail.parquet"))).isEqualTo(parquet);
        assertThat(java.nio.file.Files.exists(out.resolve(".ingest-work"))).isFalse();
    }
}
