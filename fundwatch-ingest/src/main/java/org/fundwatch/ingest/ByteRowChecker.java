package org.fundwatch.ingest;

import static org.fundwatch.ingest.LineFields.HAS_COMMA;
import static org.fundwatch.ingest.LineFields.HAS_QUOTE;
import static org.fundwatch.ingest.LineFields.NON_ASCII;
import static org.fundwatch.ingest.LineFields.QUOTED;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fundwatch.schema.CodeSet;
import org.fundwatch.schema.Column;
import org.fundwatch.schema.ColumnType;
import org.fundwatch.schema.Table;

/**
 * {@link RowChecker} for a row split by {@link LineFields}, answering only one question: is the row accepted
 * with no warning? If so its chunk line is written, byte for byte what {@link Staging.Sink#row} would write. If
 * not — or if the answer needs a look the byte path does not take (non-ASCII in a number, an escaped quote in a
 * code) — the row goes to the String path, which finds the same problems with the same messages as always.
 */
final class ByteRowChecker {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long CENT_AT_SCALE_10 = 100_000_000L;

    private final ColumnType[] types;
    private final boolean[] required;
    private final int[] fieldOfSlot;
    private final int[] extraFields;
    /** Per slot, the UTF-8 bytes of its code values, or null. */
    private final byte[][][] codes;
    private final boolean[] mayNotBeNegative;
    private final boolean[] negativeOnlyWhenReversing;
    private final boolean[] notFuture;
    private final int[][] dateOrders;
    private final int[] reversalSlots;
    private final byte[][] reversalValues;
    private final int maxFieldChars;
    private final long todayEpochDay;
    /** feedetail: cnt, pric, det_item_fee_sumamt; setl: medfee_sumamt, fund_pay_sumamt, acct_pay, psn_cash_pay. */
    private final int[] arithmetic;
    private final boolean lineAmount;
    private final long[] values;
    private final boolean[] present;

    private ByteRowChecker(Table table, RowChecker checker, int fields, int maxFieldChars, long todayEpochDay) {
        Column[] columns = checker.columns();
        this.maxFieldChars = maxFieldChars;
        this.todayEpochDay = todayEpochDay;
        types = new ColumnType[columns.length];
        required = new boolean[columns.length];
        fieldOfSlot = new int[columns.length];
        codes = new byte[columns.length][][];
        mayNotBeNegative = new boolean[columns.length];
        negativeOnlyWhenReversing = new boolean[columns.length];
        notFuture = new boolean[columns.length];
        boolean[] known = new boolean[fields];
        for (int s = 0; s < columns.length; s++) {
            Column c = columns[s];
            types[s] = c.type();
            required[s] = c.required();
            fieldOfSlot[s] = checker.fieldOf(c.name()).orElse(-1);
            if (fieldOfSlot[s] >= 0) {
                known[fieldOfSlot[s]] = true;
            }
            codes[s] = c.codes().map(ByteRowChecker::encoded).orElse(null);
            boolean numeric = c.type().isDecimal() || c.type() == ColumnType.INTEGER;
            mayNotBeNegative[s] = numeric && c.has(Column.Check.NOT_NEGATIVE);
            negativeOnlyWhenReversing[s] = numeric && c.has(Column.Check.NEGATIVE_ONLY_WHEN_REVERSING);
            notFuture[s] = c.has(Column.Check.NOT_FUTURE);
        }
        List<Integer> extras = new ArrayList<>();
        for (int f = 0; f < fields; f++) {
            if (!known[f]) {
                extras.add(f);
            }
        }
        extraFields = extras.stream().mapToInt(Integer::intValue).toArray();
        dateOrders = checker.dateOrderSlots();
        reversalSlots = new int[table.reversal().size()];
        reversalValues = new byte[reversalSlots.length][];
        for (int i = 0; i < reversalSlots.length; i++) {
            reversalSlots[i] = checker.slot(table.reversal().get(i).column());
            reversalValues[i] = table.reversal().get(i).value().map(v -> v.getBytes(StandardCharsets.UTF_8))
                    .orElse(null);
        }
        lineAmount = table.name().equals("feedetail");
        arithmetic = switch (table.name()) {
            case "feedetail" -> new int[] {checker.slot("cnt"), checker.slot("pric"),
                    checker.slot("det_item_fee_sumamt")};
            case "setl" -> new int[] {checker.slot("medfee_sumamt"), checker.slot("fund_pay_sumamt"),
                    checker.slot("acct_pay"), checker.slot("psn_cash_pay")};
            default -> null;
        };
        values = new long[columns.length];
        present = new boolean[columns.length];
    }

