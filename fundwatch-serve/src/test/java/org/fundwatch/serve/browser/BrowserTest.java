package org.fundwatch.serve.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.fundwatch.serve.TestingUi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review workflow clicked through in a real Chromium: an auditor confirms and pushes a finding, the institution
 * appeals with a file, the reviewer upholds and decides a deduction, which the ledger shows; an institution user
 * opening another institution's finding by URL gets 403; the charts render.
 */
class BrowserTest {
    private static final TestingUi UI = TestingUi.shared();
    private static TestingBrowser browser;

    @BeforeAll
    static void open() {
        browser = TestingBrowser.open(UI.uri());
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    /**
     * Waits for the finding's state to read {@code expected}: right after a click the old page may still be there,
     * so reading the state at once can see the state before the action.
     */
    private static void assertState(String expected) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(
                    ExpectedConditions.textToBe(By.id("state"), expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(browser.waitFor(By.id("state")).getText()).isEqualTo(expected);
        }
    }

    private static String institution() {
        return UI.store().jdbc().sql("SELECT fixmedins_code FROM app_user WHERE username = 'institution'")
                .query(String.class).single();
    }

    @Test
    void aFindingGoesFromFirstReviewThroughAppealToADeductionInTheLedger(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String jrId = UI.store().jdbc().sql("SELECT jr_id FROM finding WHERE state = 'NEW' AND fixmedins_code = ? "
                        + "AND mdtrt_id IS NOT NULL AND vola_amt > 0 ORDER BY vola_amt DESC, jr_id LIMIT 1 OFFSET 3")
                .param(institution()).query(String.class).single();

        browser.login("auditor", UI.password("auditor"));
        browser.go("/ui/findings");
        browser.waitFor(By.id("queue"));
        browser.screenshot("findings-queue");
        browser.go("/ui/findings/" + jrId);
        browser.waitFor(By.id("lines"));
        browser.waitFor(By.cssSelector("#timeline svg"));
        browser.screenshot("finding-detail");
        browser.driver().findElement(By.cssSelector("#act-PUSH input[name=reason]")).sendKeys("初审确认，推送机构");
        browser.driver().findElement(By.cssSelector("#act-PUSH button")).click();
        assertState("待机构申诉");

        browser.login("institution", UI.password("institution"));
        browser.go("/ui/findings/" + jrId);
        Path record = Files.write(dir.resolve("病程记录.pdf"), "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".getBytes());
        browser.driver().findElement(By.cssSelector("#act-APPEAL input[name=files]"))
                .sendKeys(record.toAbsolutePath().toString());
        browser.driver().findElement(By.cssSelector("#act-APPEAL input[name=reason]")).sendKeys("该药品为患者病情所需");
        browser.driver().findElement(By.cssSelector("#act-APPEAL button")).click();
        assertState("已申诉");
        assertThat(browser.driver().getPageSource()).contains("病程记录.pdf");

        browser.login("reviewer", UI.password("reviewer"));
        browser.go("/ui/findings/" + jrId);
        browser.driver().findElement(By.cssSelector("#act-UPHOLD input[name=reason]")).sendKeys("病程记录不支持");
        browser.driver().findElement(By.cssSelector("#act-UPHOLD button")).click();
        assertState("违规确认待处理");
        browser.driver().findElement(By.cssSelector("#act-DECIDE_AGREEMENT input[name=deduction]")).sendKeys("8.88");
        browser.driver().findElement(By.cssSelector("#act-DECIDE_AGREEMENT input[name=reason]")).sendKeys("拒付");
        browser.driver().findElement(By.cssSelector("#act-DECIDE_AGREEMENT button")).click();
        assertState("已处理");

        assertThat(UI.store().jdbc().sql("SELECT amount FROM ledger_entry WHERE jr_id = ?").param(jrId)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("8.88");
        // the ledger shows the institution's month, and among its entries this deduction
        browser.go("/ui/ledger?institution=" + institution());
        browser.waitFor(By.tagName("table"));
        browser.screenshot("ledger");
        browser.go("/ui/ledger/entries?institution=" + institution() + "&month=" + java.time.YearMonth.now());
        assertThat(browser.waitFor(By.tagName("main")).getText()).contains("8.88").contains(jrId);
    }

    @Test
    void theDashboardDrawsItsChartsAndTheMainPagesRenderInChinese() {
        browser.login("reviewer", UI.password("reviewer"));
        browser.go("/ui/dashboard");
        browser.waitFor(By.cssSelector(".chart svg"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
                d.findElements(By.cssSelector(".chart svg")).size() == d.findElements(By.cssSelector(".chart")).size());
        // ECharts drew into each chart: shapes, not an empty canvas
        assertThat(browser.driver().findElements(By.cssSelector(".chart svg path"))).hasSizeGreaterThan(10);
        browser.screenshot("dashboard");
        String code = institution();
        browser.go("/ui/institutions/" + code);
        browser.waitFor(By.cssSelector(".chart svg"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
                d.findElements(By.cssSelector(".chart svg")).size() == d.findElements(By.cssSelector(".chart")).size());
        // an indicator's chart: the peers' boxes and the institution's line, drawn
        assertThat(browser.driver().findElements(By.cssSelector("#chart-DRUG_SHARE svg path"))).hasSizeGreaterThan(5);
        browser.screenshot("institution-profile");
        String group = UI.store().jdbc().sql("SELECT jr_id FROM finding WHERE vola_bhvr_type = 'GROUP_VISITS' "
                + "ORDER BY jr_id LIMIT 1").query(String.class).single();
        browser.go("/ui/findings/" + group);
        // the group graph: a node per member, drawn
        browser.waitFor(By.cssSelector("#group-graph svg"));
        assertThat(browser.driver().findElements(By.cssSelector("#group-graph svg path"))).hasSizeGreaterThan(5);
        browser.screenshot("group-graph");
        browser.go("/ui/ranking");
        browser.waitFor(By.cssSelector("#ranking-chart svg"));
        browser.screenshot("ranking");
        browser.go("/ui/dashboard?lang=en");
        assertThat(browser.waitFor(By.tagName("h1")).getText()).doesNotContainPattern("[\\u4e00-\\u9fff]");
        browser.go("/ui/dashboard?lang=zh_CN");
        browser.login("admin", UI.password("admin"));
        browser.go("/ui/admin/rules");
        browser.waitFor(By.id("rules"));
        browser.screenshot("rules");
    }

    @Test
    void anInstitutionUserOpeningAnotherInstitutionsFindingByUrlGets403() {
        String other = UI.store().jdbc().sql("SELECT jr_id FROM finding WHERE fixmedins_code <> ? ORDER BY jr_id "
                + "LIMIT 1 OFFSET 7").param(institution()).query(String.class).single();
        browser.login("institution", UI.password("institution"));
        browser.go("/ui/findings/" + other);
        assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("无权访问此页面");
    }

    @Test
    void theQueueFiltersWithoutReloadingThePage() {
        browser.login("auditor", UI.password("auditor"));
        browser.go("/ui/findings");
        browser.waitFor(By.id("queue"));
        browser.driver().findElement(By.tagName("body")).getAttribute("data-marker");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("document.body.dataset.marker='x'");
        new Select(browser.driver().findElement(By.name("type"))).selectByValue("OVER_PRICE_CAP");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl()
                .contains("type=OVER_PRICE_CAP"));
        // htmx swapped the results in: the page itself (and its marker) stayed
        assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-marker")).isEqualTo("x");
        assertThat(browser.driver().findElements(By.cssSelector("#queue tbody tr"))).isNotEmpty()
                .allSatisfy(row -> assertThat(row.getText()).contains("超标准收费"));
    }
}
