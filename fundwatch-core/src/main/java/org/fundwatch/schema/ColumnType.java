package org.fundwatch.schema;

/**
 * The value types of the exchange format (FORMAT.md). Codes and ids stay strings because leading zeros matter;
 * money, prices and quantities are fixed-point decimals, never floating point; dates and times are local and carry
 * no zone.
 */
public enum ColumnType {
    /** Text, codes and ids. */
    STRING("VARCHAR", 0),
    /** {@code yyyy-MM-dd}. */
    DATE("DATE", 0),
    /** {@code yyyy-MM-dd HH:mm:ss}, local time of the pooling area, no zone. */
    TIMESTAMP("TIMESTAMP", 0),
    /** Money in yuan, to the cent. */
    AMOUNT("DECIMAL(16,2)", 2),
    /** Unit prices and price caps. */
    PRICE("DECIMAL(16,6)", 6),
    /** Quantities of an item. */
    QUANTITY("DECIMAL(16,4)", 4),
    /** Whole numbers such as bed counts or days. */
    INTEGER("INTEGER", 0),
    /** Latitude or longitude in degrees. */
    COORDINATE("DECIMAL(9,6)", 6),
    /** A wall-clock time of day {@code HH:mm}, such as opening hours. */
    CLOCK_TIME("TIME", 0);

    private final String sqlType;
    private final int scale;

    ColumnType(String sqlType, int scale) {
        this.sqlType = sqlType;
        this.scale = scale;
    }

    /** The standard SQL type of the column (DuckDB and Spark both accept it). */
    public String sqlType() {
        return sqlType;
    }

    /** Digits after the decimal point for decimal types, 0 otherwise. */
    public int scale() {
        return scale;
    }

    public boolean isDecimal() {
        return this == AMOUNT || this == PRICE || this == QUANTITY || this == COORDINATE;
    }

    /** Total digits of a decimal type. */
    public int precision() {
        return this == COORDINATE ? 9 : 16;
    }
}
