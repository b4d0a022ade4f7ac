package org.fundwatch.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.schema.MedTypeSettings;
import org.junit.jupiter.api.Test;

class VisitHistoryTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 9, 0);

    @Test
    void recordingTheSameVisitTwiceHoldsItOnce() {
        VisitHistory h = history(400);
        assertThat(h.record(visit("P1", "V1", "11", T0, "X1"))).isTrue();
        assertThat(h.record(visit("P1", "V1", "11", T0, "X1"))).isFalse();
        assertThat(h.visits()).isEqualTo(1);
        assertThat(h.visitsOf("P1", "other")).hasSize(1);
    }

    @Test
    void aVisitIsHeldWholeForTheRecentDaysThenOnlyItsLongLookBackLines() {
        VisitHistory h = history(400);
        h.record(visit("P1", "V1", "11", T0, "X1", "COURSE"));
        assertThat(h.visitsOf("P1", "none").get(0).claim.lines()).hasSize(2);
        h.record(visit("P2", "V2", "11", T0.plusDays(VisitHistory.RECENT_DAYS + 1), "X1"));
        assertThat(h.visitsOf("P1", "none").get(0).claim.lines()).extracting(ClaimLine::code).containsExactly("COURSE");
    }

    @Test
    void anOutpatientVisitWithNothingTheLongLookBacksReadIsDroppedAfterTheRecentDays() {
        VisitHistory h = history(400);
        h.record(visit("P1", "V1", "11", T0, "X1"));
        h.record(visit("P2", "V2", "11", T0.plusDays(VisitHistory.RECENT_DAYS + 1), "X1"));
        assertThat(h.visitsOf("P1", "none")).isEmpty();
        assertThat(h.visits()).isEqualTo(1);
    }

    @Test
    void aStayIsKeptWithoutItsLinesUntilItAgesOutEvenWhenThePersonNeverComesBack() {
        VisitHistory h = history(30);
        h.record(visit("P1", "S1", "21", T0, "X1", "X2"));
        h.record(visit("P2", "V2", "11", T0.plusDays(10), "X1"));
        assertThat(h.visitsOf("P1", "none")).singleElement().satisfies(held -> {
            assertThat(held.claim.lines()).isEmpty();
            assertThat(held.claim.endDate()).isEqualTo(LocalDate.of(2026, 3, 5));
        });
        h.record(visit("P2", "V3", "11", T0.plusDays(4 + 31), "X1")); // 31 days after the stay settled
        assertThat(h.visitsOf("P1", "none")).isEmpty();
        assertThat(h.persons()).isEqualTo(1);
    }

    @Test
    void anOutpatientVisitIsKeptAsAHeaderForTheVisitCountWindowThenDropped() {
        VisitHistory h = new VisitHistory(400);
        h.compactWith(new VisitHistory.Compaction(Set.of("COURSE"), MedTypeSettings.defaults(), 31));
        h.record(visit("P1", "V1", "11", T0, "X1"));
        h.record(visit("P2", "V2", "11", T0.plusDays(10), "X1"));
        assertThat(h.visitsOf("P1", "none")).singleElement()
                .satisfies(held -> assertThat(held.claim.lines()).isEmpty());
        h.record(visit("P2", "V3", "11", T0.plusDays(32), "X1"));
        assertThat(h.visitsOf("P1", "none")).isEmpty();
    }

    @Test
    void theDefaultPackNeedsAYearOfCourseDaysPlusTheLongestStay() {
        assertThat(InstantScreening.retentionDays(PolicyPack.defaultPack()))
                .isEqualTo(366 + InstantScreening.LONGEST_STAY_DAYS);
    }

    private static VisitHistory history(int retentionDays) {
        VisitHistory h = new VisitHistory(retentionDays);
        h.compactWith(new VisitHistory.Compaction(Set.of("COURSE"), MedTypeSettings.defaults(), 0));
        return h;
    }

    /** A visit settled at {@code time} (a stay of med_type 21 lasts four days) with one line per code. */
    private static VisitClaim visit(String psn, String id, String medType, LocalDateTime time, String... codes) {
        List<ClaimLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            lines.add(new ClaimLine(id + "-" + i, codes[i], Optional.empty(), time, BigDecimal.ONE, BigDecimal.TEN,
                    BigDecimal.TEN, BigDecimal.TEN, Optional.empty(), Optional.empty()));
        }
        boolean stay = medType.startsWith("2");
        return new VisitClaim(new VisitClaim.Person(psn, Optional.empty(), Optional.of("1"), Optional.empty()),
                new VisitClaim.Institution("H1", Optional.of("1"), Optional.of("2")), id, medType, "310", time,
                stay ? Optional.of(time.plusDays(4)) : Optional.empty(), Optional.of("S-" + id),
                stay ? time.plusDays(4) : time, BigDecimal.TEN, Optional.empty(), List.of(), lines);
    }
}
