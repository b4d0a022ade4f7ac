package org.fundwatch.duckdb.rules;

import static org.fundwatch.duckdb.rules.RuleAssert.assertRule;
import static org.fundwatch.duckdb.rules.TestingClaims.claims;

import org.junit.jupiter.api.Test;

/**
 * Statistical and big-data models of the default pack (DOMAIN.md §3.4 institution behaviour and §3.5 groups): each
 * fires on its pattern, stays quiet just below each threshold, and follows a threshold changed in the pack.
 */
class ModelRulesTest {

    // ---- OFF_HOURS_SETTLEMENT ----

    @Test
    void flagsAPharmacySettlementAfterClosingButNotInTheClosingMinute() {
        assertRule("FW-401")
                .on(claims()
                        .pharmacy("PH1").hours("08:00", "21:00")
                        .visit("V1", "P1", "PH1").from("2026-03-02 22:25").settledAt("2026-03-02 22:30:00")
                        .pharmacy("PH2").hours("08:00", "21:00")
                        .visit("V2", "P2", "PH2").from("2026-03-02 20:58").settledAt("2026-03-02 21:00:59")
                        .visit("V3", "P3", "PH2").from("2026-03-02 07:59").settledAt("2026-03-02 08:00:00"))
                .flagsInstitutions("PH1")
                .explainedAs("08:00–21:00");
    }

    @Test
    void flagsAPharmacyWhoseSettlementsBunchInItsFirstAndLastOpeningHour() {
        assertRule("FW-401")
                .on(bunchedPharmacies(20))
                .flagsInstitutions("PH0")
                .explainedAs("稳健Z值");
    }

    @Test
    void leavesTheOpeningHourShareAloneBelowTheMonthlySettlementCount() {
        assertRule("FW-401").on(bunchedPharmacies(19)).flagsNothing();
        assertRule("FW-401").withParams("min_settlements=19").on(bunchedPharmacies(19)).flagsInstitutions("PH0");
    }

    /** Four pharmacies with {@code n} settlements in March each: PH0 settles 12 in its first hour, the others 1. */
    private static TestingClaims bunchedPharmacies(int n) {
        return claims().repeat(4, (c, p) -> c.pharmacy("PH" + p).hours("08:00", "21:00")
                .repeat(n, (d, i) -> d.visit("V" + p + "-" + i, "P" + p + "-" + i, "PH" + p)
                        .from("2026-03-" + String.format("%02d", 2 + i) + (i < (p == 0 ? 12 : 1) ? " 08:10" : " 12:00"))));
    }

    // ---- CARD_COLLECTION ----

    @Test
    void flagsTenCardsSwipedWithinTenMinutesWithNearIdenticalAmounts() {
        assertRule("FW-402")
                .on(cardsAtOnePharmacy(10, "50.00", "52.50"))
                .flagsInstitutions("PH1")
                .explainedAs("10张不同社保卡");
    }

    @Test
    void leavesNineCardsOrAmountsMoreThanFivePercentApartAlone() {
        assertRule("FW-402").on(cardsAtOnePharmacy(9, "50.00", "50.00")).flagsNothing();
        assertRule("FW-402").on(cardsAtOnePharmacy(10, "50.00", "52.60")).flagsNothing();
    }

    @Test
    void aBureauLoweringTheCardCountFlagsNineCards() {
        assertRule("FW-402").withParams("min_cards=9").on(cardsAtOnePharmacy(9, "50.00", "50.00"))
                .flagsInstitutions("PH1");
    }

    /** {@code n} people settle at PH1 55 s apart (within 10 minutes), the first for {@code first}, the last for {@code last}. */
    private static TestingClaims cardsAtOnePharmacy(int n, String first, String last) {
        return claims().pharmacy("PH1").repeat(n, (c, i) -> c
                .visit("V" + i, "P" + i, "PH1").from("2026-03-02 14:" + String.format("%02d:%02d", i * 55 / 60, i * 55 % 60))
                .line("L" + i, "V" + i, "X1").pric(i == 0 ? first : i == n - 1 ? last : "50.00"));
    }

    // ---- STOCK_MISMATCH ----

    @Test
    void flagsUnitsSettledAboveStocktakePlusPurchasesLessReturns() {
        assertRule("FW-403").on(stockedPharmacy("14")).flagsInstitutions("PH1").explainedAs("超出1单位");
    }

    @Test
    void leavesSalesCoveredByStockAloneAndFollowsTheTolerance() {
        assertRule("FW-403").on(stockedPharmacy("13")).flagsNothing();
        assertRule("FW-403").withParams("tolerance=1").on(stockedPharmacy("14")).flagsNothing();
    }

    @Test
    void doesNotRunWithoutStockMovements() {
        assertRule("FW-403").on(claims().pharmacy("PH1").visit("V1", "P1", "PH1").line("L1", "V1", "X1").cnt("14"))
                .doesNotRun();
    }

    /** PH1 has 5 + 10 − 2 = 13 units of X1 in stock and settles {@code units} over two visits. */
    private static TestingClaims stockedPharmacy(String units) {
        return claims().pharmacy("PH1")
                .stock("PH1", "X1", "3501", "5", "2026-03-01").stock("PH1", "X1", "3503", "10", "2026-03-01")
                .stock("PH1", "X1", "3504", "2", "2026-03-03").stock("PH1", "X1", "3505", "99", "2026-03-31")
                .visit("V1", "P1", "PH1").line("L1", "V1", "X1").cnt("3")
                .visit("V2", "P2", "PH1").from("2026-03-05").line("L2", "V2", "X1").cnt(Integer.toString(Integer.parseInt(units) - 3));
    }

    // ---- TRACE_CODE_REUSE ----

