package org.fundwatch.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.fundwatch.ranking.RiskRanking.Entry;
import org.fundwatch.ranking.RiskRanking.FindingGroup;
import org.fundwatch.ranking.RiskRanking.History;
import org.fundwatch.ranking.RiskRanking.IndicatorZ;
import org.fundwatch.ranking.RiskRanking.Subject;
import org.fundwatch.ranking.RiskRanking.SubjectKind;
import org.junit.jupiter.api.Test;

/** The ranking's formula, part by part, and the order it gives. */
class RiskRankingTest {
    private static final Subject H1 = new Subject(SubjectKind.INSTITUTION, "H1");
    private static final Subject H2 = new Subject(SubjectKind.INSTITUTION, "H2");
    private static final Subject H3 = new Subject(SubjectKind.INSTITUTION, "H3");
    private static final Subject P1 = new Subject(SubjectKind.PERSON, "P1");

    @Test
    void eachPartFollowsTheDocumentedFormula() {
        Map<SubjectKind, List<Entry>> r = RiskRanking.rank(
                List.of(new FindingGroup(H1, 1, 2, new BigDecimal("3000")), new FindingGroup(H1, 3, 4, BigDecimal.ZERO)),
                List.of(new IndicatorZ(H1, "DRUG_SHARE", "2026-01", 6), new IndicatorZ(H1, "AVG_LOS", "2026-01", 45),
                        new IndicatorZ(H1, "AVG_COST", "2026-01", 2.99)),
                List.of(new History(H1, 3, new BigDecimal("1000"))));
        Entry e = r.get(SubjectKind.INSTITUTION).get(0);
        assertThat(e.findings()).isEqualTo(6);
        assertThat(e.weightedFindings()).isEqualTo(2 * 3 + 4);
        assertThat(e.parts().findings()).isCloseTo(10 * Math.log(11), within(0.01));
        assertThat(e.parts().amount()).isCloseTo(5 * Math.log(4), within(0.01));
        // z 2.99 does not count, 45 counts as 20
        assertThat(e.outlierIndicators()).isEqualTo(2);
        assertThat(e.parts().indicators()).isCloseTo(5 * Math.log(1 + 6 / 3.0 + 20 / 3.0), within(0.01));
        assertThat(e.parts().history()).isCloseTo(10 * Math.log(4) + 5 * Math.log(2), within(0.01));
        assertThat(e.score()).isCloseTo(e.parts().findings() + e.parts().amount() + e.parts().indicators()
                + e.parts().history(), within(0.011));
    }

    @Test
    void aSubjectBadInSeveralWaysOutranksOneWithManyMinorFindingsAndEachKindIsRankedOnItsOwn() {
        Map<SubjectKind, List<Entry>> r = RiskRanking.rank(
                List.of(new FindingGroup(H1, 3, 40, BigDecimal.ZERO),
                        new FindingGroup(H2, 1, 8, new BigDecimal("20000")),
                        new FindingGroup(P1, 2, 1, new BigDecimal("50"))),
                List.of(new IndicatorZ(H2, "AVG_COST_OUTPATIENT", "2026-02", 12)),
                List.of(new History(H3, 0, BigDecimal.ZERO)));
        assertThat(r.get(SubjectKind.INSTITUTION)).extracting(e -> e.subject().key()).containsExactly("H2", "H1", "H3");
        assertThat(r.get(SubjectKind.INSTITUTION)).extracting(Entry::rank).containsExactly(1, 2, 3);
        assertThat(r.get(SubjectKind.INSTITUTION).get(2).score()).isZero();
        assertThat(r.get(SubjectKind.PERSON)).singleElement().satisfies(e -> assertThat(e.rank()).isEqualTo(1));
        assertThat(r.get(SubjectKind.PHYSICIAN)).isEmpty();
    }

    @Test
    void confirmedHistoryRaisesASubjectAboveAnEqualOneWithout() {
        List<FindingGroup> same = List.of(new FindingGroup(H1, 2, 5, new BigDecimal("800")),
                new FindingGroup(H2, 2, 5, new BigDecimal("800")));
        assertThat(RiskRanking.rank(same, List.of(), List.of()).get(SubjectKind.INSTITUTION))
                .extracting(e -> e.subject().key()).containsExactly("H1", "H2");
        assertThat(RiskRanking.rank(same, List.of(), List.of(new History(H2, 2, new BigDecimal("600"))))
                .get(SubjectKind.INSTITUTION)).extracting(e -> e.subject().key()).containsExactly("H2", "H1");
    }
}
