package org.fundwatch.workflow.calendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.fundwatch.workflow.calendar.WorkingCalendar.DayKind;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The calendar a bureau maintains, in the workflow store's {@code calendar_day} table. A file of declared days
 * ({@code day,kind,name} with kind {@code HOLIDAY} or {@code WORKDAY}, one a line, header optional) replaces the
 * declarations of the years it covers.
 */
public final class CalendarStore {
    private final JdbcClient jdbc;

    public CalendarStore(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc is null");
    }

    /** The calendar as stored now. */
    public WorkingCalendar calendar() {
        Map<LocalDate, DayKind> days = new LinkedHashMap<>();
        jdbc.sql("SELECT day, kind FROM calendar_day").query((rs, n) -> {
            days.put(rs.getObject(1, LocalDate.class), DayKind.valueOf(rs.getString(2)));
            return null;
        }).list();
        return new WorkingCalendar(days);
    }

    /** A declared day: the day, its kind and its name (e.g. 国庆节, 国庆调休上班). */
    public record DeclaredDay(LocalDate day, DayKind kind, String name) {
    }

    /** Reads a calendar file; a bad line fails naming the file, the line and the field. */
    public static List<DeclaredDay> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        Map<LocalDate, DeclaredDay> days = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#") || (lineNo == 1 && line.toLowerCase(Locale.ROOT).startsWith("day"))) {
                continue;
            }
            String[] f = line.split(",", 3);
            if (f.length < 2) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": expected day,kind[,name]");
            }
            LocalDate day;
            try {
                day = LocalDate.parse(f[0].strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(file + " line " + lineNo + " field day: not a yyyy-MM-dd date: "
                        + f[0].strip());
            }
            DayKind kind;
            try {
                kind = DayKind.valueOf(f[1].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + lineNo + " field kind: HOLIDAY or WORKDAY, not "
                        + f[1].strip());
            }
            if (days.containsKey(day)) {
                throw new IllegalArgumentException(file + " line " + lineNo + " field day: " + day
                        + " is declared twice");
            }
            days.put(day, new DeclaredDay(day, kind, f.length > 2 ? f[2].strip() : ""));
        }
        return List.copyOf(days.values());
    }

    /** Replaces the declared days of every year {@code days} touches; returns how many were stored. */
    public int replaceYears(List<DeclaredDay> days) {
        days.stream().map(d -> d.day().getYear()).distinct().forEach(year -> jdbc
                .sql("DELETE FROM calendar_day WHERE day >= ? AND day < ?")
                .params(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)).update());
        for (DeclaredDay d : days) {
            jdbc.sql("INSERT INTO calendar_day (day, kind, name) VALUES (?, ?, ?)")
                    .params(d.day(), d.kind().name(), d.name()).update();
        }
        return days.size();
    }

    /** The declared days, in order. */
    public List<DeclaredDay> declared() {
        return jdbc.sql("SELECT day, kind, name FROM calendar_day ORDER BY day")
                .query((rs, n) -> new DeclaredDay(rs.getObject(1, LocalDate.class), DayKind.valueOf(rs.getString(2)),
                        rs.getString(3) == null ? "" : rs.getString(3)))
                .list();
    }
}
