package org.fundwatch.screening;

/** DuckDB (the embedded default). */
public final class DuckDbDialect implements SqlDialect {

    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    private DuckDbDialect() {
    }

    @Override
    public String name() {
        return "duckdb";
    }

    /**
     * A table of the engine's private in-memory database rather than a TEMP table: temporary objects are visible to
     * their own connection only, and the rule queries run on several connections at once.
     */
    @Override
    public String createTempTable(String name, String query) {
        return "CREATE OR REPLACE TABLE " + name + " AS\n" + query;
    }

    @Override
    public String createTempView(String name, String query) {
        return "CREATE OR REPLACE VIEW " + name + " AS\n" + query;
    }

    @Override
    public String hash(String... expressions) {
        return "hash(" + String.join(", ", expressions) + ")";
    }

    @Override
    public String daysBetween(String from, String to) {
        return "date_diff('day', " + from + ", " + to + ")";
    }

    @Override
    public String secondsBetween(String from, String to) {
        return "date_diff('second', " + from + ", " + to + ")";
    }

    @Override
    public String addDays(String date, String days) {
        return "CAST(" + date + " + CAST(" + days + " AS INTEGER) AS DATE)";
    }

    @Override
    public String dayNumber(String date) {
        return "date_diff('day', DATE '1970-01-01', " + date + ")";
    }

    @Override
    public String monthText(String date) {
        return "strftime(" + date + ", '%Y-%m')";
    }

    @Override
    public String regexpMatches(String value, String pattern) {
        return "regexp_matches(" + value + ", " + pattern + ")";
    }

    @Override
    public String argMax(String value, String key) {
        return "arg_max(" + value + ", " + key + ")";
    }

    @Override
    public String tryDecimal(String text) {
        return "TRY_CAST(" + text + " AS DECIMAL(18,4))";
    }

    /** DuckDB's own {@code median}: the same value as {@code percentile_cont(0.5)}, and the form the models use. */
    @Override
    public String median(String value) {
        return "median(" + value + ")";
    }
}
