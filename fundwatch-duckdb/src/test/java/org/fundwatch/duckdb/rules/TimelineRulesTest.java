package org.fundwatch.duckdb.rules;

import static org.fundwatch.duckdb.rules.RuleAssert.assertRule;
import static org.fundwatch.duckdb.rules.TestingClaims.claims;

import org.junit.jupiter.api.Test;

/**
 * Patient-timeline rules of the default pack (DOMAIN.md §3.3): stays, claims around stays, registries of deaths and
 * custody, ghost beds, visit frequency, hoarding and impossible travel, each at its boundary.
 */
class TimelineRulesTest {

    // ---- SPLIT_ADMISSION ----

    @Test
    void flagsReadmissionOnTheFifteenthDayButNotTheSixteenthNorWithAnotherDiagnosisOrElsewhere() {
        assertRule("FW-301")
                .on(readmissions())
                .flagsVisits("B15");
    }

    @Test
    void aBureauRaisingTheReadmissionGapInThePackFlagsTheSixteenthDayToo() {
        assertRule("FW-301").withParams("max_gap_days=20")
                .on(readmissions())
                .flagsVisits("B15", "B16");
    }

    @Test
    void takesTheMainDiagnosisFromDiseinfoWhenTheVisitDoesNotCarryIt() {
        assertRule("FW-301")
                .on(claims()
                        .visit("A", "P1", "H1").medType("21").from("2026-03-01").until("2026-03-05").diagnosis("I63.9")
                        .visit("B", "P1", "H1").medType("21").from("2026-03-10").until("2026-03-12")
                        .mainDiagnosisInDiseinfo("I63.1").alsoDiagnosed("E11.9"))
                .flagsVisits("B");
    }

    /** Discharged on 03-05 with I63.9; readmitted 15 or 16 days later, or with I64, or at another hospital. */
    private static TestingClaims readmissions() {
        return claims()
                .visit("A15", "P1", "H1").medType("21").from("2026-03-01").until("2026-03-05").diagnosis("I63.9")
                .visit("B15", "P1", "H1").medType("21").from("2026-03-20").until("2026-03-25").diagnosis("I63.1")
                .visit("A16", "P2", "H1").medType("21").from("2026-03-01").until("2026-03-05").diagnosis("I63.9")
                .visit("B16", "P2", "H1").medType("21").from("2026-03-21").until("2026-03-25").diagnosis("I63.1")
                .visit("AD", "P3", "H1").medType("21").from("2026-03-01").until("2026-03-05").diagnosis("I63.9")
                .visit("BD", "P3", "H1").medType("21").from("2026-03-10").until("2026-03-15").diagnosis("I64")
                .visit("AH", "P4", "H1").medType("21").from("2026-03-01").until("2026-03-05").diagnosis("I63.9")
                .visit("BH", "P4", "H2").medType("21").from("2026-03-10").until("2026-03-15").diagnosis("I63.9");
    }

    // ---- OVERLAPPING_ADMISSION ----

    @Test
    void flagsBothOverlappingStaysAtTwoHospitalsButNotASameDayTransfer() {
        assertRule("FW-302")
                .on(claims()
                        .visit("V1", "P1", "H1").medType("21").from("2026-03-01").until("2026-03-10")
                        .visit("V2", "P1", "H2").medType("21").from("2026-03-05").until("2026-03-08")
                        .visit("V3", "P2", "H1").medType("21").from("2026-03-01").until("2026-03-05 09:00:00")
                        .visit("V4", "P2", "H2").medType("21").from("2026-03-05 11:00:00").until("2026-03-09"))
                .flagsVisits("V1", "V2");
    }

    // ---- CLAIM_DURING_ADMISSION ----

    @Test
    void flagsAnOutpatientSettlementInsideAStayButNotOnTheAdmissionOrDischargeDay() {
        assertRule("FW-303")
                .on(claimsAroundAStay())
                .flagsVisits("O05");
    }

    @Test
    void flagsAPharmacyPurchaseInsideAStayButLeavesOutpatientVisitsToTheOutpatientRule() {
        assertRule("FW-304")
                .on(claimsAroundAStay())
                .flagsVisits("D05");
    }

