package org.fundwatch.duckdb.rules;

import static org.fundwatch.duckdb.rules.RuleAssert.assertRule;
import static org.fundwatch.duckdb.rules.TestingClaims.claims;

import org.junit.jupiter.api.Test;

/** 重复参保 rules of the default pack (DOMAIN.md §3.5): overlapping enrolments of one ID number, dates inclusive. */
class EnrolmentRulesTest {

    @Test
    void flagsEmployeeAndResidentEnrolmentsThatOverlapButNotOnesEndingTheDayBeforeNorTheCivilServantSubsidy() {
        assertRule("FW-361")
                .on(claims()
                        .person("P1").certno("OVERLAP").enrolled("2020-01-01", "2026-03-01")
                        .person("P2").certno("OVERLAP").insutype("390").enrolled("2026-03-01", null)
                        .person("P3").certno("DAY_BEFORE").enrolled("2020-01-01", "2026-02-28")
                        .enrolment("P3", "390").enrolled("2026-03-01", null)
                        .person("P4").certno("SUBSIDY").enrolment("P4", "320"))
                .flagsCertnos("OVERLAP");
    }

    @Test
    void flagsOneSchemeUnderTwoPersonNumbersButNotSuccessiveNumbersNorTwoSchemes() {
        assertRule("FW-362")
                .on(claims()
                        .person("P1").certno("TWICE").person("P2").certno("TWICE").enrolled("2025-06-01", null)
                        .person("P3").certno("SUCCESSIVE").insutype("390").enrolled("2020-01-01", "2025-12-31")
                        .person("P4").certno("SUCCESSIVE").insutype("390").enrolled("2026-01-01", null)
                        .person("P5").certno("SCHEMES").person("P6").certno("SCHEMES").insutype("390"))
                .flagsCertnos("TWICE");
    }

    @Test
    void flagsTheDuplicateEnrolmentOfAPersonWhoClaimsTheSameInBatchAndInRealTime() {
        // RuleAssert replays the visit through the real-time evaluator: a claimant's double enrolment is found there
        // too, under the batch finding's id; the enrolment of nobody who claims is batch's alone.
        assertRule("FW-361")
                .on(claims()
                        .person("P1").certno("CLAIMS").enrolled("2020-01-01", null)
                        .person("P2").certno("CLAIMS").insutype("390").enrolled("2026-01-01", null)
                        .person("P3").certno("SILENT").enrolled("2020-01-01", null)
                        .person("P4").certno("SILENT").insutype("390").enrolled("2026-01-01", null)
                        .institution("H1")
                        .visit("V1", "P2", "H1").from("2026-03-02 09:00"))
                .flagsCertnos("CLAIMS", "SILENT");
    }
}
