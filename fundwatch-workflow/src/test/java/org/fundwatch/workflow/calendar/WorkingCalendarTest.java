package org.fundwatch.workflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.fundwatch.workflow.TestingPostgres;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingCalendarTest {
    /** The 2025 National Day holiday: 1–8 October off, Sunday 28 September and Saturday 11 October worked. */
    private static final String NATIONAL_DAY_2025 = """
            day,kind,name
            2025-09-28,WORKDAY,国庆调休上班
            2025-10-01,HOLIDAY,国庆节
            2025-10-02,HOLIDAY,国庆节
            2025-10-03,HOLIDAY,国庆节
            2025-10-04,HOLIDAY,国庆节
            2025-10-05,HOLIDAY,国庆节
            2025-10-06,HOLIDAY,中秋节
            2025-10-07,HOLIDAY,国庆节
            2025-10-08,HOLIDAY,国庆节
            2025-10-11,WORKDAY,国庆调休上班
            """;

    @Test
    void tenWorkingDaysFromAFridayEndTwoFridaysLater() {
        assertThat(WorkingCalendar.weekdays().deadline(LocalDate.of(2026, 1, 2), 10)).isEqualTo("2026-01-16");
    }

    @Test
    void holidaysPushADeadlineAndMovedWorkingDaysPullItBack(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("calendar.csv"), NATIONAL_DAY_2025);
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            CalendarStore store = new CalendarStore(db.jdbc());
            assertThat(store.replaceYears(CalendarStore.read(file))).isEqualTo(10);
            WorkingCalendar calendar = store.calendar();
            // Sun 28 Sep (worked), 29, 30, then 9, 10, Sat 11 (worked), 13, 14, 15, 16 October
            assertThat(calendar.deadline(LocalDate.of(2025, 9, 26), 10)).isEqualTo("2025-10-16");
            assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 11))).isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 6))).isFalse();
            assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 12)))
                    .isEqualTo(3);
            // a newer file for the year replaces the year's declarations
            Path fix = Files.writeString(dir.resolve("fix.csv"), "2025-10-01,HOLIDAY,国庆节\n");
            store.replaceYears(CalendarStore.read(fix));
            assertThat(store.declared()).hasSize(1);
        }
    }

    @Test
    void aBadCalendarLineIsNamedWithItsField(@TempDir Path dir) throws Exception {
        Path kind = Files.writeString(dir.resolve("a.csv"), "2025-10-01,HOLIDAY\n2025-10-02,FEAST\n");
        assertThatThrownBy(() -> CalendarStore.read(kind)).hasMessageContaining("a.csv line 2 field kind");
        Path day = Files.writeString(dir.resolve("b.csv"), "2025-13-01,HOLIDAY\n");
        assertThatThrownBy(() -> CalendarStore.read(day)).hasMessageContaining("b.csv line 1 field day");
        Path twice = Files.writeString(dir.resolve("c.csv"), "2025-10-01,HOLIDAY\n2025-10-01,WORKDAY\n");
        assertThatThrownBy(() -> CalendarStore.read(twice)).hasMessageContaining("declared twice");
        assertThat(CalendarStore.read(Files.writeString(dir.resolve("d.csv"), "# comment\n\n"))).isEqualTo(List.of());
    }
}
