package org.fundwatch.workflow.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.fundwatch.workflow.TestingClock;
import org.fundwatch.workflow.TestingFindings;
import org.fundwatch.workflow.TestingPostgres;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseAction;
import org.fundwatch.workflow.cases.CaseCommand;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingsLoaderTest {
    private final TestingClock clock = new TestingClock(LocalDateTime.of(2026, 4, 1, 9, 0));

    @Test
    void reloadingARunDuplicatesNothingAndNeverResetsAFindingUnderReview(@TempDir Path dir) {
        TestingFindings run = new TestingFindings()
                .priceCap("FD1", "H1", "9.80", "2026-03-03")
                .priceCap("FD2", "H1", "2.00", "2026-03-04")
                .enrolment("430721197411197605", "2026-03");
        Path out = run.writeTo(dir.resolve("run1"));
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            FindingsLoader loader = new FindingsLoader(db, clock);
            FindingsLoader.LoadReport first = loader.load(out, Optional.empty());
            assertThat(first.findingsRead()).isEqualTo(3);
            assertThat(first.findingsNew()).isEqualTo(3);
            assertThat(first.linesNew()).isEqualTo(2);

            String underReview = run.findings().get(0).jrId();
            new Cases(db, clock).act(Actor.of("auditor1", Role.AUDITOR), underReview, CaseCommand.of(CaseAction.PUSH, ""));

            // the same findings again, with a new amount text as a changed rule version would give
            Path again = dir.resolve("run2");
            run.writeTo(again);
            rewrite(again.resolve("findings.csv"), "单价0.5元", "单价0.6元");
            FindingsLoader.LoadReport second = loader.load(again, Optional.empty());
            assertThat(second.findingsNew()).isZero();
            // the changed text refreshes the still-new finding only; the one under review keeps what was reviewed
            assertThat(second.findingsRefreshed()).isEqualTo(1);
            assertThat(second.findingsUnchanged()).isEqualTo(2);
            assertThat(second.findingsKept()).isEqualTo(1);
            assertThat(second.linesNew()).isZero();
            assertThat(db.jdbc().sql("SELECT count(*) FROM finding").query(Integer.class).single()).isEqualTo(3);
            assertThat(db.jdbc().sql("SELECT count(*) FROM finding_line").query(Integer.class).single()).isEqualTo(2);
            assertThat(db.jdbc().sql("SELECT state || ' ' || vola_cont FROM finding WHERE jr_id = ?").param(underReview)
                    .query(String.class).single()).startsWith("PUSHED").contains("单价0.5元");
            assertThat(db.jdbc().sql("SELECT vola_cont FROM finding WHERE jr_id = ?")
                    .param(run.findings().get(1).jrId()).query(String.class).single()).contains("单价0.6元");
        }
    }

    @Test
    void nextMonthsFindingsLoadBesideTheOpenOnes(@TempDir Path dir) {
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            FindingsLoader loader = new FindingsLoader(db, clock);
            loader.load(new TestingFindings().priceCap("FD1", "H1", "1.00", "2026-03-03").writeTo(dir.resolve("m3")),
                    Optional.empty());
            FindingsLoader.LoadReport april = loader.load(new TestingFindings()
                    .priceCap("FD1", "H1", "1.00", "2026-03-03")
                    .priceCap("FD9", "H1", "3.00", "2026-04-02").writeTo(dir.resolve("m4")), Optional.empty());
            assertThat(april.findingsNew()).isEqualTo(1);
            assertThat(db.jdbc().sql("SELECT month FROM finding ORDER BY month").query(String.class).list())
                    .containsExactly("2026-03", "2026-04");
            assertThat(db.jdbc().sql("SELECT count(*) FROM screening_run").query(Integer.class).single()).isEqualTo(2);
        }
    }

    @Test
    void aBadValueFailsTheLoadNamingFileRecordAndFieldAndStoresNothing(@TempDir Path dir) throws Exception {
        Path out = new TestingFindings().priceCap("FD1", "H1", "1.00", "2026-03-03")
                .priceCap("FD2", "H1", "2.00", "2026-03-04").writeTo(dir.resolve("bad"));
        rewrite(out.resolve("findings.csv"), ",2.00,", ",two yuan,");
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            assertThatThrownBy(() -> new FindingsLoader(db, clock).load(out, Optional.empty()))
                    .isInstanceOf(LoadException.class)
                    .hasMessageContaining("findings.csv record 2 field vola_amt: not a valid value: two yuan");
            assertThat(db.jdbc().sql("SELECT count(*) FROM finding").query(Integer.class).single()).isZero();
            assertThat(db.jdbc().sql("SELECT count(*) FROM screening_run").query(Integer.class).single()).isZero();
        }
    }

    @Test
    void aLineOfAnUnknownFindingOrAForeignHeaderIsRefused(@TempDir Path dir) throws Exception {
        Path out = new TestingFindings().priceCap("FD1", "H1", "1.00", "2026-03-03").writeTo(dir.resolve("orphan"));
        Files.writeString(out.resolve("finding_lines.csv"), "0123456789abcdef0123456789abcdef,FDX,1,1.00\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path foreign = new TestingFindings().priceCap("FD1", "H1", "1.00", "2026-03-03").writeTo(dir.resolve("f"));
        rewrite(foreign.resolve("findings.csv"), "jr_id,rule_id", "id,rule_id");
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            FindingsLoader loader = new FindingsLoader(db, clock);
            assertThatThrownBy(() -> loader.load(out, Optional.empty()))
                    .hasMessageContaining("finding_lines.csv record 2 field jr_id");
            assertThatThrownBy(() -> loader.load(foreign, Optional.empty()))
                    .hasMessageContaining("findings.csv line 1: the header is not that of fundwatch screen");
            assertThatThrownBy(() -> loader.load(dir.resolve("nowhere"), Optional.empty()))
                    .hasMessageContaining("not found");
        }
    }

    @Test
    void aBigLoadRebuildsTheQueueIndexesAndLeavesThemAsTheMigrationMadeThem(@TempDir Path dir) {
        TestingFindings many = new TestingFindings();
        for (int i = 0; i < 50_000; i++) {
            many.priceCap("FD" + i, "H" + (i % 70), (i % 900) + ".50", "2026-03-" + String.format("%02d", 1 + i % 28));
        }
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            String indexes = "SELECT string_agg(indexdef, ';' ORDER BY indexname) FROM pg_indexes "
                    + "WHERE tablename = 'finding'";
            String before = db.jdbc().sql(indexes).query(String.class).single();
            FindingsLoader.LoadReport r = new FindingsLoader(db, clock).load(many.writeTo(dir.resolve("big")),
                    Optional.empty());
            assertThat(r.findingsNew()).isEqualTo(50_000);
            assertThat(db.jdbc().sql(indexes).query(String.class).single()).isEqualTo(before);
            assertThat(db.jdbc().sql("SELECT count(*) FROM finding WHERE fixmedins_code = 'H7' AND month = "
                    + "'2026-03'").query(Integer.class).single()).isEqualTo(50_000 / 70 + 1);
        }
    }

    @Test
    void duplicateRowsOfOneFindingAreCountedAndStoredOnce(@TempDir Path dir) throws Exception {
        Path out = new TestingFindings().priceCap("FD1", "H1", "1.00", "2026-03-03").writeTo(dir.resolve("dup"));
        List<String> rows = Files.readAllLines(out.resolve("findings.csv"));
        Files.writeString(out.resolve("findings.csv"), String.join("\n", rows) + "\n" + rows.get(1) + "\n");
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            FindingsLoader.LoadReport r = new FindingsLoader(db, clock).load(out, Optional.empty());
            assertThat(r.findingsRead()).isEqualTo(2);
            assertThat(r.duplicateRows()).isEqualTo(1);
            assertThat(r.findingsNew()).isEqualTo(1);
        }
    }

    private static void rewrite(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            assertThat(text).contains(from);
            Files.writeString(file, text.replace(from, to));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
