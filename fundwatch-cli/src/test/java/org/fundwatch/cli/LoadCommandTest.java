package org.fundwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fundwatch.workflow.store.DatabaseSettings;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadCommandTest {
    @Test
    void demoLoadsEveryFindingWithItsCaseFileAndALoadAgainAddsNothing(@TempDir Path dir) throws IOException {
        TestingCli.Run demo = TestingCli.run("demo", "--out", dir.toString(), "--persons", "2000", "--months", "1",
                "--quiet");
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("== 5/5 load").contains("next: bin/fundwatch serve --data-dir");
        long findings;
        try (var lines = Files.lines(dir.resolve("findings/findings.csv"))) {
            findings = lines.count() - 1;
        }
        assertThat(demo.out()).contains(String.format("%,d findings read: %,d new", findings, findings));

        TestingCli.Run again = TestingCli.run("load", "--findings", dir.resolve("findings").toString(), "--data-dir",
                dir.resolve("serve").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains(String.format("%,d findings read: 0 new, 0 refreshed (still new, changed by this run), %,d unchanged",
                findings, findings))
                .contains("0 new fee lines");
        long indicators;
        try (var lines = Files.lines(dir.resolve("findings/indicators.csv"))) {
            indicators = lines.count() - 1;
        }
        assertThat(again.out()).contains(String.format("indicator table stored: %,d rows", indicators));

        try (WorkflowDatabase db = WorkflowDatabase.open(DatabaseSettings.embedded(dir.resolve("serve/workflow")))) {
            assertThat(db.jdbc().sql("SELECT count(*) FROM finding").query(Long.class).single()).isEqualTo(findings);
            // loaded twice, the indicator table's months are replaced, not doubled
            assertThat(db.jdbc().sql("SELECT count(*) FROM indicator_value").query(Long.class).single())
                    .isEqualTo(indicators);
            // every visit a finding names is in the case file, with its lines
            assertThat(db.jdbc().sql("SELECT count(*) FROM finding f WHERE f.mdtrt_id IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM visit v WHERE v.mdtrt_id = f.mdtrt_id)").query(Long.class).single()).isZero();
            assertThat(db.jdbc().sql("SELECT count(*) FROM finding_line l WHERE NOT EXISTS "
                    + "(SELECT 1 FROM fee_line d WHERE d.feedetl_sn = l.feedetl_sn)").query(Long.class).single())
                    .isZero();
        }
    }

    @Test
    void loadOfADirectoryWithoutAScreeningExitsTwoNamingTheFile(@TempDir Path dir) {
        TestingCli.Run r = TestingCli.run("load", "--findings", dir.toString(), "--no-case-file", "--data-dir",
                dir.resolve("serve").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("findings.csv: not found");
    }
}
