package org.fundwatch.serve.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fundwatch.serve.TestingCaseWork;
import org.fundwatch.serve.TestingSessions;
import org.fundwatch.serve.TestingUi;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final Pattern ROW = Pattern.compile("<tr id=\"(row-[^\"]+|totals)\">(.*?)</tr>", Pattern.DOTALL);

    private final TestingUi ui = TestingUi.shared();
    private final TestingCaseWork.Done work = TestingCaseWork.on(ui);

    @Test
    void showsTheReviewerAndTheDirectorTheSumsPerInstitutionAndMonthAndTheirTotals() {
        BigDecimal deducted = sum("SELECT sum(amount) FROM ledger_entry WHERE kind = 'DEDUCTION'");
        String month = month(work.institution());
        BigDecimal mine = sum("SELECT sum(amount) FROM ledger_entry WHERE fixmedins_code = ? AND month = ?",
                work.institution(), month);
        assertThat(deducted).isPositive();
        for (String role : List.of("reviewer", "director")) {
            TestingUi.Response page = TestingSessions.login(ui, role).get("/ui/ledger");
            assertThat(page.status()).as(role).isEqualTo(200);
            assertThat(cell(page.body(), "totals", "DEDUCTION")).isEqualTo(money(deducted));
            assertThat(cell(page.body(), "row-" + work.institution() + "-" + month, "total")).isEqualTo(money(mine));
        }
    }

    @Test
    void filtersByInstitutionAndByMonth() {
        TestingUi.Session s = TestingSessions.login(ui, "reviewer");
        assertThat(rows(s.get("/ui/ledger?institution=" + work.otherInstitution()).body()))
                .isNotEmpty().allMatch(r -> r.startsWith("row-" + work.otherInstitution() + "-"));
        String month = month(work.institution());
        assertThat(rows(s.get("/ui/ledger?month=" + month).body())).isNotEmpty().allMatch(r -> r.endsWith(month));
        assertThat(s.get("/ui/ledger?month=1999-01").body()).contains("没有台账记录");
    }

    @Test
    void showsAnInstitutionUserOnlyItsOwnRowsAndEntries() {
        TestingUi.Session s = TestingSessions.login(ui, "institution");
        List<String> rows = rows(s.get("/ui/ledger").body());
        assertThat(rows).isNotEmpty().allMatch(r -> r.startsWith("row-" + work.institution() + "-"));
        String entries = s.get("/ui/ledger/entries").body();
        assertThat(entries).contains(work.accepted()).doesNotContain(work.otherAccepted())
                .doesNotContain(work.otherInstitution());
        assertThat(s.get("/ui/ledger?institution=" + work.otherInstitution()).status()).isEqualTo(403);
        assertThat(s.get("/ui/ledger/entries?institution=" + work.otherInstitution()).status()).isEqualTo(403);
    }

    @Test
    void refusesTheAuditorAndTheAdministrator() {
        for (String role : List.of("auditor", "admin")) {
            TestingUi.Session s = TestingSessions.login(ui, role);
            assertThat(s.get("/ui/ledger").status()).as(role).isEqualTo(403);
            assertThat(s.get("/ui/ledger/entries").status()).as(role).isEqualTo(403);
        }
    }

    @Test
    void listsTheEntriesOfAnInstitutionAndMonthLinkedToTheirFindings() {
        String month = month(work.institution());
        long entries = ui.store().jdbc().sql("SELECT count(*) FROM ledger_entry WHERE fixmedins_code = ? AND "
                + "month = ?").params(work.institution(), month).query(Long.class).single();
        String page = TestingSessions.login(ui, "director").get("/ui/ledger/entries?institution="
                + work.institution() + "&month=" + month).body();
        assertThat(count(page, "<tr class=\"entry\">")).isEqualTo(entries).isGreaterThanOrEqualTo(4);
        assertThat(page).contains("href=\"/ui/findings/" + work.accepted() + "\"", "违约金", "罚款")
                .doesNotContain(work.otherAccepted());
    }

    @Test
    void speaksEnglishOnLangEn() {
        TestingUi.Session s = TestingSessions.login(ui, "reviewer");
        assertThat(s.get("/ui/ledger?lang=en").body()).contains("Liquidated damages", "Totals")
                .doesNotContain("违约金", "总计");
        assertThat(s.get("/ui/ledger/entries").body()).contains("Booked at", "Fine").doesNotContain("入账时间");
    }

    private String month(String institution) {
        return ui.store().jdbc().sql("SELECT max(month) FROM ledger_entry WHERE fixmedins_code = ?")
                .param(institution).query(String.class).single();
    }

    private BigDecimal sum(String sql, Object... params) {
        return ui.store().jdbc().sql(sql).params(params).query(BigDecimal.class).single();
    }

    private static List<String> rows(String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            if (m.group(1).startsWith("row-")) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static String cell(String page, String row, String column) {
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            if (m.group(1).equals(row)) {
                Matcher c = Pattern.compile("class=\"num " + column + "\">([^<]*)<").matcher(m.group(2));
                assertThat(c.find()).as(column + " of " + row).isTrue();
                return c.group(1);
            }
        }
        throw new AssertionError("no row " + row);
    }

    private static long count(String page, String what) {
        return page.split(Pattern.quote(what), -1).length - 1;
    }

    private static String money(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
    }
}
