package org.fundwatch.ingest;

/**
 * {@link FieldParser} over the bytes of an ASCII field, for the byte path of {@link ByteRowChecker}: the same
 * spellings give the same values, and every spelling FieldParser rejects gives {@link #FAIL}. No reason and no
 * message: a row with a value that does not parse goes back to the String path, which says why.
 */
final class ByteFieldParser {
    /** Not a value of any column: decimals have at most 16 digits, times lie within the years 1900–2999. */
    static final long FAIL = Long.MIN_VALUE;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ByteFieldParser() {
    }

    /** As {@link FieldParser#decimal}: the unscaled long of {@code b[from, to)}, or {@link #FAIL}. */
    static long decimal(byte[] b, int from, int to, int scale, int precision) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long value = 0;
        int intDigits = 0;
        int fracDigits = 0;
        boolean sawDigit = false;
        boolean sawPoint = false;
        for (; i < to; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                sawDigit = true;
                if (!sawPoint) {
                    if (value == 0 && c == '0') {
                        continue;
                    }
                    if (++intDigits > precision - scale) {
                        return FAIL;
                    }
                    value = value * 10 + (c - '0');
                } else if (fracDigits < scale) {
                    value = value * 10 + (c - '0');
                    fracDigits++;
                } else if (c != '0') {
                    return FAIL;
                }
            } else if (c == '.' && !sawPoint) {
                sawPoint = true;
            } else {
                return FAIL;
            }
        }
        if (!sawDigit) {
            return FAIL;
        }
        for (; fracDigits < scale; fracDigits++) {
            value *= 10;
        }
        return negative ? -value : value;
    }

    /** As {@link FieldParser#integer}. */
    static long integer(byte[] b, int from, int to) {
        long v = decimal(b, from, to, 0, 10);
        return v == FAIL || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? FAIL : v;
    }

    /** As {@link FieldParser#date}: an epoch day, or {@link #FAIL}. */
    static long date(byte[] b, int from, int to) {
        long packed = datePrefix(b, from, to);
        if (packed == FAIL) {
            return FAIL;
        }
        int i = from + (int) (packed & 0xFF);
        int end = to;
        // the rest, stripped as String.strip() would, may only say midnight
        while (i < end && asciiWhitespace(b[i])) {
            i++;
        }
        while (end > i && asciiWhitespace(b[end - 1])) {
            end--;
        }
        int n = end - i;
        boolean midnight = n == 0
                || (n == 8 && is(b, i, "00:00:00"))
                || (n == 5 && is(b, i, "00:00"))
                || (n == 9 && is(b, i, "T00:00:00"));
        return midnight ? packed >> 8 : FAIL;
    }

    /** As {@link FieldParser#timestamp}: epoch microseconds of the local time, or {@link #FAIL}. */
    static long timestamp(byte[] b, int from, int to) {
        int n = to - from;
        long packed = datePrefix(b, from, to);
        if (packed == FAIL) {
            return FAIL;
        }
        long day = packed >> 8;
        int i = (int) (packed & 0xFF);
        int hh = 0;
        int mi = 0;
        int ss = 0;
        long micros = 0;
        if (i < n) {
            if (i == 8 && n == 14 && digits(b, from, n, 8, 6) >= 0) {
                hh = digits(b, from, n, 8, 2);
                mi = digits(b, from, n, 10, 2);
                ss = digits(b, from, n, 12, 2);
            } else {
                byte sep = b[from + i];
                if (sep != ' ' && sep != 'T') {
                    return FAIL;
                }
                i++;
                if (n < i + 5 || b[from + i + 2] != ':') {
                    return FAIL;
                }
                hh = digits(b, from, n, i, 2);
                mi = digits(b, from, n, i + 3, 2);
                i += 5;
                if (i < n) {
                    if (b[from + i] != ':' || n < i + 3) {
                        return FAIL;
                    }
                    ss = digits(b, from, n, i + 1, 2);
                    i += 3;
                    if (i < n) {
                        int k = n - i - 1;
                        if (b[from + i] != '.' || k == 0 || k > 6) {
                            return FAIL;
                        }
                        micros = digits(b, from, n, i + 1, k);
                        if (micros < 0) {
                            return FAIL;
                        }
                        for (; k < 6; k++) {
                            micros *= 10;
                        }
                    }
                }
                if (hh < 0 || mi < 0 || ss < 0) {
                    return FAIL;
                }
            }
            if (hh > 23 || mi > 59 || ss > 59) {
                return FAIL;
            }
        }
        return day * MICROS_PER_DAY + ((hh * 60L + mi) * 60L + ss) * 1_000_000L + micros;
    }

    /** As {@link FieldParser#clockTime}: microseconds of the day, or {@link #FAIL}. */
    static long clockTime(byte[] b, int from, int to) {
        int n = to - from;
        if ((n != 5 && n != 8) || b[from + 2] != ':' || (n == 8 && b[from + 5] != ':')) {
            return FAIL;
        }
        int hh = digits(b, from, n, 0, 2);
        int mi = digits(b, from, n, 3, 2);
        int ss = n == 8 ? digits(b, from, n, 6, 2) : 0;
        if (hh < 0 || mi < 0 || ss < 0 || hh > 24 || mi > 59 || ss > 59 || (hh == 24 && (mi > 0 || ss > 0))) {
            return FAIL;
        }
        return ((hh * 60L + mi) * 60L + ss) * 1_000_000L;
    }

    /** The date that starts the field: epoch day shifted left by 8 bits, or-ed with the bytes it took; or FAIL. */
    private static long datePrefix(byte[] b, int from, int to) {
        int n = to - from;
        int y;
        int m;
        int d;
        int rest;
        if (n >= 10 && (b[from + 4] == '-' || b[from + 4] == '/') && b[from + 7] == b[from + 4]) {
            y = digits(b, from, n, 0, 4);
            m = digits(b, from, n, 5, 2);
            d = digits(b, from, n, 8, 2);
            rest = 10;
        } else if (n >= 8 && digits(b, from, n, 0, 8) >= 0) {
            y = digits(b, from, n, 0, 4);
            m = digits(b, from, n, 4, 2);
            d = digits(b, from, n, 6, 2);
            rest = 8;
        } else {
            return FAIL;
        }
        if (y < FieldParser.MIN_YEAR || y > FieldParser.MAX_YEAR || m < 1 || m > 12 || d < 1
                || d > daysInMonth(y, m)) {
            return FAIL;
        }
        return ((long) FieldParser.daysFromCivil(y, m, d) << 8) | rest;
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The number of {@code len} digits at {@code at} of a field of {@code n} bytes, or -1. */
    private static int digits(byte[] b, int from, int n, int at, int len) {
        if (at + len > n) {
            return -1;
        }
        int v = 0;
        for (int k = from + at; k < from + at + len; k++) {
            int c = b[k];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@link Character#isWhitespace} for ASCII. */
    static boolean asciiWhitespace(byte c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }

    private static boolean is(byte[] b, int at, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (b[at + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
