package org.fundwatch.screening;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** One row of a rule query, read by column name; numbers come back without trailing zeros for the sentences. */
public final class RawRow {
    private static final List<String> NAMES = List.copyOf(RawColumns.TYPES.keySet());
    private final String[] values;

    public RawRow(String[] values) {
        if (values.length != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " values");
        }
        this.values = values.clone();
    }

    public static List<String> columns() {
        return NAMES;
    }

    public Optional<String> get(String column) {
        int i = NAMES.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("not a raw column: " + column);
        }
        return Optional.ofNullable(values[i]);
    }

    /** The value of the column at this index of {@link #columns()}, or null. */
    String at(int index) {
        return values[index];
    }

    /** The value, or the empty string. */
    public String text(String column) {
        return get(column).orElse("");
    }

    /** A decimal value written plainly ({@code 2.500000} → {@code 2.5}); the empty string when absent. */
    public String number(String column) {
        return get(column).map(v -> {
            try {
                BigDecimal d = new BigDecimal(v).stripTrailingZeros();
                return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
            } catch (NumberFormatException e) {
                return v;
            }
        }).orElse("");
    }
}
