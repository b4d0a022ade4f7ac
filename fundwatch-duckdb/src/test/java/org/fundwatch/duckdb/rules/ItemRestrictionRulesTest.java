package org.fundwatch.duckdb.rules;

import static org.fundwatch.duckdb.rules.RuleAssert.assertRule;
import static org.fundwatch.duckdb.rules.TestingClaims.claims;

import org.junit.jupiter.api.Test;

/**
 * 项目类 rules of the default pack (DOMAIN.md §3.1) on single fee lines: price caps, knowledge-point restrictions,
 * catalog coverage, herbal pieces; plus the conventions every rule shares (cancelled visits, approvals, absent data).
 */
class ItemRestrictionRulesTest {

    // ---- OVER_PRICE_CAP ----

    @Test
    void flagsDrugPriceAboveTheCapWithTheExcessTimesCountButNotAPriceEqualToIt() {
        assertRule("FW-101")
                .on(claims().item("X1", "阿托伐他汀钙片").cap("10.00")
                        .visit("V1", "P1", "H1")
                        .line("L1", "V1", "X1").cnt("3").pric("10.00")
                        .line("L2", "V1", "X1").cnt("2").pric("12.16"))
                .flags("L2").withAmount("4.32");
    }

    @Test
    void aStaySpanningTwoMonthsIsReportedWithTheMonthItWasSettledIn() {
        assertRule("FW-101").inPeriod("2026-03")
                .on(staySettledInMarchWithAFebruaryFee())
                .flags("L1");
    }

    @Test
    void aStaySettledNextMonthIsNotReportedInTheMonthOfItsFees() {
        assertRule("FW-101").inPeriod("2026-02")
                .on(staySettledInMarchWithAFebruaryFee())
                .flagsNothing();
    }

    /** Admitted 02-26, discharged and settled 03-03, an over-cap fee on 02-27; another visit makes February a month. */
    private static TestingClaims staySettledInMarchWithAFebruaryFee() {
        return claims().item("X1", "阿托伐他汀钙片").cap("10.00")
                .visit("V0", "P2", "H1").from("2026-02-10")
                .line("L0", "V0", "X1").cnt("1").pric("10.00")
                .visit("V1", "P1", "H1").medType("21").from("2026-02-26").until("2026-03-03")
                .line("L1", "V1", "X1").at("2026-02-27 09:00:00").cnt("1").pric("12.00");
    }

    @Test
    void chargesTheExcessOverTheCapOnTheUnitsLeftAfterARefund() {
        assertRule("FW-101")
                .on(claims().item("X1", "阿托伐他汀钙片").cap("10.00")
                        .visit("V1", "P1", "H1")
                        .line("L1", "V1", "X1").cnt("3").pric("12.16").refund("R1", "L1").cnt("-1"))
                .flags("L1").withAmount("4.32");
    }

    @Test
    void flagsServicePriceAgainstTheCapValidOnTheFeeDateWhenTheCapChangesInsideThePeriod() {
        assertRule("FW-102")
                .on(claims().item("S1", "静脉输液").listType("201").cap("10.00").validUntil("2026-03-14")
                        .item("S1", "静脉输液").listType("201").cap("8.00").validFrom("2026-03-15")
                        .visit("V1", "P1", "H1").from("2026-03-14").until("2026-03-15").medType("21")
                        .line("L1", "V1", "S1").at("2026-03-14").pric("9.00")
                        .line("L2", "V1", "S1").at("2026-03-15").pric("9.00"))
                .flags("L2").withAmount("1.00");
    }

    @Test
    void flagsOnlyConsumablesAboveTheirCapNotDrugsAboveTheirs() {
        assertRule("FW-103")
                .on(claims().item("C1", "一次性注射器").listType("301").cap("1.50")
                        .item("X1", "阿莫西林胶囊").listType("101").cap("1.50")
                        .visit("V1", "P1", "H1")
                        .line("L1", "V1", "C1").pric("1.80")
                        .line("L2", "V1", "X1").pric("1.80"))
                .flags("L1").withAmount("0.30");
    }

    // ---- GENDER_LIMIT, AGE_LIMIT ----

    @Test
    void flagsFemaleOnlyItemBilledForAManButNotForAWomanOrAnUnknownGender() {
        assertRule("FW-111")
                .on(claims().limit("KP1", "X1", "GENDER", "2")
                        .person("M").gender("1").person("F").gender("2").person("U").gender("9")
                        .visit("V1", "M", "H1").line("L1", "V1", "X1")
                        .visit("V2", "F", "H1").line("L2", "V2", "X1")
                        .visit("V3", "U", "H1").line("L3", "V3", "X1"))
                .flags("L1").explainedAs("限女性");
    }

    @Test
    void allowsAChildrensItemUpToTheDayBeforeTheBirthdayAfterTheMaximumAge() {
        assertRule("FW-121")
                .on(claims().limit("KP1", "X1", "AGE_MAX", "6").person("P1").born("2019-03-02")
                        .visit("V1", "P1", "H1").from("2026-03-01").line("L1", "V1", "X1")
                        .visit("V2", "P1", "H1").from("2026-03-02").line("L2", "V2", "X1"))
                .flags("L2");
    }

