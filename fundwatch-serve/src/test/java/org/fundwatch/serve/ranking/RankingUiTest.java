package org.fundwatch.serve.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fundwatch.serve.TestingCaseWork;
import org.fundwatch.serve.TestingPages;
import org.fundwatch.serve.TestingSessions;
import org.fundwatch.serve.TestingUi;
import org.junit.jupiter.api.Test;

/** The risk ranking page over the shared UI store, driven over HTTP as a browser would. */
class RankingUiTest {
    private static final Pattern ROW = Pattern.compile("<tr id=\"rank-([^\"]+)\">(.*?)</tr>", Pattern.DOTALL);

    private final TestingUi ui = TestingUi.shared();
    private final TestingCaseWork.Done work = TestingCaseWork.on(ui);

    /** One row of the page: the subject's key and the text of a cell by its class. */
    private record Row(String key, String html) {
        String cell(String cls) {
            Matcher m = Pattern.compile("class=\"[^\"]*\\b" + cls + "\\b[^\"]*\">\\s*(?:<a[^>]*>)?([^<]*)<").matcher(html);
            assertThat(m.find()).as(cls + " of " + key).isTrue();
            return m.group(1).strip();
        }

        double number(String cls) {
            return Double.parseDouble(cell(cls).replace(",", ""));
        }
    }

    private static List<Row> rows(String page) {
        List<Row> rows = new ArrayList<>();
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            rows.add(new Row(m.group(1), m.group(2)));
        }
        return rows;
    }

    @Test
    void opensToTheBureauRolesAndTheAdministratorButNotToAnInstitutionUser() {
        for (String role : List.of("auditor", "reviewer", "director", "admin")) {
            assertThat(TestingSessions.login(ui, role).get("/ui/ranking").status()).as(role).isEqualTo(200);
        }
        for (String kind : List.of("institution", "physician", "person")) {
            assertThat(TestingSessions.login(ui, "institution").get("/ui/ranking?kind=" + kind).status())
                    .as(kind).isEqualTo(403);
        }
        TestingUi.Response anonymous = new TestingUi.Session(ui.uri()).get("/ui/ranking");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location()).endsWith("/login");
    }

    /**
     * Every institution with a finding is ranked, by score, and its findings part is 10 · ln(1 + its findings
     * weighted 3/2/1 by severity), counted here from the store without the ones dismissed or overturned.
     */
    @Test
    void ranksInstitutionsByScoreWithTheirSeverityWeightedFindings() {
        List<Row> rows = rows(TestingSessions.login(ui, "auditor").get("/ui/ranking?kind=institution").body());
        long withFindings = ui.store().jdbc().sql("SELECT count(DISTINCT fixmedins_code) FROM finding WHERE state NOT "
                + "IN ('DISMISSED', 'OVERTURNED')").query(Long.class).single();
        assertThat(rows).hasSizeGreaterThanOrEqualTo((int) Math.min(withFindings, RankingController.SHOWN));
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertThat(r.number("rank")).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(r.number("score")).isLessThanOrEqualTo(rows.get(i - 1).number("score"));
            }
            long weighted = ui.store().jdbc().sql("SELECT coalesce(sum(4 - sev_deg), 0) FROM finding WHERE "
                    + "fixmedins_code = ? AND state NOT IN ('DISMISSED', 'OVERTURNED')").param(r.key())
                    .query(Long.class).single();
            assertThat(r.number("part-findings")).as(r.key()).isCloseTo(10 * Math.log1p(weighted), within(0.006));
            assertThat(r.number("score")).isCloseTo(r.number("part-findings") + r.number("part-amount")
                    + r.number("part-indicators") + r.number("part-history"), within(0.015));
        }
        assertThat(rows.get(0).html()).contains("href=\"/ui/institutions/" + rows.get(0).key() + "\"");
    }

    @Test
    void countsTheFindingsConfirmedInTheWorkflowAndTheMoneyBookedAsHistory() {
        String code = work.institution();
        long confirmed = ui.store().jdbc().sql("SELECT count(*) FROM finding WHERE fixmedins_code = ? AND state IN "
                + "('CONFIRMED', 'AWAITING_APPROVAL', 'RECTIFYING', 'PENALTY_NOTIFIED', 'HEARING', 'DEFENCE_CLOSED', "
                + "'CLOSED')").param(code).query(Long.class).single();
        assertThat(confirmed).isGreaterThanOrEqualTo(2);
        Row row = rows(TestingSessions.login(ui, "director").get("/ui/ranking").body()).stream()
                .filter(r -> r.key().equals(code)).findFirst().orElseThrow();
        assertThat(row.number("confirmed")).isEqualTo(confirmed);
        assertThat(row.number("part-history")).isGreaterThanOrEqualTo(10 * Math.log1p(confirmed) - 0.01);
    }

    @Test
    void masksPersonsForTheAuditorAndShowsThemToTheReviewerLoggingEachView() {
        List<Row> masked = rows(TestingSessions.login(ui, "auditor").get("/ui/ranking?kind=person").body());
        assertThat(masked).isNotEmpty();
        assertThat(masked).allSatisfy(r -> assertThat(r.cell("detail")).matches("\\d{4}\\*+[0-9X]{4}|"));
        assertThat(masked.get(0).cell("subject")).matches(".\\*+");
        long before = ui.store().jdbc().sql("SELECT count(*) FROM personal_data_view WHERE purpose = 'risk ranking'")
                .query(Long.class).single();
        List<Row> clear = rows(TestingSessions.login(ui, "reviewer").get("/ui/ranking?kind=person").body());
        assertThat(clear.get(0).cell("detail")).matches("[0-9]{17}[0-9X]");
        long after = ui.store().jdbc().sql("SELECT count(*) FROM personal_data_view WHERE purpose = 'risk ranking'")
                .query(Long.class).single();
        assertThat(after - before).isEqualTo(clear.size());
        // a person links to their largest finding
        assertThat(clear.get(0).html()).containsPattern("href=\"/ui/findings/[0-9a-f]{32}\"");
        List<Row> admin = rows(TestingSessions.login(ui, "admin").get("/ui/ranking?kind=person").body());
        assertThat(admin.get(0).cell("detail")).contains("*");
        assertThat(admin.get(0).html()).doesNotContain("href=");
    }

    @Test
    void ranksPhysiciansAtTheirInstitutionsAndDrawsTheTopTwentysParts() {
        String page = TestingSessions.login(ui, "reviewer").get("/ui/ranking?kind=physician").body();
        List<Row> rows = rows(page);
        assertThat(rows).hasSizeGreaterThan(10);
        assertThat(rows.get(0).html()).containsPattern("href=\"/ui/institutions/[^\"]+\"");
        var chart = TestingPages.charts(page).get(0);
        assertThat(chart.path("series")).hasSize(4);
        assertThat(chart.path("yAxis").path("data")).hasSize(Math.min(20, rows.size()));
        assertThat(chart.path("series").get(0).path("data").get(0).asDouble())
                .isCloseTo(rows.get(0).number("part-findings"), within(0.006));
    }

    @Test
    void speaksEnglishOnLangEn() {
        String page = TestingSessions.login(ui, "reviewer").get("/ui/ranking?kind=institution&lang=en").body();
        assertThat(page).contains("Risk ranking", "Findings part", "Institutions").doesNotContain("风险分");
    }
}
