package org.fundwatch.workflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The official working-day calendar (工作日历): Monday to Friday are working days unless declared a holiday, Saturday
 * and Sunday are not unless declared a moved working day (调休). Deadlines of the workflow count these days.
 */
public final class WorkingCalendar {
    /** How a declared day differs from the week's rhythm. */
    public enum DayKind { HOLIDAY, WORKDAY }

    private final Map<LocalDate, DayKind> declared;

    public WorkingCalendar(Map<LocalDate, DayKind> declared) {
        this.declared = new TreeMap<>(Objects.requireNonNull(declared, "declared is null"));
    }

    /** The plain week: Monday to Friday. */
    public static WorkingCalendar weekdays() {
        return new WorkingCalendar(Map.of());
    }

    public boolean isWorkingDay(LocalDate day) {
        DayKind kind = declared.get(day);
        if (kind != null) {
            return kind == DayKind.WORKDAY;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The last day of a period of {@code workingDays} working days that starts the day after {@code start}: an
     * appeal pushed on a Friday with 10 working days is due on the second Friday after (holidays pushing it later,
     * moved working days pulling it earlier).
     */
    public LocalDate deadline(LocalDate start, int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("a deadline needs at least one working day, not " + workingDays);
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The working days after {@code from} up to and including {@code to} (0 when {@code to} is not after it). */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }
}
