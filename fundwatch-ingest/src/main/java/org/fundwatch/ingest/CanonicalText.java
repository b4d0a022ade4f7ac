package org.fundwatch.ingest;

/**
 * Writes parsed values back as the plain text DuckDB's CSV reader reads without guessing: decimals from their
 * unscaled longs, dates {@code yyyy-MM-dd}, timestamps {@code yyyy-MM-dd HH:mm:ss[.ffffff]}, times
 * {@code HH:mm:ss}, text RFC 4180-quoted when needed. No {@code java.time} objects and no formatting strings: this
 * runs once per value of every accepted row.
 */
final class CanonicalText {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private CanonicalText() {
    }

    static void decimal(StringBuilder sb, long unscaled, int scale) {
        if (scale == 0) {
            sb.append(unscaled);
            return;
        }
        if (unscaled < 0) {
            sb.append('-');
            unscaled = -unscaled;
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        sb.append(unscaled / pow).append('.');
        long frac = unscaled % pow;
        for (long p = pow / 10; p > 0; p /= 10) {
            sb.append((char) ('0' + (frac / p) % 10));
        }
    }

    static void date(StringBuilder sb, long epochDay) {
        long ymd = civil(epochDay);
        long y = ymd / 10_000;
        long m = ymd / 100 % 100;
        long d = ymd % 100;
        sb.append(y).append('-');
        two(sb, m);
        sb.append('-');
        two(sb, d);
    }

    /**
     * Howard Hinnant's civil-from-days: the date of an epoch day as {@code yyyyMMdd} in one long (valid for the years
     * the parser admits), shared by every writer of dates so there is one calendar.
     */
    static long civil(long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        return y * 10_000 + m * 100 + d;
    }

    static void timestamp(StringBuilder sb, long epochMicros) {
        long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
        date(sb, day);
        sb.append(' ');
        time(sb, epochMicros - day * MICROS_PER_DAY);
    }

    static void time(StringBuilder sb, long dayMicros) {
        long secs = dayMicros / 1_000_000;
        long micros = dayMicros % 1_000_000;
        two(sb, secs / 3600);
        sb.append(':');
        two(sb, secs / 60 % 60);
        sb.append(':');
        two(sb, secs % 60);
        if (micros != 0) {
            sb.append('.');
            for (long p = 100_000; p > 0; p /= 10) {
                sb.append((char) ('0' + (micros / p) % 10));
            }
        }
    }

    static void text(StringBuilder sb, String s) {
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private static void two(StringBuilder sb, long v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