    /** A stay from 03-01 to 03-10 with outpatient visits on its first, middle and last day and a pharmacy purchase. */
    private static TestingClaims claimsAroundAStay() {
        return claims().pharmacy("D1")
                .visit("S", "P1", "H1").medType("21").from("2026-03-01").until("2026-03-10")
                .visit("O01", "P1", "H2").from("2026-03-01 15:00:00")
                .visit("O05", "P1", "H2").from("2026-03-05")
                .visit("O10", "P1", "H2").from("2026-03-10 14:00:00")
                .visit("D05", "P1", "D1").from("2026-03-05");
    }

    // ---- CLAIM_AFTER_DEATH, CLAIM_IN_CUSTODY ----

    @Test
    void flagsAVisitTheDayAfterDeathButNotOnTheDayOfDeath() {
        assertRule("FW-311")
                .on(claims().person("P1").certno("C1").death("C1", "2026-03-10")
                        .visit("V1", "P1", "H1").from("2026-03-10").visit("V2", "P1", "H1").from("2026-03-11"))
                .flagsVisits("V2");
    }

    @Test
    void aVisitAfterDeathThatWasReversedRaisesNothing() {
        assertRule("FW-311")
                .on(claims().person("P1").certno("C1").death("C1", "2026-03-10")
                        .visit("V1", "P1", "H1").from("2026-03-11").line("L1", "V1", "X1").reversal("V1"))
                .flagsNothing();
    }

    @Test
    void doesNotRunWithoutTheDeathRegistry() {
        assertRule("FW-311")
                .on(claims().person("P1").certno("C1").visit("V1", "P1", "H1").from("2026-03-11"))
                .doesNotRun();
    }

    @Test
    void flagsVisitsFromTheFirstToTheLastDayOfCustodyOrAnOpenCustodyButNotTheDayAfterRelease() {
        assertRule("FW-312")
                .on(claims().person("P1").certno("C1").custody("C1", "2026-03-01", "2026-03-10")
                        .visit("V0", "P1", "H1").from("2026-02-28")
                        .visit("V1", "P1", "H1").from("2026-03-01")
                        .visit("V2", "P1", "H1").from("2026-03-10")
                        .visit("V3", "P1", "H1").from("2026-03-11")
                        .person("P2").certno("C2").custody("C2", "2026-03-05", null)
                        .visit("V4", "P2", "H1").from("2026-03-04")
                        .visit("V5", "P2", "H1").from("2026-03-20"))
                .flagsVisits("V1", "V2", "V5");
    }

    // ---- GHOST_BED ----

    @Test
    void flagsAStayWithThreeRoutineOnlyDaysButNotWithTwo() {
        assertRule("FW-321")
                .on(claims().limit("KP1", "BED", "ROUTINE", "1")
                        .visit("TWO", "P1", "H1").medType("21").from("2026-03-01").until("2026-03-06")
                        .line("L1", "TWO", "BED").cnt("5").line("L2", "TWO", "CT").at("2026-03-01")
                        .line("L3", "TWO", "CT").at("2026-03-04")
                        .visit("THREE", "P2", "H1").medType("21").from("2026-03-10").until("2026-03-15")
                        .line("L4", "THREE", "BED").cnt("5").line("L5", "THREE", "CT").at("2026-03-10")
                        .line("L6", "THREE", "CT").at("2026-03-14"))
                .flagsVisits("THREE");
    }

    @Test
    void flagsAHospitalWithMorePatientsInBedThanOnePointTwoTimesItsBedsButNotExactlyThat() {
        assertRule("FW-322")
                .on(claims().institution("H1").beds("5").institution("H2").beds("5")
                        .repeat(7, (c, i) -> c.visit("A" + i, "PA" + i, "H1").medType("21")
                                .from("2026-03-01").until("2026-03-03"))
                        .repeat(6, (c, i) -> c.visit("B" + i, "PB" + i, "H2").medType("21")
                                .from("2026-03-01").until("2026-03-03")))
                .flagsInstitutions("H1");
    }

    // ---- HIGH_FREQUENCY ----