    @Test
    void flagsAnAdultItemTheDayBeforeTheMinimumAgeButNotOnTheBirthday() {
        assertRule("FW-122")
                .on(claims().limit("KP1", "X1", "AGE_MIN", "18").person("P1").born("2008-03-02")
                        .visit("V1", "P1", "H1").from("2026-03-01").line("L1", "V1", "X1")
                        .visit("V2", "P1", "H1").from("2026-03-02").line("L2", "V2", "X1"))
                .flags("L1");
    }

    @Test
    void comparesAFractionalMaximumAgeWithoutRoundingItUp() {
        assertRule("FW-121")
                .on(claims().limit("KP1", "X1", "AGE_MAX", "6.5").person("P1").born("2019-03-02")
                        .visit("V1", "P1", "H1").from("2026-03-02").line("L1", "V1", "X1"))
                .flags("L1");
    }

    // ---- SETTING_LIMIT ----

    @Test
    void flagsInpatientOnlyItemInAnOutpatientVisitButNotInAStayNorAtAPharmacy() {
        assertRule("FW-131")
                .on(claims().limit("KP1", "X1", "SETTING", "INPATIENT").pharmacy("D1")
                        .visit("V1", "P1", "H1").medType("11").line("L1", "V1", "X1")
                        .visit("V2", "P1", "H1").medType("21").from("2026-03-05").until("2026-03-08").line("L2", "V2", "X1")
                        .visit("V3", "P1", "D1").from("2026-03-10").line("L3", "V3", "X1"))
                .flags("L1");
    }

    @Test
    void flagsInpatientOnlyDrugBoughtAtAPharmacyButNotAtAnOutpatientVisit() {
        assertRule("FW-132")
                .on(claims().limit("KP1", "X1", "SETTING", "INPATIENT").pharmacy("D1")
                        .visit("V1", "P1", "H1").medType("11").line("L1", "V1", "X1")
                        .visit("V2", "P1", "D1").from("2026-03-10").line("L2", "V2", "X1"))
                .flags("L2").explainedAs("限住院使用");
    }

    @Test
    void flagsOutpatientOnlyItemInAStayButNotInOutpatientVisitsOrPharmacies() {
        assertRule("FW-133")
                .on(claims().limit("KP1", "X1", "SETTING", "OUTPATIENT").pharmacy("D1")
                        .visit("V1", "P1", "H1").medType("11").line("L1", "V1", "X1")
                        .visit("V2", "P1", "H1").medType("21").from("2026-03-05").until("2026-03-08").line("L2", "V2", "X1")
                        .visit("V3", "P1", "D1").from("2026-03-10").line("L3", "V3", "X1"))
                .flags("L2");
    }

    // ---- MEDINS_LEVEL_LIMIT ----

    @Test
    void flagsLevelLimitedItemBelowTheLevelButNotAtTheLevelOrAbove() {
        assertRule("FW-141")
                .on(claims().limit("KP1", "X1", "MEDINS_LV_MIN", "2")
                        .institution("H1").level("1").institution("H2").level("2").institution("H3").level("3")
                        .visit("V1", "P1", "H1").line("L1", "V1", "X1")
                        .visit("V2", "P1", "H2").line("L2", "V2", "X1")
                        .visit("V3", "P1", "H3").line("L3", "V3", "X1"))
                .flags("L1");
    }

    @Test
    void flagsLevelLimitedDrugSoldAtAPharmacyButLeavesHospitalsToTheHospitalRule() {
        assertRule("FW-142")
                .on(claims().limit("KP1", "X1", "MEDINS_LV_MIN", "2").pharmacy("D1").institution("H1").level("1")
                        .visit("V1", "P1", "D1").line("L1", "V1", "X1")
                        .visit("V2", "P1", "H1").line("L2", "V2", "X1"))
                .flags("L1");
    }

    // ---- INDICATION_LIMIT ----

    @Test
    void flagsDrugWithoutAMatchingDiagnosisComparingDottedCodesByPrefix() {
        assertRule("FW-151")
                .on(claims().limit("KP1", "X1", "INDICATION", "I63|I64")
                        .visit("V1", "P1", "H1").diagnosis("I63.9").line("L1", "V1", "X1")
                        .visit("V2", "P2", "H1").line("L2", "V2", "X1")
                        .visit("V3", "P3", "H1").diagnosis("J18.9").line("L3", "V3", "X1")
                        .visit("V4", "P4", "H1").diagnosis("J18.9").alsoDiagnosed("I64").line("L4", "V4", "X1"))
                .flags("L2", "L3");
    }

    @Test
    void flagsServiceItemsOutsideTheirIndicationsButLeavesDrugsToTheDrugRule() {
        assertRule("FW-152")
                .on(claims().item("S1", "经颅多普勒").listType("201").item("X1", "丁苯酞软胶囊").listType("101")
                        .limit("KP1", "S1", "INDICATION", "I63.9").limit("KP2", "X1", "INDICATION", "I63")
                        .visit("V1", "P1", "H1").diagnosis("I63.9").line("L1", "V1", "S1")
                        .visit("V2", "P2", "H1").diagnosis("I63.0").line("L2", "V2", "S1").line("L3", "V2", "X1")
                        .visit("V3", "P3", "H1").diagnosis("J18.9").line("L4", "V3", "X1"))
                .flags("L2");
    }

