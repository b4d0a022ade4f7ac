package org.fundwatch.ingest;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Records of a delimited source in a {@link CsvDialect}, each with the number of the physical line it starts on.
 * Never throws on bad content: a broken record comes back as a {@link Record} with its {@link Reason}, and reading
 * resumes right after the bad line. An enclosed field may span lines; when the enclosure never closes within
 * {@code maxRecordLines} lines, or the merged record has the wrong number of fields, only the first line is
 * reported broken and the following lines are read again as records of their own, so one stray quote costs one
 * row, not the rest of the file.
 */
final class RecordReader {

    /** One record: its fields, or the reason it could not be split into fields. */
    record Record(long line, String raw, String[] fields, Reason problem, String message, boolean suspicious) {
        Record(long line, String raw, String[] fields, Reason problem, String message) {
            this(line, raw, fields, problem, message, true);
        }

        boolean ok() {
            return problem == null;
        }
    }

    private record Line(long number, String text, boolean truncated, boolean suspicious) {
    }

    private final PhysicalLines lines;
    private final CsvDialect dialect;
    private final int maxRecordLines;
    private final int maxRecordChars;
    private final Deque<Line> pending = new ArrayDeque<>();
    private int expectedFields = -1;
    private long blankLines;

    RecordReader(PhysicalLines lines, CsvDialect dialect, int maxRecordLines, int maxRecordChars) {
        this.lines = lines;
        this.dialect = dialect;
        this.maxRecordLines = maxRecordLines;
        this.maxRecordChars = maxRecordChars;
    }

    /** The number of fields every later record must have (the header's); -1 to accept any. */
    void expectFields(int count) {
        this.expectedFields = count;
    }

    long lineNumber() {
        return lines.lineNumber();
    }

    long blankLines() {
        return blankLines;
    }

    /** Whether lines already read are waiting to be read again as records (after a broken enclosure). */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The next record, or null at the end. */
    Record next() throws IOException {
        Line first;
        do {
            first = nextLine();
            if (first == null) {
                return null;
            }
            if (first.text().isEmpty() && !first.truncated()) {
                blankLines++;
            }
        } while (first.text().isEmpty() && !first.truncated());

        if (first.truncated()) {
            return new Record(first.number(), first.text(), null, Reason.RECORD_TOO_LONG,
                    "line longer than " + maxRecordChars + " characters; the quarantine keeps its first "
                            + maxRecordChars);
        }
        List<Line> used = new ArrayList<>(1);
        used.add(first);
        Splitter splitter = new Splitter(dialect);
        Splitter.State state = splitter.feed(first.text());
        long chars = first.text().length();
        while (state == Splitter.State.OPEN_QUOTE) {
            Line more = nextLine();
            if (more == null || used.size() >= maxRecordLines || more.truncated()
                    || chars + more.text().length() > maxRecordChars) {
                if (more != null) {
                    pending.addFirst(more);
                }
                return brokenFirstLine(used, "an enclosed field opened by " + dialect.openQuote()
                        + " is never closed" + (more == null ? " before the end of the file" : " within "
                        + used.size() + " lines"));
            }
            used.add(more);
            chars += more.text().length() + 1;
            state = splitter.feed("\n", more.text());
        }
        String raw = used.size() == 1 ? first.text() : joined(used);
        if (state == Splitter.State.JUNK_AFTER_QUOTE) {
            if (used.size() > 1) {
                return brokenFirstLine(used, "text follows a closing " + dialect.closeQuote());
            }
            return new Record(first.number(), raw, null, Reason.BAD_QUOTING,
                    "text follows a closing " + dialect.closeQuote() + " in field " + splitter.fieldCount());
        }
        String[] fields = splitter.fields();
        if (expectedFields >= 0 && fields.length != expectedFields) {
            if (used.size() > 1) {
                return brokenFirstLine(used, "an enclosed field spans " + used.size()
                        + " lines and the merged record has " + fields.length + " fields instead of "
                        + expectedFields);
            }
            return new Record(first.number(), raw, null, Reason.COLUMN_COUNT,
                    fields.length + " fields where the header has " + expectedFields);
        }
        boolean suspicious = false;
        for (Line l : used) {
            suspicious |= l.suspicious();
        }
        return new Record(first.number(), raw, fields, null, null, suspicious);
    }

