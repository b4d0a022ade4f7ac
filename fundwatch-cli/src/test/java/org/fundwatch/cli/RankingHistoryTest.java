package org.fundwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseAction;
import org.fundwatch.workflow.cases.CaseCommand;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.store.DatabaseSettings;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ranking's history loop: what the workflow confirmed goes back into the next screening's ranking. */
class RankingHistoryTest {
    @Test
    void findingsConfirmedInTheWorkflowCountInTheNextScreeningsRanking(@TempDir Path dir) throws Exception {
        TestingCli.Run demo = TestingCli.run("demo", "--out", dir.toString(), "--persons", "2000", "--months", "1",
                "--quiet");
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("risk ranking (风险排名)");
        String institution;
        try (WorkflowDatabase db = WorkflowDatabase.open(DatabaseSettings.embedded(dir.resolve("serve/workflow")))) {
            // the institution ranked last among those with a finding confirms two of them
            List<String> ranked = Files.readAllLines(dir.resolve("findings/ranking.csv")).stream()
                    .filter(l -> l.startsWith("INSTITUTION,") && !l.split(",")[9].equals("0")).toList();
            institution = ranked.get(ranked.size() - 1).split(",")[2];
            List<String> two = db.jdbc().sql("SELECT jr_id FROM finding WHERE fixmedins_code = ? ORDER BY jr_id "
                    + "LIMIT 2").param(institution).query(String.class).list();
            assertThat(two).isNotEmpty();
            Cases cases = new Cases(db, Clock.systemDefaultZone());
            for (String jrId : two) {
                cases.act(Actor.of("auditor", Role.AUDITOR), jrId, CaseCommand.of(CaseAction.PUSH, "初审确认"));
                cases.act(Actor.institution("institution", institution), jrId, CaseCommand.of(CaseAction.ACCEPT, ""));
            }
        }
        Path history = dir.resolve("history.csv");
        TestingCli.Run exported = TestingCli.run("workflow", "export-history", "--out", history.toString(),
                "--data-dir", dir.resolve("serve").toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(Files.readAllLines(history)).first().isEqualTo("subject_kind,subject_key,confirmed,booked");
        assertThat(Files.readAllLines(history)).anySatisfy(l -> assertThat(l).startsWith("INSTITUTION," + institution
                + ","));

        TestingCli.Run again = TestingCli.run("screen", "--dataset", dir.resolve("dataset").toString(), "--out",
                dir.resolve("findings").toString(), "--overwrite", "--history", history.toString(), "--quiet",
                "--no-load");
        assertThat(again.exitCode()).as(again.err()).isZero();
        String row = Files.readAllLines(dir.resolve("findings/ranking.csv")).stream()
                .filter(l -> l.startsWith("INSTITUTION,") && l.split(",")[2].equals(institution)).findFirst()
                .orElseThrow();
        String[] cells = row.split(",");
        assertThat(cells[13]).as("confirmed").isIn("1", "2");
        assertThat(Double.parseDouble(cells[8])).as("history part").isPositive();
    }
}
