package org.fundwatch.workflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.fundwatch.workflow.TestingClock;
import org.fundwatch.workflow.TestingFindings;
import org.fundwatch.workflow.TestingPostgres;
import org.fundwatch.workflow.loading.FindingsLoader;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tally the dashboard reads always equals grouping the findings themselves, whatever loads and steps ran. */
class FindingTallyTest {
    private static final String TALLY = "SELECT string_agg(k || '=' || n || '/' || a::numeric(20,2), ',' ORDER BY k) FROM (%s) x";
    private static final String FROM_TALLY = "SELECT month || '|' || vola_bhvr_type || '|' || fixmedins_code || '|' "
            + "|| state || '|' || assignee AS k, findings AS n, amount AS a FROM finding_tally WHERE findings <> 0";
    private static final String FROM_FINDINGS = "SELECT month || '|' || vola_bhvr_type || '|' || "
            + "coalesce(fixmedins_code, '') || '|' || state || '|' || coalesce(assignee, '') AS k, count(*) AS n, "
            + "coalesce(sum(vola_amt), 0) AS a FROM finding GROUP BY 1";

    private static String tally(WorkflowDatabase db) {
        return db.jdbc().sql(TALLY.formatted(FROM_TALLY)).query(String.class).single();
    }

    private static String grouped(WorkflowDatabase db) {
        return db.jdbc().sql(TALLY.formatted(FROM_FINDINGS)).query(String.class).single();
    }

    @Test
    void theTallyEqualsTheFindingsGroupedAfterLoadsReloadsAndRandomWorkflowSteps(@TempDir Path dir) {
        TestingClock clock = new TestingClock(LocalDateTime.of(2026, 1, 5, 9, 0));
        TestingFindings run = new TestingFindings();
        for (int i = 0; i < 300; i++) {
            run.priceCap("FD" + i, "H" + (i % 7), (i % 50) + ".25", "2025-12-" + String.format("%02d", 1 + i % 28));
        }
        run.enrolment("430721197411197605", "2025-12");
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            FindingsLoader loader = new FindingsLoader(db, clock);
            loader.load(run.writeTo(dir.resolve("a")), Optional.empty());
            assertThat(tally(db)).isEqualTo(grouped(db));

            Cases cases = new Cases(db, clock);
            Random random = new Random(5);
            List<String> ids = run.findings().stream().map(f -> f.jrId()).toList();
            Actor auditor = Actor.of("a1", Role.AUDITOR);
            Actor reviewer = Actor.of("r1", Role.REVIEWER);
            for (int step = 0; step < 60; step++) {
                List<String> some = ids.subList(random.nextInt(200), 200 + random.nextInt(100));
                switch (step % 5) {
                    case 0 -> cases.act(auditor, some, CaseCommand.of(CaseAction.PUSH, ""));
                    case 1 -> cases.act(auditor, some, CaseCommand.assign("a" + random.nextInt(3), ""));
                    case 2 -> cases.act(auditor, some, CaseCommand.of(CaseAction.DISMISS, "x"));
                    case 3 -> {
                        clock.set(LocalDateTime.of(2026, 2, 1, 9, 0).plusDays(step));
                        cases.expireDeadlines();
                    }
                    default -> cases.act(reviewer, some, CaseCommand.agreement(Optional.empty(), Optional.empty(),
                            Set.of(), Optional.empty(), "拒付"));
                }
            }
            // a newer run with other amounts refreshes the findings still new
            TestingFindings again = new TestingFindings();
            for (int i = 0; i < 320; i++) {
                again.priceCap("FD" + i, "H" + (i % 7), (i % 40) + ".75", "2025-12-" + String.format("%02d", 1 + i % 28));
            }
            loader.load(again.writeTo(dir.resolve("b")), Optional.empty());
            assertThat(tally(db)).isEqualTo(grouped(db));
            assertThat(db.jdbc().sql("SELECT sum(amount) FROM finding_tally").query(BigDecimal.class).single())
                    .isEqualByComparingTo(db.jdbc().sql("SELECT sum(vola_amt) FROM finding").query(BigDecimal.class)
                            .single());

            // a load big enough to rebuild the indexes rebuilds the tally once, and leaves the triggers on
            TestingFindings big = new TestingFindings();
            for (int i = 0; i < 60_000; i++) {
                big.priceCap("FB" + i, "H" + (i % 9), (i % 70) + ".10", "2026-01-" + String.format("%02d", 1 + i % 28));
            }
            loader.load(big.writeTo(dir.resolve("c")), Optional.empty());
            assertThat(tally(db)).isEqualTo(grouped(db));
            cases.act(auditor, ids.subList(0, 50), CaseCommand.assign("a9", ""));
            assertThat(tally(db)).isEqualTo(grouped(db));
        }
    }
}
