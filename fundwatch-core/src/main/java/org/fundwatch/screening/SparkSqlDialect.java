package org.fundwatch.screening;

import java.util.Optional;

/**
 * Spark SQL 4.x (the {@code fundwatch-spark} engine), with ANSI mode on and {@code TIMESTAMP_NTZ} as the timestamp
 * type, so times stay local and zone-less as in DuckDB. Lives in the core, beside {@link DuckDbDialect}, so that the
 * golden SQL of both dialects is pinned without Spark on the classpath.
 */
public final class SparkSqlDialect implements SqlDialect {

    public static final SparkSqlDialect INSTANCE = new SparkSqlDialect();
    private static final String CACHE_TABLE = "CACHE TABLE ";

    private SparkSqlDialect() {
    }

    @Override
    public String name() {
        return "spark";
    }

    /**
     * A cached temporary view, materialised at once (Spark has no session-scoped tables). The Spark engine runs it
     * as {@link #cachedQuery} instead: a {@code CACHE TABLE} keeps the whole plan under the cache, and each reader
     * re-plans and re-prints it.
     */
    @Override
    public String createTempTable(String name, String query) {
        return CACHE_TABLE + name + " AS\n" + query;
    }

    /** The query of a statement {@link #createTempTable} wrote; empty for any other statement. */
    public Optional<String> cachedQuery(Statement statement) {
        String head = CACHE_TABLE + statement.name() + " AS\n";
        return statement.sql().startsWith(head) ? Optional.of(statement.sql().substring(head.length()))
                : Optional.empty();
    }

    /** The engine sorts each rule's rows on the driver with {@link FindingOrder}. */
    @Override
    public boolean ordersRuleRows() {
        return false;
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
     * Arrays rather than {@code listagg … WITHIN GROUP}, which Spark 4.1 fails to plan beside a DISTINCT aggregate
     * ({@code RewriteDistinctAggregates}: AttributeReference cannot be cast to SortOrder). Without DISTINCT the
     * values are sorted by {@code (orderBy, value)}; {@code orderBy} may end in {@code DESC}. Like
     * {@code string_agg}, NULLs are skipped and a group without values gives NULL.
     */
    @Override
    public String stringAgg(String value, String separator, String orderBy, boolean distinct) {
        if (distinct) {
            return "nullif(array_join(array_sort(collect_set(" + value + ")), " + separator + "), '')";
        }
        boolean descending = orderBy.endsWith(" DESC");
        String key = descending ? orderBy.substring(0, orderBy.length() - " DESC".length()) : orderBy;
        return "nullif(array_join(transform(sort_array(collect_list(CASE WHEN " + value + " IS NOT NULL THEN "
                + "named_struct('k', " + key + ", 'v', " + value + ") END), " + !descending + "), x -> x.v), "
                + separator + "), '')";
    }

    @Override
    public String formatTime(String timestamp, String pattern) {
        return "date_format(" + timestamp + ", '" + pattern + "')";
    }

    /**
     * Spark reads no Parquet TIME, so the engine hands clock times over as text {@code HH:mm:ss}
     * ({@code fundwatch-spark}'s {@code ClockTimes}).
     */
    @Override
    public String clockMinutes(String clockTime) {
        return "(CAST(substr(" + clockTime + ", 1, 2) AS INT) * 60 + CAST(substr(" + clockTime + ", 4, 2) AS INT))";
    }

    /** {@code INVALID_RECURSIVE_REFERENCE.PLACE}: no aggregate, window or sort over a recursive reference. */
    @Override
    public boolean recursiveAggregates() {
        return false;
    }

    /** Spark's {@code round} of a DOUBLE rounds its exact binary value, which differs from DuckDB's in the last digit. */
    @Override
    public String roundDouble(String value, int digits) {
        String scale = "1E" + digits;
        return "(round((" + value + ") * " + scale + ") / " + scale + " + 0.0)";
    }
}
