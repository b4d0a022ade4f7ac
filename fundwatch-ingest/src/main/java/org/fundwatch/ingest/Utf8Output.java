package org.fundwatch.ingest;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered UTF-8 writer for the staging chunks: encodes a {@link StringBuilder} straight into its byte buffer, with
 * a fast path for ASCII, instead of going through a {@code Writer}'s general encoder for every line.
 */
final class Utf8Output implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 18];
    private int pos;

    Utf8Output(OutputStream out) {
        this.out = out;
    }

    void write(StringBuilder sb) throws IOException {
        int n = sb.length();
        for (int i = 0; i < n; i++) {
            if (pos > buf.length - 4) {
                flushBuffer();
            }
            char c = sb.charAt(i);
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(sb.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, sb.charAt(++i));
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buf[pos++] = (byte) '?'; // a lone surrogate is not text; the row was checked, this cannot happen
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    /** Bytes that are UTF-8 already. */
    void write(byte[] bytes, int off, int len) throws IOException {
        if (pos > buf.length - len) {
            flushBuffer();
            if (len > buf.length) {
                out.write(bytes, off, len);
                return;
            }
        }
        System.arraycopy(bytes, off, buf, pos, len);
        pos += len;
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        flushBuffer();
        out.close();
    }
}
