package org.fundwatch.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fundwatch.schema.Column;
import org.fundwatch.schema.ColumnType;
import org.fundwatch.schema.Table;

/**
 * Spark 4.1 reads no Parquet TIME column ({@code UNSUPPORTED_TIME_TYPE}), and the exchange format keeps business
 * hours as TIME. A table with such a column is small (institutions), so the driver reads it with DuckDB, turns the
 * times into text {@code HH:mm:ss} and hands Spark the rows; {@link org.fundwatch.screening.SparkSqlDialect} reads
 * the text. A remote file is fetched through Hadoop first.
 */
final class ClockTimes {

    private ClockTimes() {
    }

    static boolean needed(Table t) {
        return t.columns().stream().anyMatch(c -> c.type() == ColumnType.CLOCK_TIME);
    }

    static Dataset<Row> read(SparkSession spark, Table t, String uri, Path tmp) throws IOException, SQLException {
        Path local = localCopy(spark, uri, tmp);
        StructType schema = new StructType(t.columns().stream()
                .map(c -> new StructField(c.name(), sparkType(c), true, org.apache.spark.sql.types.Metadata.empty()))
                .toArray(StructField[]::new));
        List<Row> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + t.columns().stream().map(ClockTimes::select)
                     .collect(Collectors.joining(", ")) + " FROM read_parquet('"
                     + local.toAbsolutePath().toString().replace("'", "''") + "')")) {
            while (rs.next()) {
                Object[] values = new Object[t.columns().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(rs, i + 1, t.columns().get(i).type());
                }
                rows.add(RowFactory.create(values));
            }
        }
        return spark.createDataFrame(rows, schema);
    }

    private static String select(Column c) {
        // CAST keeps 24:00:00 (a closing time DuckDB's TIME allows), which a time-of-day format would turn to 00:00.
        return c.type() == ColumnType.CLOCK_TIME ? "CAST(" + c.name() + " AS VARCHAR) AS " + c.name() : c.name();
    }

    private static Object value(ResultSet rs, int i, ColumnType type) throws SQLException {
        Object v = switch (type) {
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case INTEGER -> rs.getObject(i, Integer.class);
            case STRING, CLOCK_TIME -> rs.getString(i);
            default -> rs.getBigDecimal(i);
        };
        return rs.wasNull() ? null : v;
    }

    private static DataType sparkType(Column c) {
        return switch (c.type()) {
            case STRING, CLOCK_TIME -> DataTypes.StringType;
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampNTZType;
            case INTEGER -> DataTypes.IntegerType;
            default -> DataTypes.createDecimalType(c.type().precision(), c.type().scale());
        };
    }

    private static Path localCopy(SparkSession spark, String uri, Path tmp) throws IOException {
        java.net.URI u = java.net.URI.create(uri);
        if (u.getScheme() == null || u.getScheme().equals("file")) {
            return u.getScheme() == null ? Path.of(uri) : Path.of(u);
        }
        Files.createDirectories(tmp);
        Path local = Files.createTempFile(tmp, "clock", ".parquet");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
        FileSystem.get(u, conf).copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(local.toUri()), true);
        return local;
    }
}
