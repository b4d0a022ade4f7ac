package org.fundwatch.screening;

import java.time.LocalDate;

/**
 * The SQL a batch engine speaks, as capability methods: everything that differs between DuckDB and Spark SQL is
 * written here and nowhere else. Arguments are SQL expressions produced by the compiler, never user text.
 */
public interface SqlDialect {

    String name();

    /** {@code CREATE TEMP TABLE name AS query} (or the engine's cached equivalent). */
    String createTempTable(String name, String query);

    /** A view over a query, re-evaluated by each reader. */
    String createTempView(String name, String query);

    /**
     * Whether a rule's query ends in its {@code ORDER BY}. An engine that answers no sorts the collected rows with
     * {@link FindingOrder} instead (the rows of one rule are few; on Spark a global sort costs a range-partitioning
     * job per query).
     */
    default boolean ordersRuleRows() {
        return true;
    }

    /** A 64-bit hash of the values (used to find duplicate keys with a narrow aggregate). */
    String hash(String... expressions);

    /** Whole days from {@code from} to {@code to} (both DATE). */
    String daysBetween(String from, String to);

    /** Seconds from {@code from} to {@code to} (both TIMESTAMP without zone). */
    String secondsBetween(String from, String to);

    /** {@code date} plus {@code days} (an integer expression). */
    String addDays(String date, String days);

    /** Days since 1970-01-01, for RANGE windows over dates. */
    String dayNumber(String date);

    /** {@code yyyy-MM} of a DATE. */
    String monthText(String date);

    /** Whether {@code value} matches the regular expression {@code pattern} (both expressions). */
    String regexpMatches(String value, String pattern);

    /** The value of {@code value} on the row where {@code key} is largest. */
    String argMax(String value, String key);

    /** A text as a decimal, NULL when it is not a number. */
    String tryDecimal(String text);

    /** The name of the variable-length text type in casts ({@code VARCHAR} in standard SQL). */
    default String textType() {
        return "VARCHAR";
    }

    /** {@code CAST(expression AS text)}. */
    default String toText(String expression) {
        return "CAST(" + expression + " AS " + textType() + ")";
    }

    /**
     * The group's values of {@code value} joined by {@code separator} (an SQL string literal) in the order of
     * {@code orderBy}; with {@code distinct}, each value once ({@code orderBy} must then be {@code value}).
     */
    String stringAgg(String value, String separator, String orderBy, boolean distinct);

    /** A TIMESTAMP as text in a {@link java.time.format.DateTimeFormatter} pattern of letters y M d H m s only. */
    String formatTime(String timestamp, String pattern);

    /** Minutes since midnight of a clock-time column (the exchange format's TIME; {@code 24:00} gives 1440). */
    String clockMinutes(String clockTime);

    /**
     * The median of {@code value} over a group, as an aggregate. The default is standard SQL's ordered-set aggregate
     * (Spark SQL and PostgreSQL accept it too).
     */
    default String median(String value) {
        return "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + value + ")";
    }

    /** Whether a recursive query may aggregate over its recursive reference (DuckDB yes, Spark SQL no). */
    default boolean recursiveAggregates() {
        return true;
    }

    /**
     * A DOUBLE rounded to {@code digits} decimals as DuckDB rounds it (the value times 10^digits rounded half away
     * from zero, divided back), with no negative zero: the indicators and the models' sentences show these values,
     * and both engines must write the same digits.
     */
    default String roundDouble(String value, int digits) {
        return "(round(" + value + ", " + digits + ") + 0.0)";
    }

    default String date(LocalDate day) {
        return "DATE '" + day + "'";
    }
}
