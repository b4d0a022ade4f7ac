package org.fundwatch.duckdb.rules;

import static org.fundwatch.duckdb.rules.RuleAssert.assertRule;
import static org.fundwatch.duckdb.rules.TestingClaims.claims;

import org.junit.jupiter.api.Test;

/**
 * 行为类 rules of the default pack (DOMAIN.md §3.2) relating lines of a visit or a patient: duplicates, item pairs of
 * {@code kb_item_pair}, split prescriptions.
 */
class PairRulesTest {

    @Test
    void flagsTheSecondLineOfAnItemBilledTwiceAtTheSameTimeButNotAtDifferentTimes() {
        assertRule("FW-201")
                .on(claims().visit("V1", "P1", "H1")
                        .line("L1", "V1", "X1").at("2026-03-02 09:30:00")
                        .line("L2", "V1", "X1").at("2026-03-02 09:30:00")
                        .line("L3", "V1", "X1").at("2026-03-02 09:45:00"))
                .flags("L2");
    }

    @Test
    void aSameTimeDuplicateThatWasRefundedRaisesNothing() {
        assertRule("FW-201")
                .on(claims().visit("V1", "P1", "H1")
                        .line("L1", "V1", "X1").at("2026-03-02 09:30:00")
                        .line("L2", "V1", "X1").at("2026-03-02 09:30:00").refund("R2", "L2"))
                .flagsNothing();
    }

    @Test
    void flagsAnItemAlreadyIncludedInAnotherOfTheSameVisitButNotOfAnotherVisit() {
        assertRule("FW-202")
                .on(claims().pair("KP1", "A", "B", "EXCLUSIVE", "SAME_VISIT")
                        .visit("V1", "P1", "H1").line("L1", "V1", "A").line("L2", "V1", "B")
                        .visit("V2", "P2", "H1").line("L3", "V2", "A")
                        .visit("V3", "P2", "H1").line("L4", "V3", "B"))
                .flags("L2");
    }

    @Test
    void flagsAnExclusiveSameDayPairAcrossTwoVisitsOfTheDayButNotOnAnotherDay() {
        assertRule("FW-202")
                .on(claims().pair("KP1", "A", "B", "EXCLUSIVE", "SAME_DAY")
                        .visit("V1", "P1", "H1").from("2026-03-02").line("L1", "V1", "A")
                        .visit("V2", "P1", "H2").from("2026-03-02 15:00:00").line("L2", "V2", "B")
                        .visit("V3", "P1", "H2").from("2026-03-03").line("L3", "V3", "B"))
                .flags("L2").explainedAs("同日");
    }

    @Test
    void flagsTwoComponentsOfABundleInOneVisitWithTheAmountAboveTheBundleCapButNotASingleComponent() {
        assertRule("FW-211")
                .on(claims().item("PKG", "肝功能全套").listType("201").cap("15.00")
                        .pair("KP1", "PKG", "B1", "BUNDLE", null).pair("KP2", "PKG", "B2", "BUNDLE", null)
                        .visit("V1", "P1", "H1").line("L1", "V1", "B1").line("L2", "V1", "B2")
                        .visit("V2", "P2", "H1").line("L3", "V2", "B1"))
                .flagsVisits("V1").withAmount("5.00");
    }

    @Test
    void flagsAnItemBilledWithoutTheItemItRequiresButNotWhenBothArePresent() {
        assertRule("FW-231")
                .on(claims().pair("KP1", "SURGERY", "ANAESTHESIA", "REQUIRES", null)
                        .visit("V1", "P1", "H1").line("L1", "V1", "ANAESTHESIA")
                        .visit("V2", "P2", "H1").line("L2", "V2", "SURGERY").line("L3", "V2", "ANAESTHESIA"))
                .flags("L1");
    }

    @Test
    void allowsASecondLineDrugNinetyDaysAfterTheFirstLineButFlagsItAfterNinetyOne() {
        assertRule("FW-241")
                .on(claims().pair("KP1", "FIRST", "SECOND", "PRIOR_REQUIRED", null)
                        .visit("V1", "P1", "H1").from("2025-12-01").line("L1", "V1", "FIRST")
                        .visit("V2", "P1", "H1").from("2026-03-01").line("L2", "V2", "SECOND")
                        .visit("V3", "P2", "H1").from("2025-11-30").line("L3", "V3", "FIRST")
                        .visit("V4", "P2", "H1").from("2026-03-01").line("L4", "V4", "SECOND")
                        .visit("V5", "P3", "H1").from("2026-03-01").line("L5", "V5", "SECOND"))
                .flags("L4", "L5");
    }

    @Test
    void aBureauWideningTheSecondLineWindowInThePackStopsTheFinding() {
        assertRule("FW-241").withParams("window_days=91")
                .on(claims().pair("KP1", "FIRST", "SECOND", "PRIOR_REQUIRED", null)
                        .visit("V3", "P2", "H1").from("2025-11-30").line("L3", "V3", "FIRST")
                        .visit("V4", "P2", "H1").from("2026-03-01").line("L4", "V4", "SECOND"))
                .flagsNothing();
    }

    @Test
    void aMonthlyScreeningLooksBackIntoEarlierMonthsButReportsOnlyItsOwnMonth() {
        assertRule("FW-241").inPeriod("2026-03")
                .on(claims().pair("KP1", "FIRST", "SECOND", "PRIOR_REQUIRED", null)
                        .visit("V1", "P1", "H1").from("2026-02-10").line("L1", "V1", "FIRST")
                        .visit("V2", "P1", "H1").from("2026-03-05").line("L2", "V2", "SECOND")
                        .visit("V3", "P2", "H1").from("2026-02-10").line("L3", "V3", "SECOND")
                        .visit("V4", "P3", "H1").from("2026-03-05").line("L4", "V4", "SECOND"))
                .flags("L4");
    }

    @Test
    void flagsContraindicatedDrugsInOneVisitButNotInTwoVisits() {
        assertRule("FW-251")
                .on(claims().pair("KP1", "A", "B", "CONTRAINDICATED", null)
                        .visit("V1", "P1", "H1").line("L1", "V1", "A").line("L2", "V1", "B")
                        .visit("V2", "P2", "H1").line("L3", "V2", "A")
                        .visit("V3", "P2", "H1").from("2026-03-02 15:00:00").line("L4", "V3", "B"))
                .flagsVisits("V1");
    }

    @Test
    void flagsTheRepeatPurchaseOfADrugTheSameDayAtOnePharmacyButNotAtTwoPharmacies() {
        assertRule("FW-261")
                .on(claims().pharmacy("D1").pharmacy("D2")
                        .visit("V1", "P1", "D1").from("2026-03-02 09:00:00").line("L1", "V1", "X1").rxno("RX1")
                        .visit("V2", "P1", "D1").from("2026-03-02 15:00:00").line("L2", "V2", "X1").rxno("RX2")
                        .visit("V3", "P2", "D1").from("2026-03-02 09:00:00").line("L3", "V3", "X1").rxno("RX3")
                        .visit("V4", "P2", "D2").from("2026-03-02 15:00:00").line("L4", "V4", "X1").rxno("RX4"))
                .flagsVisits("V2");
    }
}
