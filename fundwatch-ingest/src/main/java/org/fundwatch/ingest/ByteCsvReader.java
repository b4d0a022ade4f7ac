package org.fundwatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An RFC 4180 UTF-8 source read as bytes: large blocks (read, hashed and counted on a reader thread) split into
 * physical lines, each split by {@link LineFields} without creating a String. A line the byte path cannot take whole
 * (a control character, U+FFFD, a quote that does not close on the line, the wrong number of fields) is handed to
 * {@link RecordReader} as a String through {@link PhysicalLines}, exactly as {@link LineReader} would have, so the
 * String path decides what happens to it. Bytes that are not UTF-8 anywhere throw {@link MalformedInputException}:
 * the caller then reads the file again on the String path, which reports or replaces them as it always has.
 */
final class ByteCsvReader implements PhysicalLines, AutoCloseable {
    /** What the next physical line is, for the byte path. */
    enum Peek { LINE, BLANK, END, TEXT_ONLY }

    private static final int BLOCK = 1 << 20;
    /** Longer lines are read by a {@link LineReader} from there on: a garbage file must not exhaust the heap. */
    private static final int LONGEST_BUFFERED_LINE = 4 << 20;

    private record Block(byte[] data, int length, Throwable error) {
    }

    private final InputStream in;
    private final int maxRecordChars;
    private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(8);
    private final Thread reader;
    private byte[] buf = new byte[2 * BLOCK];
    private int pos;
    private int end;
    private boolean eof;
    private long consumed;
    private long lineNumber;
    // the line last peeked: [lineStart, lineEnd) without its terminator, the next one at nextLine
    private boolean peeked;
    private int lineStart;
    private int lineEnd;
    private int nextLine;
    private boolean truncated;
    private boolean suspicious;
    // from the first line too long to buffer on, a LineReader reads the rest
    private LineReader rest;
    private long restBase;

    ByteCsvReader(InputStream in, int maxRecordChars, String name) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
        this.reader = new Thread(this::readBlocks, "fundwatch-read-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The reader thread: blocks in file order, then an empty block at the end (or one carrying the error). */
    private void readBlocks() {
        try {
            while (true) {
                byte[] data = free.poll();
                if (data == null) {
                    data = new byte[BLOCK];
                }
                int n = in.readNBytes(data, 0, BLOCK);
                full.put(new Block(data, n, null));
                if (n < BLOCK) {
                    if (n > 0) {
                        full.put(new Block(data, 0, null));
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            try {
                full.put(new Block(null, 0, e));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Bytes taken from the source so far, for progress. */
    long consumed() {
        return consumed;
    }

    /** Looks at the next physical line without taking it. */
    Peek peek() throws IOException {
        if (rest != null) {
            return Peek.TEXT_ONLY;
        }
        if (!peeked) {
            int scanned = 0;
            while (true) {
                int nl = indexOfNewline(pos + scanned);
                if (nl >= 0) {
                    lineStart = pos;
                    lineEnd = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
                    nextLine = nl + 1;
                    break;
                }
                scanned = end - pos;
                if (scanned > LONGEST_BUFFERED_LINE) {
                    return Peek.TEXT_ONLY;
                }
                if (!fill()) {
                    if (pos == end) {
                        return Peek.END;
                    }
                    lineStart = pos;
                    lineEnd = buf[end - 1] == '\r' ? end - 1 : end;
                    nextLine = end;
                    break;
                }
            }
            peeked = true;
        }
        return lineStart == lineEnd ? Peek.BLANK : Peek.LINE;
    }

    /** Takes the line last peeked. */
    void take() {
        consumed += nextLine - pos;
        pos = nextLine;
        peeked = false;
        lineNumber++;
    }

    private int indexOfNewline(int i) {
        byte[] b = buf;
        int e = end;
        for (; i < e; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Moves the unread bytes to the front and appends the next block; false at the end of the source. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        Block block = nextBlock();
        if (block.length() == 0) {
            eof = true;
            return false;
        }
        int unread = end - pos;
        if (unread + block.length() > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, unread + block.length()));
        }
        System.arraycopy(buf, pos, buf, 0, unread);
        System.arraycopy(block.data(), 0, buf, unread, block.length());
        free.offer(block.data());
        pos = 0;
        end = unread + block.length();
        return true;
    }

    private Block nextBlock() throws IOException {
        try {
            Block b = full.take();
            if (b.error() != null) {
                throw b.error() instanceof IOException io ? io : new IOException(b.error());
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The bytes the peeked line lies in, from {@link #lineStart()} to {@link #lineEnd()} (without its terminator). */
    byte[] buffer() {
        return buf;
    }

    int lineStart() {
        return lineStart;
    }

    int lineEnd() {
        return lineEnd;
    }

    // ---------------------------------------------------------------- the String path's view

    @Override
    public String next() throws IOException {
        if (rest == null && peek() == Peek.TEXT_ONLY) {
            // a line too long to buffer: a LineReader reads it and everything after it
            rest = new LineReader(new InputStreamReader(new Remaining(), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                    maxRecordChars);
            restBase = lineNumber;
        }
        if (rest != null) {
            return rest.next();
        }
        if (peek() == Peek.END) {
            return null;
        }
        for (int i = lineStart; i < lineEnd; i++) {
            if (buf[i] < 0) {
                i += utf8Or1(i) - 1;
            }
        }
        String line = new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
        take();
        suspicious = false;
        for (int i = 0; i < line.length() && !suspicious; i++) {
            char c = line.charAt(i);
            suspicious = (c < 0x20 && c != '\t' && c != '\r') || c == 0x7F || c == '\uFFFD';
        }
        truncated = line.length() > maxRecordChars;
        return truncated ? line.substring(0, maxRecordChars) : line;
    }

    private int utf8Or1(int i) throws MalformedInputException {
        int len = LineFields.utf8(buf, i, lineEnd);
        return len == 0 ? 3 : len;
    }

    @Override
    public boolean lastWasTruncated() {
        return rest != null ? rest.lastWasTruncated() : truncated;
    }

    @Override
    public boolean lastWasSuspicious() {
        return rest != null ? rest.lastWasSuspicious() : suspicious;
    }

    @Override
    public long lineNumber() {
        return rest != null ? restBase + rest.lineNumber() : lineNumber;
    }

    /** The source from the first unread byte on: what is buffered, then the blocks still to come. */
    private final class Remaining extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == end) {
                if (eof) {
                    return -1;
                }
                Block block = nextBlock();
                if (block.length() == 0) {
                    eof = true;
                    return -1;
                }
                System.arraycopy(block.data(), 0, buf, 0, block.length());
                free.offer(block.data());
                pos = 0;
                end = block.length();
            }
            int n = Math.min(len, end - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            consumed += n;
            return n;
        }
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
