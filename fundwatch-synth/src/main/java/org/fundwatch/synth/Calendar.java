package org.fundwatch.synth;

import java.time.LocalDate;
import java.time.YearMonth;

/** Calendar arithmetic on epoch days, and the months of the generated period. */
final class Calendar {

    private static final int FIRST = (int) LocalDate.of(1900, 1, 1).toEpochDay();
    private static final int LAST = (int) LocalDate.of(2100, 12, 31).toEpochDay();
    private static final String[] TEXT = new String[LAST - FIRST + 1];

    /** First day of the period. */
    final int firstDay;
    /** Days in the period. */
    final int days;
    /** {@code monthStart[m]} is the first epoch day of month m; {@code monthStart[months]} the day after the period. */
    final int[] monthStart;
    final YearMonth start;
    final int months;

    Calendar(YearMonth start, int months) {
        this.start = start;
        this.months = months;
        this.monthStart = new int[months + 1];
        for (int m = 0; m <= months; m++) {
            monthStart[m] = (int) start.plusMonths(m).atDay(1).toEpochDay();
        }
        this.firstDay = monthStart[0];
        this.days = monthStart[months] - firstDay;
    }

    int lastDay() {
        return firstDay + days - 1;
    }

    /** Month index (0-based) of an epoch day inside the period. */
    int monthOf(int epochDay) {
        int m = 0;
        while (m + 1 < months && monthStart[m + 1] <= epochDay) {
            m++;
        }
        return m;
    }

    String monthText(int monthIndex) {
        return start.plusMonths(monthIndex).toString();
    }

    static String dateText(int epochDay) {
        if (epochDay < FIRST || epochDay > LAST) {
            return LocalDate.ofEpochDay(epochDay).toString();
        }
        String s = TEXT[epochDay - FIRST];
        if (s == null) {
            s = LocalDate.ofEpochDay(epochDay).toString();
            TEXT[epochDay - FIRST] = s;
        }
        return s;
    }

    static void appendDate(StringBuilder b, int epochDay) {
        b.append(dateText(epochDay));
    }

    static int day(int year, int month, int dayOfMonth) {
        return (int) LocalDate.of(year, month, dayOfMonth).toEpochDay();
    }

    /** Full years of age on {@code epochDay} for someone born on {@code birthDay}. */
    static int age(int birthDay, int epochDay) {
        LocalDate b = LocalDate.ofEpochDay(birthDay);
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        int years = d.getYear() - b.getYear();
        if (d.getMonthValue() < b.getMonthValue()
                || (d.getMonthValue() == b.getMonthValue() && d.getDayOfMonth() < b.getDayOfMonth())) {
            years--;
        }
        return years;
    }

    /** The epoch day {@code years} after {@code epochDay} (29 February moves to 28 February). */
    static int plusYears(int epochDay, int years) {
        return (int) LocalDate.ofEpochDay(epochDay).plusYears(years).toEpochDay();
    }

    static int year(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).getYear();
    }
}
