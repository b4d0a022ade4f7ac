package org.fundwatch.screening;

/**
 * Spark SQL 4.x (the {@code fundwatch-spark} engine), with ANSI mode on and {@code TIMESTAMP_NTZ} as the timestamp
 * type, so times stay local and zone-less as in DuckDB. Lives in the core, beside {@link DuckDbDialect}, so that the
 * golden SQL of both dialects is pinned without Spark on the classpath.
 */
public final class SparkSqlDialect implements SqlDialect {

    public static final SparkSqlDialect INSTANCE = new SparkSqlDialect();

    private SparkSqlDialect() {
    }

    @Override
    public String name() {
        return "spark";
    }

    /** A cached temporary view, materialised at once (Spark has no session-scoped tables). */
    @Override
    public String createTempTable(String name, String query) {
        return "CACHE TABLE " + name + " AS\n" + query;
    }

    @Override
    public String createTempView(String name, String query) {
        return "CREATE OR REPLACE TEMPORARY VIEW " + name + " AS\n" + query;
    }

    @Override
    public String hash(String... expressions) {
        return "xxhash64(" + String.join(", ", expressions) + ")";
    }

    @Override
    public String daysBetween(String from, String to) {
        return "datediff(" + to + ", " + from + ")";
    }

    @Override
    public String secondsBetween(String from, String to) {
        return "timestampdiff(SECOND, " + from + ", " + to + ")";
    }

    @Override
    public String addDays(String date, String days) {
        return "date_add(" + date + ", CAST(" + days + " AS INT))";
    }

    @Override
    public String dayNumber(String date) {
        return "unix_date(" + date + ")";
    }

    @Override
    public String monthText(String date) {
        return "date_format(" + date + ", 'yyyy-MM')";
    }

    @Override
    public String regexpMatches(String value, String pattern) {
        return "regexp_like(" + value + ", " + pattern + ")";
    }

    @Override
    public String argMax(String value, String key) {
        return "max_by(" + value + ", " + key + ")";
    }

    @Override
    public String tryDecimal(String text) {
        return "try_cast(" + text + " AS DECIMAL(18,4))";
    }

    @Override
    public String textType() {
        return "STRING";
    }

    /**
     * {@code listagg} (Spark 4) takes its order in {@code WITHIN GROUP}; with DISTINCT the order must be the value
     * itself, which is how the templates use it.
     */
    @Override
    public String stringAgg(String value, String separator, String orderBy, boolean distinct) {
        return "listagg(" + (distinct ? "DISTINCT " : "") + value + ", " + separator + ") WITHIN GROUP (ORDER BY "
                + orderBy + ")";
    }

    @Override
    public String formatTime(String timestamp, String pattern) {
        return "date_format(" + timestamp + ", '" + pattern + "')";
    }
}