    private Record brokenFirstLine(List<Line> used, String message) {
        for (int i = used.size() - 1; i >= 1; i--) {
            pending.addFirst(used.get(i));
        }
        Line first = used.get(0);
        return new Record(first.number(), first.text(), null, Reason.BAD_QUOTING,
                message + "; the following lines are read again as records of their own");
    }

    private static String joined(List<Line> used) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < used.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(used.get(i).text());
        }
        return sb.toString();
    }

    private Line nextLine() throws IOException {
        if (!pending.isEmpty()) {
            return pending.pollFirst();
        }
        String text = lines.next();
        if (text == null) {
            return null;
        }
        return new Line(lines.lineNumber(), text, lines.lastWasTruncated(), lines.lastWasSuspicious());
    }

    /** Splits the text of one record, fed line by line, into fields. */
    static final class Splitter {
        enum State { COMPLETE, OPEN_QUOTE, JUNK_AFTER_QUOTE }

        private final String sep;
        private final String open;
        private final String close;
        private final boolean doubled;
        private final char sep0;
        private final char open0;
        private final List<String> fields = new ArrayList<>(32);
        private StringBuilder quoted;

        Splitter(CsvDialect d) {
            this.sep = d.separator();
            this.open = d.openQuote();
            this.close = d.closeQuote();
            this.doubled = d.doubledQuoteEscapes();
            this.sep0 = sep.charAt(0);
            this.open0 = open.charAt(0);
        }

        int fieldCount() {
            return fields.size();
        }

        String[] fields() {
            return fields.toArray(new String[0]);
        }

        State feed(String text) {
            return scan(text, 0, true);
        }

        /** Continues an open enclosure with a line break and the next line. */
        State feed(String lineBreak, String text) {
            quoted.append(lineBreak);
            return scan(text, 0, false);
        }

        private State scan(String s, int i, boolean atFieldStart) {
            int n = s.length();
            boolean inEnclosure = !atFieldStart;
            while (true) {
                if (!inEnclosure && i < n && s.charAt(i) == open0 && s.startsWith(open, i)) {
                    quoted = new StringBuilder();
                    i += open.length();
                    inEnclosure = true;
                }
                if (inEnclosure) {
                    int after = closeEnclosure(s, i);
                    if (after < 0) {
                        return State.OPEN_QUOTE;
                    }
                    State st = afterClose(s, after);
                    if (st != null) {
                        return st;
                    }
                    i = after + sep.length();
                    inEnclosure = false;
                    continue;
                }
                int next = sep.length() == 1 ? s.indexOf(sep0, i) : s.indexOf(sep, i);
                if (next < 0) {
                    fields.add(s.substring(i));
                    return State.COMPLETE;
                }
                fields.add(s.substring(i, next));
                i = next + sep.length();
            }
        }

        /** After a closing quote at i: null to go on with the next field, or the record's end state. */
        private State afterClose(String s, int i) {
            fields.add(quoted.toString());
            quoted = null;
            if (i == s.length()) {
                return State.COMPLETE;
            }
            if (s.charAt(i) == sep0 && s.startsWith(sep, i)) {
                if (i + sep.length() == s.length()) {
                    fields.add("");
                    return State.COMPLETE;
                }
                return null;
            }
            return State.JUNK_AFTER_QUOTE;
        }

        /** Appends enclosed text from i; returns the index after the closing quote, or -1 if it continues. */
        private int closeEnclosure(String s, int i) {
            while (true) {
                int c = s.indexOf(close, i);
                if (c < 0) {
                    quoted.append(s, i, s.length());
                    return -1;
                }
                quoted.append(s, i, c);
                int after = c + close.length();
                if (doubled && s.startsWith(close, after)) {
                    quoted.append(close);
                    i = after + close.length();
                    continue;
                }
                return after;
            }
        }
    }
}
