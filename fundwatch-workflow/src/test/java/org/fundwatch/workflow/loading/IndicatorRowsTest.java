package org.fundwatch.workflow.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fundwatch.screening.IndicatorTable;
import org.fundwatch.workflow.TestingClock;
import org.fundwatch.workflow.TestingFindings;
import org.fundwatch.workflow.TestingPostgres;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The indicator table travels with the findings: loaded beside them, a month loaded again replacing that month. */
class IndicatorRowsTest {
    private final TestingClock clock = new TestingClock(LocalDateTime.of(2026, 4, 1, 9, 0));

    /** Rows as {@code screen} writes them: empty text quoted, absent numbers unquoted empty. */
    private static String row(String level, String code, String dept, String dr, String month, String indicator,
                              String value, String n, String peers, String median, String mad, String z) {
        return String.join(",", level, code, "\"" + dept + "\"", "\"" + dr + "\"", month, indicator, value, n, "1",
                "2", "综合医院", peers, median, mad, z);
    }

    private static Path run(Path dir, List<String> rows) throws IOException {
        Path out = new TestingFindings().priceCap("FD1", "H43010300001", "9.80", "2026-02-03").writeTo(dir);
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", IndicatorTable.COLUMNS));
        lines.addAll(rows);
        Files.write(out.resolve("indicators.csv"), lines);
        return out;
    }

    @Test
    void loadingAMonthAgainReplacesThatMonthAndKeepsTheOthers(@TempDir Path dir) throws IOException {
        Path first = run(dir.resolve("full"), List.of(
                row("INSTITUTION", "H43010300001", "", "", "2026-01", "DRUG_SHARE", "0.3248", "763", "5", "0.327",
                        "0.0077", "-0.091"),
                row("INSTITUTION", "H43010300001", "", "", "2026-02", "DRUG_SHARE", "0.3301", "702", "5", "0.329",
                        "0.0071", "0.042"),
                row("DEPARTMENT", "H43010300001", "A03", "", "2026-02", "AVG_COST", "103.9771", "841", "5",
                        "103.9771", "2.0643", "0.0"),
                row("PHYSICIAN", "H43010300001", "", "D0103000011", "2026-02", "AVG_LOS", "10.25", "4", "0", "", "",
                        "")));
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            FindingsLoader loader = new FindingsLoader(db, clock);
            assertThat(loader.load(first, Optional.empty()).indicatorRows()).isEqualTo(4);
            assertThat(db.jdbc().sql("SELECT peer_median IS NULL AND robust_z IS NULL AND dept_code = '' FROM "
                    + "indicator_value WHERE unit_level = 'PHYSICIAN'").query(Boolean.class).single()).isTrue();

            // February screened again (screen --period 2026-02): one row changed, the physician's gone
            Path again = run(dir.resolve("february"), List.of(
                    row("INSTITUTION", "H43010300001", "", "", "2026-02", "DRUG_SHARE", "0.5120", "702", "5", "0.329",
                            "0.0071", "19.2"),
                    row("DEPARTMENT", "H43010300001", "A03", "", "2026-02", "AVG_COST", "103.9771", "841", "5",
                            "103.9771", "2.0643", "0.0")));
            assertThat(loader.load(again, Optional.empty()).indicatorRows()).isEqualTo(2);
            assertThat(db.jdbc().sql("SELECT month || ' ' || value FROM indicator_value WHERE indicator = 'DRUG_SHARE' "
                    + "ORDER BY month").query(String.class).list()).containsExactly("2026-01 0.3248", "2026-02 0.512");
            assertThat(db.jdbc().sql("SELECT count(*) FROM indicator_value").query(Integer.class).single())
                    .isEqualTo(3);
            // and the same run once more changes nothing
            loader.load(again, Optional.empty());
            assertThat(db.jdbc().sql("SELECT count(*) FROM indicator_value").query(Integer.class).single())
                    .isEqualTo(3);
        }
    }

    @Test
    void aBadIndicatorValueFailsTheWholeLoadNamingRecordAndField(@TempDir Path dir) throws IOException {
        Path out = run(dir.resolve("bad"), List.of(
                row("INSTITUTION", "H43010300001", "", "", "2026-01", "DRUG_SHARE", "0.3248", "763", "5", "0.327",
                        "0.0077", "-0.091"),
                row("INSTITUTION", "H43010300001", "", "", "2026-01", "AVG_COST", "lots", "763", "5", "0.327",
                        "0.0077", "-0.091")));
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            assertThatThrownBy(() -> new FindingsLoader(db, clock).load(out, Optional.empty()))
                    .isInstanceOf(LoadException.class)
                    .hasMessageContaining("indicators.csv record 2 field value: not a valid value: lots");
            assertThat(db.jdbc().sql("SELECT count(*) FROM indicator_value").query(Integer.class).single()).isZero();
            assertThat(db.jdbc().sql("SELECT count(*) FROM finding").query(Integer.class).single()).isZero();
        }
    }
}
