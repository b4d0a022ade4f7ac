package org.fundwatch.ingest;


/**
 * Parses the text of one field into the exchange format's representation without allocating: decimals become
 * unscaled longs, dates epoch days, timestamps epoch microseconds of the local wall-clock time (no zone is ever
 * applied), clock times microseconds of the day.
 */
final class FieldParser {
    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2999;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private FieldParser() {
    }

    /**
     * A plain decimal ({@code -12.5}, {@code 3}, {@code .25}) as an unscaled long of the given scale. Digits beyond
     * the scale must be zeros, or the value would change; more integer digits than {@code precision - scale} do not
     * fit the column.
     */
    static long decimal(String s, int scale, int precision) throws BadValue {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        long value = 0;
        int intDigits = 0;
        int fracDigits = 0;
        boolean sawDigit = false;
        boolean sawPoint = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sawDigit = true;
                if (!sawPoint) {
                    if (value == 0 && c == '0') {
                        continue; // leading zeros do not count against the precision
                    }
                    if (++intDigits > precision - scale) {
                        throw new BadValue(Reason.BAD_TYPE, "'" + abbreviate(s) + "' has more than "
                                + (precision - scale) + " digits before the decimal point");
                    }
                    value = value * 10 + (c - '0');
                } else if (fracDigits < scale) {
                    value = value * 10 + (c - '0');
                    fracDigits++;
                } else if (c != '0') {
                    throw new BadValue(Reason.PRECISION_LOSS, "'" + abbreviate(s) + "' has more than " + scale
                            + " decimals");
                }
            } else if (c == '.' && !sawPoint) {
                sawPoint = true;
            } else {
                throw new BadValue(Reason.BAD_TYPE, "'" + abbreviate(s) + "' is not a plain decimal number");
            }
        }
        if (!sawDigit) {
            throw new BadValue(Reason.BAD_TYPE, "'" + abbreviate(s) + "' is not a number");
        }
        for (; fracDigits < scale; fracDigits++) {
            value *= 10;
        }
        return negative ? -value : value;
    }

    static int integer(String s) throws BadValue {
        long v = decimal(s, 0, 10);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new BadValue(Reason.BAD_TYPE, "'" + abbreviate(s) + "' is too large for a whole number");
        }
        return (int) v;
    }

    /** {@code yyyy-MM-dd}, {@code yyyy/MM/dd} or {@code yyyyMMdd}, optionally followed by a midnight time. */
    static int date(String s) throws BadValue {
        long packed = datePrefix(s, "date yyyy-MM-dd");
        int rest = (int) (packed & 0xFF);
        if (rest < s.length()) {
            String time = s.substring(rest).strip();
            if (!(time.equals("00:00:00") || time.equals("00:00") || time.equals("T00:00:00") || time.isEmpty())) {
                throw new BadValue(Reason.BAD_TYPE, "'" + abbreviate(s) + "' is not a date yyyy-MM-dd");
            }
        }
        return (int) (packed >> 8);
    }

    /**
     * The calendar date that starts {@code s} ({@code yyyy-MM-dd}, {@code yyyy/MM/dd} or {@code yyyyMMdd}): its epoch
     * day shifted left by 8 bits, or-ed with the number of characters it took.
     */
    private static long datePrefix(String s, String expected) throws BadValue {
        int n = s.length();
        int y;
        int m;
        int d;
        int rest;
        if (n >= 10 && (s.charAt(4) == '-' || s.charAt(4) == '/') && s.charAt(7) == s.charAt(4)) {
            y = digits(s, 0, 4);
            m = digits(s, 5, 2);
            d = digits(s, 8, 2);
            rest = 10;
        } else if (n >= 8 && allDigits(s, 0, 8)) {
            y = digits(s, 0, 4);
            m = digits(s, 4, 2);
            d = digits(s, 6, 2);
            rest = 8;
        } else {
            y = -1;
            m = -1;
            d = -1;
            rest = 0;
        }
        if (y < 0 || m < 0 || d < 0) {
            throw new BadValue(Reason.BAD_TYPE, "'" + abbreviate(s) + "' is not a " + expected);
        }
        return ((long) epochDay(s, y, m, d) << 8) | rest;
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss} (also {@code T} for the space, fractions of a second, {@code HH:mm},
     * {@code yyyyMMddHHmmss}, or a bare date meaning midnight) as epoch microseconds of the local time.
     */
    static long timestamp(String s) throws BadValue {
        int n = s.length();
        long packed = datePrefix(s, "time yyyy-MM-dd HH:mm:ss");
        long day = packed >> 8;
        int i = (int) (packed & 0xFF);
        int hh = 0;
        int mi = 0;
        int ss = 0;
        long micros = 0;
        if (i < n) {
            if (i == 8 && n == 14 && allDigits(s, 8, 6)) {
                hh = digits(s, 8, 2);
                mi = digits(s, 10, 2);
                ss = digits(s, 12, 2);
            } else {
                char sep = s.charAt(i);
                if (sep != ' ' && sep != 'T') {
                    throw bad(s);
                }
                i++;
                if (n < i + 5 || s.charAt(i + 2) != ':') {
                    throw bad(s);
                }
                hh = digits(s, i, 2);
                mi = digits(s, i + 3, 2);
                i += 5;
                if (i < n) {
                    if (s.charAt(i) != ':' || n < i + 3) {
                        throw bad(s);
                    }
                    ss = digits(s, i + 1, 2);
                    i += 3;
                    if (i < n) {
                        if (s.charAt(i) != '.' || i + 1 == n || n - i - 1 > 6 || !allDigits(s, i + 1, n - i - 1)) {
                            throw bad(s);
                        }
                        micros = digits(s, i + 1, n - i - 1);
                        for (int k = n - i - 1; k < 6; k++) {
                            micros *= 10;
                        }
                    }
                }
                if (hh < 0 || mi < 0 || ss < 0) {
                    throw bad(s);
                }
            }
            if (hh > 23 || mi > 59 || ss > 59) {
                throw new BadValue(Reason.IMPOSSIBLE_DATE, "'" + abbreviate(s) + "' is not a time of day");
            }
        }
        return day * MICROS_PER_DAY + ((hh * 60L + mi) * 60L + ss) * 1_000_000L + micros;
    }

    /** {@code HH:mm} or {@code HH:mm:ss}, up to {@code 24:00} (closing at midnight), as microseconds of the day. */
    static long clockTime(String s) throws BadValue {
        int n = s.length();
        if ((n != 5 && n != 8) || s.charAt(2) != ':' || (n == 8 && s.charAt(5) != ':')) {
            throw new BadValue(Reason.BAD_TYPE, "'" + abbreviate(s) + "' is not a time HH:mm");
        }
        int hh = digits(s, 0, 2);
        int mi = digits(s, 3, 2);
        int ss = n == 8 ? digits(s, 6, 2) : 0;
        if (hh < 0 || mi < 0 || ss < 0) {
            throw new BadValue(Reason.BAD_TYPE, "'" + abbreviate(s) + "' is not a time HH:mm");
        }
        if (hh > 24 || mi > 59 || ss > 59 || (hh == 24 && (mi > 0 || ss > 0))) {
            throw new BadValue(Reason.BAD_TYPE, "'" + abbreviate(s) + "' is not a time of day");
        }
        return ((hh * 60L + mi) * 60L + ss) * 1_000_000L;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static BadValue bad(String s) {
        return new BadValue(Reason.BAD_TYPE, "'" + abbreviate(s) + "' is not a time yyyy-MM-dd HH:mm:ss");
    }

    private static int epochDay(String s, int y, int m, int d) throws BadValue {
        if (y < MIN_YEAR || y > MAX_YEAR) {
            throw new BadValue(Reason.IMPOSSIBLE_DATE, "'" + abbreviate(s) + "' lies outside the years "
                    + MIN_YEAR + "–" + MAX_YEAR);
        }
        if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
            throw new BadValue(Reason.IMPOSSIBLE_DATE, "'" + abbreviate(s) + "' is not a calendar date");
        }
        return daysFromCivil(y, m, d);
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Howard Hinnant's days-from-civil: the epoch day of a valid proleptic Gregorian date, without allocating. */
    static int daysFromCivil(int y, int m, int d) {
        int yy = m <= 2 ? y - 1 : y;
        int era = Math.floorDiv(yy, 400);
        int yoe = yy - era * 400;
        int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static boolean allDigits(String s, int from, int len) {
        for (int k = from; k < from + len; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The number of {@code len} digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = from; k < from + len; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
