package org.fundwatch.serve.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fundwatch.serve.TestingUi;
import org.junit.jupiter.api.Test;

class NoticesTest {
    private final TestingUi ui = TestingUi.shared();

    private String finding(int skip) {
        String institution = ui.store().jdbc().sql("SELECT fixmedins_code FROM app_user WHERE username = "
                + "'institution'").query(String.class).single();
        return ui.store().jdbc().sql("SELECT jr_id FROM finding WHERE state = 'NEW' AND fixmedins_code = ? "
                + "AND vola_amt > 0 ORDER BY jr_id DESC OFFSET ? LIMIT 1").params(institution, skip)
                .query(String.class).single();
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
        }
    }

    @Test
    void theAuditNoticeOfAPushedFindingIsAPdfWhoseChineseTextReadsBack() throws Exception {
        String jrId = finding(0);
        TestingUi.Session auditor = ui.login("auditor");
        assertThat(auditor.get("/ui/findings/" + jrId + "/notice/audit.pdf").status()).isEqualTo(404);
        auditor.get("/ui/findings/" + jrId);
        auditor.post("/ui/findings/" + jrId + "/act", Map.of("action", "PUSH", "reason", ""));
        byte[] pdf = auditor.getBytes("/ui/findings/" + jrId + "/notice/audit.pdf");
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        String name = ui.store().jdbc().sql("SELECT i.fixmedins_name FROM finding f JOIN institution i "
                + "USING (fixmedins_code) WHERE jr_id = ?").param(jrId).query(String.class).single();
        String cont = ui.store().jdbc().sql("SELECT vola_cont FROM finding WHERE jr_id = ?").param(jrId)
                .query(String.class).single();
        assertThat(text(pdf)).contains("稽核通知书").contains(name).contains("逾期未申诉的，视为认可")
                .contains(cont.replaceAll("\\s+", "").substring(0, Math.min(20, cont.length())));
        // the institution prints its own notice too
        assertThat(text(ui.login("institution").getBytes("/ui/findings/" + jrId + "/notice/audit.pdf")))
                .contains("稽核通知书");
    }

    @Test
    void thePenaltyNoticeStatesTheFineAndTheRightToAHearing() throws Exception {
        String jrId = finding(1);
        TestingUi.Session auditor = ui.login("auditor");
        auditor.get("/ui/findings/" + jrId);
        auditor.post("/ui/findings/" + jrId + "/act", Map.of("action", "PUSH", "reason", ""));
        TestingUi.Session clerk = ui.login("institution");
        clerk.get("/ui/findings/" + jrId);
        clerk.post("/ui/findings/" + jrId + "/act", Map.of("action", "ACCEPT", "reason", ""));
        TestingUi.Session reviewer = ui.login("reviewer");
        reviewer.get("/ui/findings/" + jrId);
        reviewer.post("/ui/findings/" + jrId + "/act", Map.of("action", "NOTIFY_PENALTY", "deduction", "100.00",
                "fineMultiple", "1.5", "reason", "告知"));
        String text = text(reviewer.getBytes("/ui/findings/" + jrId + "/notice/penalty.pdf"));
        assertThat(text).contains("行政处罚告知书").contains("责令退回医保基金100.00元").contains("1.5倍的罚款，计150.00元")
                .contains("有权要求举行听证");
        assertThat(reviewer.get("/ui/findings/" + jrId + "/notice/deduction.pdf").status()).isEqualTo(404);
    }
}
