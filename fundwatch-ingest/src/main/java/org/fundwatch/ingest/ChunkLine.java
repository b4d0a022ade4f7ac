package org.fundwatch.ingest;

import java.util.Arrays;

/**
 * The UTF-8 bytes of one staging chunk line, built by the byte path: values in exactly the forms of
 * {@link CanonicalText}, so a row reaches DuckDB as the same bytes whichever path checked it. Reused row after row.
 */
final class ChunkLine {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private byte[] buf = new byte[1024];
    private int len;

    void clear() {
        len = 0;
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return len;
    }

    void add(byte b) {
        room(1);
        buf[len++] = b;
    }

    /** Source bytes as they are. */
    void copy(byte[] src, int from, int to) {
        room(to - from);
        System.arraycopy(src, from, buf, len, to - from);
        len += to - from;
    }

    /** Source text that holds a quote: enclosed, its quotes doubled (RFC 4180, as {@link CanonicalText#text}). */
    void quote(byte[] src, int from, int to) {
        room(2 * (to - from) + 2);
        buf[len++] = '"';
        for (int i = from; i < to; i++) {
            if (src[i] == '"') {
                buf[len++] = '"';
            }
            buf[len++] = src[i];
        }
        buf[len++] = '"';
    }

    void number(long v) {
        if (v < 0) {
            add((byte) '-');
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        room(digits);
        int at = len + digits;
        len = at;
        // ints divide faster than longs, and line numbers and amounts are mostly ints
        if (v <= Integer.MAX_VALUE) {
            int i = (int) v;
            do {
                buf[--at] = (byte) ('0' + i % 10);
                i /= 10;
            } while (i > 0);
            return;
        }
        do {
            buf[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
    }

    void decimal(long unscaled, int scale) {
        if (scale == 0) {
            number(unscaled);
            return;
        }
        if (unscaled < 0) {
            add((byte) '-');
            unscaled = -unscaled;
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        number(unscaled / pow);
        room(scale + 1);
        buf[len++] = '.';
        long frac = unscaled % pow;
        for (long p = pow / 10; p > 0; p /= 10) {
            buf[len++] = (byte) ('0' + (frac / p) % 10);
        }
    }

    /** The date as {@link CanonicalText#date} writes it. */
    void date(long epochDay) {
        long ymd = CanonicalText.civil(epochDay);
        long y = ymd / 10_000;
        long m = ymd / 100 % 100;
        long d = ymd % 100;
        number(y);
        room(6);
        buf[len++] = '-';
        two(m);
        buf[len++] = '-';
        two(d);
    }

    void timestamp(long epochMicros) {
        long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
        date(day);
        add((byte) ' ');
        time(epochMicros - day * MICROS_PER_DAY);
    }

    void time(long dayMicros) {
        long secs = dayMicros / 1_000_000;
        long micros = dayMicros % 1_000_000;
        room(15);
        two(secs / 3600);
        buf[len++] = ':';
        two(secs / 60 % 60);
        buf[len++] = ':';
        two(secs % 60);
        if (micros != 0) {
            buf[len++] = '.';
            for (long p = 100_000; p > 0; p /= 10) {
                buf[len++] = (byte) ('0' + (micros / p) % 10);
            }
        }
    }

    private void two(long v) {
        buf[len++] = (byte) ('0' + v / 10);
        buf[len++] = (byte) ('0' + v % 10);
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
