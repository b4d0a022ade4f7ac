package org.fundwatch.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;

import org.fundwatch.schema.Column;
import org.fundwatch.schema.ColumnType;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;

/**
 * Converts the generated CSV tables to Parquet through DuckDB: every column read with the type the schema declares
 * (clock times through {@code HH:mm:00}), then {@code COPY … (FORMAT parquet)}; the CSV is removed afterwards.
 */
final class ParquetExport {

    private ParquetExport() {
    }

    static void convert(Path dir) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads TO 2");
            for (Table table : ExchangeFormat.TABLES) {
                Path csv = dir.resolve(table.name() + ".csv");
                Path parquet = dir.resolve(table.name() + ".parquet");
                if (!Files.exists(csv)) {
                    continue; // a later month of a split extract holds no reference tables
                }
                StringJoiner types = new StringJoiner(", ", "{", "}");
                StringJoiner select = new StringJoiner(", ");
                for (Column col : table.columns()) {
                    String read = col.type() == ColumnType.CLOCK_TIME ? "VARCHAR" : col.type().sqlType();
                    types.add("'" + col.name() + "': '" + read + "'");
                    String id = "\"" + col.name() + "\"";
                    select.add(col.type() == ColumnType.CLOCK_TIME
                            ? "CAST(" + id + " || ':00' AS TIME) AS " + id : id);
                }
                String sql = "COPY (SELECT " + select + " FROM read_csv(" + literal(csv) + ", header = true, "
                        + "auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
                        + "dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%d %H:%M:%S', columns = " + types
                        + ")) TO " + literal(parquet) + " (FORMAT parquet)";
                s.execute(sql);
                Files.delete(csv);
            }
        } catch (SQLException e) {
            throw new IOException("SYNTH-PARQUET: converting to Parquet failed: " + e.getMessage(), e);
        }
    }

    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
