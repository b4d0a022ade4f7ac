package org.fundwatch.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, internally consistent extract written as CSV into a directory: two people, a hospital and a pharmacy,
 * three catalog items, three visits in January 2026 (outpatient, a three-day stay, a pharmacy purchase), their
 * settlements and fee lines, and optionally one or more rows of every optional table. Every amount adds up, every
 * reference resolves and every code is in its set, so it ingests with no rejection and no warning.
 *
 * <p>Lines are numbered as the ingest numbers them: the header is line 1, the first row line 2. The mutators
 * rewrite the file on disk, so a test states exactly the bytes it feeds the ingest.
 */
final class TestingExtract {

    /** A day after every event of the extract, for {@link IngestOptions#withToday}. */
    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    static final List<String> REQUIRED_TABLES = List.of("psn_info", "medins_info", "med_list", "mdtrt", "setl",
            "feedetail");
    static final List<String> OPTIONAL_TABLES = List.of("diseinfo", "kb_item_limit", "kb_item_pair", "inv_io",
            "psn_approval", "ext_death", "ext_custody");

    private static final Map<String, List<List<String>>> CONTENT = new LinkedHashMap<>();

    static {
        table("psn_info",
                row("psn_no", "certno", "psn_name", "gend", "brdy", "insutype", "psn_insu_stas", "insu_begndate",
                        "insu_enddate", "insuplc_admdvs", "addr"),
                row("P001", "110101198001011234", "张三", "1", "1980-01-01", "310", "1", "2010-01-01", "", "110101",
                        "北京市东城区东华门大街1号"),
                row("P002", "110102197505052345", "李四", "2", "1975-05-05", "390", "1", "2015-01-01", "", "110102",
                        "北京市西城区, 西长安街2号"),
                row("P001", "110101198001011234", "张三", "1", "1980-01-01", "510", "4", "2012-01-01", "2014-12-31",
                        "110101", ""));
        table("medins_info",
                row("fixmedins_code", "fixmedins_name", "fixmedins_type", "medins_lv", "medins_natu", "medins_type",
                        "admdvs", "lat", "lon", "bed_cnt", "open_time", "close_time"),
                row("H001", "北京协和医院", "1", "3", "1", "general", "110101", "39.912345", "116.417890", "2000",
                        "00:00", "24:00"),
                row("D001", "同仁堂大药房", "2", "0", "2", "pharmacy", "110102", "39.900000", "116.400000", "",
                        "08:00", "22:00"));
        table("med_list",
                row("hilist_code", "hilist_name", "list_type", "chrgitm_lv", "med_chrgitm_type",
                        "hilist_pric_uplmt_amt", "lmt_usescp", "begndate", "enddate"),
                row("XA01", "阿莫西林胶囊", "101", "01", "09", "5.000000", "", "2020-01-01", ""),
                row("XB02", "普通病房床位费", "201", "01", "02", "50", "限住院", "2020-01-01", ""),
                row("XC03", "一次性使用无菌注射器", "301", "02", "", "1.5", "", "2020-01-01", "2030-12-31"));
        table("mdtrt",
                row("mdtrt_id", "psn_no", "fixmedins_code", "med_type", "insutype", "begntime", "endtime",
                        "dscg_maindiag_code", "dscg_maindiag_name", "atddr_no", "dept_code", "ipt_otp_no"),
                row("M001", "P001", "H001", "11", "310", "2026-01-05 09:00:00", "2026-01-05 10:30:00", "J06.9",
                        "急性上呼吸道感染", "DR01", "D01", "O1001"),
                row("M002", "P002", "H001", "21", "390", "2026-01-10 08:00:00", "2026-01-13 10:00:00", "K35.8",
                        "急性阑尾炎", "DR02", "D02", "I2001"),
                row("M003", "P001", "D001", "41", "310", "2026-01-20 15:00:00", "2026-01-20 15:05:00", "", "", "",
                        "", ""));
        table("setl",
                row("setl_id", "mdtrt_id", "psn_no", "fixmedins_code", "setl_time", "med_type", "insutype",
                        "medfee_sumamt", "fund_pay_sumamt", "hifp_pay", "acct_pay", "psn_cash_pay", "refd_setl_flag",
                        "init_setl_id"),
                row("S001", "M001", "P001", "H001", "2026-01-05 10:30:00", "11", "310", "10.50", "7.35", "7.35",
                        "2.00", "1.15", "0", ""),
                row("S002", "M002", "P002", "H001", "2026-01-13 10:00:00", "21", "390", "195.00", "156.00",
                        "156.00", "0", "39.00", "0", ""),
                row("S003", "M003", "P001", "D001", "2026-01-20 15:05:00", "41", "310", "4.50", "0.00", "", "4.50",
                        "0.00", "", ""));
        table("feedetail",
                row("feedetl_sn", "mdtrt_id", "psn_no", "setl_id", "fee_ocur_time", "med_list_codg",
                        "medins_list_codg", "medins_list_name", "cnt", "pric", "det_item_fee_sumamt",
                        "fulamt_ownpay_amt", "overlmt_amt", "preselfpay_amt", "inscp_scp_amt", "prd_days",
                        "bilg_dr_codg", "bilg_dept_codg", "rxno", "init_feedetl_sn", "drug_trac_codg"),
                row("F001", "M001", "P001", "S001", "2026-01-05 09:20:00", "XA01", "H-YP-0001", "阿莫西林胶囊 0.25g",
                        "2", "4.5", "9.00", "0", "0", "0", "9.00", "3", "DR01", "D01", "RX1001", "", ""),
                row("F002", "M001", "P001", "S001", "2026-01-05 09:25:00", "XC03", "H-HC-0003", "注射器 5ml", "1",
                        "1.500000", "1.50", "0", "0", "0.15", "1.35", "", "DR01", "D01", "", "", ""),
                row("F003", "M002", "P002", "S002", "2026-01-10 20:00:00", "XB02", "H-CW-0002", "床位费", "3.0000",
                        "50", "150.00", "0", "0", "0", "150.00", "", "DR02", "D02", "", "", ""),
                row("F004", "M002", "P002", "S002", "2026-01-11 09:00:00.250", "XA01", "H-YP-0001",
                        "阿莫西林胶囊 \"0.25g\"", "10", "4.500000", "45.00", "0", "0", "0", "45.00", "5", "DR02",
                        "D02", "RX2001", "", ""),
                row("F005", "M003", "P001", "S003", "2026-01-20 15:02:00", "XA01", "YD-0001", "阿莫西林胶囊",
                        "1", "4.5", "4.50", "", "", "", "", "", "", "", "", "", "TRC000000000000001"));
        table("diseinfo",
                row("mdtrt_id", "diag_code", "maindiag_flag", "diag_srt_no", "diag_name"),
                row("M001", "J06.9", "1", "1", "急性上呼吸道感染"),
                row("M002", "K35.8", "1", "1", "急性阑尾炎"),
                row("M002", "I10", "0", "2", "高血压"));
        table("kb_item_limit",
                row("kp_id", "hilist_code", "lmt_type", "lmt_value", "begndate", "enddate", "basis"),
                row("KP001", "XA01", "AGE_MIN", "18", "2020-01-01", "", "说明书"),
                row("KP002", "XB02", "SETTING", "INPATIENT", "", "", "床位费, 仅限住院"),
                row("KP003", "XA01", "INDICATION", "J|K35", "", "", ""));
        table("kb_item_pair",
                row("kp_id", "hilist_code_a", "hilist_code_b", "relation", "scope", "begndate", "enddate", "basis"),
                row("KP101", "XB02", "XC03", "EXCLUSIVE", "SAME_DAY", "2020-01-01", "", "床位费已含"));
        table("inv_io",
                row("fixmedins_code", "med_list_codg", "inv_type", "cnt", "io_time", "drug_trac_codg"),
                row("D001", "XA01", "3501", "100", "2026-01-01 08:00:00", ""),
                row("D001", "XA01", "3503", "50", "2026-01-15 10:00:00", ""),
                row("D001", "XA01", "3505", "1", "2026-01-20 15:02:00", "TRC000000000000001"));
        table("psn_approval",
                row("aprv_no", "psn_no", "hilist_code", "vola_bhvr_type", "begndate", "enddate", "reason"),
                row("AP001", "P002", "XA01", "", "2026-01-01", "2026-12-31", "特殊药品备案"));
        table("ext_death",
                row("certno", "die_date", "src"),
                row("110101193001011111", "2025-06-01", "公安"));
        table("ext_custody",
                row("certno", "begndate", "enddate", "src"),
                row("110101199001012222", "2025-01-01", "2027-01-01", "司法"));
    }

