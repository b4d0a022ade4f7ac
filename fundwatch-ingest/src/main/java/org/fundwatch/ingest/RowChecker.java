package org.fundwatch.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fundwatch.schema.CodeSet;
import org.fundwatch.schema.Column;
import org.fundwatch.schema.ColumnType;
import org.fundwatch.schema.Table;

/**
 * Checks one record of a table against the schema and parses it into a {@link TypedRow}: types, required values,
 * codes, signs, future dates, field lengths, date order within the row and the row's own arithmetic. Everything
 * that needs other rows (keys, references, sums over lines) is checked later in SQL by {@link CrossTableChecks}.
 */
final class RowChecker {

    /** An end that must not precede its start within one row. */
    private record DateOrder(String start, String end, String message) {
    }

    private static final Map<String, List<DateOrder>> DATE_ORDERS = Map.of(
            "psn_info", List.of(new DateOrder("brdy", "insu_begndate", "enrolment begins before birth"),
                    new DateOrder("insu_begndate", "insu_enddate", "enrolment ends before it begins")),
            "med_list", List.of(new DateOrder("begndate", "enddate", "catalog entry ends before it begins")),
            "kb_item_limit", List.of(new DateOrder("begndate", "enddate", "knowledge point ends before it begins")),
            "kb_item_pair", List.of(new DateOrder("begndate", "enddate", "knowledge point ends before it begins")),
            "mdtrt", List.of(new DateOrder("begntime", "endtime", "visit ends before it begins")),
            "psn_approval", List.of(new DateOrder("begndate", "enddate", "approval ends before it begins")),
            "ext_custody", List.of(new DateOrder("begndate", "enddate", "custody ends before it begins")));

    private final Table table;
    private final Column[] columns;
    /** header position → schema column index, or -1 - extraIndex for a column the schema does not know. */
    private final int[] slotOfField;
    private final int[] fieldOfSlot;
    private final List<String> extraColumns;
    private final int maxFieldChars;
    private final long todayEpochDay;
    private final boolean strict;
    private final int[][] dateOrderSlots;
    private final String[] dateOrderMessages;
    private final int[] reversalSlots;
    private final String[] reversalValues;
    // per column, looked up once instead of per value
    private final CodeSet[] codeSets;
    private final boolean[] numeric;
    private final boolean[] notNegative;
    private final boolean[] negativeOnlyWhenReversing;
    private final boolean[] notFuture;
    private final TableArithmetic arithmetic;

