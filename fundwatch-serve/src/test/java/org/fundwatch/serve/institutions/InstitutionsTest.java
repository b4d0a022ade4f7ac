package org.fundwatch.serve.institutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
                "The 20 largest open findings", "Findings by month and violation type", "Indicators against peers",
                "drug share", "Peer distribution").doesNotContain("申诉结果").doesNotContain("药占比");
    }

    @Test
    void drawsTheProfilesThreeChartsAndOneChartPerIndicatorEachWithItsData() {
        String code = work.institution();
        List<JsonNode> charts = TestingPages.charts(TestingSessions.login(ui, "reviewer").get("/ui/institutions/"
                + code).body());
        long indicators = ui.store().jdbc().sql("SELECT count(DISTINCT indicator) FROM indicator_value WHERE "
                + "unit_level = 'INSTITUTION' AND fixmedins_code = ?").param(code).query(Long.class).single();
        assertThat(indicators).isGreaterThanOrEqualTo(10);
        assertThat(charts).hasSize(3 + (int) indicators);
        for (JsonNode chart : charts) {
            String title = chart.path("title").path("text").asText();
            assertThat(chart.path("series")).as(title).isNotEmpty();
            chart.path("series").forEach(s -> assertThat(s.path("data")).as(title + " " + s).isNotEmpty());
        }
    }

    /**
     * Each indicator's chart draws the institution's own values month by month (shares in percent) over a boxplot
     * of its peers' values: the institutions of the same type, level and kind with at least 10 visits that month.
     */
    @Test
    void drawsEachIndicatorsMonthlyTrendOverTheBoxplotOfItsPeers() {
        String code = work.institution();
        var jdbc = ui.store().jdbc();
        String page = TestingSessions.login(ui, "auditor").get("/ui/institutions/" + code).body();
        JsonNode chart = TestingPages.charts(page).stream()
                .filter(c -> c.path("title").path("text").asText().equals("药占比")).findFirst().orElseThrow();
        JsonNode box = chart.path("series").get(0);
        JsonNode line = chart.path("series").get(1);
        assertThat(box.path("type").asText()).isEqualTo("boxplot");
        assertThat(line.path("type").asText()).isEqualTo("line");
        List<String> months = new ArrayList<>();
        chart.path("xAxis").path("data").forEach(m -> months.add(m.asText()));
        assertThat(months).isEqualTo(jdbc.sql("SELECT month FROM indicator_value WHERE unit_level = 'INSTITUTION' "
                + "AND fixmedins_code = ? AND indicator = 'DRUG_SHARE' ORDER BY month").param(code)
                .query(String.class).list()).isNotEmpty();
        for (int i = 0; i < months.size(); i++) {
            double own = jdbc.sql("SELECT value FROM indicator_value WHERE unit_level = 'INSTITUTION' AND "
                    + "fixmedins_code = ? AND indicator = 'DRUG_SHARE' AND month = ?").params(code, months.get(i))
                    .query(Double.class).single();
            assertThat(line.path("data").get(i).asDouble()).isCloseTo(own * 100, within(1e-3));
            List<Double> peers = jdbc.sql("""
                    SELECT p.value * 100 FROM indicator_value p JOIN indicator_value me
                      ON me.fixmedins_code = ? AND me.unit_level = 'INSTITUTION' AND me.indicator = p.indicator
                     AND me.month = p.month AND me.fixmedins_type = p.fixmedins_type AND me.medins_lv = p.medins_lv
                     AND me.medins_type = p.medins_type
                    WHERE p.unit_level = 'INSTITUTION' AND p.indicator = 'DRUG_SHARE' AND p.month = ?
                      AND p.denominator_count >= 10 ORDER BY p.value""").params(code, months.get(i))
                    .query(Double.class).list();
            assertThat(peers).hasSizeGreaterThanOrEqualTo(4);
            JsonNode five = box.path("data").get(i);
            assertThat(five.get(0).asDouble()).isCloseTo(peers.get(0), within(1e-3));
            assertThat(five.get(4).asDouble()).isCloseTo(peers.get(peers.size() - 1), within(1e-3));
            int n = peers.size();
            double median = n % 2 == 1 ? peers.get(n / 2) : (peers.get(n / 2 - 1) + peers.get(n / 2)) / 2;
            assertThat(five.get(2).asDouble()).isCloseTo(median, within(1e-3));
        }
    }

    @Test
    void listsTheDepartmentsAndPhysiciansFarAboveTheSameUnitsOfPeerInstitutions() {
        var jdbc = ui.store().jdbc();
        String code = jdbc.sql("SELECT fixmedins_code FROM indicator_value WHERE unit_level IN ('DEPARTMENT', "
                + "'PHYSICIAN') AND robust_z >= 3 GROUP BY fixmedins_code ORDER BY count(*) DESC, fixmedins_code "
                + "LIMIT 1").query(String.class).single();
        long outliers = jdbc.sql("SELECT count(*) FROM indicator_value WHERE fixmedins_code = ? AND unit_level IN "
                + "('DEPARTMENT', 'PHYSICIAN') AND robust_z >= 3").param(code).query(Long.class).single();
        double top = jdbc.sql("SELECT max(robust_z) FROM indicator_value WHERE fixmedins_code = ? AND unit_level IN "
                + "('DEPARTMENT', 'PHYSICIAN')").param(code).query(Double.class).single();
        String page = TestingSessions.login(ui, "reviewer").get("/ui/institutions/" + code).body();
        String table = page.substring(page.indexOf("id=\"unit-outliers\""), page.indexOf("</table>",
                page.indexOf("id=\"unit-outliers\"")));
        Matcher z = Pattern.compile("class=\"num z\">([-0-9.,]+)<").matcher(table);
        List<Double> zs = new ArrayList<>();
        while (z.find()) {
            zs.add(Double.parseDouble(z.group(1).replace(",", "")));
        }
        assertThat(zs).hasSize((int) Math.min(20, outliers)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(zs.get(0)).isCloseTo(top, within(0.006));
        assertThat(zs).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(3));
    }

    @Test
    void marksAnIndicatorWhoseRobustZIsThreeOrMoreInTheLatestMonth() {
        var outlier = ui.store().jdbc().sql("""
                SELECT v.fixmedins_code || ' ' || v.indicator FROM indicator_value v
                WHERE v.unit_level = 'INSTITUTION' AND v.robust_z >= 3
                  AND v.month = (SELECT max(month) FROM indicator_value)
                ORDER BY v.robust_z DESC LIMIT 1""").query(String.class).single().split(" ");
        String page = TestingSessions.login(ui, "director").get("/ui/institutions/" + outlier[0]).body();
        Matcher row = Pattern.compile("<tr id=\"indicator-" + outlier[1] + "\"\\s+class=\"outlier\">")
                .matcher(page);
        assertThat(row.find()).as(outlier[1] + " of " + outlier[0] + " marked").isTrue();
        assertThat(page).contains("id=\"indicator-VISITS\">");
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