    // ---- INSUTYPE_LIMIT ----

    @Test
    void flagsWorkInjuryItemChargedToBasicInsuranceOnceTheKnowledgePointIsValid() {
        assertRule("FW-161")
                .on(claims().limit("KP1", "X1", "INSUTYPE_ONLY", "WORK_INJURY").validFrom("2026-03-10")
                        .person("P1").person("P2").insutype("390")
                        .visit("V1", "P1", "H1").from("2026-03-09").line("L1", "V1", "X1")
                        .visit("V2", "P1", "H1").from("2026-03-10").line("L2", "V2", "X1")
                        .visit("V3", "P2", "H1").from("2026-03-10").line("L3", "V3", "X1"))
                .flags("L2", "L3");
    }

    @Test
    void flagsMaternityItemChargedToBasicInsuranceButNotToMaternityInsurance() {
        assertRule("FW-162")
                .on(claims().limit("KP1", "X1", "INSUTYPE_ONLY", "MATERNITY").person("P1").gender("2")
                        .enrolment("P1", "510")
                        .visit("V1", "P1", "H1").line("L1", "V1", "X1")
                        .visit("V2", "P1", "H1").insutype("510").medType("51").line("L2", "V2", "X1"))
                .flags("L1");
    }

    // ---- NOT_COVERED ----

    @Test
    void flagsItemBilledTheDayAfterItsCatalogEntryEndsOrNeverListedButNotOnTheLastDay() {
        assertRule("FW-171")
                .on(claims().item("X1", "复方甘草片").validUntil("2026-03-15").notInCatalog("X9")
                        .visit("V1", "P1", "H1").from("2026-03-15").until("2026-03-16").medType("21")
                        .line("L1", "V1", "X1").at("2026-03-15")
                        .line("L2", "V1", "X1").at("2026-03-16")
                        .line("L3", "V1", "X9").at("2026-03-15"))
                .flags("L2", "L3");
    }

    @Test
    void flagsClassCItemNotFullySelfPaidForThePartTheFundPaid() {
        assertRule("FW-172")
                .on(claims().item("X1", "美容换肤").listType("201").grade("03")
                        .visit("V1", "P1", "H1")
                        .line("L1", "V1", "X1").pric("50.00").ownpay("50.00")
                        .line("L2", "V1", "X1").pric("50.00").ownpay("20.00")
                        .line("L3", "V1", "X1").pric("50.00"))
                .flags("L2").withAmount("30.00");
    }

    // ---- HERBAL_SINGLE ----

    @Test
    void flagsHerbalPiecePrescribedAloneButNotWithinACompoundPrescription() {
        assertRule("FW-195")
                .on(claims().item("Y1", "冬虫夏草").listType("102").item("Y2", "甘草").listType("102")
                        .limit("KP1", "Y1", "HERBAL_SINGLE_NOT_PAYABLE", "1")
                        .visit("V1", "P1", "H1")
                        .line("L1", "V1", "Y1").rxno("RX1")
                        .line("L2", "V1", "Y1").rxno("RX2").line("L3", "V1", "Y2").rxno("RX2"))
                .flags("L1");
    }

    // ---- conventions every rule shares ----

    @Test
    void aCancelledVisitRaisesNothing() {
        assertRule("FW-111")
                .on(claims().limit("KP1", "X1", "GENDER", "2").person("M").gender("1")
                        .visit("V1", "M", "H1").line("L1", "V1", "X1").reversal("V1"))
                .flagsNothing();
    }

    @Test
    void anApprovalOfThePersonSuppressesTheFindingAndIsCounted() {
        assertRule("FW-111")
                .on(claims().limit("KP1", "X1", "GENDER", "2").person("M").gender("1")
                        .approval("A1", "M").forItem("X1").forType("GENDER_LIMIT").validUntil("2026-12-31")
                        .visit("V1", "M", "H1").line("L1", "V1", "X1"))
                .flagsNothing().suppresses(1);
    }

    @Test
    void anApprovalForAnotherTypeOrExpiredBeforeTheFeeSuppressesNothing() {
        assertRule("FW-111")
                .on(claims().limit("KP1", "X1", "GENDER", "2").person("M").gender("1").person("N").gender("1")
                        .approval("A1", "M").forType("AGE_LIMIT")
                        .approval("A2", "N").validUntil("2026-03-01")
                        .visit("V1", "M", "H1").line("L1", "V1", "X1")
                        .visit("V2", "N", "H1").line("L2", "V2", "X1"))
                .flags("L1", "L2").suppresses(0);
    }

    @Test
    void doesNotRunWithoutAKnowledgePointOfItsLimitType() {
        assertRule("FW-111")
                .on(claims().limit("KP1", "X1", "AGE_MAX", "6").person("M").gender("1")
                        .visit("V1", "M", "H1").line("L1", "V1", "X1"))
                .doesNotRun();
    }
}
