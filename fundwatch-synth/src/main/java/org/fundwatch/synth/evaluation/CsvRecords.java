package org.fundwatch.synth.evaluation;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A strict, streaming RFC 4180 reader of a UTF-8 CSV file with a header: comma-separated, fields in double quotes
 * may hold commas, {@code ""} and line breaks; {@code \n} or {@code \r\n} end a record; a BOM and empty lines are
 * skipped. Anything else (a quote inside an unquoted field, text after a closing quote, an unclosed quote, a record
 * whose field count differs from the header's, bytes that are not UTF-8) fails with the file and line.
 */
final class CsvRecords implements AutoCloseable {

    /** One record: the line it starts on and its fields, an empty field as {@code null}. */
    record Row(long line, String[] fields) {
        /** The trimmed field at {@code index}, or {@code null} when the column is absent or the field empty. */
        String get(int index) {
            if (index < 0) {
                return null;
            }
            String v = fields[index];
            if (v == null) {
                return null;
            }
            String t = v.strip();
            return t.isEmpty() ? null : t;
        }
    }

    private static final int EOF = -1;

    private final Path file;
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private final List<String> header;
    private final long headerLine;

    private CsvRecords(Path file) throws IOException {
        this.file = file;
        this.in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        if (peek() == '\uFEFF') {
            pos++;
        }
        Row h = readRecord(-1);
        if (h == null) {
            throw malformed(1, "empty file, no header");
        }
        List<String> names = new ArrayList<>(h.fields.length);
        for (String f : h.fields) {
            String n = f == null ? "" : f.strip();
            if (!n.isEmpty() && names.contains(n)) {
                throw malformed(h.line, "column " + n + " appears twice in the header");
            }
            names.add(n);
        }
        this.header = List.copyOf(names);
        this.headerLine = h.line;
    }

    /** Opens {@code file} and reads its header. */
    static CsvRecords open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EvaluationException(EvaluationException.Code.UNREADABLE, file + ": no such file");
        }
        try {
            return new CsvRecords(file);
        } catch (CharacterCodingException e) {
            throw new EvaluationException(EvaluationException.Code.MALFORMED_CSV, file + ":1: not UTF-8 text", e);
        } catch (IOException e) {
            throw new EvaluationException(EvaluationException.Code.UNREADABLE, file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** The index of a required column; fails naming the file and the header line when it is missing. */
    int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new EvaluationException(EvaluationException.Code.MISSING_COLUMN, file + ":" + headerLine
                    + ": no column " + name + " in the header " + String.join(",", header));
        }
        return i;
    }

    /** The index of an optional column, or -1. */
    int optionalColumn(String name) {
        return header.indexOf(name);
    }

    /** The next record, or empty at the end of the file. */
    Optional<Row> next() {
        try {
            return Optional.ofNullable(readRecord(header.size()));
        } catch (CharacterCodingException e) {
            throw malformed(line, "not UTF-8 text");
        } catch (IOException e) {
            throw new EvaluationException(EvaluationException.Code.UNREADABLE, file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new EvaluationException(EvaluationException.Code.UNREADABLE, file + ": " + e.getMessage(), e);
        }
    }

    /** One record, skipping empty lines; {@code expected} fields, or any number when negative. */
    private Row readRecord(int expected) throws IOException {
        while (true) {
            int c = peek();
            if (c == EOF) {
                return null;
            }
            if (c == '\n' || c == '\r' && peekAt(1) == '\n') {
                pos += c == '\n' ? 1 : 2;
                line++;
                continue;
            }
            break;
        }
        long start = line;
        List<String> fields = new ArrayList<>(Math.max(expected, 8));
        StringBuilder cell = new StringBuilder(32);
        while (true) {
            cell.setLength(0);
            int c = peek();
            if (c == '"') {
                pos++;
                long quoteLine = line;
                while (true) {
                    c = read();
                    if (c == EOF) {
                        throw malformed(quoteLine, "quoted field never closed");
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            pos++;
                            cell.append('"');
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cell.append((char) c);
                    }
                }
                c = peek();
                if (c != ',' && c != '\n' && c != EOF && !(c == '\r' && peekAt(1) == '\n')) {
                    throw malformed(line, "text after the closing quote of field " + (fields.size() + 1));
                }
                fields.add(cell.toString());
            } else {
                while (true) {
                    c = peek();
                    if (c == ',' || c == '\n' || c == EOF || c == '\r' && peekAt(1) == '\n') {
                        break;
                    }
                    if (c == '"') {
                        throw malformed(line, "quote inside unquoted field " + (fields.size() + 1));
                    }
                    cell.append((char) c);
                    pos++;
                }
                fields.add(cell.isEmpty() ? null : cell.toString());
            }
            c = read();
            if (c == ',') {
                continue;
            }
            if (c == '\r') {
                pos++;
            }
            if (c != EOF) {
                line++;
            }
            break;
        }
        if (expected >= 0 && fields.size() != expected) {
            throw malformed(start, "record has " + fields.size() + " fields, the header has " + expected);
        }
        return new Row(start, fields.toArray(new String[0]));
    }

    private int peek() throws IOException {
        return peekAt(0);
    }

    private int peekAt(int ahead) throws IOException {
        if (pos + ahead >= len) {
            fill(ahead + 1);
        }
        return pos + ahead < len ? buf[pos + ahead] : EOF;
    }

    private int read() throws IOException {
        int c = peek();
        if (c != EOF) {
            pos++;
        }
        return c;
    }

    /** Keeps the unread characters and reads until at least {@code want} are buffered or the input ends. */
    private void fill(int want) throws IOException {
        int rest = len - pos;
        System.arraycopy(buf, pos, buf, 0, rest);
        pos = 0;
        len = rest;
        while (len < want) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                return;
            }
            len += n;
        }
    }

    private EvaluationException malformed(long atLine, String what) {
        return new EvaluationException(EvaluationException.Code.MALFORMED_CSV, file + ":" + atLine + ": " + what);
    }
}
