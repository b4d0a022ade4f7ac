package org.fundwatch.synth;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.fundwatch.schema.Table;

/**
 * One CSV file of the exchange format: header from the schema, then rows filled column by column. Numbers are
 * formatted by hand from fixed-point longs (cents, micro-units, 1/10,000 units) because this is the hot path;
 * fields are quoted only when they contain a comma, a quote or a line break, and an unset field is empty (null).
 */
final class CsvTable implements Closeable {

    private final String name;
    private final List<String> columns;
    /** One writer per part (a single file, or one file per month of a split extract). */
    private final Writer[] outs;
    private final StringBuilder[] cells;
    private final StringBuilder line = new StringBuilder(512);
    private long rows;

    CsvTable(Path dir, Table table) throws IOException {
        this(dir.resolve(table.name() + ".csv"), table.name(), table.columnNames());
    }

    CsvTable(Path file, String name, List<String> columns) throws IOException {
        this(List.of(file), name, columns);
    }

    /**
     * One file of the table in each directory ({@code <table>.csv}), each with the header; {@link #end(int)} picks
     * the file a row goes to.
     */
    CsvTable(List<Path> dirs, Table table) throws IOException {
        this(dirs.stream().map(d -> d.resolve(table.name() + ".csv")).toList(), table.name(), table.columnNames());
    }

    private CsvTable(List<Path> files, String name, List<String> columns) throws IOException {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.outs = new Writer[files.size()];
        int buffer = files.size() == 1 ? 1 << 16 : 1 << 14;
        try {
            for (int i = 0; i < outs.length; i++) {
                outs[i] = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(files.get(i)),
                        StandardCharsets.UTF_8), buffer);
                outs[i].write(String.join(",", columns));
                outs[i].write('\n');
            }
        } catch (IOException | RuntimeException e) {
            try {
                close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        this.cells = new StringBuilder[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = new StringBuilder(32);
        }
    }

    /** Number of files (parts) rows can go to. */
    int parts() {
        return outs.length;
    }

    String name() {
        return name;
    }

    long rows() {
        return rows;
    }

    /** The position of a column, resolved once by name so that rows never depend on a hand-written order. */
    int col(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("table " + name + " has no column " + column);
        }
        return i;
    }

    CsvTable str(int col, String value) {
        if (value != null) {
            cells[col].append(value);
        }
        return this;
    }

    /** Characters of a builder, from {@code from} on, optionally after a prefix (no String per value). */
    CsvTable chars(int col, String prefix, CharSequence value, int from) {
        StringBuilder b = cells[col];
        if (prefix != null) {
            b.append(prefix);
        }
        b.append(value, from, value.length());
        return this;
    }

    CsvTable num(int col, long value) {
        cells[col].append(value);
        return this;
    }

    /** {@code yyyy-MM-dd} of an epoch day. */
    CsvTable date(int col, int epochDay) {
        Calendar.appendDate(cells[col], epochDay);
        return this;
    }

    /** {@code yyyy-MM-dd HH:mm:ss}. */
    CsvTable time(int col, int epochDay, int secondOfDay) {
        StringBuilder b = cells[col];
        Calendar.appendDate(b, epochDay);
        b.append(' ');
        two(b, secondOfDay / 3600);
        b.append(':');
        two(b, secondOfDay / 60 % 60);
        b.append(':');
        two(b, secondOfDay % 60);
        return this;
    }

    /** {@code HH:mm}. */
    CsvTable clock(int col, int minuteOfDay) {
        StringBuilder b = cells[col];
        two(b, minuteOfDay / 60);
        b.append(':');
        two(b, minuteOfDay % 60);
        return this;
    }

    /** Money from cents, exactly two decimals. */
    CsvTable cents(int col, long cents) {
        fixed(cells[col], cents, 2, 2);
        return this;
    }

    /** A unit price from micro-yuan, two to six decimals. */
    CsvTable micros(int col, long micros) {
        fixed(cells[col], micros, 6, 2);
        return this;
    }

    /** A coordinate from micro-degrees, six decimals. */
    CsvTable coordinate(int col, long micros) {
        fixed(cells[col], micros, 6, 6);
        return this;
    }

    /** A quantity from 1/10,000 units, zero to four decimals. */
    CsvTable qty(int col, long e4) {
        fixed(cells[col], e4, 4, 0);
        return this;
    }

    /** Writes the row (to the first file) and clears the cells. */
    void end() throws IOException {
        end(0);
    }

    /** Writes the row to file {@code part} and clears the cells. */
    void end(int part) throws IOException {
        StringBuilder l = line;
        l.setLength(0);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                l.append(',');
            }
            StringBuilder c = cells[i];
            if (needsQuotes(c)) {
                l.append('"');
                for (int k = 0; k < c.length(); k++) {
                    char ch = c.charAt(k);
                    if (ch == '"') {
                        l.append('"');
                    }
                    l.append(ch);
                }
                l.append('"');
            } else {
                l.append(c);
            }
            c.setLength(0);
        }
        l.append('\n');
        outs[part].append(l);
        rows++;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Writer w : outs) {
            if (w == null) {
                continue;
            }
            try {
                w.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static boolean needsQuotes(StringBuilder c) {
        for (int k = 0; k < c.length(); k++) {
            char ch = c.charAt(k);
            if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }

    private static void two(StringBuilder b, int v) {
        b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** Appends {@code value / 10^scale} in plain notation with trailing zeros stripped down to {@code minScale}. */
    static void fixed(StringBuilder b, long value, int scale, int minScale) {
        if (value < 0) {
            b.append('-');
            value = -value;
        }
        long pow = POW10[scale];
        b.append(value / pow);
        long frac = value % pow;
        int digits = scale;
        while (digits > minScale && frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        if (digits > 0) {
            b.append('.');
            long p = POW10[digits - 1];
            while (p > 0) {
                b.append((char) ('0' + frac / p % 10));
                p /= 10;
            }
        }
    }

    private static final long[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};
}