    private final Path dir;

    private TestingExtract(Path dir) {
        this.dir = dir;
    }

    /** The six required tables, UTF-8, LF line ends. */
    static TestingExtract write(Path dir) {
        return write(dir, REQUIRED_TABLES);
    }

    /** Every table of the format. */
    static TestingExtract writeAll(Path dir) {
        List<String> all = new ArrayList<>(REQUIRED_TABLES);
        all.addAll(OPTIONAL_TABLES);
        return write(dir, all);
    }

    static TestingExtract write(Path dir, List<String> tables) {
        TestingExtract x = new TestingExtract(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String t : tables) {
            List<String> lines = new ArrayList<>();
            for (List<String> r : CONTENT.get(t)) {
                lines.add(csv(r));
            }
            x.writeLines(t, lines);
        }
        return x;
    }

    /** An extract directory with no files yet; add tables with {@link #writeTable}. */
    static TestingExtract empty(Path dir) {
        return write(dir, List.of());
    }

    Path dir() {
        return dir;
    }

    Path file(String table) {
        return dir.resolve(table + ".csv");
    }

    /** The fixture's header of a table. */
    static List<String> header(String table) {
        return CONTENT.get(table).get(0);
    }

    /** The fixture's data rows of a table (without the header). */
    static List<List<String>> rows(String table) {
        return CONTENT.get(table).subList(1, CONTENT.get(table).size());
    }

