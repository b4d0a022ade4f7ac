package org.fundwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowCommandTest {
    @Test
    void aBureauDeclaresItsCalendarAndChangesTheAppealPeriodWithoutCode(@TempDir Path dir) throws Exception {
        Path calendar = Files.writeString(dir.resolve("calendar.csv"),
                "day,kind,name\n2026-10-01,HOLIDAY,国庆节\n2026-10-02,HOLIDAY,国庆节\n2026-10-10,WORKDAY,国庆调休上班\n");
        String data = dir.resolve("serve").toString();
        TestingCli.Run imported = TestingCli.run("workflow", "calendar-import", calendar.toString(), "--data-dir",
                data);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("3 declared days stored (2 holidays, 1 moved working days)");

        assertThat(TestingCli.run("workflow", "set", "appeal_working_days", "15", "--data-dir", data).exitCode())
                .isZero();
        assertThat(TestingCli.run("workflow", "settings", "--data-dir", data).out())
                .contains("appeal_working_days      15");

        TestingCli.Run bad = TestingCli.run("workflow", "set", "appeal_working_days", "0", "--data-dir", data);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("1-60 working days");
        TestingCli.Run exported = TestingCli.run("workflow", "export-rules", "--out", dir.resolve("pack").toString(),
                "--data-dir", data);
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(org.fundwatch.rules.PolicyPack.load(dir.resolve("pack")).rules())
                .isEqualTo(org.fundwatch.rules.PolicyPack.defaultPack().rules());
        Path broken = Files.writeString(dir.resolve("broken.csv"), "2026-10-01,FEAST\n");
        TestingCli.Run refused = TestingCli.run("workflow", "calendar-import", broken.toString(), "--data-dir", data);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("broken.csv line 1 field kind");
    }
}
