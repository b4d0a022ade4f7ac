package org.fundwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fundwatch.progress.Progress;
import org.fundwatch.synth.Generator;
import org.fundwatch.synth.GeneratorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kb parse-catalog}: a med_list.csv in, kb_item_limit.csv and the unparsed clauses out. */
class KbParseCatalogTest {

    private static final String HEADER = "lmt_usescp,hilist_code,hilist_name,list_type,chrgitm_lv,med_chrgitm_type,"
            + "hilist_pric_uplmt_amt,begndate,enddate\n";
    /** Columns in another order than FORMAT.md, quoted fields with commas, quotes and a line break. */
    private static final String CATALOG = HEADER
            + "限女性,A001,黄体酮胶囊,101,02,09,2.5,2024-01-01,\n"
            + "限儿童,A002,小儿氨酚黄那敏颗粒,101,02,11,0.6,2024-01-01,2025-12-31\n"
            + "限二级及以上医疗机构重症感染患者,A003,注射用头孢哌酮钠舒巴坦钠,101,02,09,18,2024-01-01,\n"
            + ",A004,阿莫西林胶囊,101,01,09,0.2,2024-01-01,\n"
            + "\"限急性冠脉综合征、缺血性脑卒中、外周动脉疾病患者\",A005,硫酸氯吡格雷片,101,02,09,1.5,2024-01-01,\n"
            + "限二线用药,A006,达格列净片,101,02,09,4.4,2024-07-01,\n"
            + "\"限工伤保险,限住院使用\",A007,\"注射用鼠神经生长因子 \"\"NGF\"\"\",101,02,09,120,2024-01-01,\n"
            + "\"限二线\n用药\",A008,磷酸西格列汀片,101,02,09,3.2,2024-01-01,\n";

    private static final List<String> EXPECTED_POINTS = List.of(
            "kp_id,hilist_code,lmt_type,lmt_value,begndate,enddate,basis",
            "KPCA001-GENDER-20240101,A001,GENDER,2,2024-01-01,,医保目录限定支付范围：限女性",
            "KPCA002-AGE_MAX-20240101,A002,AGE_MAX,14,2024-01-01,2025-12-31,医保目录限定支付范围：限儿童",
            "KPCA003-MEDINS_LV_MIN-20240101,A003,MEDINS_LV_MIN,2,2024-01-01,,医保目录限定支付范围：限二级及以上医疗机构重症感染患者",
            "KPCA005-INDICATION-20240101,A005,INDICATION,I20|I21|I24|I25|I63|I70,2024-01-01,,"
                    + "医保目录限定支付范围：限急性冠脉综合征、缺血性脑卒中、外周动脉疾病患者",
            "KPCA007-SETTING-20240101,A007,SETTING,INPATIENT,2024-01-01,,\"医保目录限定支付范围：限工伤保险,限住院使用\"",
            "KPCA007-INSUTYPE_ONLY-20240101,A007,INSUTYPE_ONLY,WORK_INJURY,2024-01-01,,"
                    + "\"医保目录限定支付范围：限工伤保险,限住院使用\"");

    private static final String EXPECTED_UNPARSED = "hilist_code,hilist_name,lmt_usescp,unparsed_clause\n"
            + "A003,注射用头孢哌酮钠舒巴坦钠,限二级及以上医疗机构重症感染患者,重症感染患者\n"
            + "A006,达格列净片,限二线用药,限二线用药\n"
            + "A008,磷酸西格列汀片,\"限二线\n用药\",限二线用药\n";

