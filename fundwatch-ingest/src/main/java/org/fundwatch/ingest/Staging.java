package org.fundwatch.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.fundwatch.schema.Column;
import org.fundwatch.schema.SqlDdl;
import org.fundwatch.schema.Table;

/**
 * The embedded DuckDB database an ingest stages rows in: one {@code stg_<table>} per table with the source line
 * ({@code _line}) and a rejection mark ({@code _rejected}) in front of the schema's columns, plus the tables of
 * rejections ({@code rej}) and warnings ({@code wrn}). Rows arrive through DuckDB's appender in source order.
 */
final class Staging implements AutoCloseable {
    private final DuckDBConnection connection;

    Staging(Path tempDirectory, int threads, String memoryLimit) throws SQLException {
        Properties props = new Properties();
        props.setProperty("preserve_insertion_order", "true");
        this.connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", props);
        execute("SET temp_directory = '" + tempDirectory.toAbsolutePath().toString().replace("'", "''") + "'");
        if (threads > 0) {
            execute("SET threads = " + threads);
        }
        if (memoryLimit != null && !memoryLimit.isBlank()) {
            if (!memoryLimit.matches("\\d+(\\.\\d+)?\\s*[KMGT]i?B")) {
                throw new IllegalArgumentException("memory limit must look like 4GB or 512MiB: " + memoryLimit);
            }
            execute("SET memory_limit = '" + memoryLimit + "'");
        }
        execute("CREATE TABLE rej (tbl VARCHAR, _line BIGINT, reason VARCHAR, col VARCHAR, message VARCHAR, "
                + "raw VARCHAR)");
        execute("CREATE TABLE wrn (tbl VARCHAR, _line BIGINT, reason VARCHAR, col VARCHAR, message VARCHAR)");
    }

    Connection connection() {
        return connection;
    }

    void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    static String stagingTable(Table table) {
        return "stg_" + SqlDdl.identifier(table.name());
    }

    void createTable(Table table, List<String> extraColumns) throws SQLException {
        execute("DROP TABLE IF EXISTS " + stagingTable(table));
        execute(SqlDdl.createTable(stagingTable(table), table, List.of("_line BIGINT", "_rejected BOOLEAN"),
                extraColumns));
    }

    /** Forgets what was staged for a table (a file read again in another encoding). */
    void reset(Table table, List<String> extraColumns) throws SQLException {
        createTable(table, extraColumns);
        try (var ps = connection.prepareStatement("DELETE FROM rej WHERE tbl = ?")) {
            ps.setString(1, table.name());
            ps.execute();
        }
        try (var ps = connection.prepareStatement("DELETE FROM wrn WHERE tbl = ?")) {
            ps.setString(1, table.name());
            ps.execute();
        }
    }

    Sink sink(Table table) throws SQLException {
        return new Sink(table);
    }

    /** Appends rows of one table, its rejections and its warnings. */
    final class Sink implements AutoCloseable {
        private final Table table;
        private final Column[] columns;
        private final DuckDBAppender rows;
        private final DuckDBAppender rejections;
        private final DuckDBAppender warnings;

        private Sink(Table table) throws SQLException {
            this.table = table;
            this.columns = table.columns().toArray(new Column[0]);
            this.rows = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, stagingTable(table));
            this.rejections = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rej");
            this.warnings = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "wrn");
        }

        void row(long line, TypedRow row) throws SQLException {
            rows.beginRow();
            rows.append(line);
            rows.append(false);
            for (int s = 0; s < columns.length; s++) {
                if (!row.present[s]) {
                    rows.appendNull();
                    continue;
                }
                long v = row.numbers[s];
                switch (columns[s].type()) {
                    case STRING -> rows.append(row.texts[s]);
                    case DATE -> rows.appendEpochDays((int) v);
                    case TIMESTAMP -> rows.appendEpochMicros(v);
                    case AMOUNT, PRICE, QUANTITY -> rows.appendDecimal(v);
                    case COORDINATE -> rows.appendDecimal((int) v);
                    case INTEGER -> rows.append((int) v);
                    case CLOCK_TIME -> rows.appendDayMicros(v);
                }
            }
            for (String extra : row.extras) {
                if (extra == null) {
                    rows.appendNull();
                } else {
                    rows.append(extra);
                }
            }
            rows.endRow();
        }

        void rejected(long line, List<Problem> problems, String raw) throws SQLException {
            Problem first = problems.get(0);
            rejections.beginRow()
                    .append(table.name())
                    .append(line)
                    .append(first.reason().name())
                    .append(first.column())
                    .append(messages(problems))
                    .append(raw)
                    .endRow();
        }

        void warned(long line, List<Problem> problems) throws SQLException {
            for (Problem p : problems) {
                warnings.beginRow()
                        .append(table.name())
                        .append(line)
                        .append(p.reason().name())
                        .append(p.column())
                        .append(p.message())
                        .endRow();
            }
        }

        @Override
        public void close() throws SQLException {
            rows.close();
            rejections.close();
            warnings.close();
        }
    }

    static String messages(List<Problem> problems) {
        List<String> parts = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            parts.add(p.message());
        }
        return String.join("; ", parts);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
