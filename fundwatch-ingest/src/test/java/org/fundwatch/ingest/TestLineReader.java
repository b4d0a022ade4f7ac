package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestLineReader {

    @Test
    void splitsOnLfAndCrLfAndKeepsALoneCrAsText() throws IOException {
        LineReader r = new LineReader(new StringReader("a,b\r\nc\rd\ne\n"), 100);

        assertThat(r.next()).isEqualTo("a,b");
        assertThat(r.lineNumber()).isEqualTo(1);
        assertThat(r.next()).isEqualTo("c\rd");
        assertThat(r.next()).isEqualTo("e");
        assertThat(r.lineNumber()).isEqualTo(3);
        assertThat(r.next()).isNull();
    }

    @Test
    void returnsALastLineWithoutTerminatorAndDropsItsTrailingCr() throws IOException {
        assertThat(all(new LineReader(new StringReader("x\ny"), 100))).containsExactly("x", "y");
        assertThat(all(new LineReader(new StringReader("x\r\ny\r"), 100))).containsExactly("x", "y");
        assertThat(all(new LineReader(new StringReader(""), 100))).isEmpty();
        assertThat(all(new LineReader(new StringReader("\n\n"), 100))).containsExactly("", "");
    }

    @Test
    void joinsALineThatSpansTheReadBufferAndStripsACrLfSplitAcrossBuffers() throws IOException {
        String longLine = "x".repeat((1 << 16) - 1);
        // the \r is the last char of the first buffer and the \n the first of the next
        LineReader r = new LineReader(new StringReader(longLine + "\r\nnext\r\n"), 1 << 20);

        assertThat(r.next()).isEqualTo(longLine);
        assertThat(r.lastWasTruncated()).isFalse();
        assertThat(r.next()).isEqualTo("next");
        assertThat(r.lineNumber()).isEqualTo(2);
    }

    @Test
    void keepsALineOfExactlyTheLimitWhole() throws IOException {
        String exact = "y".repeat(100_000);
        LineReader r = new LineReader(new StringReader(exact + "\r\n" + exact + "\n"), 100_000);

        assertThat(r.next()).isEqualTo(exact);
        assertThat(r.lastWasTruncated()).isFalse();
        assertThat(r.next()).isEqualTo(exact);
        assertThat(r.lastWasTruncated()).isFalse();
    }

    @Test
    void cutsALineLongerThanTheLimitButConsumesItWholeSoTheNextLineIsIntact() throws IOException {
        LineReader r = new LineReader(new StringReader("z".repeat(200_000) + "\nshort\n" + "w".repeat(1001)
                + "\nlast"), 1000);

        assertThat(r.next()).hasSize(1000);
        assertThat(r.lastWasTruncated()).isTrue();
        assertThat(r.next()).isEqualTo("short");
        assertThat(r.lastWasTruncated()).isFalse();
        assertThat(r.lineNumber()).isEqualTo(2);
        assertThat(r.next()).hasSize(1000);
        assertThat(r.lastWasTruncated()).isTrue();
        assertThat(r.next()).isEqualTo("last");
        assertThat(r.lineNumber()).isEqualTo(4);
    }

    @Test
    void readsAQuarterGigabyteLineWithoutHoldingIt() throws IOException {
        long size = 256L << 20;
        LineReader r = new LineReader(new EndlessLine(size, "\nafter\n"), 4096);

        String first = r.next();

        assertThat(first).hasSize(4096);
        assertThat(r.lastWasTruncated()).isTrue();
        assertThat(r.next()).isEqualTo("after");
        assertThat(r.lineNumber()).isEqualTo(2);
    }

    private static List<String> all(LineReader r) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l = r.next(); l != null; l = r.next()) {
            out.add(l);
        }
        return out;
    }

    /** {@code size} characters without a line break, then a tail; generated, never held in memory. */
    static final class EndlessLine extends Reader {
        private long left;
        private final String tail;
        private int tailPos;

        EndlessLine(long size, String tail) {
            this.left = size;
            this.tail = tail;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (left > 0) {
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(cbuf, off, off + n, 'q');
                left -= n;
                return n;
            }
            if (tailPos >= tail.length()) {
                return -1;
            }
            int n = Math.min(len, tail.length() - tailPos);
            tail.getChars(tailPos, tailPos + n, cbuf, off);
            tailPos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