    /** The number of data rows of a table in the fixture. */
    static int rowCount(String table) {
        return CONTENT.get(table).size() - 1;
    }

    /** The line (header = 1) of the fixture row whose first field is {@code key}. */
    static int lineOf(String table, String key) {
        List<List<String>> rows = CONTENT.get(table);
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).get(0).equals(key)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(table + " has no row " + key);
    }

    /**
     * The CSV text of the fixture row whose first field is {@code key}, with columns replaced:
     * {@code variant("feedetail", "F001", "cnt", "-2", "det_item_fee_sumamt", "-9.00")}.
     */
    static String variant(String table, String key, String... columnValues) {
        List<String> r = new ArrayList<>(CONTENT.get(table).get(lineOf(table, key) - 1));
        List<String> header = header(table);
        for (int i = 0; i < columnValues.length; i += 2) {
            int c = header.indexOf(columnValues[i]);
            if (c < 0) {
                throw new IllegalArgumentException(table + " has no column " + columnValues[i]);
            }
            r.set(c, columnValues[i + 1]);
        }
        return csv(r);
    }

    /** Rewrites the fixture row whose first field is {@code key} with columns replaced (see {@link #variant}). */
    TestingExtract set(String table, String key, String... columnValues) {
        return replaceLine(table, lineOf(table, key), variant(table, key, columnValues));
    }

    /** Writes a table from a header and rows, quoting fields as RFC 4180 requires. */
    TestingExtract writeTable(String table, List<String> header, List<List<String>> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(csv(header));
        rows.forEach(r -> lines.add(csv(r)));
        return writeLines(table, lines);
    }

    /** The physical lines of a table file, read as UTF-8. */
    List<String> lines(String table) {
        String text = new String(bytes(table), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Replaces all of a table file with these lines, each followed by LF. */
    TestingExtract writeLines(String table, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return writeBytes(table, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces line {@code number} (header = 1) with raw text. */
    TestingExtract replaceLine(String table, int number, String text) {
        List<String> lines = lines(table);
        lines.set(number - 1, text);
        return writeLines(table, lines);
    }

    /** Inserts raw text as line {@code number}; the line there and all after it move down one. */
    TestingExtract insertLine(String table, int number, String text) {
        List<String> lines = lines(table);
        lines.add(number - 1, text);
        return writeLines(table, lines);
    }

    TestingExtract deleteLine(String table, int number) {
        List<String> lines = lines(table);
        lines.remove(number - 1);
        return writeLines(table, lines);
    }

    TestingExtract appendLine(String table, String text) {
        List<String> lines = lines(table);
        lines.add(text);
        return writeLines(table, lines);
    }

    /** Appends raw bytes to the end of a table file, after its last line end. */
    TestingExtract appendBytes(String table, byte[] more) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bytes(table));
        b.writeBytes(more);
        return writeBytes(table, b.toByteArray());
    }

    /** Replaces line {@code number} (header = 1) with raw bytes, which need not be text. */
    TestingExtract replaceLineBytes(String table, int number, byte[] raw) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] all = bytes(table);
        int line = 1;
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                if (line == number) {
                    b.writeBytes(raw);
                } else {
                    b.write(all, start, i - start);
                }
                if (i < all.length) {
                    b.write('\n');
                }
                line++;
                start = i + 1;
            }
        }
        return writeBytes(table, b.toByteArray());
    }

    /** Re-encodes a table file (written as UTF-8) into another character set, e.g. GBK. */
    TestingExtract reencode(String table, Charset charset) {
        String text = new String(bytes(table), StandardCharsets.UTF_8);
        return writeBytes(table, text.getBytes(charset));
    }

    /** Re-encodes every table file of the extract. */
    TestingExtract reencodeAll(Charset charset) {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".csv")) {
                    reencode(name.substring(0, name.length() - 4), charset);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TestingExtract writeBytes(String table, byte[] content) {
        try {
            Files.write(file(table), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] bytes(String table) {
        try {
            return Files.readAllBytes(file(table));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestingExtract delete(String table) {
        try {
            Files.delete(file(table));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Rewrites a table's CSV file as {@code <table>.parquet} with every column as text (as a bureau's export
     * would carry codes with leading zeros) and deletes the CSV.
     */
    TestingExtract toParquet(String table) {
        String csv = Ingest.sqlPath(file(table));
        String parquet = Ingest.sqlPath(dir.resolve(table + ".parquet"));
        TestingDataset.TestingDuckDb.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true, "
                + "all_varchar = true, quote = '\"', escape = '\"', delim = ',')) TO '" + parquet
                + "' (FORMAT parquet)");
        return delete(table);
    }

    /** Default options for this extract into {@code out}, with the fixed day of ingestion {@link #TODAY}. */
    IngestOptions options(Path out) {
        return IngestOptions.of(dir, out).withToday(TODAY).withEngine(1, "");
    }

    /** One RFC 4180 record: fields quoted only when they hold a comma, quote or line break. */
    static String csv(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(CsvText.quote(fields.get(i)));
        }
        return sb.toString();
    }

    private static void table(String name, List<String> header, List<?>... rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        for (List<?> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalStateException(name + ": a fixture row has " + r.size() + " fields, the header "
                        + header.size());
            }
            @SuppressWarnings("unchecked")
            List<String> s = (List<String>) r;
            all.add(s);
        }
        CONTENT.put(name, List.copyOf(all));
    }

    private static List<String> row(String... fields) {
        return List.of(fields);
    }
}
