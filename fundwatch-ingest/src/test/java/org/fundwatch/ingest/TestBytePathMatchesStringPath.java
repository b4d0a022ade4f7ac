package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.fundwatch.progress.Progress;
import org.fundwatch.synth.Generator;
import org.fundwatch.synth.GeneratorConfig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte path ({@link ByteCsvLoad}) and the String path give the same dataset: the same table files (so the same
 * checksums), the same quarantine and warning files, the same counts, notes and manifest, or the same error — on a
 * generated extract, on the fixture with every kind of damage the bad-file corpus knows, and on random damage.
 */
class TestBytePathMatchesStringPath {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aGeneratedExtractGivesTheSameDatasetOnBothPaths() throws IOException {
        Path src = tmp.resolve("src");
        new Generator(new GeneratorConfig(2000, 1, 3)).generate(src, Progress.NONE);
        long before = ByteCsvLoad.ACCEPTED_AS_BYTES.get();

        IngestReport report = assertSameOnBothPaths(IngestOptions.of(src, tmp.resolve("ds"))
                .withToday(java.time.LocalDate.of(2026, 6, 1)), tmp.resolve("out"));

        assertThat(report.totalRead()).isGreaterThan(10_000);
        assertThat(ByteCsvLoad.ACCEPTED_AS_BYTES.get() - before).as("rows accepted on the byte path")
                .isGreaterThan(report.totalRead() - report.totalRejected() - report.totalWarned() - 100);
    }