    private static TestingCli.Run run(Path in, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("kb", "parse-catalog", "--in", in.toString(),
                "--out", dir.resolve("kb_item_limit.csv").toString(),
                "--unparsed", dir.resolve("unparsed.csv").toString()));
        args.addAll(List.of(more));
        return TestingCli.run(args.toArray(String[]::new));
    }

    /** The number the report prints after a label at the start of a line. */
    private static long reported(String out, String label) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(label) + "\\s+([\\d,]+)").matcher(out);
        assertThat(m.find()).as(label + " in\n" + out).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static Path write(Path file, String text, Charset charset, boolean bom) throws IOException {
        byte[] body = text.getBytes(charset);
        byte[] bytes = body;
        if (bom) {
            bytes = new byte[body.length + 3];
            bytes[0] = (byte) 0xEF;
            bytes[1] = (byte) 0xBB;
            bytes[2] = (byte) 0xBF;
            System.arraycopy(body, 0, bytes, 3, body.length);
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    @Test
    void writesKnowledgePointsAndUnparsedClausesAndExitsOneWhenSomeClausesWereNotRead(@TempDir Path dir)
            throws IOException {
        Path in = write(dir.resolve("in").resolve("med_list.csv"), CATALOG, StandardCharsets.UTF_8, true);
        TestingCli.Run r = run(in, dir);

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("kb_item_limit.csv"), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(EXPECTED_POINTS);
        assertThat(Files.readString(dir.resolve("unparsed.csv"), StandardCharsets.UTF_8)).isEqualTo(EXPECTED_UNPARSED);

        String out = r.out();
        assertThat(out).contains("(UTF-8)");
        assertThat(reported(out, "entries read")).isEqualTo(8);
        assertThat(reported(out, "entries with a restriction")).isEqualTo(7);
        assertThat(reported(out, "fully parsed")).isEqualTo(4);
        assertThat(reported(out, "partially parsed")).isEqualTo(1);
        assertThat(reported(out, "not parsed")).isEqualTo(2);
        assertThat(reported(out, "knowledge points written")).isEqualTo(6);
        for (String type : List.of("GENDER", "AGE_MAX", "SETTING", "MEDINS_LV_MIN", "INDICATION", "INSUTYPE_ONLY")) {
            assertThat(reported(out, type)).as(type).isEqualTo(1);
        }
        assertThat(reported(out, "unparsed clauses")).isEqualTo(3);
        assertThat(out).contains("(2 distinct)");
        assertThat(out.indexOf("2  限二线用药")).as("most frequent first").isPositive()
                .isLessThan(out.indexOf("1  重症感染患者"));
    }

    @Test
    void readsAGb18030CatalogWhenAskedAndWhenItIsNotUtf8(@TempDir Path dir) throws IOException {
        Path in = write(dir.resolve("in").resolve("med_list.csv"), CATALOG, Charset.forName("GB18030"), false);
        for (boolean asked : new boolean[] {true, false}) {
            Path outDir = dir.resolve(asked ? "asked" : "detected");
            TestingCli.Run r = asked ? run(in, outDir, "--encoding", "GB18030") : run(in, outDir);
            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out()).contains(asked ? "(GB18030)" : "(GB18030, detected)");
            assertThat(Files.readAllLines(outDir.resolve("kb_item_limit.csv"), StandardCharsets.UTF_8))
                    .containsExactlyElementsOf(EXPECTED_POINTS);
            assertThat(Files.readString(outDir.resolve("unparsed.csv"), StandardCharsets.UTF_8))
                    .isEqualTo(EXPECTED_UNPARSED);
        }
    }

    @Test
    void exitsZeroWhenEveryRestrictionWasReadAndUsesTheKpPrefix(@TempDir Path dir) throws IOException {
        Path in = write(dir.resolve("med_list.csv"), "hilist_code,hilist_name,lmt_usescp,begndate\n"
                + "B1,药品甲,限65岁及以上,2024-01-01\r\n"
                + "B2,药品乙,,2024-01-01\r\n", StandardCharsets.UTF_8, false);
        TestingCli.Run r = run(in, dir, "--kp-prefix", "HN");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("kb_item_limit.csv"), StandardCharsets.UTF_8)).containsExactly(
                "kp_id,hilist_code,lmt_type,lmt_value,begndate,enddate,basis",
                "HNB1-AGE_MIN-20240101,B1,AGE_MIN,65,2024-01-01,,医保目录限定支付范围：限65岁及以上");
        assertThat(Files.readAllLines(dir.resolve("unparsed.csv"), StandardCharsets.UTF_8))
                .containsExactly("hilist_code,hilist_name,lmt_usescp,unparsed_clause");
        assertThat(reported(r.out(), "unparsed clauses")).isZero();
    }

    @Test
    void aLineWithTheWrongNumberOfFieldsExitsTwoNamingFileAndLine(@TempDir Path dir) throws IOException {
        // the quoted line break makes the second record span lines 2 and 3: the bad record is on line 4
        Path in = write(dir.resolve("med_list.csv"), "hilist_code,hilist_name,lmt_usescp,begndate\n"
                + "B1,药品甲,\"限女性\n\",2024-01-01\n"
                + "B2,药品乙,限男性\n", StandardCharsets.UTF_8, false);
        TestingCli.Run r = run(in, dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("KB-CSV-003").contains(in.toString() + " line 4").contains("3 fields");
    }

    @Test
    void aMissingHeaderColumnExitsTwoNamingTheColumn(@TempDir Path dir) throws IOException {
        Path in = write(dir.resolve("med_list.csv"), "hilist_code,hilist_name,begndate\nB1,药品甲,2024-01-01\n",
                StandardCharsets.UTF_8, false);
        TestingCli.Run r = run(in, dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("KB-CSV-002").contains(in.toString() + " line 1").contains("lmt_usescp");
    }

    @Test
    void aRepeatedCatalogKeyOrABadDateExitsTwo(@TempDir Path dir) throws IOException {
        Path dup = write(dir.resolve("dup.csv"), "hilist_code,hilist_name,lmt_usescp,begndate\n"
                + "B1,药品甲,限女性,2024-01-01\nB1,药品甲,限男性,2024-01-01\n", StandardCharsets.UTF_8, false);
        TestingCli.Run r = run(dup, dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("line 3").contains("already on line 2");

        Path date = write(dir.resolve("date.csv"), "hilist_code,hilist_name,lmt_usescp,begndate\n"
                + "B1,药品甲,限女性,2024/01/01\n", StandardCharsets.UTF_8, false);
        r = run(date, dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("line 2").contains("begndate '2024/01/01'");
    }

    @Test
    void kbAnswersHelp() {
        assertThat(TestingCli.run("kb", "--help").out()).contains("parse-catalog");
        assertThat(TestingCli.run("kb", "parse-catalog", "--help").out()).contains("--unparsed")
                .contains("--kp-prefix");
    }

    /** The fields of one single-line CSV record (quotes allowed). */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                f.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString());
        return fields;
    }

    /** The rows of a CSV file whose records are single lines, as column → value. */
    private static List<Map<String, String>> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), f.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void readsTheGeneratorsCatalogTextsIntoTheGeneratorsOwnKnowledgePoints(@TempDir Path dir) throws IOException {
        Path extract = dir.resolve("extract");
        new Generator(new GeneratorConfig(100, 1, 1)).generate(extract, Progress.NONE);
        TestingCli.Run r = run(extract.resolve("med_list.csv"), dir);
        // 限二线用药 and 限与手术项目同时使用 relate two items (kb_item_pair), which a limit cannot express
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);

        Map<String, String> textOf = new HashMap<>();
        rows(extract.resolve("med_list.csv")).forEach(row -> textOf.put(row.get("hilist_code"), row.get("lmt_usescp")));
        Set<String> ours = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (Map<String, String> row : rows(dir.resolve("kb_item_limit.csv"))) {
            ours.add(textOf.get(row.get("hilist_code")) + " → " + row.get("lmt_type") + " " + row.get("lmt_value"));
            ids.add(row.get("kp_id"));
        }
        assertThat(ids).doesNotHaveDuplicates();

        // the generator's points that restate its catalog text (not those from drug labels or for routine items)
        Set<String> planted = new HashSet<>();
        for (Map<String, String> row : rows(extract.resolve("kb_item_limit.csv"))) {
            String text = textOf.getOrDefault(row.get("hilist_code"), "");
            boolean fromCatalogText = !text.isEmpty() && !row.get("basis").startsWith("药品说明书")
                    && !Set.of("ROUTINE", "BED_DAY", "DAILY_DOSE").contains(row.get("lmt_type"))
                    // 达格列净's text is only 限二线用药; the generator's E11 for it comes from elsewhere
                    && !text.equals("限二线用药");
            if (fromCatalogText) {
                planted.add(text + " → " + row.get("lmt_type") + " " + row.get("lmt_value"));
            }
        }
        assertThat(planted).contains("限女性 → GENDER 2", "限男性 → GENDER 1", "限儿童 → AGE_MAX 14",
                "限住院使用 → SETTING INPATIENT", "限门诊 → SETTING OUTPATIENT", "限工伤保险 → INSUTYPE_ONLY WORK_INJURY",
                "限生育保险 → INSUTYPE_ONLY MATERNITY", "限二级及以上医疗机构重症感染患者 → MEDINS_LV_MIN 2",
                "限急性冠脉综合征、缺血性脑卒中、外周动脉疾病患者 → INDICATION I20|I21|I24|I25|I63|I70",
                "每年限14天 → MAX_COURSE_DAYS 14", "每次就诊限18袋 → MAX_CNT_PER_VISIT 18",
                "每日限1次 → MAX_CNT_PER_DAY 1", "单独使用时不予支付 → HERBAL_SINGLE_NOT_PAYABLE 1");
        assertThat(ours).isEqualTo(planted);

        List<String> unparsed = rows(dir.resolve("unparsed.csv")).stream().map(row -> row.get("unparsed_clause"))
                .toList();
        assertThat(unparsed).containsExactlyInAnyOrder("二甲双胍等口服降糖药治疗无效或不能耐受", "二线用药", "限二线用药",
                "重症感染患者", "限与手术项目同时使用");

        // the points written are a kb_item_limit that ingest accepts in place of the generator's
        Files.copy(dir.resolve("kb_item_limit.csv"), extract.resolve("kb_item_limit.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        TestingCli.Run ingest = TestingCli.run("ingest", "--source", extract.toString(), "--out",
                dir.resolve("dataset").toString(), "--quiet");
        assertThat(ingest.exitCode()).as(ingest.out() + ingest.err()).isZero();
        int n = ours.size();
        assertThat(ingest.out()).containsPattern("kb_item_limit\\s+" + n + "\\s+" + n + "\\s+0\\s+0\\s");
    }

    @Test
    void aMissingCatalogExitsTwo(@TempDir Path dir) {
        TestingCli.Run r = run(dir.resolve("none.csv"), dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("KB-CSV-001").contains("none.csv").contains("no such file");
    }
}
