package org.fundwatch.serve.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fundwatch.serve.TestingUi;
import org.junit.jupiter.api.Test;

class FindingsUiTest {
    private static final Pattern ROW_ID = Pattern.compile("data-jr-id=\"([0-9a-f]{32})\"");
    private static final byte[] PDF = "%PDF-1.4\n% 病程记录\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final TestingUi ui = TestingUi.shared();

    private String institutionOfDemoUser() {
        return ui.store().jdbc().sql("SELECT fixmedins_code FROM app_user WHERE username = 'institution'")
                .query(String.class).single();
    }

    /** A new finding of the demo institution, taken by this test alone (the store is shared by the test JVM). */
    private String newFindingOf(String institution, int skip) {
        return ui.store().jdbc().sql("SELECT jr_id FROM finding WHERE state = 'NEW' AND fixmedins_code = ? "
                + "AND psn_no IS NOT NULL AND mdtrt_id IS NOT NULL ORDER BY jr_id OFFSET ? LIMIT 1")
                .params(institution, skip).query(String.class).single();
    }

    private static List<String> ids(String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = ROW_ID.matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void theQueueCountsFiltersAndPagesByKeysetWithoutRepeats() {
        TestingUi.Session auditor = ui.login("auditor");
        long all = ui.store().jdbc().sql("SELECT count(*) FROM finding").query(Long.class).single();
        TestingUi.Response first = auditor.get("/ui/findings");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("共 " + String.format("%,d", all) + " 条");
        List<String> page1 = ids(first.body());
        assertThat(page1).hasSize(50);
        Matcher next = Pattern.compile("id=\"next\" href=\"([^\"]+)\"|href=\"([^\"]+)\" id=\"next\"")
                .matcher(first.body());
        assertThat(next.find()).isTrue();
        String nextUrl = (next.group(1) != null ? next.group(1) : next.group(2)).replace("&amp;", "&");
        List<String> page2 = ids(auditor.get(nextUrl).body());
        assertThat(page2).isNotEmpty().doesNotContainAnyElementsOf(page1);
        // the queue is ordered by amount, highest first, across the page boundary
        List<java.math.BigDecimal> amounts = ui.store().jdbc().sql("SELECT coalesce(vola_amt, -1) FROM finding "
                + "ORDER BY coalesce(vola_amt, -1) DESC, jr_id DESC LIMIT 100").query(java.math.BigDecimal.class).list();
        List<String> expected = ui.store().jdbc().sql("SELECT jr_id FROM finding ORDER BY coalesce(vola_amt, -1) DESC, "
                + "jr_id DESC LIMIT 100").query(String.class).list();
        List<String> shown = new ArrayList<>(page1);
        shown.addAll(page2.subList(0, Math.min(50, page2.size())));
        assertThat(shown).isEqualTo(expected.subList(0, shown.size()));
        assertThat(amounts).isNotEmpty();

        long priceCaps = ui.store().jdbc().sql("SELECT count(*) FROM finding WHERE vola_bhvr_type = 'OVER_PRICE_CAP'")
                .query(Long.class).single();
        TestingUi.Response filtered = auditor.get("/ui/findings?type=OVER_PRICE_CAP");
        assertThat(filtered.body()).contains("共 " + priceCaps + " 条");
        assertThat(ids(filtered.body())).hasSize((int) Math.min(50, priceCaps));
        // htmx asks for the results only
        assertThat(auditor.get("/ui/findings?type=OVER_PRICE_CAP&hx=1").body()).contains("<html");
    }

    @Test
    void auditorPushesInstitutionAppealsWithAFileReviewerUpholdsAndDeductsIntoTheLedger() {
        String institution = institutionOfDemoUser();
        String jrId = newFindingOf(institution, 0);
        TestingUi.Session auditor = ui.login("auditor");
        auditor.get("/ui/findings/" + jrId);
        TestingUi.Response pushed = auditor.post("/ui/findings/" + jrId + "/act", Map.of("action", "PUSH",
                "reason", "初审确认"));
        assertThat(pushed.status()).isEqualTo(302);
        assertThat(state(jrId)).isEqualTo("PUSHED");

        TestingUi.Session clerk = ui.login("institution");
        assertThat(ids(clerk.get("/ui/findings?state=PUSHED").body())).contains(jrId);
        assertThat(clerk.get("/ui/findings/" + jrId).body()).contains("act-APPEAL");
        clerk.postMultipart("/ui/findings/" + jrId + "/act", Map.of("action", "APPEAL", "reason",
                "患者病程记录显示用药合理"), "files", "病程记录.pdf", "application/pdf", PDF);
        assertThat(state(jrId)).isEqualTo("APPEALED");

        TestingUi.Session reviewer = ui.login("reviewer");
        String page = reviewer.get("/ui/findings/" + jrId).body();
        Matcher file = Pattern.compile("/ui/findings/" + jrId + "/evidence/([0-9]+)").matcher(page);
        assertThat(file.find()).isTrue();
        assertThat(reviewer.getBytes("/ui/findings/" + jrId + "/evidence/" + file.group(1))).isEqualTo(PDF);
        reviewer.post("/ui/findings/" + jrId + "/act", Map.of("action", "UPHOLD", "reason", "病程记录不支持"));
        reviewer.get("/ui/findings/" + jrId);
        reviewer.post("/ui/findings/" + jrId + "/act", Map.of("action", "DECIDE_AGREEMENT", "deduction", "12.34",
                "reason", "拒付"));
        assertThat(state(jrId)).isEqualTo("CLOSED");
        assertThat(ui.store().jdbc().sql("SELECT amount FROM ledger_entry WHERE jr_id = ? AND kind = 'DEDUCTION'")
                .param(jrId).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("12.34");
        assertThat(reviewer.get("/ui/findings/" + jrId).body()).contains("DECIDE_AGREEMENT").contains("病程记录不支持");
    }

    @Test
    void anInstitutionUserOpeningAnotherInstitutionsFindingByUrlGets403() {
        String mine = institutionOfDemoUser();
        String other = ui.store().jdbc().sql("SELECT jr_id FROM finding WHERE fixmedins_code <> ? ORDER BY jr_id "
                + "LIMIT 1").param(mine).query(String.class).single();
        ui.store().jdbc().sql("UPDATE finding SET pushed_at = now(), state = 'PUSHED', due_date = current_date + 14 "
                + "WHERE jr_id = ? AND state = 'NEW'").param(other).update();
        TestingUi.Session clerk = ui.login("institution");
        assertThat(clerk.get("/ui/findings/" + other).status()).isEqualTo(403);
        assertThat(clerk.post("/ui/findings/" + other + "/act", Map.of("action", "ACCEPT")).status()).isEqualTo(403);
        assertThat(ids(clerk.get("/ui/findings").body())).doesNotContain(other);
        // and a finding of its own that was not pushed yet is not shown either
        String unpushed = newFindingOf(mine, 5);
        assertThat(clerk.get("/ui/findings/" + unpushed).status()).isEqualTo(403);
        assertThat(clerk.get("/ui/findings/0123456789abcdef0123456789abcdef").status()).isEqualTo(404);
    }

    @Test
    void personalDataIsMaskedForTheAuditorAndShownToTheReviewerWithTheViewLogged() {
        String jrId = newFindingOf(institutionOfDemoUser(), 2);
        String certno = ui.store().jdbc().sql("SELECT p.certno FROM finding f JOIN person p USING (psn_no) "
                + "WHERE f.jr_id = ?").param(jrId).query(String.class).single();
        String auditorPage = ui.login("auditor").get("/ui/findings/" + jrId).body();
        assertThat(auditorPage).doesNotContain(certno).contains(certno.substring(0, 4) + "**********");
        long before = views(jrId);
        assertThat(ui.login("reviewer").get("/ui/findings/" + jrId).body()).contains(certno);
        assertThat(views(jrId)).isEqualTo(before + 1);
        assertThat(ui.login("auditor").get("/ui/findings").body()).doesNotContain(certno);
    }

    @Test
    void bulkPushMovesTheSelectedFindingsAndSaysSo() {
        String institution = institutionOfDemoUser();
        List<String> three = List.of(newFindingOf(institution, 10), newFindingOf(institution, 11),
                newFindingOf(institution, 12));
        TestingUi.Session auditor = ui.login("auditor");
        auditor.get("/ui/findings");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("action", "PUSH");
        form.put("reason", "批量");
        form.put("_csrf", csrfOf(auditor));
        String body = String.join("&", three.stream().map(id -> "ids=" + id).toList());
        TestingUi.Response r = auditor.postEncoded("/ui/findings/bulk", form, body);
        assertThat(r.status()).isEqualTo(302);
        for (String id : three) {
            assertThat(state(id)).isEqualTo("PUSHED");
        }
        assertThat(auditor.get("/ui/findings").body()).contains("3 条已处理");
    }

    @Test
    void theExportIsAWorkbookWithTheFilteredRows() throws Exception {
        long count = ui.store().jdbc().sql("SELECT count(*) FROM finding WHERE sev_deg = 1").query(Long.class).single();
        byte[] xlsx = ui.login("auditor").getBytes("/ui/findings/export.xlsx?severity=1");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo((int) count);
            assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("疑点编号");
        }
    }

    @Test
    void anActionWithoutTheCsrfTokenAndTheAdministratorOnFindingsAreRefused() {
        String jrId = newFindingOf(institutionOfDemoUser(), 20);
        TestingUi.Session auditor = ui.login("auditor");
        assertThat(auditor.postRaw("/ui/findings/" + jrId + "/act", Map.of("action", "DISMISS", "reason", "x"))
                .status()).isEqualTo(403);
        assertThat(state(jrId)).isEqualTo("NEW");
        assertThat(ui.login("admin").get("/ui/findings").status()).isEqualTo(403);
    }

    private long views(String jrId) {
        return ui.store().jdbc().sql("SELECT count(*) FROM personal_data_view WHERE jr_id = ?").param(jrId)
                .query(Long.class).single();
    }

    private String state(String jrId) {
        return ui.store().jdbc().sql("SELECT state FROM finding WHERE jr_id = ?").param(jrId).query(String.class)
                .single();
    }

    private static String csrfOf(TestingUi.Session s) {
        return s.csrf();
    }
}
