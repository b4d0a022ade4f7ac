package org.fundwatch.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings a screening relies on. The required ones are not tuning but meaning: times local and zone-less
 * (TIMESTAMP_NTZ in a UTC session, Java time values at the driver) as in the exchange format; ANSI mode on, so a bad
 * cast fails as on DuckDB instead of yielding NULL. The rest are defaults a bureau may override with {@code --conf}.
 */
public final class SparkSettings {

    private SparkSettings() {
    }

    /** Settings that decide what a query means; a {@code --conf} cannot change them. */
    public static Map<String, String> required() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark.sql.session.timeZone", "UTC");
        m.put("spark.sql.timestampType", "TIMESTAMP_NTZ");
        m.put("spark.sql.parquet.inferTimestampNTZ.enabled", "true");
        m.put("spark.sql.datetime.java8API.enabled", "true");
        m.put("spark.sql.ansi.enabled", "true");
        // Spark 4.1's PushProjectionThroughUnion fails on the approval EXISTS of a rule over a UNION ALL
        // ("key not found: occur_time#…" when it rewrites the outer reference); the plans are fine without it.
        m.put("spark.sql.optimizer.excludedRules", "org.apache.spark.sql.catalyst.optimizer.PushProjectionThroughUnion");
        return m;
    }

    /**
     * Defaults: broadcast the visit-sized relations instead of shuffling the fee lines against them (the prototype's
     * finding), and few shuffle partitions for one machine (adaptive execution coalesces them on a cluster).
     */
    public static Map<String, String> defaults(int cores) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark.sql.autoBroadcastJoinThreshold", "256MB");
        m.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, cores * 4)));
        m.put("spark.sql.adaptive.enabled", "true");
        m.put("spark.ui.showConsoleProgress", "false");
        return m;
    }

    /** A session on this machine ({@code local[cores]}), for the CLI's single-machine mode and the tests. */
    public static SparkSession local(int cores, Map<String, String> overrides) {
        SparkSession.Builder b = SparkSession.builder().appName("fundwatch screen").master("local[" + cores + "]")
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1");
        defaults(cores).forEach(b::config);
        overrides.forEach(b::config);
        required().forEach(b::config);
        return b.getOrCreate();
    }
}