    RowChecker(Table table, List<String> headerNames, int maxFieldChars, LocalDate today, boolean strict) {
        this.table = table;
        this.columns = table.columns().toArray(new Column[0]);
        this.maxFieldChars = maxFieldChars;
        this.todayEpochDay = today.toEpochDay();
        this.strict = strict;
        this.slotOfField = new int[headerNames.size()];
        this.fieldOfSlot = new int[columns.length];
        java.util.Arrays.fill(fieldOfSlot, -1);
        this.extraColumns = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int f = 0; f < headerNames.size(); f++) {
            String name = headerNames.get(f);
            checkHeaderName(name, f);
            Integer before = seen.put(name, f);
            if (before != null) {
                throw new IngestException(IngestException.Code.DUPLICATE_COLUMN, "column " + name
                        + " appears twice in the header (fields " + (before + 1) + " and " + (f + 1) + ")");
            }
            int slot = slotOf(name);
            if (slot >= 0) {
                slotOfField[f] = slot;
                fieldOfSlot[slot] = f;
            } else {
                slotOfField[f] = -1 - extraColumns.size();
                extraColumns.add(name);
            }
        }
        for (int s = 0; s < columns.length; s++) {
            if (columns[s].required() && fieldOfSlot[s] < 0) {
                throw new IngestException(IngestException.Code.MISSING_COLUMN, "required column " + columns[s].name()
                        + " is missing; the header has " + headerNames);
            }
        }
        List<DateOrder> orders = DATE_ORDERS.getOrDefault(table.name(), List.of());
        dateOrderSlots = new int[orders.size()][];
        dateOrderMessages = new String[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            dateOrderSlots[i] = new int[] {slotOf(orders.get(i).start()), slotOf(orders.get(i).end())};
            dateOrderMessages[i] = orders.get(i).message();
        }
        codeSets = new CodeSet[columns.length];
        numeric = new boolean[columns.length];
        notNegative = new boolean[columns.length];
        negativeOnlyWhenReversing = new boolean[columns.length];
        notFuture = new boolean[columns.length];
        for (int s = 0; s < columns.length; s++) {
            Column c = columns[s];
            codeSets[s] = c.codes().orElse(null);
            numeric[s] = c.type().isDecimal() || c.type() == ColumnType.INTEGER;
            notNegative[s] = c.has(Column.Check.NOT_NEGATIVE);
            negativeOnlyWhenReversing[s] = c.has(Column.Check.NEGATIVE_ONLY_WHEN_REVERSING);
            notFuture[s] = c.has(Column.Check.NOT_FUTURE);
        }
        arithmetic = TableArithmetic.of(table.name(), this);
        reversalSlots = new int[table.reversal().size()];
        reversalValues = new String[table.reversal().size()];
        for (int i = 0; i < reversalSlots.length; i++) {
            reversalSlots[i] = slotOf(table.reversal().get(i).column());
            reversalValues[i] = table.reversal().get(i).value().orElse(null);
        }
    }

    /**
     * Refuses a header name the dataset cannot carry as a column: one with control characters (a damaged or
     * binary header; DuckDB cuts identifiers at NUL) or one of the staging table's own columns.
     */
    private static void checkHeaderName(String name, int field) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || ch == 0x7F) {
                throw new IngestException(IngestException.Code.MISSING_COLUMN, "the header cannot be read: the name "
                        + "of column " + (field + 1) + " holds control character U+" + String.format("%04X", (int) ch));
            }
        }
        if (name.equals("_line") || name.equals("_rejected")) {
            throw new IngestException(IngestException.Code.DUPLICATE_COLUMN, "column " + (field + 1) + " is named "
                    + name + ", a name the ingest keeps for itself; rename it");
        }
    }

    /** Header names normalised for matching: trimmed, a BOM dropped, lower case. */
    static String normalizeHeader(String name) {
        String n = name.strip();
        if (!n.isEmpty() && n.charAt(0) == '\uFEFF') {
            n = n.substring(1).strip();
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /**
     * A header name of a delimited file at {@code position} (from 0), normalised; a field with no name (a trailing
     * separator, {@code a,b,}) becomes {@code column_<n>}, counted from 1, so its values are kept like those of any
     * unknown column.
     */
    static String normalizeHeader(String name, int position) {
        String n = normalizeHeader(name);
        return n.isEmpty() ? "column_" + (position + 1) : n;
    }

    List<String> extraColumns() {
        return extraColumns;
    }

    int slot(String columnName) {
        int s = slotOf(columnName);
        if (s < 0) {
            throw new IllegalArgumentException(columnName);
        }
        return s;
    }

    /**
     * Parses and checks the fields into {@code row}. Rejecting problems and warnings are added to the lists; the
     * row is acceptable when no rejecting problem was added.
     */
    void check(String[] fields, TypedRow row, List<Problem> rejections, List<Problem> warnings) {
        check(fields, true, row, rejections, warnings);
    }

    /**
     * As {@link #check(String[], TypedRow, List, List)}; {@code suspicious} false promises that no field holds a
     * control character or U+FFFD, which saves looking at text fields character by character.
     */
    void check(String[] fields, boolean suspicious, TypedRow row, List<Problem> rejections, List<Problem> warnings) {
        row.clear();
        for (int f = 0; f < fields.length; f++) {
            int slot = slotOfField[f];
            String text = fields[f];
            if (slot < 0) {
                row.extras[-1 - slot] = text.isEmpty() ? null : text;
                continue;
            }
            Column c = columns[slot];
            if (c.type() != ColumnType.STRING) {
                text = text.strip();
            }
            if (text.isEmpty()) {
                if (c.required()) {
                    rejections.add(new Problem(Reason.MISSING_REQUIRED, c.name(), c.name() + " is required"));
                }
                continue;
            }
            if (text.length() > maxFieldChars) {
                rejections.add(new Problem(Reason.FIELD_TOO_LONG, c.name(), c.name() + " has " + text.length()
                        + " characters, more than the limit of " + maxFieldChars));
                continue;
            }
            try {
                parse(c, slot, text, row, suspicious);
            } catch (BadValue e) {
                rejections.add(new Problem(e.reason(), c.name(), c.name() + ": " + e.getMessage()));
            }
        }
        if (!rejections.isEmpty()) {
            return;
        }
        boolean reversing = reversing(row);
        for (int s = 0; s < columns.length; s++) {
            if (!row.present[s]) {
                continue;
            }
            Column c = columns[s];
            CodeSet codes = codeSets[s];
            if (codes != null && !codes.contains(row.texts[s])) {
                Problem p = new Problem(codes.onUnknown() == CodeSet.Unknown.REJECT ? Reason.BAD_CODE
                        : Reason.UNKNOWN_CODE, c.name(), c.name() + " '" + FieldParser.abbreviate(row.texts[s])
                        + "' is not one of " + codes.labels().keySet());
                (p.reason().rejects() ? rejections : warnings).add(p);
            }
            if (numeric[s]) {
                if (row.numbers[s] < 0 && (notNegative[s] || (negativeOnlyWhenReversing[s] && !reversing))) {
                    rejections.add(new Problem(Reason.NEGATIVE_VALUE, c.name(), c.name() + " is negative"
                            + (c.has(Column.Check.NOT_NEGATIVE) ? "" : " on a row that reverses nothing (a reversing row has "
                            + reversalDescription() + ")")));
                }
            }
            if (notFuture[s] && epochDay(c, row.numbers[s]) > todayEpochDay) {
                rejections.add(new Problem(Reason.FUTURE_DATE, c.name(), c.name() + " "
                        + FieldParser.abbreviate(row.texts[s]) + " lies after the day of ingestion "
                        + LocalDate.ofEpochDay(todayEpochDay)));
            }
        }
        for (int i = 0; i < dateOrderSlots.length; i++) {
            int a = dateOrderSlots[i][0];
            int b = dateOrderSlots[i][1];
            if (row.present[a] && row.present[b] && compareTime(a, b, row) > 0) {
                rejections.add(new Problem(Reason.DATE_ORDER, columns[b].name(), dateOrderMessages[i] + " ("
                        + columns[a].name() + " " + row.texts[a] + ", " + columns[b].name() + " " + row.texts[b]
                        + ")"));
            }
        }
        arithmetic.check(row, strict ? rejections : warnings);
        if (table.name().equals("kb_item_limit")) {
            KnowledgeValues.check(row.texts[slot("lmt_type")], row.texts[slot("lmt_value")])
                    .ifPresent(msg -> rejections.add(new Problem(Reason.BAD_VALUE, "lmt_value", msg)));
        }
    }

    private String reversalDescription() {
        List<String> parts = new ArrayList<>();
        for (Table.ReversalCondition rc : table.reversal()) {
            parts.add(rc.column() + rc.value().map(v -> " = " + v).orElse(" set"));
        }
        return parts.isEmpty() ? "this table has no reversing rows" : String.join(" and ", parts);
    }

    private boolean reversing(TypedRow row) {
        if (reversalSlots.length == 0) {
            return false;
        }
        for (int i = 0; i < reversalSlots.length; i++) {
            int s = reversalSlots[i];
            if (!row.present[s] || (reversalValues[i] != null && !reversalValues[i].equals(row.texts[s]))) {
                return false;
            }
        }
        return true;
    }

    private int compareTime(int a, int b, TypedRow row) {
        // dates and timestamps compare by their instants; a date against a date is the common case
        long x = columns[a].type() == ColumnType.TIMESTAMP ? row.numbers[a] : row.numbers[a] * 86_400_000_000L;
        long y = columns[b].type() == ColumnType.TIMESTAMP ? row.numbers[b] : row.numbers[b] * 86_400_000_000L;
        if (columns[a].type() != columns[b].type()) {
            x = Math.floorDiv(x, 86_400_000_000L);
            y = Math.floorDiv(y, 86_400_000_000L);
        }
        return Long.compare(x, y);
    }

    private static long epochDay(Column c, long value) {
        return c.type() == ColumnType.TIMESTAMP ? Math.floorDiv(value, 86_400_000_000L) : value;
    }

    private void parse(Column c, int slot, String text, TypedRow row, boolean suspicious) throws BadValue {
        switch (c.type()) {
            case STRING -> {
                for (int i = 0; suspicious && i < text.length(); i++) {
                    char ch = text.charAt(i);
                    if (ch == '\uFFFD' || (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7F) {
                        throw new BadValue(Reason.BAD_ENCODING, (ch == '\uFFFD'
                                ? "bytes that are not text in the file's encoding" : "control character U+"
                                + String.format("%04X", (int) ch)) + " at position " + (i + 1));
                    }
                }
            }
            case DATE -> row.numbers[slot] = FieldParser.date(text);
            case TIMESTAMP -> row.numbers[slot] = FieldParser.timestamp(text);
            case AMOUNT, PRICE, QUANTITY, COORDINATE -> {
                row.numbers[slot] = FieldParser.decimal(text, c.type().scale(), c.type().precision());
                if (c.type() == ColumnType.COORDINATE && Math.abs(row.numbers[slot]) > 180_000_000L) {
                    throw new BadValue(Reason.BAD_TYPE, "'" + text + "' is not a coordinate in degrees");
                }
            }
            case INTEGER -> row.numbers[slot] = FieldParser.integer(text);
            case CLOCK_TIME -> row.numbers[slot] = FieldParser.clockTime(text);
        }
        row.texts[slot] = text;
        row.present[slot] = true;
    }

    private int slotOf(String name) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    Column[] columns() {
        return columns;
    }

    /** The (start, end) slots of each end that must not precede its start within a row. */
    int[][] dateOrderSlots() {
        return dateOrderSlots;
    }

    Optional<Integer> fieldOf(String columnName) {
        int s = slotOf(columnName);
        return s < 0 || fieldOfSlot[s] < 0 ? Optional.empty() : Optional.of(fieldOfSlot[s]);
    }
}