    @Test
    void flagsTheSecondSaleOfOneTraceabilityCodeButNotTwoLinesOfOneSettlement() {
        assertRule("FW-404")
                .on(claims().pharmacy("PH1").pharmacy("PH2")
                        .visit("V1", "P1", "PH1").line("L1", "V1", "X1").traceCode("81000000000000000001")
                        .line("L2", "V1", "X1").traceCode("81000000000000000002")
                        .line("L3", "V1", "X1").traceCode("81000000000000000002")
                        .visit("V2", "P2", "PH2").from("2026-03-09").line("L4", "V2", "X1").traceCode("81000000000000000001"))
                .flags("L4")
                .explainedAs("81000000000000000001");
    }

    // ---- INDUCED_ADMISSION ----

    @Test
    void flagsFiveElderlyPeopleFromOneAddressAdmittedWithinTwoDays() {
        assertRule("FW-405").on(oneAddress(5, "1950-01-01")).flagsInstitutions("H1").explainedAs("福寿1号敬老院");
    }

    @Test
    void leavesFourPeopleOrAYoungerFifthAlone() {
        assertRule("FW-405").on(oneAddress(4, "1950-01-01")).flagsNothing();
        assertRule("FW-405").on(oneAddress(5, "1966-06-01")).flagsNothing();
        assertRule("FW-405").withParams("min_people=4").on(oneAddress(4, "1950-01-01")).flagsInstitutions("H1");
    }

    /** {@code n} people of one address admitted to H1 on 03-02 … 03-04 for 3 days; the last born on {@code lastBorn}. */
    private static TestingClaims oneAddress(int n, String lastBorn) {
        return claims().repeat(n, (c, i) -> c.person("P" + i).born(i == n - 1 ? lastBorn : "1950-01-01")
                .address("湖南省长沙市福寿1号敬老院")
                .visit("S" + i, "P" + i, "H1").medType("21").from("2026-03-0" + (2 + i % 3))
                .until("2026-03-0" + (5 + i % 3)));
    }

    // ---- PEER_OUTLIER ----

    @Test
    void flagsCostPerVisitFarAboveThePeerMedian() {
        assertRule("FW-411").on(peers(4, "1000.00")).flagsInstitutions("H0").explainedAs("次均费用为1000");
    }

    @Test
    void leavesCostPerVisitBelowOneAndAHalfTimesTheMedianOrWithTooFewPeersAlone() {
        assertRule("FW-411").on(peers(4, "140.00")).flagsNothing();
        assertRule("FW-411").on(peers(2, "1000.00")).flagsNothing();
        assertRule("FW-411").withParams("min_ratio=1.3").on(peers(4, "140.00")).flagsInstitutions("H0");
    }

    /** H0 and {@code others} peer hospitals with 10 one-line visits of 10 people in March; H0's cost {@code cost}. */
    private static TestingClaims peers(int others, String cost) {
        return claims().repeat(others + 1, (c, h) -> c.repeat(10, (d, i) -> d
                .visit("V" + h + "-" + i, "P" + h + "-" + i, "H" + h).from("2026-03-" + String.format("%02d", 2 + i))
                .line("L" + h + "-" + i, "V" + h + "-" + i, "X1").pric(h == 0 ? cost : i % 2 == 0 ? "95.00" : "105.00")));
    }

    @Test
    void flagsAnAverageLengthOfStayFarAboveThePeersButNotAnOrdinaryOne() {
        assertRule("FW-412").on(stays(8)).flagsInstitutions("H0").explainedAs("平均住院日为8");
        assertRule("FW-412").on(stays(2)).flagsNothing();
    }

    /** Five hospitals with 10 stays each admitted in March, 2 days long except H0's ({@code days}). */
    private static TestingClaims stays(int days) {
        return claims().repeat(5, (c, h) -> c.repeat(10, (d, i) -> d
                .visit("S" + h + "-" + i, "P" + h + "-" + i, "H" + h).medType("21")
                .from("2026-03-" + String.format("%02d", 1 + i))
                .until("2026-03-" + String.format("%02d", 1 + i + (h == 0 ? days : 2)))));
    }

    // ---- GROUP_VISITS ----

    @Test
    void flagsEveryMemberOfAChainOfFivePeopleSettlingTogetherOnThreeDays() {
        assertRule("FW-501").on(settlingTogether(5, 3)).flagsPeople("G0", "G1", "G2", "G3", "G4").explainedAs("5人");
    }

    @Test
    void leavesFourPeopleOrTwoDaysAlone() {
        assertRule("FW-501").on(settlingTogether(4, 3)).flagsNothing();
        assertRule("FW-501").on(settlingTogether(5, 2)).flagsNothing();
        assertRule("FW-501").withParams("min_days=2").on(settlingTogether(5, 2))
                .flagsPeople("G0", "G1", "G2", "G3", "G4");
    }

    @Test
    void aChainLongerThanTheIterationBoundIsNotJoinedIntoOneGroup() {
        assertRule("FW-501").withParams("max_iterations=2").on(settlingTogether(5, 3)).flagsNothing();
    }

    /**
     * {@code n} people settle at H1 50 minutes after one another on {@code days} days: neighbours are within the
     * hour, the others not, so the group is a chain that only label propagation joins.
     */
    private static TestingClaims settlingTogether(int n, int days) {
        return claims().repeat(days, (c, d) -> c.repeat(n, (e, i) -> e
                .visit("V" + d + "-" + i, "G" + i, "H1")
                .from("2026-03-" + String.format("%02d", 2 + 7 * d) + " " + String.format("%02d:%02d", 8 + i * 50 / 60, i * 50 % 60))));
    }
}