    /** Each damage alone, then all of them in one extract, non-strict and strict. */
    @TestFactory
    Stream<DynamicTest> eachDamageOfTheBadFileCorpusGivesTheSameDatasetOnBothPaths() {
        Map<String, Consumer<TestingExtract>> damages = damages();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Consumer<TestingExtract>> d : damages.entrySet()) {
            tests.add(DynamicTest.dynamicTest(d.getKey(), () -> {
                Path dir = Files.createTempDirectory(tmp, "damage");
                TestingExtract x = TestingExtract.writeAll(dir.resolve("src"));
                d.getValue().accept(x);
                assertSameOnBothPaths(x.options(dir.resolve("ds")), dir.resolve("out"));
                assertSameOnBothPaths(x.options(dir.resolve("ds")).withStrict(true), dir.resolve("strict"));
            }));
        }
        tests.add(DynamicTest.dynamicTest("all at once", () -> {
            Path dir = Files.createTempDirectory(tmp, "all");
            TestingExtract x = TestingExtract.writeAll(dir.resolve("src"));
            // the encoding damages change how a whole file is read: leave them to their own tests
            damages.entrySet().stream().filter(e -> !e.getKey().startsWith("encoding"))
                    .forEach(e -> e.getValue().accept(x));
            assertSameOnBothPaths(x.options(dir.resolve("ds")), dir.resolve("out"));
        }));
        return tests.stream();
    }

    @Test
    void aLimitBelowTheLineLengthsGivesTheSameDatasetOnBothPaths() throws IOException {
        TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
        x.set("psn_info", "P002", "addr", "长".repeat(40));
        x.set("feedetail", "F002", "medins_list_name", "注射器\n5ml, \"一次性\"");
        assertSameOnBothPaths(x.options(tmp.resolve("ds")).withLimits(30, 120, 2), tmp.resolve("out"));
    }

    @Provide
    Arbitrary<List<TestCorruptedExtracts.Corruption>> corruptions() {
        List<String> tables = new ArrayList<>(TestingExtract.REQUIRED_TABLES);
        tables.addAll(List.of("diseinfo", "kb_item_limit", "inv_io", "ext_death"));
        return Combinators.combine(
                Arbitraries.of(tables),
                Arbitraries.of(TestCorruptedExtracts.Kind.class),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 255)).as(TestCorruptedExtracts.Corruption::new)
                .list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    void randomDamageGivesTheSameDatasetOnBothPaths(@ForAll("corruptions") List<TestCorruptedExtracts.Corruption>
                                                            damage) throws IOException {
        Path dir = Files.createTempDirectory("fundwatch-byte-path");
        try {
            TestingExtract x = TestingExtract.writeAll(dir.resolve("src"));
            for (TestCorruptedExtracts.Corruption c : damage) {
                x.writeBytes(c.table(), c.apply(x.bytes(c.table())));
            }
            assertSameOnBothPaths(x.options(dir.resolve("ds")), dir.resolve("out"));
        } finally {
            DatasetFiles.deleteRecursively(dir);
        }
    }

    @Property(tries = 10, shrinking = ShrinkingMode.BOUNDED)
    void randomDamageToAGeneratedExtractGivesTheSameDatasetOnBothPaths(
            @ForAll("corruptions") List<TestCorruptedExtracts.Corruption> damage) throws IOException {
        Path dir = Files.createTempDirectory("fundwatch-byte-path-generated");
        try {
            Path src = dir.resolve("src");
            new Generator(new GeneratorConfig(300, 1, 5)).generate(src, Progress.NONE);
            for (TestCorruptedExtracts.Corruption c : damage) {
                Path file = src.resolve(c.table() + ".csv");
                if (Files.exists(file)) {
                    Files.write(file, c.apply(Files.readAllBytes(file)));
                }
            }
            assertSameOnBothPaths(IngestOptions.of(src, dir.resolve("ds"))
                    .withToday(java.time.LocalDate.of(2026, 6, 1)), dir.resolve("out"));
        } finally {
            DatasetFiles.deleteRecursively(dir);
        }
    }

    // ---------------------------------------------------------------- the damages

    private static Map<String, Consumer<TestingExtract>> damages() {
        Map<String, Consumer<TestingExtract>> d = new LinkedHashMap<>();
        d.put("an unbalanced quote", x -> x.insertLine("feedetail", 4,
                TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F009")
                        .replace("H-YP-0001,", "H-YP-0001,\"")));
        d.put("a quote inside an unquoted field", x -> x.replaceLine("feedetail", 3,
                TestingExtract.variant("feedetail", "F002", "medins_list_name", "x")
                        .replace(",x,", ",注射器 5\"ml,")));
        d.put("text after a closing quote", x -> x.replaceLine("mdtrt", 2,
                TestingExtract.variant("mdtrt", "M001", "dscg_maindiag_name", "x")
                        .replace(",x,", ",\"急性\"感染,")));
        d.put("quoted numbers, codes and empties", x -> x.replaceLine("feedetail", 2,
                "\"F001\",M001,\"P001\",S001,\"2026-01-05 09:20:00\",XA01,\"H-YP-0001\",\"阿莫西林, 胶囊\",\"2\","
                        + "\" 4.5 \",\"9.00\",\"\",0,0,9.00,\"\",DR01,D01,RX1001,\"\",\"\""));
        d.put("a quoted empty required field", x -> x.replaceLine("feedetail", 3,
                TestingExtract.variant("feedetail", "F002", "psn_no", "x").replace(",x,", ",\"\",")));
        d.put("an escaped quote in a code", x -> x.replaceLine("psn_info", 2,
                TestingExtract.variant("psn_info", "P001", "gend", "x").replace(",x,", ",\"1\"\"\",")));
        d.put("embedded newlines", x -> x.set("feedetail", "F002", "medins_list_name",
                "注射器\n5ml, \"一次性\""));
        d.put("an embedded CRLF in a CRLF file", x -> {
            x.set("mdtrt", "M002", "dscg_maindiag_name", "急性\r\n阑尾炎");
            String text = new String(x.bytes("mdtrt"), StandardCharsets.UTF_8).replace("\n", "\r\n")
                    .replace("\r\r\n", "\r\n");
            x.writeBytes("mdtrt", text.getBytes(StandardCharsets.UTF_8));
        });
        d.put("a carriage return inside a field", x -> x.set("med_list", "XA01", "hilist_name", "阿莫\r西林"));
        d.put("wrong column counts", x -> x
                .appendLine("feedetail", "F009,M001,P001,S001,2026-01-05 09:20:00,XA01")
                .appendLine("feedetail", TestingExtract.variant("feedetail", "F001", "feedetl_sn", "F010") + ",extra"));
        d.put("a NUL and a tab", x -> x
                .set("psn_info", "P002", "addr", "北京\u0000西城")
                .set("medins_info", "H001", "fixmedins_name", "北京\t协和"));
        d.put("U+FFFD in valid UTF-8", x -> x.set("med_list", "XB02", "hilist_name", "床位\uFFFD费"));
        d.put("a huge field", x -> x.set("psn_info", "P002", "addr", "长".repeat(2 << 20)));
        d.put("a line longer than the byte path buffers", x -> x.set("ext_death", "110101193001011111", "src",
                "x".repeat(6 << 20)).appendLine("ext_death", "110101193001013333,2025-07-01,民政"));
        d.put("bad numbers and dates", x -> x
                .set("feedetail", "F001", "cnt", "two")
                .set("feedetail", "F002", "det_item_fee_sumamt", "1.505")
                .set("feedetail", "F003", "fee_ocur_time", "2026-02-30 08:00:00")
                .set("feedetail", "F005", "prd_days", "99999999999")
                .set("medins_info", "D001", "open_time", "25:00")
                .set("medins_info", "H001", "lat", "239.1")
                .set("psn_info", "P002", "brdy", "1899-12-31"));
        d.put("spellings the parser accepts", x -> x
                .set("feedetail", "F001", "fee_ocur_time", "20260105092000", "cnt", "  2 ")
                .set("feedetail", "F002", "fee_ocur_time", "2026/01/05 09:25", "pric", "1.5000000")
                .set("feedetail", "F004", "fee_ocur_time", "2026-01-11T09:00:00.250000")
                .set("psn_info", "P001", "brdy", "19800101 00:00:00")
                .set("medins_info", "D001", "open_time", "08:00:00", "lat", "-39.9", "bed_cnt", "+0"));
        d.put("whitespace the parser strips", x -> x
                .set("feedetail", "F001", "cnt", "\u30002\u3000")
                .set("feedetail", "F002", "pric", "\t1.5"));
        d.put("future dates and date order", x -> x
                .set("feedetail", "F005", "fee_ocur_time", "2027-01-01 00:00:00")
                .set("mdtrt", "M003", "endtime", "2026-01-20 14:00:00")
                .set("psn_info", "P002", "insu_begndate", "1970-01-01"));
        d.put("negative values", x -> x
                .set("feedetail", "F001", "pric", "-4.5")
                .set("feedetail", "F002", "cnt", "-1", "det_item_fee_sumamt", "-1.50")
                .appendLine("feedetail", TestingExtract.variant("feedetail", "F002", "feedetl_sn", "F012", "cnt", "-1",
                        "det_item_fee_sumamt", "-1.50", "init_feedetl_sn", "F002"))
                .set("setl", "S003", "refd_setl_flag", "1", "init_setl_id", "S001", "medfee_sumamt", "-4.50",
                        "acct_pay", "-4.50"));
        d.put("codes", x -> x
                .set("psn_info", "P002", "gend", "3")
                .set("setl", "S002", "refd_setl_flag", "7")
                .set("inv_io", "D001", "inv_type", "3502"));
        d.put("arithmetic", x -> x
                .set("feedetail", "F002", "det_item_fee_sumamt", "1.52")
                .set("feedetail", "F003", "cnt", "99999999999.9999", "pric", "9999999999.999999")
                .set("setl", "S001", "psn_cash_pay", "1.16"));
        d.put("a knowledge point value", x -> x.set("kb_item_limit", "KP001", "lmt_value", "eighteen"));
        d.put("CRLF and blank lines", x -> {
            for (String t : TestingExtract.REQUIRED_TABLES) {
                String text = new String(x.bytes(t), StandardCharsets.UTF_8).replace("\n", "\r\n");
                x.writeBytes(t, (text + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            }
            x.insertLine("feedetail", 3, "\r");
            x.insertLine("feedetail", 5, "");
        });
        d.put("no newline at the end", x -> {
            byte[] b = x.bytes("setl");
            x.writeBytes("setl", java.util.Arrays.copyOf(b, b.length - 1));
            x.appendBytes("medins_info", new byte[] {'\r'});
        });
        d.put("extra, reordered and unnamed columns", x -> {
            List<String> header = new ArrayList<>(TestingExtract.header("med_list"));
            java.util.Collections.reverse(header);
            header.add("note");
            header.add("");
            List<List<String>> rows = new ArrayList<>();
            for (List<String> r : TestingExtract.rows("med_list")) {
                List<String> row = new ArrayList<>(r);
                java.util.Collections.reverse(row);
                row.add("备注, \"引号\"");
                row.add(r.get(0).equals("XB02") ? "" : "x\"y");
                rows.add(row);
            }
            x.writeTable("med_list", header, rows);
        });
        d.put("an empty file and a header only", x -> x.writeBytes("ext_custody", new byte[0])
                .writeLines("psn_approval", List.of(String.join(",", TestingExtract.header("psn_approval")))));
        d.put("a duplicate key", x -> x.appendLine("mdtrt", TestingExtract.variant("mdtrt", "M001")));
        d.put("a damaged header", x -> x.replaceLine("diseinfo", 1, "mdtrt_id,diag\"_code,maindiag_flag"));
        d.put("encoding: a UTF-8 BOM", x -> x.writeBytes("psn_info", bom(x.bytes("psn_info"))));
        d.put("encoding: a BOM and bytes that are not UTF-8", x -> x.writeBytes("psn_info", bom(x.bytes("psn_info")))
                .appendBytes("psn_info", new byte[] {'P', '9', ',', (byte) 0xB2, (byte) 0xBB, '\n'}));
        d.put("encoding: a line that is not UTF-8", x -> x.appendBytes("feedetail",
                new byte[] {(byte) 0xB2, (byte) 0xBB, (byte) 0xFF, '\n'}));
        d.put("encoding: GBK", x -> x.reencode("psn_info", java.nio.charset.Charset.forName("GBK")));
        d.put("encoding: a long UTF-8 file with one broken line", x -> {
            for (int i = 0; i < 60; i++) {
                x.appendLine("ext_death", "99999919500101" + String.format("%04d", i) + ",2025-01-01,公安户籍");
            }
            x.appendBytes("ext_death", new byte[] {'9', ',', (byte) 0xB2, (byte) 0xBB, '\n'});
        });
        d.put("encoding: a lost header and bytes that are not UTF-8 further on", x -> x.deleteLine("mdtrt", 1)
                .appendBytes("mdtrt", new byte[] {(byte) 0xB2, (byte) 0xBB, '\n'}));
        d.put("encoding: overlong and surrogate bytes", x -> x
                .appendBytes("ext_death", new byte[] {'9', ',', (byte) 0xC0, (byte) 0xAF, '\n'})
                .appendBytes("diseinfo", new byte[] {'9', ',', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}));
        return d;
    }

    private static byte[] bom(byte[] body) {
        byte[] b = new byte[body.length + 3];
        b[0] = (byte) 0xEF;
        b[1] = (byte) 0xBB;
        b[2] = (byte) 0xBF;
        System.arraycopy(body, 0, b, 3, body.length);
        return b;
    }

    // ---------------------------------------------------------------- the comparison

    /** Ingests on the String path and on the byte path, into two directories under {@code work}, and compares. */
    private static IngestReport assertSameOnBothPaths(IngestOptions options, Path work) throws IOException {
        Outcome strings = ingest(options, work.resolve("strings"), true);
        Outcome bytes = ingest(options, work.resolve("bytes"), false);
        assertThat(bytes.error()).isEqualTo(strings.error());
        if (strings.error() != null) {
            return null;
        }
        assertThat(bytes.report().tables()).isEqualTo(strings.report().tables());
        assertThat(bytes.report().checksums()).isEqualTo(strings.report().checksums());
        assertThat(bytes.report().sources()).isEqualTo(strings.report().sources());
        assertThat(bytes.report().notes()).isEqualTo(strings.report().notes());
        assertThat(bytes.report().period()).isEqualTo(strings.report().period());
        assertSameFiles(work.resolve("strings"), work.resolve("bytes"));
        return bytes.report();
    }

    private record Outcome(IngestReport report, String error) {
    }

    private static Outcome ingest(IngestOptions options, Path out, boolean stringPathOnly) {
        boolean before = TableLoader.stringPathOnly;
        TableLoader.stringPathOnly = stringPathOnly;
        try {
            return new Outcome(Ingest.run(new IngestOptions(options.source(), out, options.encoding(),
                    options.append(), options.overwrite(), options.strict(), options.layout(), options.maxFieldChars(),
                    options.maxRecordChars(), options.maxRecordLines(), options.threads(), options.memoryLimit(),
                    options.today()), Progress.NONE), null);
        } catch (IngestException e) {
            return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TableLoader.stringPathOnly = before;
        }
    }

    private static void assertSameFiles(Path a, Path b) throws IOException {
        assertThat(relativeFiles(b)).isEqualTo(relativeFiles(a));
        for (Path rel : relativeFiles(a)) {
            if (rel.toString().equals("manifest.json")) {
                assertThat(withoutTimes(JSON.readTree(b.resolve(rel).toFile())))
                        .isEqualTo(withoutTimes(JSON.readTree(a.resolve(rel).toFile())));
            } else {
                assertThat(Files.readAllBytes(b.resolve(rel))).as(rel.toString())
                        .isEqualTo(Files.readAllBytes(a.resolve(rel)));
            }
        }
    }

    private static List<Path> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    /** The manifest without the moments it was written (the two ingests ran at different seconds). */
    private static JsonNode withoutTimes(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("created", "updated", "at"));
            o.forEach(TestBytePathMatchesStringPath::withoutTimes);
        } else if (node.isArray()) {
            node.forEach(TestBytePathMatchesStringPath::withoutTimes);
        }
        return node;
    }
}