    /**
     * The byte path's checker for a table, or empty when the table has a check only the String path makes (the
     * knowledge point values of {@code kb_item_limit}, a code set on a column that is not text).
     */
    static Optional<ByteRowChecker> of(Table table, RowChecker checker, int fields, int maxFieldChars,
                                       long todayEpochDay) {
        if (table.name().equals("kb_item_limit")) {
            return Optional.empty();
        }
        for (Column c : checker.columns()) {
            if (c.codes().isPresent() && c.type() != ColumnType.STRING) {
                return Optional.empty();
            }
        }
        return Optional.of(new ByteRowChecker(table, checker, fields, maxFieldChars, todayEpochDay));
    }

    private static byte[][] encoded(CodeSet set) {
        return set.labels().keySet().stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    /**
     * Whether the line in {@code b}, split into {@code fields}, is a row the String path would accept without a
     * warning; if so, its chunk line (line number, schema columns, extra columns) is in {@code out}.
     */
    boolean accept(byte[] b, LineFields fields, long lineNo, ChunkLine out) {
        int[] from = fields.starts();
        int[] to = fields.ends();
        byte[] shape = fields.shapes();
        for (int s = 0; s < types.length; s++) {
            int f = fieldOfSlot[s];
            present[s] = false;
            if (f < 0) {
                continue;
            }
            int a = from[f];
            int z = to[f];
            int bits = shape[f];
            // an escaped quote: the bytes are not the text, only the String path compares or parses it
            boolean escaped = (bits & (QUOTED | HAS_QUOTE)) == (QUOTED | HAS_QUOTE);
            if (types[s] == ColumnType.STRING) {
                if (a == z) {
                    if (required[s]) {
                        return false;
                    }
                    continue;
                }
                // a character takes at least one byte, so a field of few enough bytes is short enough
                if (z - a > maxFieldChars || (codes[s] != null && (escaped || !isCode(codes[s], b, a, z)))) {
                    return false;
                }
                present[s] = true;
                continue;
            }
            if ((bits & NON_ASCII) != 0 || escaped) {
                return false;
            }
            while (a < z && b[a] == ' ') {
                a++;
            }
            while (z > a && b[z - 1] == ' ') {
                z--;
            }
            if (a == z) {
                if (required[s]) {
                    return false;
                }
                continue;
            }
            if (z - a > maxFieldChars) {
                return false;
            }
            long v = switch (types[s]) {
                case DATE -> ByteFieldParser.date(b, a, z);
                case TIMESTAMP -> ByteFieldParser.timestamp(b, a, z);
                case AMOUNT, PRICE, QUANTITY -> ByteFieldParser.decimal(b, a, z, types[s].scale(),
                        types[s].precision());
                case COORDINATE -> {
                    long c = ByteFieldParser.decimal(b, a, z, types[s].scale(), types[s].precision());
                    yield c != ByteFieldParser.FAIL && Math.abs(c) > 180_000_000L ? ByteFieldParser.FAIL : c;
                }
                case INTEGER -> ByteFieldParser.integer(b, a, z);
                case CLOCK_TIME -> ByteFieldParser.clockTime(b, a, z);
                case STRING -> throw new IllegalStateException("text is not parsed");
            };
            if (v == ByteFieldParser.FAIL) {
                return false;
            }
            values[s] = v;
            present[s] = true;
        }
        if (!rowChecksPass(b, from, to)) {
            return false;
        }
        write(b, from, to, shape, lineNo, out);
        return true;
    }

    /** Signs, future dates, date order and arithmetic, as {@link RowChecker#check} and {@link TableArithmetic}. */
    private boolean rowChecksPass(byte[] b, int[] from, int[] to) {
        boolean reversing = reversing(b, from, to);
        for (int s = 0; s < types.length; s++) {
            if (!present[s]) {
                continue;
            }
            if (values[s] < 0 && (mayNotBeNegative[s] || (negativeOnlyWhenReversing[s] && !reversing))) {
                return false;
            }
            if (notFuture[s] && epochDay(s) > todayEpochDay) {
                return false;
            }
        }
        for (int[] order : dateOrders) {
            int a = order[0];
            int z = order[1];
            if (present[a] && present[z] && compareTime(a, z) > 0) {
                return false;
            }
        }
        if (arithmetic == null) {
            return true;
        }
        if (lineAmount) {
            try {
                long product = Math.multiplyExact(values[arithmetic[0]], values[arithmetic[1]]);
                long amount = Math.multiplyExact(values[arithmetic[2]], CENT_AT_SCALE_10);
                return Math.abs(product - amount) < CENT_AT_SCALE_10;
            } catch (ArithmeticException overflow) {
                return false; // the String path decides with BigDecimal
            }
        }
        return values[arithmetic[1]] + values[arithmetic[2]] + values[arithmetic[3]] == values[arithmetic[0]];
    }

    private boolean reversing(byte[] b, int[] from, int[] to) {
        if (reversalSlots.length == 0) {
            return false;
        }
        for (int i = 0; i < reversalSlots.length; i++) {
            int s = reversalSlots[i];
            if (!present[s]) {
                return false;
            }
            if (reversalValues[i] != null) {
                int f = fieldOfSlot[s];
                if (!java.util.Arrays.equals(b, from[f], to[f], reversalValues[i], 0, reversalValues[i].length)) {
                    return false;
                }
            }
        }
        return true;
    }

    private int compareTime(int a, int z) {
        long x = types[a] == ColumnType.TIMESTAMP ? values[a] : values[a] * MICROS_PER_DAY;
        long y = types[z] == ColumnType.TIMESTAMP ? values[z] : values[z] * MICROS_PER_DAY;
        if (types[a] != types[z]) {
            x = Math.floorDiv(x, MICROS_PER_DAY);
            y = Math.floorDiv(y, MICROS_PER_DAY);
        }
        return Long.compare(x, y);
    }

    private long epochDay(int s) {
        return types[s] == ColumnType.TIMESTAMP ? Math.floorDiv(values[s], MICROS_PER_DAY) : values[s];
    }

    private static boolean isCode(byte[][] codes, byte[] b, int a, int z) {
        for (byte[] code : codes) {
            if (java.util.Arrays.equals(b, a, z, code, 0, code.length)) {
                return true;
            }
        }
        return false;
    }

    private void write(byte[] b, int[] from, int[] to, byte[] shape, long lineNo, ChunkLine out) {
        out.clear();
        out.number(lineNo);
        for (int s = 0; s < types.length; s++) {
            out.add((byte) ',');
            if (!present[s]) {
                continue;
            }
            long v = values[s];
            switch (types[s]) {
                case STRING -> text(b, from[fieldOfSlot[s]], to[fieldOfSlot[s]], shape[fieldOfSlot[s]], out);
                case DATE -> out.date(v);
                case TIMESTAMP -> out.timestamp(v);
                case AMOUNT, PRICE, QUANTITY, COORDINATE -> out.decimal(v, types[s].scale());
                case INTEGER -> out.number(v);
                case CLOCK_TIME -> out.time(v);
            }
        }
        for (int f : extraFields) {
            out.add((byte) ',');
            if (from[f] < to[f]) {
                text(b, from[f], to[f], shape[f], out);
            }
        }
        out.add((byte) '\n');
    }

    /** Text as {@link CanonicalText#text} writes it: plain unless it holds a comma or quote, then enclosed. */
    private static void text(byte[] b, int a, int z, int bits, ChunkLine out) {
        if ((bits & (HAS_QUOTE | HAS_COMMA)) == 0) {
            out.copy(b, a, z);
        } else if ((bits & QUOTED) != 0) {
            out.copy(b, a - 1, z + 1); // enclosed in the source as RFC 4180 encloses it, quotes already doubled
        } else {
            out.quote(b, a, z);
        }
    }
}
