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

    @Override
    public String stringAgg(String value, String separator, String orderBy, boolean distinct) {
        return "string_agg(" + (distinct ? "DISTINCT " : "") + value + ", " + separator + " ORDER BY " + orderBy + ")";
    }

    @Override
    public String formatTime(String timestamp, String pattern) {
        if (!pattern.matches("[yMdHms:\\- ]+")) {
            throw new IllegalArgumentException("not a plain date-time pattern: " + pattern);
        }
        String format = pattern.replace("yyyy", "%Y").replace("MM", "%m").replace("dd", "%d").replace("HH", "%H")
                .replace("mm", "%M").replace("ss", "%S");
        return "strftime(" + timestamp + ", '" + format + "')";
    }

    @Override
    public String clockMinutes(String clockTime) {
        return "(hour(" + clockTime + ") * 60 + minute(" + clockTime + "))";
    }

    /** DuckDB's own {@code median}: the same value as {@code percentile_cont(0.5)}, and the form the models use. */
    @Override
    public String median(String value) {
        return "median(" + value + ")";
    }
}
