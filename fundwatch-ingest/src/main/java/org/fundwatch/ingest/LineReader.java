package org.fundwatch.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * Physical lines of a text source, without their terminator ({@code \n} or {@code \r\n}; a lone {@code \r} is
 * text). A line longer than the limit is consumed whole but only its first {@code limit} characters are kept and
 * {@link #lastWasTruncated()} says so, so a garbage file cannot exhaust the heap.
 */
final class LineReader implements PhysicalLines {
    private final Reader in;
    private final int limit;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    private boolean truncated;
    private boolean suspicious;
    private long lineNumber;

    LineReader(Reader in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public String next() throws IOException {
        truncated = false;
        suspicious = false;
        StringBuilder spill = null;
        while (true) {
            if (pos >= end && !fill()) {
                if (spill == null) {
                    return null;
                }
                lineNumber++;
                return stripCr(spill.toString());
            }
            int start = pos;
            int i = start;
            char c;
            while (i < end && (c = buf[i]) != '\n') {
                if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F || c == '\uFFFD') {
                    suspicious = true;
                }
                i++;
            }
            if (i < end) {
                pos = i + 1;
                lineNumber++;
                if (spill == null) {
                    int len = i - start;
                    if (len > 0 && buf[i - 1] == '\r') {
                        len--;
                    }
                    if (len > limit) {
                        truncated = true;
                        len = limit;
                    }
                    return new String(buf, start, len);
                }
                append(spill, start, i - start);
                return stripCr(spill.toString());
            }
            if (spill == null) {
                spill = new StringBuilder(Math.max(256, (end - start) * 2));
            }
            append(spill, start, end - start);
            pos = end;
        }
    }

    @Override
    public boolean lastWasTruncated() {
        return truncated;
    }

    /**
     * Whether the line last returned holds a control character, DEL or U+FFFD (what a decoder puts for bytes that
     * are not text): only then do text fields need a character-by-character look.
     */
    @Override
    public boolean lastWasSuspicious() {
        return suspicious;
    }

    @Override
    public long lineNumber() {
        return lineNumber;
    }

    private void append(StringBuilder sb, int start, int len) {
        int room = limit + 1 - sb.length(); // keep one more than the limit so a trailing \r can be told apart
        if (room <= 0) {
            truncated = true;
            return;
        }
        if (len > room) {
            truncated = true;
            len = room;
        }
        sb.append(buf, start, len);
    }

    private String stripCr(String s) {
        String line = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        if (line.length() > limit) {
            truncated = true;
            return line.substring(0, limit);
        }
        return line;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            eof = true;
            pos = end = 0;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