    @Test
    void flagsTwelveOutpatientSettlementsThirtyDaysApartButNotElevenNorTwelveSpreadOverThirtyOneDays() {
        assertRule("FW-331")
                .on(claims()
                        .repeat(11, (c, i) -> c.visit("T" + i, "TWELVE", "H1").from(day(1 + i)).line("L" + i, "T" + i, "X1"))
                        .visit("T11", "TWELVE", "H1").from("2026-03-31").line("L11", "T11", "X1")
                        .repeat(11, (c, i) -> c.visit("E" + i, "ELEVEN", "H1").from(day(1 + i)))
                        .repeat(11, (c, i) -> c.visit("W" + i, "WIDE", "H1").from(day(1 + i)))
                        .visit("W11", "WIDE", "H1").from("2026-04-01"))
                .flagsPeople("TWELVE").withAmount("84.00");
    }

    // ---- DRUG_HOARDING ----

    @Test
    void flagsDaysOfSupplyAboveOnePointFiveTimesNinetyAcrossPharmaciesButNotExactlyThat() {
        assertRule("FW-341")
                .on(claims().limit("KP1", "X1", "DAILY_DOSE", "3").pharmacy("D1").pharmacy("D2")
                        .visit("V1", "EXACT", "D1").from("2026-01-10").line("L1", "V1", "X1").cnt("204").pric("1.00")
                        .visit("V2", "EXACT", "D2").from("2026-03-20").line("L2", "V2", "X1").cnt("201").pric("1.00")
                        .visit("V3", "ABOVE", "D1").from("2026-01-10").line("L3", "V3", "X1").cnt("204").pric("1.00")
                        .visit("V4", "ABOVE", "D2").from("2026-03-20").line("L4", "V4", "X1").cnt("204").pric("1.00")
                        .visit("V5", "STAY", "D1").from("2026-01-10").line("L5", "V5", "X1").cnt("204").pric("1.00")
                        .visit("V6", "STAY", "H1").medType("21").from("2026-03-20").until("2026-03-22")
                        .line("L6", "V6", "X1").cnt("204").pric("1.00"))
                .flagsPeople("ABOVE");
    }

    /** DOMAIN.md §3: the amount is what the fund is exposed to, here every purchase inside the 90-day window. */
    @Test
    void chargesAHoardingFindingWithEveryPurchaseInsideTheWindow() {
        assertRule("FW-341")
                .on(claims().limit("KP1", "X1", "DAILY_DOSE", "3").pharmacy("D1").pharmacy("D2")
                        .visit("V1", "P1", "D1").from("2026-01-10").line("L1", "V1", "X1").cnt("204").pric("1.00")
                        .visit("V2", "P1", "D2").from("2026-03-20").line("L2", "V2", "X1").cnt("204").pric("1.50"))
                .flagsPeople("P1").withAmount("510.00");
    }

    // ---- IMPOSSIBLE_TRAVEL ----

    @Test
    void flagsTheLaterOfTwoSettlementsAThousandKilometresApartWithinTwoHoursButNotThreeHoursOrNearby() {
        assertRule("FW-351")
                .on(claims().institution("BJ").located("39.904200", "116.407400")
                        .institution("SH").located("31.230400", "121.473700")
                        .institution("LF").located("39.538000", "116.683700")
                        .visit("V1", "P1", "BJ").from("2026-03-02 10:00:00")
                        .visit("V2", "P1", "SH").from("2026-03-02 11:30:00")
                        .visit("V3", "P2", "BJ").from("2026-03-02 10:00:00")
                        .visit("V4", "P2", "SH").from("2026-03-02 13:00:00")
                        .visit("V5", "P3", "BJ").from("2026-03-02 10:00:00")
                        .visit("V6", "P3", "LF").from("2026-03-02 10:30:00"))
                .flagsVisits("V2");
    }

    @Test
    void flagsImpossibleTravelAcrossMidnight() {
        assertRule("FW-351")
                .on(claims().institution("BJ").located("39.904200", "116.407400")
                        .institution("SH").located("31.230400", "121.473700")
                        .visit("V1", "P1", "BJ").from("2026-03-02 23:30:00")
                        .visit("V2", "P1", "SH").from("2026-03-03 00:45:00"))
                .flagsVisits("V2");
    }

    private static String day(int dayOfMarch) {
        return String.format("2026-03-%02d", dayOfMarch);
    }
}
