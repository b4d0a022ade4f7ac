package org.fundwatch.duckdb.rules;

import static org.fundwatch.duckdb.rules.RuleAssert.assertRule;
import static org.fundwatch.duckdb.rules.TestingClaims.claims;

import org.junit.jupiter.api.Test;

/**
 * 超用量/超频次/超疗程 rules of the default pack (DOMAIN.md §3.1, §3.2): quantities of one item against a knowledge
 * point's maximum, on net quantities (refund lines subtract), the lines beyond the maximum flagged.
 */
class QuantityRulesTest {

    @Test
    void flagsTheOutpatientLineThatTakesAVisitAboveItsMaximumButNotAQuantityEqualToIt() {
        assertRule("FW-181")
                .on(claims().limit("KP1", "X1", "MAX_CNT_PER_VISIT", "10")
                        .visit("V1", "P1", "H1").line("L1", "V1", "X1").cnt("6").line("L2", "V1", "X1").cnt("4")
                        .visit("V2", "P2", "H1")
                        .line("L3", "V2", "X1").cnt("8").pric("2.50").at("2026-03-02 09:10:00")
                        .line("L4", "V2", "X1").cnt("5").pric("2.50").at("2026-03-02 09:20:00"))
                .flags("L4").withAmount("7.50");
    }

    @Test
    void aRefundThatBringsTheVisitBackToItsMaximumRaisesNothing() {
        assertRule("FW-181")
                .on(claims().limit("KP1", "X1", "MAX_CNT_PER_VISIT", "10")
                        .visit("V1", "P1", "H1").line("L1", "V1", "X1").cnt("12").refund("R1", "L1").cnt("-2"))
                .flagsNothing();
    }

    @Test
    void flagsInpatientQuantityAboveTheMaximumButLeavesOutpatientVisitsToTheOutpatientRule() {
        assertRule("FW-182")
                .on(claims().limit("KP1", "X1", "MAX_CNT_PER_VISIT", "10")
                        .visit("V1", "P1", "H1").medType("21").from("2026-03-01").until("2026-03-05")
                        .line("L1", "V1", "X1").cnt("13").at("2026-03-02")
                        .visit("V2", "P2", "H1").line("L2", "V2", "X1").cnt("13"))
                .flags("L1").withAmount("30.00");
    }

    @Test
    void flagsTheFifteenthDistinctDayOfAFourteenDayCourseButNotFourteenDays() {
        assertRule("FW-191")
                .on(claims().limit("KP1", "X1", "MAX_COURSE_DAYS", "14")
                        .visit("V1", "P1", "H1").medType("21").from("2026-03-01").until("2026-03-20")
                        .repeat(15, (c, i) -> c.line("A" + (i + 1), "V1", "X1").at(day(1 + i)))
                        .line("A1b", "V1", "X1").at("2026-03-01 18:00:00")
                        .visit("V2", "P2", "H1").medType("21").from("2026-03-01").until("2026-03-20")
                        .repeat(14, (c, i) -> c.line("B" + (i + 1), "V2", "X1").at(day(1 + i))))
                .flags("A15");
    }

    @Test
    void flagsUnitsAboveTheDailyMaximumOnTheDayTheyExceedIt() {
        assertRule("FW-221")
                .on(claims().limit("KP1", "X1", "MAX_CNT_PER_DAY", "1")
                        .visit("V1", "P1", "H1").medType("21").from("2026-03-01").until("2026-03-05")
                        .line("L1", "V1", "X1").at("2026-03-01 10:00:00")
                        .line("L2", "V1", "X1").at("2026-03-02 08:00:00")
                        .line("L3", "V1", "X1").at("2026-03-02 20:00:00")
                        .line("L4", "V1", "X1").at("2026-03-03 08:00:00"))
                .flags("L3");
    }

    @Test
    void flagsBedDaysAboveTheLengthOfStayCountingASameDayStayAsOneDay() {
        assertRule("FW-222")
                .on(claims().limit("KP1", "BED", "BED_DAY", "1")
                        .visit("V1", "P1", "H1").medType("21").from("2026-03-01").until("2026-03-04")
                        .line("L1", "V1", "BED").cnt("3").pric("50.00")
                        .visit("V2", "P2", "H1").medType("21").from("2026-03-10").until("2026-03-13")
                        .line("L2", "V2", "BED").cnt("4").pric("50.00")
                        .visit("V3", "P3", "H1").medType("21").from("2026-03-20 08:00:00").until("2026-03-20 18:00:00")
                        .line("L3", "V3", "BED").cnt("1").pric("50.00"))
                .flags("L2").withAmount("50.00");
    }

    private static String day(int dayOfMarch) {
        return String.format("2026-03-%02d", dayOfMarch);
    }
}
