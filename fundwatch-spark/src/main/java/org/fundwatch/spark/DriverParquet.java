package org.fundwatch.spark;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A query's rows brought to the driver and written as one Parquet file there by DuckDB, with the column types Spark
 * gives them: the indicator table (one row per unit, month and indicator) is small beside the fee lines, and a file on
 * the driver's disk is what the writer of the three formats reads, in local mode and on a cluster alike.
 */
final class DriverParquet {

    private DriverParquet() {
    }

    static void write(Dataset<Row> rows, Path file) throws SQLException {
        StructField[] fields = rows.schema().fields();
        String columns = Stream.of(fields).map(f -> '"' + f.name() + "\" " + duckType(f.dataType()))
                .collect(Collectors.joining(", "));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (" + columns + ")");
            }
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
                Iterator<Row> it = rows.toLocalIterator();
                while (it.hasNext()) {
                    Row r = it.next();
                    a.beginRow();
                    for (int i = 0; i < fields.length; i++) {
                        append(a, r.get(i));
                    }
                    a.endRow();
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("COPY t TO '" + file.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet)");
            }
        }
    }

    private static String duckType(DataType t) {
        if (t instanceof DecimalType d) {
            return "DECIMAL(" + Math.min(d.precision(), 38) + "," + d.scale() + ")";
        }
        if (t.equals(DataTypes.StringType)) {
            return "VARCHAR";
        }
        if (t.equals(DataTypes.IntegerType)) {
            return "INTEGER";
        }
        if (t.equals(DataTypes.LongType)) {
            return "BIGINT";
        }
        if (t.equals(DataTypes.DoubleType)) {
            return "DOUBLE";
        }
        if (t.equals(DataTypes.BooleanType)) {
            return "BOOLEAN";
        }
        if (t.equals(DataTypes.DateType)) {
            return "DATE";
        }
        if (t.equals(DataTypes.TimestampNTZType)) {
            return "TIMESTAMP";
        }
        throw new IllegalArgumentException("no DuckDB type for Spark's " + t.simpleString());
    }

    private static void append(DuckDBAppender a, Object v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else if (v instanceof String s) {
            a.append(s);
        } else if (v instanceof Integer i) {
            a.append(i);
        } else if (v instanceof Long l) {
            a.append(l);
        } else if (v instanceof Double d) {
            a.append(d);
        } else if (v instanceof Boolean b) {
            a.append(b);
        } else if (v instanceof BigDecimal d) {
            a.append(d);
        } else if (v instanceof LocalDate d) {
            a.append(d);
        } else if (v instanceof LocalDateTime t) {
            a.append(t);
        } else {
            throw new IllegalArgumentException("no DuckDB value for " + v.getClass().getName());
        }
    }
}
