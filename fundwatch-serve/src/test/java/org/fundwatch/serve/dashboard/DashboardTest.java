package org.fundwatch.serve.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fundwatch.serve.TestingCaseWork;
import org.fundwatch.serve.TestingPages;
import org.fundwatch.serve.TestingSessions;
import org.fundwatch.serve.TestingUi;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseCommand;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.users.Role;
import org.junit.jupiter.api.Test;

class DashboardTest {
    private final TestingUi ui = TestingUi.shared();
    private final TestingCaseWork.Done work = TestingCaseWork.on(ui);

    @Test
    void showsEachBureauRoleTheTotalsOfTheStore() {
        long findings = ui.store().jdbc().sql("SELECT count(*) FROM finding").query(Long.class).single();
        long settlements = ui.store().jdbc().sql("SELECT sum(settlements) FROM settlement_month")
                .query(Long.class).single();
        BigDecimal deducted = ui.store().jdbc().sql("SELECT sum(amount) FROM ledger_entry WHERE kind = 'DEDUCTION'")
                .query(BigDecimal.class).single();
        assertThat(deducted).isPositive();
        for (String role : List.of("auditor", "reviewer", "director")) {
            TestingUi.Response page = TestingSessions.login(ui, role).get("/ui/dashboard");
            assertThat(page.status()).as(role).isEqualTo(200);
            assertThat(TestingPages.text(page.body(), "findings")).isEqualTo(String.format(Locale.ROOT, "%,d",
                    findings));
            assertThat(TestingPages.text(page.body(), "settlements")).isEqualTo(String.format(Locale.ROOT, "%,d",
                    settlements));
            assertThat(TestingPages.text(page.body(), "booked-DEDUCTION")).isEqualTo(money(deducted));
        }
    }

    @Test
    void countsAsOpenEveryFindingNotInATerminalState() {
        long open = ui.store().jdbc().sql("SELECT count(*) FROM finding WHERE state NOT IN ('DISMISSED', "
                + "'OVERTURNED', 'CLOSED')").query(Long.class).single();
        String page = TestingSessions.login(ui, "reviewer").get("/ui/dashboard").body();
        assertThat(TestingPages.text(page, "open")).isEqualTo(String.format(Locale.ROOT, "%,d", open));
    }

    @Test
    void refusesTheInstitutionUserAndTheAdministrator() {
        assertThat(TestingSessions.login(ui, "institution").get("/ui/dashboard").status()).isEqualTo(403);
        assertThat(TestingSessions.login(ui, "admin").get("/ui/dashboard").status()).isEqualTo(403);
    }

    @Test
    void speaksChineseByDefaultAndEnglishOnLangEn() {
        TestingUi.Session s = TestingSessions.login(ui, "auditor");
        String zh = s.get("/ui/dashboard").body();
        assertThat(zh).contains("未办结疑点", "疑点处理状态").doesNotContain("Open findings");
        String en = s.get("/ui/dashboard?lang=en").body();
        assertThat(en).contains("Open findings", "Findings by state", "Refused or deducted")
                .doesNotContain("未办结疑点", "疑点处理状态");
    }

    @Test
    void drawsSixChartsEachWithItsData() {
        List<JsonNode> charts = TestingPages.charts(TestingSessions.login(ui, "director").get("/ui/dashboard").body());
        assertThat(charts).hasSize(6);
        for (JsonNode chart : charts) {
            String title = chart.path("title").path("text").asText();
            assertThat(chart.path("series").isArray()).as(title).isTrue();
            assertThat(chart.path("series")).as(title).isNotEmpty();
            chart.path("series").forEach(s -> assertThat(s.path("data")).as(title + " " + s).isNotEmpty());
        }
    }

    @Test
    void showsTheUnassignedOpenWorkAsUnassignedBesideTheAssignees() {
        assertThat(work.assigned()).hasSize(2);
        Map<String, Long> workload = workload(TestingSessions.login(ui, "auditor").get("/ui/dashboard").body());
        assertThat(workload).containsKeys("未分派", "初审员（演示）");
        assertThat(workload.get("未分派")).isEqualTo(openUnassigned());
    }

    @Test
    void showsAFindingAssignedSinceTheLastView() {
        TestingUi.Session s = TestingSessions.login(ui, "reviewer");
        long before = workload(s.get("/ui/dashboard").body()).get("未分派");
        String jrId = ui.store().jdbc().sql("SELECT jr_id FROM finding WHERE state = 'NEW' AND assignee IS NULL "
                + "ORDER BY jr_id DESC LIMIT 1").query(String.class).single();
        new Cases(ui.store(), Clock.systemDefaultZone()).act(Actor.of("director", Role.DIRECTOR), jrId,
                CaseCommand.assign("director", "分派"));
        Map<String, Long> after = workload(s.get("/ui/dashboard").body());
        assertThat(after.get("未分派")).isEqualTo(before - 1).isEqualTo(openUnassigned());
        assertThat(after).containsKey("负责人（演示）");
    }

    private long openUnassigned() {
        return ui.store().jdbc().sql("SELECT count(*) FROM finding WHERE assignee IS NULL AND state NOT IN "
                + "('DISMISSED', 'OVERTURNED', 'CLOSED')").query(Long.class).single();
    }

    /** The workload chart: assignee → open findings, overdue or not. */
    private static Map<String, Long> workload(String page) {
        JsonNode chart = chart(page, "各经办人未办结与超期疑点");
        Map<String, Long> open = new LinkedHashMap<>();
        for (int i = 0; i < chart.path("xAxis").path("data").size(); i++) {
            long n = 0;
            for (JsonNode series : chart.path("series")) {
                n += series.path("data").get(i).asLong();
            }
            open.put(chart.path("xAxis").path("data").get(i).asText(), n);
        }
        return open;
    }

    private static JsonNode chart(String page, String title) {
        return TestingPages.charts(page).stream().filter(c -> c.path("title").path("text").asText().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no chart " + title));
    }

    static String money(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
    }
}
