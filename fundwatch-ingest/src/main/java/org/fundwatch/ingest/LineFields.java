package org.fundwatch.ingest;

import java.nio.charset.MalformedInputException;

/**
 * The fields of one physical line of an RFC 4180 UTF-8 file, found on bytes: where each one's content lies (inside
 * its quotes, if enclosed) and its shape. Reused line after line; the UTF-8 check is that of a strict decoder.
 */
final class LineFields {
    /** Shape bits of a field: enclosed in quotes; holds a quote (doubled when enclosed); holds a comma. */
    static final int QUOTED = 1;
    static final int HAS_QUOTE = 2;
    static final int HAS_COMMA = 4;
    /** Holds bytes beyond ASCII. */
    static final int NON_ASCII = 8;

    private int[] from = new int[64];
    private int[] to = new int[64];
    private byte[] shape = new byte[64];

    int[] starts() {
        return from;
    }

    int[] ends() {
        return to;
    }

    byte[] shapes() {
        return shape;
    }

    /**
     * Splits the line {@code b[lineStart, lineEnd)} into exactly {@code expected} fields: the content of each
     * (inside its quotes, if enclosed) and its shape. False when only the String path can read the line: another
     * number of fields, a quote that does not close on this line, text after a closing quote, a control character
     * or U+FFFD.
     */
    boolean split(byte[] b, int lineStart, int lineEnd, int expected) throws MalformedInputException {
        if (expected > from.length) {
            from = new int[expected];
            to = new int[expected];
            shape = new byte[expected];
        }
        int e = lineEnd;
        int i = lineStart;
        int n = 0;
        while (true) {
            if (n == expected) {
                return false;
            }
            int bits = 0;
            if (i < e && b[i] == '"') {
                int j = i + 1;
                bits = QUOTED;
                while (true) {
                    if (j >= e) {
                        return false; // the enclosure goes on past the line
                    }
                    int c = b[j];
                    if (c == '"') {
                        if (j + 1 < e && b[j + 1] == '"') {
                            bits |= HAS_QUOTE;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == ',') {
                        bits |= HAS_COMMA;
                    } else if (c < 0) {
                        int len = utf8(b, j, e);
                        if (len == 0) {
                            return false;
                        }
                        bits |= NON_ASCII;
                        j += len;
                        continue;
                    } else if (c < 0x20 || c == 0x7F) {
                        return false;
                    }
                    j++;
                }
                from[n] = i + 1;
                to[n] = j;
                shape[n++] = (byte) bits;
                int k = j + 1;
                if (k == e) {
                    return n == expected;
                }
                if (b[k] != ',') {
                    return false;
                }
                i = k + 1;
                if (i == e) {
                    if (n == expected) {
                        return false;
                    }
                    from[n] = i;
                    to[n] = i;
                    shape[n++] = 0;
                    return n == expected;
                }
                continue;
            }
            int j = i;
            while (j < e) {
                int c = b[j];
                if (c == ',') {
                    break;
                }
                if (c == '"') {
                    bits |= HAS_QUOTE;
                } else if (c < 0) {
                    int len = utf8(b, j, e);
                    if (len == 0) {
                        return false;
                    }
                    bits |= NON_ASCII;
                    j += len;
                    continue;
                } else if (c < 0x20 || c == 0x7F) {
                    return false;
                }
                j++;
            }
            from[n] = i;
            to[n] = j;
            shape[n++] = (byte) bits;
            if (j == e) {
                return n == expected;
            }
            i = j + 1;
        }
    }

    /**
     * The length of the well-formed UTF-8 sequence at {@code i} (its lead byte is not ASCII), or 0 for U+FFFD,
     * which only the String path reports; throws on bytes that are not UTF-8, as a strict decoder would.
     */
    static int utf8(byte[] b, int i, int end) throws MalformedInputException {
        int lead = b[i] & 0xFF;
        int len;
        int lo = 0x80;
        int hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            len = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            len = 3;
            if (lead == 0xE0) {
                lo = 0xA0;
            } else if (lead == 0xED) {
                hi = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            len = 4;
            if (lead == 0xF0) {
                lo = 0x90;
            } else if (lead == 0xF4) {
                hi = 0x8F;
            }
        } else {
            throw new MalformedInputException(1);
        }
        if (i + len > end) {
            throw new MalformedInputException(1);
        }
        int second = b[i + 1] & 0xFF;
        if (second < lo || second > hi) {
            throw new MalformedInputException(1);
        }
        for (int k = 2; k < len; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                throw new MalformedInputException(1);
            }
        }
        if (lead == 0xEF && second == 0xBF && (b[i + 2] & 0xFF) == 0xBD) {
            return 0;
        }
        return len;
    }
}
