package org.fundwatch.spark;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.fundwatch.duckdb.Engine;
import org.fundwatch.duckdb.ScreenException;
import org.fundwatch.duckdb.ScreenOptions;
import org.fundwatch.duckdb.ScreenReport;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.schema.Column;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;
import org.fundwatch.screening.CompiledRule;
import org.fundwatch.screening.FindingAssembler;
import org.fundwatch.screening.FindingOrder;
import org.fundwatch.screening.RawRow;
import org.fundwatch.screening.SparkSqlDialect;
import org.fundwatch.screening.SqlDialect;
import org.fundwatch.screening.Statement;

/**
 * The screening plan on Spark SQL: a temporary view per Parquet table of the dataset (an empty one per absent
 * optional table), the shared relations and passes as computed rows, each rule's query collected to the driver, put
 * in DuckDB's order and assembled there by the same code as on DuckDB — so the findings, their ids and the files are the same.
 *
 * <p>Values reach the assembler as the text DuckDB's JDBC driver gives: decimals with their scale, timestamps
 * {@code yyyy-MM-dd HH:mm:ss}, dates ISO.
 */
public final class SparkEngine implements Engine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SparkSession spark;
    private final String datasetUri;

    /**
     * @param datasetUri where Spark reads the dataset's Parquet files (a local directory, {@code hdfs://…} or
     *                   {@code s3a://…}); the manifest is read from {@link ScreenOptions#dataset()}
     */
    public SparkEngine(SparkSession spark, String datasetUri) {
        this.spark = spark;
        this.datasetUri = datasetUri.endsWith("/") ? datasetUri : datasetUri + "/";
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SqlDialect dialect() {
        return SparkSqlDialect.INSTANCE;
    }

    @Override
    public Engine.Session open(ScreenOptions options, Manifest manifest, Path tmp) {
        Set<String> present = new LinkedHashSet<>(manifest.tableNames());
        try {
            for (Table t : ExchangeFormat.TABLES) {
                if (present.contains(t.name()) && ClockTimes.needed(t)) {
                    ClockTimes.read(spark, t, datasetUri + t.name() + ".parquet", tmp).createOrReplaceTempView(t.name());
                } else if (present.contains(t.name())) {
                    spark.read().parquet(datasetUri + t.name() + ".parquet").createOrReplaceTempView(t.name());
                } else {
                    spark.sql("CREATE OR REPLACE TEMPORARY VIEW " + t.name() + " AS SELECT " + t.columns().stream()
                            .map(c -> "CAST(NULL AS " + sparkType(c) + ") AS " + c.name())
                            .collect(Collectors.joining(", ")) + " WHERE false");
                }
            }
        } catch (Exception e) {
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, "reading " + datasetUri + ": "
                    + e.getMessage(), e);
        }
        return new Run(present);
    }

    static String sparkType(Column c) {
        return switch (c.type()) {
            case STRING, CLOCK_TIME -> "STRING";
            case TIMESTAMP -> "TIMESTAMP_NTZ";
            default -> c.type().sqlType();
        };
    }

    private final class Run implements Engine.Session {
        private final Set<String> present;
        private final Set<String> built = new LinkedHashSet<>();
        private final List<Dataset<Row>> checkpoints = new ArrayList<>();

        Run(Set<String> present) {
            this.present = present;
        }

        @Override
        public Set<String> present() {
            return present;
        }

        /**
         * A shared relation becomes computed rows (a local checkpoint: a leaf plan over cached blocks, with the
         * statistics of the query for join planning) rather than a {@code CACHE TABLE}, whose cached plan each
         * reader analysed, re-planned and printed again — most of the driver's time with ~50 rules over nested
         * relations. One job computes the rows, a cheap one counts them.
         */
        @Override
        public ScreenReport.PassTiming build(Statement s) {
            long t0 = System.nanoTime();
            Optional<String> cached = SparkSqlDialect.INSTANCE.cachedQuery(s);
            long rows = -1;
            try {
                if (cached.isPresent()) {
                    Dataset<Row> computed = spark.sql(cached.get()).localCheckpoint(true);
                    computed.createOrReplaceTempView(s.name());
                    checkpoints.add(computed);
                    rows = computed.count();
                } else {
                    spark.sql(s.sql());
                }
                built.add(s.name());
            } catch (Exception e) {
                throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, "building " + s.name() + ": "
                        + e.getMessage(), e);
            }
            return new ScreenReport.PassTiming(s.name(), (System.nanoTime() - t0) / 1e9, rows);
        }

        @Override
        public long count(String sql) {
            try {
                return spark.sql(sql).first().getLong(0);
            } catch (Exception e) {
                throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, e.getMessage(), e);
            }
        }

        /** The rule's rows collected, put in the batch order on the driver ({@link FindingOrder}), assembled. */
        @Override
        public FindingAssembler assemble(CompiledRule rule) {
            int n = RawRow.columns().size();
            List<Map.Entry<RawRow, Boolean>> collected = new ArrayList<>();
            try {
                // One job for all partitions: the rows are sorted here anyway, so streaming them (toLocalIterator,
                // a job per partition) saves nothing.
                for (Row row : spark.sql(rule.sql()).collectAsList()) {
                    String[] values = new String[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = text(row.get(i));
                    }
                    collected.add(Map.entry(new RawRow(values), row.getBoolean(n)));
                }
            } catch (Exception e) {
                throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, "rule " + rule.rule().id() + ": "
                        + e.getMessage(), e);
            }
            collected.sort(Map.Entry.comparingByKey(FindingOrder.of(rule)));
            FindingAssembler assembler = new FindingAssembler(rule);
            for (Map.Entry<RawRow, Boolean> row : collected) {
                assembler.accept(row.getKey(), row.getValue());
            }
            return assembler;
        }

        @Override
        public void writeParquet(String query, Path file) {
            try {
                DriverParquet.write(spark.sql(query), file);
            } catch (Exception e) {
                throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, "writing " + file.getFileName() + ": "
                        + e.getMessage(), e);
            }
        }

        /**
         * One at a time: each rule's query is parallel across the executors anyway, and correlated subqueries
         * planned concurrently in one session failed here now and then ({@code key not found: occur_time#…}).
         */
        @Override
        public int ruleWorkers() {
            return 1;
        }

        @Override
        public void close() throws IOException {
            // The session may screen again (the tests, a long-lived driver): leave no relation behind.
            spark.catalog().clearCache();
            for (Dataset<Row> computed : checkpoints) {
                release(computed);
            }
            for (String name : List.copyOf(built)) {
                spark.catalog().dropTempView(name);
            }
            for (Table t : ExchangeFormat.TABLES) {
                spark.catalog().dropTempView(t.name());
            }
        }
    }

    /** Drops a local checkpoint's blocks now rather than when the driver's garbage collector finds it unreachable. */
    private static void release(Dataset<Row> computed) {
        if (computed instanceof org.apache.spark.sql.classic.Dataset<Row> c && c.logicalPlan() instanceof LogicalRDD l) {
            l.rdd().unpersist(false);
        }
    }

    /** A value as DuckDB's JDBC {@code getString} writes it. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof LocalDateTime t) {
            String s = TIME.format(t);
            return t.getNano() == 0 ? s : s + "." + String.format("%06d", t.getNano() / 1000);
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof java.sql.Timestamp || value instanceof java.sql.Date) {
            throw new IllegalStateException("zoned time value " + value + ": the session must use TIMESTAMP_NTZ and"
                    + " spark.sql.datetime.java8API.enabled");
        }
        return value.toString();
    }
}
