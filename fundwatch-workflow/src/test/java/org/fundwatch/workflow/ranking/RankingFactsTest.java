package org.fundwatch.workflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fundwatch.ranking.RiskRanking.Entry;
import org.fundwatch.ranking.RiskRanking.SubjectKind;
import org.fundwatch.workflow.TestingClock;
import org.fundwatch.workflow.TestingFindings;
import org.fundwatch.workflow.TestingPostgres;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseAction;
import org.fundwatch.workflow.cases.CaseCommand;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.loading.FindingsLoader;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store gives the ranking: findings not dismissed, physicians from the case file, the confirmed history. */
class RankingFactsTest {
    private final TestingClock clock = new TestingClock(LocalDateTime.of(2026, 4, 1, 9, 0));

    /** A case file whose visits MD&lt;sn&gt; of P&lt;sn&gt; at H1 have the physician given (empty: none). */
    private static Path caseFile(Path dir, String physician, String... sns) throws IOException {
        Files.createDirectories(dir);
        StringBuilder visits = new StringBuilder(String.join(",", FindingsLoader.VISIT_COLUMNS) + "\n");
        StringBuilder persons = new StringBuilder(String.join(",", FindingsLoader.PERSON_COLUMNS) + "\n");
        for (String sn : sns) {
            visits.append(String.join(",", "MD" + sn, "P" + sn, "H1", "11", "2026-03-03 09:00:00", "", "", "", "10.00",
                    "7.00", physician)).append('\n');
            persons.append("P" + sn + ",430721197411197605,张三,1,1974-11-19\n");
        }
        Files.writeString(dir.resolve("visit.csv"), visits);
        Files.writeString(dir.resolve("person.csv"), persons);
        Files.writeString(dir.resolve("institution.csv"), String.join(",", FindingsLoader.INSTITUTION_COLUMNS)
                + "\nH1,一号医院,1,2,430100\n");
        Files.writeString(dir.resolve("fee_line.csv"), String.join(",", FindingsLoader.FEE_LINE_COLUMNS) + "\n");
        Files.writeString(dir.resolve("settlement_month.csv"), String.join(",",
                FindingsLoader.SETTLEMENT_MONTH_COLUMNS) + "\nH1,2026-03,3,3,3,30.00,21.00\n");
        return dir;
    }

    @Test
    void ranksFromFindingsNotDismissedAndCountsConfirmedOnesAndBookedMoneyAsHistory(@TempDir Path dir)
            throws IOException {
        TestingFindings run = new TestingFindings().priceCap("FD1", "H1", "100.00", "2026-03-03")
                .priceCap("FD2", "H1", "200.00", "2026-03-03").priceCap("FD3", "H1", "300.00", "2026-03-03");
        Path out = run.writeTo(dir.resolve("run"));
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            FindingsLoader loader = new FindingsLoader(db, clock);
            // first a case file without physicians (as stored before V3), then one with them
            loader.load(out, Optional.of(caseFile(dir.resolve("old"), "", "FD1", "FD2", "FD3")));
            assertThat(new RankingFacts(db).rank().ranking().get(SubjectKind.PHYSICIAN)).isEmpty();
            loader.load(out, Optional.of(caseFile(dir.resolve("new"), "D1", "FD1", "FD2", "FD3")));

            Cases cases = new Cases(db, clock);
            String confirmed = run.findings().get(0).jrId();
            String dismissed = run.findings().get(1).jrId();
            cases.act(Actor.of("auditor", Role.AUDITOR), dismissed, CaseCommand.of(CaseAction.DISMISS, "收费有据"));
            cases.act(Actor.of("auditor", Role.AUDITOR), confirmed, CaseCommand.of(CaseAction.PUSH, "初审确认"));
            cases.act(Actor.institution("h1", "H1"), confirmed, CaseCommand.of(CaseAction.ACCEPT, ""));
            cases.act(Actor.of("reviewer", Role.REVIEWER), confirmed, CaseCommand.agreement(
                    Optional.of(new BigDecimal("80.00")), Optional.empty(), Set.of(), Optional.empty(), "拒付"));

            RankingFacts.Ranked ranked = new RankingFacts(db).rank();
            Entry h1 = ranked.ranking().get(SubjectKind.INSTITUTION).get(0);
            assertThat(h1.subject().key()).isEqualTo("H1");
            assertThat(h1.findings()).as("the dismissed finding does not count").isEqualTo(2);
            assertThat(h1.weightedFindings()).isEqualTo(2 * 3);
            assertThat(h1.amount()).isEqualByComparingTo("400.00");
            assertThat(h1.confirmed()).isEqualTo(1);
            assertThat(h1.booked()).isEqualByComparingTo("80.00");
            Entry d1 = ranked.ranking().get(SubjectKind.PHYSICIAN).get(0);
            assertThat(d1.subject().key()).isEqualTo("D1");
            assertThat(d1.findings()).isEqualTo(2);
            assertThat(d1.booked()).as("the ledger entry reaches the physician through its finding")
                    .isEqualByComparingTo("80.00");
            assertThat(ranked.physicianInstitution()).containsEntry("D1", "H1");
            Map<String, Long> persons = ranked.ranking().get(SubjectKind.PERSON).stream()
                    .collect(Collectors.toMap(e -> e.subject().key(), Entry::confirmed));
            assertThat(persons).containsOnlyKeys("PFD1", "PFD3").containsEntry("PFD1", 1L).containsEntry("PFD3", 0L);

            Path history = dir.resolve("history.csv");
            assertThat(new RankingFacts(db).exportHistory(history)).isEqualTo(3);
            assertThat(Files.readAllLines(history)).containsExactly("subject_kind,subject_key,confirmed,booked",
                    "INSTITUTION,H1,1,80.00", "PHYSICIAN,D1,1,80.00", "PERSON,PFD1,1,80.00");
        }
    }
}
