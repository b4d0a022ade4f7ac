package org.fundwatch.serve.feedback;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.fundwatch.serve.wire.Refusal;

/** A query parameter bounding a time: a date-time, or a date meaning its first (from) or last (to) instant. */
final class QueryTime {
    private QueryTime() {
    }

    static Optional<LocalDateTime> of(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String s = value.strip();
        try {
            if (s.length() == 10) {
                LocalDate day = LocalDate.parse(s);
                return Optional.of(endOfDay ? day.atTime(LocalTime.MAX) : day.atStartOfDay());
            }
            return Optional.of(LocalDateTime.parse(s.length() > 10 && s.charAt(10) == ' '
                    ? s.substring(0, 10) + 'T' + s.substring(11) : s));
        } catch (DateTimeParseException e) {
            throw Refusal.badField(name, "not a date or date-time (yyyy-MM-dd[ HH:mm:ss]): \"" + value + "\"");
        }
    }
}
