package org.fundwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    private static final String FINDINGS_HEADER = "jr_id,rule_id,rule_version,rule_name,vola_bhvr_type,grain,period,"
            + "sev_deg,action,vola_amt,vola_cont,vola_cont_en,vola_evid,indicator,psn_no,certno,mdtrt_id,setl_id,"
            + "feedetl_sn,fixmedins_code,hilist_code,occur_time\n";

    @TempDir
    Path dir;

    private Path labels;
    private Path findings;

    @BeforeEach
    void writeInputs() throws IOException {
        labels = write("labels.csv", """
                vola_bhvr_type,feedetl_sn,mdtrt_id,psn_no,certno,fixmedins_code,hilist_code,period
                OVER_PRICE_CAP,FD1,MD1,P1,,,250101015000000,
                OVER_PRICE_CAP,FD2,MD2,P2,,,250101015000000,
                SPLIT_ADMISSION,,MD7|MD8,P3,,,,
                INDUCED_ADMISSION,,,,,H1,,2026-02
                STOCK_MISMATCH,,,,,P9,XC08,
                """);
        write("near_misses.csv", """
                vola_bhvr_type,feedetl_sn,mdtrt_id,psn_no,certno,fixmedins_code,hilist_code,period,description
                OVER_PRICE_CAP,FD5,MD5,P5,,,250101015000000,,"price equal to the cap, not above"
                """);
        findings = write("findings.csv", FINDINGS_HEADER
                + "j1,R-001,1,超标准收费,OVER_PRICE_CAP,LINE,2026-01-05,1,WARN,3.00,"
                + "\"单价12.00元，超过限价9.00元,\n超出3.00元\",\"price 12.00 > cap 9.00, \"\"hard\"\"\",,,P1,,MD1,S1,"
                + "FD1,H1,250101015000000,2026-01-05 09:00:00\n"
                + "j2,R-001,1,超标准收费,OVER_PRICE_CAP,LINE,2026-01-06,1,WARN,3.00,超标,,,,P2,,MD2,S2,FD2,H1,,\n"
                + "j3,R-020,1,分解住院,SPLIT_ADMISSION,VISIT,2026-02-01,2,WARN,800.00,分解住院,,,,P3,,MD8,,,H1,,\n"
                + "j4,R-040,1,诱导住院,INDUCED_ADMISSION,INSTITUTION_MONTH,2026-02,2,WARN,,诱导住院,,,,,,,,,H1,,\n");
        write("run.json", """
                {"engine": "duckdb", "rules": [
                  {"rule_id": "R-001", "vola_bhvr_type": "OVER_PRICE_CAP", "status": "RAN"},
                  {"rule_id": "R-020", "vola_bhvr_type": "SPLIT_ADMISSION", "status": "RAN"},
                  {"rule_id": "R-040", "vola_bhvr_type": "INDUCED_ADMISSION", "status": "RAN"},
                  {"rule_id": "R-050", "vola_bhvr_type": "STOCK_MISMATCH", "status": "NOT_RUN",
                   "reason": "no inv_io table"}
                ]}
                """);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private TestingCli.Run evaluate(String... extra) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--labels", labels.toString(), "--findings",
                findings.toString()));
        args.addAll(List.of(extra));
        return TestingCli.run(args.toArray(new String[0]));
    }

    @Test
    void exitsZeroWhenEveryScreenedTypeMeetsTheThresholdsAndListsUnscreenedTypes() {
        TestingCli.Run r = evaluate("--min-recall", "0.98", "--min-precision", "0.95");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("OVER_PRICE_CAP +2 +2 +1\\.000 +2 +2 +1\\.000 +0")
                .containsPattern("SPLIT_ADMISSION +1 +1 +1\\.000 +1 +1 +1\\.000 +0")
                .containsPattern("overall +4 +4 +1\\.000 +4 +4 +1\\.000 +0")
                .contains("not screened").contains("STOCK_MISMATCH: cases 1; R-050 NOT_RUN: no inv_io table")
                .contains("result: OK");
        assertThat(r.out()).doesNotContainPattern("(?m)^STOCK_MISMATCH ");
    }

    @Test
    void exitsOneNamingTheTypeBelowThresholdWithMissedCasesAndFalsePositives() throws IOException {
        Files.writeString(findings, "j5,R-001,1,超标准收费,OVER_PRICE_CAP,LINE,2026-01-07,1,WARN,1.00,\"a,b\",,,,P5,,MD5,"
                + ",FD5,H1,,\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(findings, Files.readString(findings).replace("\nj2,", "\nj2x,").replace(",FD2,", ",FD22,"));
        Path json = dir.resolve("report.json");

        TestingCli.Run r = evaluate("--min-recall", "0.98", "--min-precision", "0.95", "--json", json.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out())
                .containsPattern("OVER_PRICE_CAP +2 +1 +0\\.500 +3 +1 +0\\.333 +1")
                .contains("near misses hit").contains("finding j5 line 7 (R-001, feedetl_sn=FD5)")
                .contains("price equal to the cap, not above")
                .contains("OVER_PRICE_CAP: recall 0.500 < 0.980 (1 of 2 cases found)")
                .contains("OVER_PRICE_CAP: precision 0.333 < 0.950 (1 of 3 findings match a case)")
                .contains("missed: labels line 3 feedetl_sn=FD2")
                .contains("false positive: j2x line 4 (R-001, feedetl_sn=FD22)")
                .contains("result: FAILED, 1 of 3 screened types below threshold");
        assertThat(json).exists();
        assertThat(Files.readString(json)).contains("\"passed\" : false").contains("\"type\" : \"OVER_PRICE_CAP\"");
    }

    @Test
    void reportsOnlyWithoutThresholdsAndRestrictsToTheGivenTypes() {
        TestingCli.Run r = evaluate("--types", "SPLIT_ADMISSION,INDUCED_ADMISSION");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("SPLIT_ADMISSION").contains("INDUCED_ADMISSION")
                .doesNotContain("OVER_PRICE_CAP").contains("result: report only");
    }

    @Test
    void typeWithoutFindingsShowsPrecisionAsNotApplicableAndFailsRecall() throws IOException {
        Files.delete(dir.resolve("run.json"));

        TestingCli.Run r = evaluate("--min-recall", "0.9");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("none: every label type counts as screened")
                .containsPattern("STOCK_MISMATCH +1 +0 +0\\.000 +0 +0 +— +0")
                .contains("STOCK_MISMATCH: recall 0.000 < 0.900")
                .contains("missed: labels line 6 fixmedins_code=P9");
    }

    @Test
    void exitsTwoNamingFileAndLineOnAMalformedFindingsFile() throws IOException {
        Files.writeString(findings, FINDINGS_HEADER + "j1,R-001,\"unclosed\n");

        TestingCli.Run r = evaluate();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("[MALFORMED_CSV]").contains(findings + ":2:");
    }

    @Test
    void exitsTwoNamingTheMissingColumn() throws IOException {
        Files.writeString(findings, "jr_id,rule_id,vola_bhvr_type\nj1,R-001,OVER_PRICE_CAP\n");

        TestingCli.Run r = evaluate();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("[MISSING_COLUMN]").contains(findings + ":1:").contains("period");
    }
}
