package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.fundwatch.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and dubious extracts, end to end through {@link Ingest#run}: each test spoils one thing of a clean
 * {@link TestingExtract} and checks where the row went (quarantine with its exact source line and reason, the
 * dataset with a warning, or the dataset untouched) and that for every table read = accepted + rejected.
 */
class TestBadFileCorpus {

    private static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path tmp;

    private TestingExtract extract() {
        return TestingExtract.write(tmp.resolve("src"));
    }

    private Path out() {
        return tmp.resolve("ds");
    }

    private TestingDataset ds() {
        return TestingDataset.at(out());
    }

    private IngestReport ingest(TestingExtract x) throws IOException {
        return ingest(x.options(out()));
    }

    private IngestReport ingest(IngestOptions options) throws IOException {
        IngestReport report = Ingest.run(options, Progress.NONE);
        ds().assertCountsAddUp(report);
        return report;
    }

    private TestingDataset.Rejected assertRejected(String table, long line, Reason reason, String column) {
        TestingDataset.Rejected r = ds().rejected(table, line);
        assertThat(r.sourceFile()).isEqualTo(table + ".csv");
        assertThat(r.reason()).as(r.message()).isEqualTo(reason.name());
        assertThat(r.column()).as(r.message()).isEqualTo(column);
        return r;
    }

    private TestingDataset.Warned assertWarned(String table, long line, Reason reason) {
        List<TestingDataset.Warned> ws = ds().warnings(table).stream().filter(w -> w.line() == line).toList();
        assertThat(ws).as("warnings of %s line %d in %s", table, line, ds().warnings(table))
                .extracting(TestingDataset.Warned::reason).contains(reason.name());
        return ws.stream().filter(w -> w.reason().equals(reason.name())).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- record structure

    @Test
    void anUnbalancedQuoteQuarantinesItsLineAndTheNextLinesAreReadAsRecords() throws IOException {
        TestingExtract x = extract();
        String broken = TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F009")
                .replace("H-YP-0001,", "H-YP-0001,\"");
        x.insertLine("feedetail", 4, broken);

        IngestReport report = ingest(x);

        TestingDataset.Rejected r = assertRejected("feedetail", 4, Reason.BAD_QUOTING, "");
        assertThat(r.rawRecord()).isEqualTo(broken);
        assertThat(report.tables().get("feedetail").accepted()).isEqualTo(5);
        assertThat(report.tables().get("feedetail").rejected()).isEqualTo(1);
        assertThat(ds().column("feedetail", "feedetl_sn")).containsExactly("F001", "F002", "F003", "F004", "F005");
        assertThat(ds().warnings("setl")).isEmpty();
    }

    @Test
    void acceptsEmbeddedNewlinesAndNumbersLaterRowsByTheirPhysicalLine() throws IOException {
        TestingExtract x = extract();
        x.set("feedetail", "F002", "medins_list_name", "注射器\n5ml, \"一次性\"");
        // F003 now starts on physical line 5
        x.replaceLine("feedetail", 5, TestingExtract.variant("feedetail", "F003", "cnt", "three"));

        IngestReport report = ingest(x);

        assertRejected("feedetail", 5, Reason.BAD_TYPE, "cnt");
        assertThat(report.tables().get("feedetail").read()).isEqualTo(5);
        assertThat(ds().query("feedetail", "SELECT medins_list_name FROM {t} WHERE feedetl_sn = 'F002'"))
                .containsExactly(List.of("注射器\n5ml, \"一次性\""));
    }

    @Test
    void quarantinesARowWithTheWrongNumberOfColumns() throws IOException {
        TestingExtract x = extract();
        String shortRow = "F009,M001,P001,S001,2026-01-05 09:20:00,XA01";
        String longRow = TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F010") + ",extra";
        x.appendLine("feedetail", shortRow).appendLine("feedetail", longRow);

        ingest(x);

        assertThat(assertRejected("feedetail", 7, Reason.COLUMN_COUNT, "").rawRecord()).isEqualTo(shortRow);
        assertThat(assertRejected("feedetail", 8, Reason.COLUMN_COUNT, "").message()).contains("22 fields", "21");
    }

    @Test
    void aCrLfExtractWithBlankLinesReadsLikeAnLfOne() throws IOException {
        TestingExtract x = extract();
        for (String t : TestingExtract.REQUIRED_TABLES) {
            String text = new String(x.bytes(t), StandardCharsets.UTF_8).replace("\n", "\r\n");
            x.writeBytes(t, (text + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        }
        x.insertLine("feedetail", 3, "\r");
        // F005 has moved down to line 7
        x.replaceLine("feedetail", 7, TestingExtract.variant("feedetail", "F005", "cnt", "x") + "\r");

        IngestReport report = ingest(x);

        assertThat(report.tables().get("feedetail").blankLines()).isEqualTo(3);
        assertThat(report.tables().get("psn_info").blankLines()).isEqualTo(2);
        assertRejected("feedetail", 7, Reason.BAD_TYPE, "cnt");
        assertThat(report.totalRejected()).isEqualTo(1);
        assertThat(ds().column("psn_info", "addr")).noneMatch(a -> a != null && a.contains("\r"));
    }

    // ---------------------------------------------------------------- encodings

    @Test
    void readsAUtf8BomFileAndStillMatchesTheFirstHeaderName() throws IOException {
        TestingExtract x = extract();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = x.bytes("psn_info");
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(body, 0, withBom, 3, body.length);
        x.writeBytes("psn_info", withBom);

        IngestReport report = ingest(x);

        assertThat(report.totalRejected()).isZero();
        assertThat(ds().column("psn_info", "psn_no")).containsExactly("P001", "P002", "P001");
        assertThat(ds().column("psn_info", "psn_name")).containsExactly("张三", "李四", "张三");
        assertThat(ds().lastIngestFile("psn_info").get("encoding").asText()).isEqualTo("UTF-8");
        assertThat(ds().lastIngestFile("psn_info").get("encoding_detected").asBoolean()).isFalse();
    }

    @Test
    void detectsGbkTextWithoutBomAndReadsItAsGb18030() throws IOException {
        TestingExtract x = extract();
        x.reencode("psn_info", GBK).reencode("medins_info", GBK);
        assertThat(new String(x.bytes("psn_info"), StandardCharsets.UTF_8)).contains("\uFFFD");

        IngestReport report = ingest(x);

        assertThat(report.totalRejected()).isZero();
        assertThat(report.totalWarned()).isZero();
        assertThat(ds().column("psn_info", "psn_name")).containsExactly("张三", "李四", "张三");
        assertThat(ds().column("psn_info", "addr")).contains("北京市西城区, 西长安街2号");
        assertThat(ds().column("medins_info", "fixmedins_name")).containsExactly("北京协和医院", "同仁堂大药房");
        assertThat(ds().lastIngestFile("psn_info").get("encoding").asText()).isEqualTo("GB18030");
        assertThat(ds().lastIngestFile("psn_info").get("encoding_detected").asBoolean()).isTrue();
        assertThat(ds().lastIngestFile("mdtrt").get("encoding").asText()).isEqualTo("UTF-8");
        assertThat(ds().lastIngestFile("mdtrt").get("encoding_detected").asBoolean()).isFalse();
    }

    @Test
    void aGbkFileWhoseFirstNonAsciiByteIsFarDownIsStillReadWholeAsGb18030() throws IOException {
        TestingExtract x = extract();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(List.of("K" + i, "X" + (i % 3), "AGE_MIN", "18", "", "", i == 19_999 ? "说明书第" + i + "条" : ""));
        }
        x.writeTable("kb_item_limit", TestingExtract.header("kb_item_limit"), rows).reencode("kb_item_limit", GBK);

        IngestReport report = ingest(x);

        assertThat(report.tables().get("kb_item_limit").accepted()).isEqualTo(20_000);
        assertThat(ds().query("kb_item_limit", "SELECT basis FROM {t} WHERE kp_id = 'K19999'"))
                .containsExactly(List.of("说明书第19999条"));
        assertThat(ds().lastIngestFile("kb_item_limit").get("encoding").asText()).isEqualTo("GB18030");
    }

    @Test
    void anExplicitEncodingIsUsedForEveryFileWithoutGuessing() throws IOException {
        TestingExtract x = extract().reencodeAll(GBK);

        IngestReport report = ingest(x.options(out()).withEncoding(Optional.of(GBK)));

        assertThat(report.totalRejected()).isZero();
        assertThat(ds().column("psn_info", "psn_name")).containsExactly("张三", "李四", "张三");
        assertThat(ds().lastIngestFile("psn_info").get("encoding").asText()).isEqualTo("GBK");
        assertThat(ds().lastIngestFile("psn_info").get("encoding_detected").asBoolean()).isFalse();
    }

    @Test
    void anExplicitUtf8EncodingQuarantinesGbkNamesInsteadOfGuessing() throws IOException {
        TestingExtract x = extract().reencode("psn_info", GBK);

        ingest(x.options(out()).withEncoding(Optional.of(StandardCharsets.UTF_8)));

        TestingDataset.Rejected r = assertRejected("psn_info", 2, Reason.BAD_ENCODING, "psn_name");
        assertThat(r.message()).contains("not text in the file's encoding");
        assertThat(ds().lastIngestFile("psn_info").get("encoding_detected").asBoolean()).isFalse();
    }

    // ---------------------------------------------------------------- size limits and garbage

    @Test
    void aTenMegabyteFieldIsTooLongByDefaultAndAcceptedWhenTheLimitIsRaised() throws IOException {
        String huge = "长".repeat(10 << 20);
        TestingExtract x = extract();
        x.set("psn_info", "P002", "addr", huge);

        ingest(x);
        TestingDataset.Rejected r = assertRejected("psn_info", 3, Reason.FIELD_TOO_LONG, "addr");
        assertThat(r.message()).contains(String.valueOf(10 << 20), String.valueOf(IngestOptions.DEFAULT_MAX_FIELD_CHARS));
        assertThat(r.rawRecord()).hasSize(TestingExtract.variant("psn_info", "P002", "addr", huge).length());

        Path raised = tmp.resolve("raised");
        IngestReport report = Ingest.run(x.options(raised).withLimits(16 << 20, 32 << 20, 1000), Progress.NONE);
        assertThat(report.totalRejected()).isZero();
        assertThat(TestingDataset.at(raised).query("psn_info",
                "SELECT length(addr) FROM {t} WHERE psn_no = 'P002'")).containsExactly(List.of(String.valueOf(10 << 20)));
    }

    @Test
    void binaryGarbageLinesInsideAValidFileAreQuarantinedAndTheRestIsRead() throws IOException {
        TestingExtract x = extract();
        for (List<String> r : TestingExtract.rows("feedetail")) {
            // ASCII names: a file with bytes that are not UTF-8 is read as GB18030 (see the next test)
            x.set("feedetail", r.get(0), "medins_list_name", "name of " + r.get(0));
        }
        Random random = new Random(42);
        x.insertLine("feedetail", 5, "placeholder");
        x.replaceLineBytes("feedetail", 3, garbage(random, 300, false));
        x.replaceLineBytes("feedetail", 5, garbage(random, 5000, false));
        byte[] withCommas = garbage(random, 400, true);
        x.appendBytes("feedetail", withCommas);

        IngestReport report = ingest(x);

        TableCounts c = report.tables().get("feedetail");
        assertThat(c.read()).isEqualTo(7);
        assertThat(ds().quarantine("feedetail")).extracting(TestingDataset.Rejected::line).containsExactly(3L, 5L, 8L);
        assertThat(ds().column("feedetail", "feedetl_sn")).containsExactly("F001", "F003", "F004", "F005");
    }

    @Test
    void aUtf8FileWithOneLineOfBytesThatAreNotUtf8IsReadAsGb18030AndSaysSo() throws IOException {
        TestingExtract x = extract();
        x.appendBytes("feedetail", new byte[] {(byte) 0xB2, (byte) 0xBB, (byte) 0xFF, '\n'});

        IngestReport report = ingest(x);

        assertThat(ds().lastIngestFile("feedetail").get("encoding").asText()).isEqualTo("GB18030");
        assertThat(ds().lastIngestFile("feedetail").get("encoding_detected").asBoolean()).isTrue();
        assertThat(report.tables().get("feedetail").read()).isEqualTo(6);
        assertRejected("feedetail", 7, Reason.COLUMN_COUNT, "");
    }

    @Test
    void aLongUtf8FileWithOneBrokenLineStaysUtf8AndRejectsOnlyThatLine() throws IOException {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
        for (int i = 0; i < 60; i++) {
            x.appendLine("ext_death", "99999919500101" + String.format("%04d", i) + ",2025-01-01,公安户籍");
        }
        x.appendBytes("ext_death", "9999991950010199X9,2025-01-01,".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        x.appendBytes("ext_death", new byte[] {(byte) 0xB2, (byte) 0xBB, '\n'});

        IngestReport report = ingest(x);

        assertThat(ds().lastIngestFile("ext_death").get("encoding").asText()).isEqualTo("UTF-8");
        assertThat(ds().lastIngestFile("ext_death").get("encoding_detected").asBoolean()).isFalse();
        TableCounts c = report.tables().get("ext_death");
        assertThat(c.rejected()).isEqualTo(1);
        assertThat(c.read()).isEqualTo(c.accepted() + 1);
        assertThat(ds().column("ext_death", "src")).contains("公安户籍");
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("ext_death.csv", "read as UTF-8"));
        assertThat(ds().quarantine("ext_death")).extracting(TestingDataset.Rejected::reason)
                .containsExactly("BAD_ENCODING");
    }

    @Test
    void aTableFileOfBinaryGarbageFailsWithAnErrorNamingTheFile() throws IOException {
        TestingExtract x = extract();
        byte[] junk = new byte[64 << 10];
        new Random(7).nextBytes(junk);
        x.writeBytes("setl", junk);

        assertThatThrownBy(() -> Ingest.run(x.options(out()), Progress.NONE))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.code()).isIn(IngestException.Code.MISSING_COLUMN,
                            IngestException.Code.DUPLICATE_COLUMN);
                    assertThat(e.getMessage()).contains("setl.csv");
                });
        assertThat(Files.exists(out().resolve(Manifest.FILE))).isFalse();
    }

    // ---------------------------------------------------------------- values

    @Test
    void quarantinesNonNumericAmounts() throws IOException {
        TestingExtract x = extract();
        x.set("feedetail", "F002", "det_item_fee_sumamt", "1,50");
        x.set("setl", "S003", "psn_cash_pay", "零");

        ingest(x);

        TestingDataset.Rejected r = assertRejected("feedetail", 3, Reason.BAD_TYPE, "det_item_fee_sumamt");
        assertThat(r.rawRecord()).contains("\"1,50\"");
        assertRejected("setl", 4, Reason.BAD_TYPE, "psn_cash_pay");
    }

    @Test
    void quarantinesAmountsWithMoreDecimalsThanTheColumnKeeps() throws IOException {
        TestingExtract x = extract();
        x.set("feedetail", "F001", "det_item_fee_sumamt", "9.001");
        x.set("feedetail", "F002", "det_item_fee_sumamt", "1.5000");

        ingest(x);

        assertRejected("feedetail", 2, Reason.PRECISION_LOSS, "det_item_fee_sumamt");
        assertThat(ds().query("feedetail", "SELECT CAST(det_item_fee_sumamt AS VARCHAR) FROM {t} "
                + "WHERE feedetl_sn = 'F002'")).containsExactly(List.of("1.50"));
    }

    @Test
    void quarantinesANegativeUnitPriceEvenOnARefundLine() throws IOException {
        TestingExtract x = extract();
        x.set("feedetail", "F001", "pric", "-4.5");
        x.appendLine("feedetail", TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F006", "setl_id", "",
                "cnt", "-2", "pric", "-4.5", "det_item_fee_sumamt", "-9.00", "inscp_scp_amt", "-9.00",
                "init_feedetl_sn", "F002"));

        ingest(x);

        assertRejected("feedetail", 2, Reason.NEGATIVE_VALUE, "pric");
        assertRejected("feedetail", 7, Reason.NEGATIVE_VALUE, "pric");
    }

    @Test
    void quarantinesNegativeAmountsOnALineThatRefundsNothingButKeepsARefundLine() throws IOException {
        TestingExtract x = extract();
        String refund = TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F006", "setl_id", "",
                "fee_ocur_time", "2026-01-07 10:00:00", "cnt", "-2", "det_item_fee_sumamt", "-9.00",
                "inscp_scp_amt", "-9.00", "init_feedetl_sn", "F001");
        String notARefund = TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F007", "setl_id", "",
                "cnt", "-2", "det_item_fee_sumamt", "-9.00", "inscp_scp_amt", "-9.00");
        x.appendLine("feedetail", refund).appendLine("feedetail", notARefund);

        IngestReport report = ingest(x);

        TestingDataset.Rejected r = assertRejected("feedetail", 8, Reason.NEGATIVE_VALUE, "cnt");
        assertThat(r.message()).contains("init_feedetl_sn");
        assertThat(report.tables().get("feedetail").accepted()).isEqualTo(6);
        assertThat(report.tables().get("feedetail").warned()).isZero();
        assertThat(ds().query("feedetail", "SELECT CAST(det_item_fee_sumamt AS VARCHAR), init_feedetl_sn FROM {t} "
                + "WHERE feedetl_sn = 'F006'")).containsExactly(List.of("-9.00", "F001"));
    }

    @Test
    void keepsAReversalSettlementAndQuarantinesANegativeOneThatReversesNothing() throws IOException {
        TestingExtract x = extract();
        x.appendLine("setl", TestingExtract.variant("setl", "S001", "setl_id", "S004",
                "setl_time", "2026-01-06 09:00:00", "medfee_sumamt", "-10.50", "fund_pay_sumamt", "-7.35",
                "hifp_pay", "-7.35", "acct_pay", "-2.00", "psn_cash_pay", "-1.15", "refd_setl_flag", "1",
                "init_setl_id", "S001"));
        x.appendLine("setl", TestingExtract.variant("setl", "S001", "setl_id", "S005",
                "medfee_sumamt", "-10.50", "fund_pay_sumamt", "-7.35", "hifp_pay", "-7.35", "acct_pay", "-2.00",
                "psn_cash_pay", "-1.15", "refd_setl_flag", "1"));
        x.appendLine("setl", TestingExtract.variant("setl", "S001", "setl_id", "S006",
                "medfee_sumamt", "-10.50", "fund_pay_sumamt", "-7.35", "hifp_pay", "-7.35", "acct_pay", "-2.00",
                "psn_cash_pay", "-1.15", "refd_setl_flag", "0", "init_setl_id", "S001"));
        x.appendLine("setl", TestingExtract.variant("setl", "S001", "setl_id", "S007", "refd_setl_flag", "2"));

        IngestReport report = ingest(x);

        assertThat(report.tables().get("setl").accepted()).isEqualTo(4);
        assertThat(report.tables().get("setl").warned()).isZero();
        assertRejected("setl", 6, Reason.NEGATIVE_VALUE, "medfee_sumamt");
        assertRejected("setl", 7, Reason.NEGATIVE_VALUE, "medfee_sumamt");
        assertRejected("setl", 8, Reason.BAD_CODE, "refd_setl_flag");
    }

    @Test
    void quarantinesImpossibleAndFutureDates() throws IOException {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
        x.set("mdtrt", "M003", "begntime", "2026-02-30 15:00:00");
        x.set("feedetail", "F002", "fee_ocur_time", "2026-03-02 09:25:00");
        x.set("psn_info", "P002", "brdy", "1800-05-05");
        x.writeTable("ext_death", TestingExtract.header("ext_death"), List.of(
                List.of("C1", TestingExtract.TODAY.toString(), ""),
                List.of("C2", TestingExtract.TODAY.plusDays(1).toString(), ""),
                List.of("C3", "2025-13-01", "")));

        ingest(x);

        assertRejected("mdtrt", 4, Reason.IMPOSSIBLE_DATE, "begntime");
        assertRejected("feedetail", 3, Reason.FUTURE_DATE, "fee_ocur_time");
        assertRejected("psn_info", 3, Reason.IMPOSSIBLE_DATE, "brdy");
        assertThat(ds().column("ext_death", "certno")).containsExactly("C1");
        assertRejected("ext_death", 3, Reason.FUTURE_DATE, "die_date");
        assertRejected("ext_death", 4, Reason.IMPOSSIBLE_DATE, "die_date");
    }

    @Test
    void quarantinesTheLaterOfTwoRowsWithTheSameKeyNamingTheFirstLine() throws IOException {
        TestingExtract x = extract();
        x.appendLine("feedetail", TestingExtract.variant("feedetail", "F002", "medins_list_name", "again"));
        x.appendLine("psn_info", TestingExtract.variant("psn_info", "P002", "psn_name", "李四2"));

        IngestReport report = ingest(x);

        TestingDataset.Rejected r = assertRejected("feedetail", 7, Reason.DUPLICATE_KEY, "feedetl_sn");
        assertThat(r.message()).contains("feedetl_sn=F002", "first on line 3");
        assertThat(r.rawRecord()).contains("F002", "again");
        TestingDataset.Rejected p = assertRejected("psn_info", 5, Reason.DUPLICATE_KEY, "psn_no");
        assertThat(p.message()).contains("psn_no=P002", "insutype=390", "insu_begndate=2015-01-01",
                "first on line 3");
        assertThat(ds().column("psn_info", "psn_name")).containsExactly("张三", "李四", "张三");
        assertThat(ds().warnings("setl")).isEmpty();
        assertThat(report.totalWarned()).isZero();
    }

    @Test
    void aRowWithSeveralProblemsIsQuarantinedOnceWithAllOfThem() throws IOException {
        TestingExtract x = extract();
        x.set("feedetail", "F002", "cnt", "x", "fee_ocur_time", "later", "mdtrt_id", "");

        ingest(x);

        TestingDataset.Rejected r = assertRejected("feedetail", 3, Reason.MISSING_REQUIRED, "mdtrt_id");
        assertThat(r.message()).contains("mdtrt_id is required", "fee_ocur_time", "cnt");
    }

    // ---------------------------------------------------------------- files and columns

    @Test
    void aMissingRequiredColumnFailsTheIngestNamingTheFileAndTheColumn() throws IOException {
        TestingExtract x = extract();
        List<String> header = new ArrayList<>(TestingExtract.header("feedetail"));
        int cnt = header.indexOf("cnt");
        header.remove(cnt);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : TestingExtract.rows("feedetail")) {
            List<String> copy = new ArrayList<>(r);
            copy.remove(cnt);
            rows.add(copy);
        }
        x.writeTable("feedetail", header, rows);

        assertThatThrownBy(() -> Ingest.run(x.options(out()), Progress.NONE))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.code()).isEqualTo(IngestException.Code.MISSING_COLUMN);
                    assertThat(e.getMessage()).contains("feedetail.csv", "required column cnt");
                });
        assertThat(Files.exists(out().resolve(Manifest.FILE))).isFalse();
    }

    @Test
    void columnOrderIsFreeAndUnknownColumnsAreKeptAsText() throws IOException {
        TestingExtract x = extract();
        List<String> header = new ArrayList<>(TestingExtract.header("mdtrt"));
        List<List<String>> rows = new ArrayList<>();
        java.util.Collections.reverse(header);
        header.add(0, "Local_Remark");
        for (List<String> r : TestingExtract.rows("mdtrt")) {
            List<String> copy = new ArrayList<>(r);
            java.util.Collections.reverse(copy);
            copy.add(0, "备注" + r.get(0));
            rows.add(copy);
        }
        x.writeTable("mdtrt", header.stream().map(String::toUpperCase).toList(), rows);

        IngestReport report = ingest(x);

        assertThat(report.totalRejected()).isZero();
        assertThat(ds().column("mdtrt", "local_remark")).containsExactly("备注M001", "备注M002", "备注M003");
        assertThat(ds().column("mdtrt", "mdtrt_id")).containsExactly("M001", "M002", "M003");
        assertThat(ds().manifest().get("tables").get("mdtrt").get("extra_columns").toString())
                .isEqualTo("[\"local_remark\"]");
    }

    @Test
    void aHeaderWithATrailingSeparatorKeepsTheUnnamedColumn() throws IOException {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
        List<String> lines = x.lines("diseinfo").stream().map(l -> l + ",").toList();
        x.writeLines("diseinfo", lines);
        x.appendLine("diseinfo", "M009,J06,1,1,x,");

        IngestReport report = ingest(x);

        assertThat(report.tables().get("diseinfo").accepted()).isEqualTo(3);
        TestingDataset.Rejected r = assertRejected("diseinfo", 5, Reason.MISSING_REFERENCE, "mdtrt_id");
        assertThat(r.rawRecord()).isEqualTo("M009,J06,1,1,x,");
        assertThat(ds().types("diseinfo")).containsKey("column_6");
    }

    @Test
    void aHeaderNameWithAControlCharacterFailsTheIngestNamingTheFile() {
        TestingExtract x = extract();
        x.replaceLine("psn_info", 1, String.join(",", TestingExtract.header("psn_info")).replace("psn_name",
                "psn\u0000name"));

        assertThatThrownBy(() -> Ingest.run(x.options(out()), Progress.NONE))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.code()).isEqualTo(IngestException.Code.MISSING_COLUMN);
                    assertThat(e.getMessage()).contains("psn_info.csv", "column 3", "U+0000");
                });
    }

    @Test
    void aColumnNamedLikeAStagingColumnFailsTheIngestInsteadOfCrashing() {
        TestingExtract x = extract();
        List<List<String>> rows = TestingExtract.rows("diseinfo").stream().map(r -> {
            List<String> copy = new ArrayList<>(r);
            copy.add("1");
            return (List<String>) copy;
        }).toList();
        List<String> header = new ArrayList<>(TestingExtract.header("diseinfo"));
        header.add("_LINE");
        x.writeTable("diseinfo", header, rows);

        assertThatThrownBy(() -> Ingest.run(x.options(out()), Progress.NONE))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.code()).isEqualTo(IngestException.Code.DUPLICATE_COLUMN);
                    assertThat(e.getMessage()).contains("diseinfo.csv", "_line");
                });
    }

    @Test
    void aRowRejectedBySqlChecksKeepsItsWholeMultiLineSourceTextEvenInGb18030() throws IOException {
        TestingExtract x = extract();
        String twoLines = TestingExtract.variant("feedetail", "F002", "medins_list_name", "注射器\n第二行",
                "cnt", "1", "pric", "1.5");
        x.appendLine("feedetail", twoLines).reencode("feedetail", GBK);

        ingest(x);

        TestingDataset.Rejected r = assertRejected("feedetail", 7, Reason.DUPLICATE_KEY, "feedetl_sn");
        assertThat(r.rawRecord()).isEqualTo(twoLines);
        assertThat(ds().lastIngestFile("feedetail").get("encoding").asText()).isEqualTo("GB18030");
    }

    @Test
    void anEmptyFileGivesNoRowsAndANote() throws IOException {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
        x.writeBytes("ext_death", new byte[0]);
        x.writeLines("ext_custody", List.of(String.join(",", TestingExtract.header("ext_custody"))));

        IngestReport report = ingest(x);

        assertThat(report.tables().get("ext_death").read()).isZero();
        assertThat(report.tables().get("ext_custody").read()).isZero();
        assertThat(report.notes()).containsExactly("ext_death.csv is empty: no header, no rows");
        assertThat(ds().rows("ext_death")).isZero();
        assertThat(ds().rows("ext_custody")).isZero();
        assertThat(ds().manifest().get("ingests").get(0).get("notes").get(0).asText()).contains("ext_death.csv");
    }

    @Test
    void aMissingOptionalTableIsRecordedAsAbsent() throws IOException {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src")).delete("inv_io");

        IngestReport report = ingest(x);

        assertThat(report.tables()).doesNotContainKey("inv_io");
        assertThat(ds().manifest().get("absent_tables").toString()).isEqualTo("[\"inv_io\"]");
        assertThat(Files.exists(out().resolve("inv_io.parquet"))).isFalse();
    }

    @Test
    void aMissingRequiredTableFailsTheIngest() {
        TestingExtract x = extract().delete("setl");

        assertThatThrownBy(() -> Ingest.run(x.options(out()), Progress.NONE))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.code()).isEqualTo(IngestException.Code.MISSING_TABLE);
                    assertThat(e.getMessage()).contains("setl");
                });
    }

    @Test
    void csvAndParquetFilesForOneTableAreRefusedAsAmbiguous() throws IOException {
        TestingExtract x = extract();
        Files.writeString(x.dir().resolve("setl.parquet"), "not really parquet");

        assertThatThrownBy(() -> Ingest.run(x.options(out()), Progress.NONE))
                .isInstanceOfSatisfying(IngestException.class, e ->
                        assertThat(e.code()).isEqualTo(IngestException.Code.AMBIGUOUS_SOURCE));
    }

    // ---------------------------------------------------------------- references

    @Test
    void aFeeLineForAnItemOutsideTheCatalogIsKeptWithoutWarning() throws IOException {
        TestingExtract x = extract();
        x.set("feedetail", "F005", "med_list_codg", "ZZ999");

        IngestReport report = ingest(x);

        assertThat(report.totalRejected()).isZero();
        assertThat(report.totalWarned()).isZero();
        assertThat(ds().column("feedetail", "med_list_codg")).contains("ZZ999");
    }

    @Test
    void rowsOfARejectedVisitAreRejectedInCascade() throws IOException {
        TestingExtract x = extract();
        x.set("mdtrt", "M002", "begntime", "soon");
        x.set("mdtrt", "M003", "psn_no", "P999");
        x.appendLine("feedetail", TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F006",
                "mdtrt_id", "M999", "setl_id", ""));

        IngestReport report = ingest(x);

        assertRejected("mdtrt", 3, Reason.BAD_TYPE, "begntime");
        assertThat(assertRejected("mdtrt", 4, Reason.MISSING_REFERENCE, "psn_no").message())
                .contains("psn_no P999 is not in psn_info");
        assertRejected("setl", 3, Reason.MISSING_REFERENCE, "mdtrt_id");
        assertThat(assertRejected("setl", 4, Reason.MISSING_REFERENCE, "mdtrt_id").message())
                .contains("mdtrt_id M003", "rejected", "quarantine/mdtrt.csv");
        assertRejected("feedetail", 4, Reason.MISSING_REFERENCE, "mdtrt_id");
        assertRejected("feedetail", 5, Reason.MISSING_REFERENCE, "mdtrt_id");
        assertRejected("feedetail", 6, Reason.MISSING_REFERENCE, "mdtrt_id");
        assertThat(assertRejected("feedetail", 7, Reason.MISSING_REFERENCE, "mdtrt_id").message())
                .contains("mdtrt_id M999 is not among the accepted rows of mdtrt", "quarantine/mdtrt.csv");
        assertThat(ds().column("feedetail", "feedetl_sn")).containsExactly("F001", "F002");
        assertThat(ds().column("setl", "setl_id")).containsExactly("S001");
        assertThat(report.tables().get("feedetail").rejected()).isEqualTo(4);
    }

    @Test
    void aQuarantinedRowRejectedBySqlChecksKeepsItsSourceText() throws IOException {
        TestingExtract x = extract();
        x.set("mdtrt", "M003", "psn_no", "P999");

        ingest(x);

        assertThat(ds().rejected("feedetail", 6).rawRecord())
                .isEqualTo(TestingExtract.csv(TestingExtract.rows("feedetail").get(4)));
    }

    @Test
    void anUnknownCodeInAReferenceTableIsAWarningAndTheRowIsKept() throws IOException {
        TestingExtract x = extract();
        x.set("med_list", "XA01", "list_type", "999");
        x.set("psn_info", "P002", "gend", "0");

        IngestReport report = ingest(x);

        assertThat(report.totalRejected()).isZero();
        TestingDataset.Warned w = assertWarned("med_list", 2, Reason.UNKNOWN_CODE);
        assertThat(w.column()).isEqualTo("list_type");
        assertThat(w.key()).isEqualTo("XA01|2020-01-01");
        assertThat(w.sourceFile()).isEqualTo("med_list.csv");
        assertWarned("psn_info", 3, Reason.UNKNOWN_CODE);
        assertThat(ds().column("med_list", "list_type")).containsExactly("999", "201", "301");
        assertThat(report.tables().get("med_list").warned()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- arithmetic and consistency

    private TestingExtract withMismatches() {
        TestingExtract x = extract();
        x.set("feedetail", "F003", "pric", "51");
        x.set("feedetail", "F001", "fee_ocur_time", "2026-01-04 09:20:00");
        x.set("feedetail", "F002", "fee_ocur_time", "2026-01-05 11:00:00");
        x.set("feedetail", "F005", "psn_no", "P002");
        x.appendLine("feedetail", TestingExtract.variant("feedetail", "F004", "feedetl_sn", "F006", "setl_id", "",
                "cnt", "-1", "det_item_fee_sumamt", "-4.50", "inscp_scp_amt", "-4.50", "init_feedetl_sn", "F999"));
        x.set("setl", "S001", "psn_cash_pay", "1.16");
        x.set("setl", "S002", "medfee_sumamt", "196.00", "fund_pay_sumamt", "157.00", "hifp_pay", "157.00");
        x.set("setl", "S003", "fixmedins_code", "H001");
        return x;
    }

    @Test
    void arithmeticAndCrossTableMismatchesAreWarningsOnKeptRows() throws IOException {
        IngestReport report = ingest(withMismatches());

        assertThat(report.totalRejected()).isZero();
        assertThat(assertWarned("feedetail", 4, Reason.AMOUNT_MISMATCH).message()).contains("153.00");
        assertWarned("feedetail", 2, Reason.FEE_OUTSIDE_VISIT);
        assertWarned("feedetail", 3, Reason.FEE_AFTER_SETTLEMENT);
        assertWarned("feedetail", 6, Reason.VISIT_MISMATCH);
        assertWarned("feedetail", 7, Reason.REFERENCE_NOT_FOUND);
        assertWarned("setl", 2, Reason.SETTLEMENT_SPLIT_MISMATCH);
        assertWarned("setl", 3, Reason.SETTLEMENT_LINES_MISMATCH);
        assertWarned("setl", 4, Reason.VISIT_MISMATCH);
        assertThat(report.tables().get("feedetail").warned()).isEqualTo(5);
        assertThat(report.tables().get("setl").warned()).isEqualTo(3);
        assertThat(ds().warnings("feedetail")).extracting(TestingDataset.Warned::line).isSorted();
        assertThat(ds().rows("feedetail")).isEqualTo(6);
    }

    @Test
    void strictRejectsArithmeticAndCrossTableMismatches() throws IOException {
        IngestReport report = ingest(withMismatches().options(out()).withStrict(true));

        assertRejected("feedetail", 4, Reason.AMOUNT_MISMATCH, "det_item_fee_sumamt");
        assertRejected("feedetail", 7, Reason.REFERENCE_NOT_FOUND, "init_feedetl_sn");
        assertRejected("setl", 2, Reason.SETTLEMENT_SPLIT_MISMATCH, "medfee_sumamt");
        assertRejected("setl", 3, Reason.SETTLEMENT_LINES_MISMATCH, "medfee_sumamt");
        assertRejected("setl", 4, Reason.VISIT_MISMATCH, "fixmedins_code");
        // F001 and F002 point at the rejected settlement S001, F005 at a visit of another person
        assertThat(ds().quarantine("feedetail")).extracting(TestingDataset.Rejected::line)
                .containsExactly(2L, 3L, 4L, 6L, 7L);
        assertRejected("feedetail", 6, Reason.VISIT_MISMATCH, "psn_no");
        assertThat(ds().warnings("feedetail")).isEmpty();
        assertThat(ds().warnings("setl")).isEmpty();
        assertThat(report.tables().get("feedetail").accepted()).isEqualTo(1);
        assertThat(ds().manifest().get("ingests").get(0).get("strict").asBoolean()).isTrue();
    }

    @Test
    void quarantinesAnEnrolmentBeforeBirthAndEndsBeforeBeginnings() throws IOException {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
        x.set("psn_info", "P002", "insu_begndate", "1970-01-01");
        x.appendLine("psn_info", TestingExtract.variant("psn_info", "P002", "insutype", "392",
                "insu_begndate", "2020-01-01", "insu_enddate", "2019-12-31"));
        x.set("mdtrt", "M001", "endtime", "2026-01-05 08:59:59");
        x.set("med_list", "XC03", "enddate", "2019-12-31");
        x.set("psn_approval", "AP001", "enddate", "2025-12-31");

        ingest(x);

        assertThat(assertRejected("psn_info", 3, Reason.DATE_ORDER, "insu_begndate").message())
                .contains("before birth");
        assertRejected("psn_info", 5, Reason.DATE_ORDER, "insu_enddate");
        assertThat(assertRejected("mdtrt", 2, Reason.DATE_ORDER, "endtime").message())
                .contains("visit ends before it begins");
        assertRejected("med_list", 4, Reason.DATE_ORDER, "enddate");
        assertRejected("psn_approval", 2, Reason.DATE_ORDER, "enddate");
    }

    @Test
    void aBadKnowledgePointValueIsQuarantined() throws IOException {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
        x.set("kb_item_limit", "KP002", "lmt_value", "ICU");
        x.set("kb_item_limit", "KP003", "lmt_type", "NEW_KIND", "lmt_value", "anything");

        ingest(x);

        assertRejected("kb_item_limit", 3, Reason.BAD_VALUE, "lmt_value");
        assertWarned("kb_item_limit", 4, Reason.UNKNOWN_CODE);
    }

    /** Bytes without line breaks or quotes; with {@code commas}, 21 fields of them (a feedetail row's count). */
    private static byte[] garbage(Random random, int size, boolean commas) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            byte v;
            do {
                v = (byte) random.nextInt(256);
            } while (v == '\n' || v == '\r' || v == '"' || v == ',');
            b[i] = v;
        }
        if (commas) {
            for (int f = 1; f <= 20; f++) {
                b[f * (size / 21)] = ',';
            }
        }
        return b;
    }
}
