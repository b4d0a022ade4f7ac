package org.fundwatch.serve.institutions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fundwatch.serve.TestingCaseWork;
import org.fundwatch.serve.TestingPages;
import org.fundwatch.serve.TestingSessions;
import org.fundwatch.serve.TestingUi;
import org.junit.jupiter.api.Test;

class InstitutionsTest {
    private static final Pattern ROW = Pattern.compile("<tr id=\"row-([^\"]+)\">(.*?)</tr>", Pattern.DOTALL);

    private final TestingUi ui = TestingUi.shared();
    private final TestingCaseWork.Done work = TestingCaseWork.on(ui);

    @Test
    void listsEachInstitutionsSettlementsAndFindingsToTheBureauRoles() {
        String code = work.institution();
        long findings = ui.store().jdbc().sql("SELECT count(*) FROM finding WHERE fixmedins_code = ?").param(code)
                .query(Long.class).single();
        long settlements = ui.store().jdbc().sql("SELECT sum(settlements) FROM settlement_month WHERE "
                + "fixmedins_code = ?").param(code).query(Long.class).single();
        long institutions = ui.store().jdbc().sql("SELECT count(*) FROM institution").query(Long.class).single();
        for (String role : List.of("auditor", "reviewer", "director")) {
            TestingUi.Response page = TestingSessions.login(ui, role).get("/ui/institutions");
            assertThat(page.status()).as(role).isEqualTo(200);
            assertThat(rows(page.body())).hasSize((int) institutions);
            assertThat(cell(page.body(), code, "findings")).isEqualTo(String.format(Locale.ROOT, "%,d", findings));
            assertThat(cell(page.body(), code, "settlements")).isEqualTo(String.format(Locale.ROOT, "%,d",
                    settlements));
        }
    }

    @Test
    void sortsByTheSortParameterAndByAmountWhenItNamesNoOrder() {
        TestingUi.Session s = TestingSessions.login(ui, "reviewer");
        List<String> byFindings = rows(s.get("/ui/institutions?sort=findings").body());
        assertThat(byFindings).isEqualTo(ui.store().jdbc().sql("""
                SELECT c.code FROM (SELECT fixmedins_code AS code FROM institution) c
                LEFT JOIN (SELECT fixmedins_code, count(*) AS n FROM finding GROUP BY fixmedins_code) f
                       ON f.fixmedins_code = c.code
                ORDER BY coalesce(f.n, 0) DESC, c.code""").query(String.class).list());
        List<String> byCode = rows(s.get("/ui/institutions?sort=code").body());
        assertThat(byCode).isSorted();
        assertThat(rows(s.get("/ui/institutions?sort=nonsense;DROP").body()))
                .isEqualTo(rows(s.get("/ui/institutions?sort=amount").body()));
    }

    @Test
    void refusesTheTableToTheInstitutionUserAndTheAdministrator() {
        assertThat(TestingSessions.login(ui, "institution").get("/ui/institutions").status()).isEqualTo(403);
        assertThat(TestingSessions.login(ui, "admin").get("/ui/institutions").status()).isEqualTo(403);
    }

    @Test
    void showsTheBureauEveryFindingOfAnInstitutionAndTheInstitutionOnlyThosePushedToIt() {
        String code = work.institution();
        long all = ui.store().jdbc().sql("SELECT count(*) FROM finding WHERE fixmedins_code = ?").param(code)
                .query(Long.class).single();
        long pushed = ui.store().jdbc().sql("SELECT count(*) FROM finding WHERE fixmedins_code = ? AND pushed_at IS "
                + "NOT NULL").param(code).query(Long.class).single();
        assertThat(pushed).isPositive().isLessThan(all);
        String path = "/ui/institutions/" + code;
        assertThat(TestingPages.text(TestingSessions.login(ui, "director").get(path).body(), "findings")).isEqualTo(
                String.valueOf(all));
        TestingUi.Response own = TestingSessions.login(ui, "institution").get(path);
        assertThat(own.status()).isEqualTo(200);
        assertThat(TestingPages.text(own.body(), "findings")).isEqualTo(String.valueOf(pushed));
        String unpushed = ui.store().jdbc().sql("SELECT jr_id FROM finding WHERE fixmedins_code = ? AND pushed_at IS "
                + "NULL ORDER BY vola_amt DESC NULLS LAST LIMIT 1").param(code).query(String.class).single();
        assertThat(own.body()).doesNotContain(unpushed);
    }

    @Test
    void refusesAnInstitutionUserAnotherInstitutionsProfileAndTheAdministratorAny() {
        assertThat(TestingSessions.login(ui, "institution").get("/ui/institutions/" + work.otherInstitution()).status())
                .isEqualTo(403);
        assertThat(TestingSessions.login(ui, "admin").get("/ui/institutions/" + work.institution()).status())
                .isEqualTo(403);
    }

    @Test
    void answersNotFoundForACodeTheStoreDoesNotKnow() {
        assertThat(TestingSessions.login(ui, "auditor").get("/ui/institutions/NO-SUCH-CODE").status()).isEqualTo(404);
    }

    @Test
    void countsAnAppealOverturnedAsWonAndOneUpheldAsLost() {
        String code = work.institution();
        String decided = """
                SELECT count(DISTINCT a.jr_id) FROM audit_log a JOIN finding f ON f.jr_id = a.jr_id
                JOIN audit_log d ON d.jr_id = a.jr_id AND d.audit_id > a.audit_id AND d.action = ?
                WHERE a.action = 'APPEAL' AND f.fixmedins_code = ?""";
        long won = ui.store().jdbc().sql(decided).params("OVERTURN", code).query(Long.class).single();
        long lost = ui.store().jdbc().sql(decided).params("UPHOLD", code).query(Long.class).single();
        assertThat(won).isPositive();
        assertThat(lost).isPositive();
        String page = TestingSessions.login(ui, "reviewer").get("/ui/institutions/" + code).body();
        assertThat(TestingPages.text(page, "appeals-won")).isEqualTo(String.valueOf(won));
        assertThat(TestingPages.text(page, "appeals-lost")).isEqualTo(String.valueOf(lost));
    }

    @Test
    void linksTheLargestOpenFindingToItsPageAndTheQueueFilteredByTheInstitution() {
        String code = work.institution();
        String largest = ui.store().jdbc().sql("SELECT jr_id FROM finding WHERE fixmedins_code = ? AND state NOT IN "
                        + "('DISMISSED', 'OVERTURNED', 'CLOSED') ORDER BY vola_amt DESC NULLS LAST, jr_id LIMIT 1")
                .param(code).query(String.class).single();
        String page = TestingSessions.login(ui, "auditor").get("/ui/institutions/" + code).body();
        assertThat(page).contains("href=\"/ui/findings/" + largest + "\"")
                .contains("href=\"/ui/findings?institution=" + code + "\"");
        assertThat(page).doesNotContain("href=\"/ui/findings/" + work.won() + "\"");
    }

    @Test
    void speaksEnglishOnLangEn() {
        TestingUi.Session s = TestingSessions.login(ui, "reviewer");
        assertThat(s.get("/ui/institutions?lang=en").body()).contains("Findings per 1,000 settlements")
                .doesNotContain("每千结算人次疑点数");
        assertThat(s.get("/ui/institutions/" + work.institution()).body()).contains("Appeals",
                "The 20 largest open findings", "Findings by month and violation type").doesNotContain("申诉结果");
    }

    @Test
    void drawsTheProfilesThreeChartsEachWithItsData() {
        List<JsonNode> charts = TestingPages.charts(TestingSessions.login(ui, "reviewer").get("/ui/institutions/"
                + work.institution()).body());
        assertThat(charts).hasSize(3);
        for (JsonNode chart : charts) {
            String title = chart.path("title").path("text").asText();
            assertThat(chart.path("series")).as(title).isNotEmpty();
            chart.path("series").forEach(s -> assertThat(s.path("data")).as(title + " " + s).isNotEmpty());
        }
    }

    /** The codes of the table's rows, in order. */
    private static List<String> rows(String page) {
        List<String> codes = new ArrayList<>();
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private static String cell(String page, String code, String column) {
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            if (m.group(1).equals(code)) {
                Matcher c = Pattern.compile("class=\"num " + column + "\">([^<]*)<").matcher(m.group(2));
                assertThat(c.find()).as(column + " of " + code).isTrue();
                return c.group(1);
            }
        }
        throw new AssertionError("no row of " + code);
    }
}
