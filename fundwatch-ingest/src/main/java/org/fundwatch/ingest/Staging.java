package org.fundwatch.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private final Path tempDirectory;
    /** Sinks whose last chunks may still be loading. */
    private final List<Sink> loading = new ArrayList<>();

    Staging(Path tempDirectory, int threads, String memoryLimit) throws SQLException {
        this.tempDirectory = tempDirectory;
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
        long started = System.nanoTime();
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
        if (SQL_TIMING) {
            System.err.printf("[sql %.2f s] %s%n", (System.nanoTime() - started) / 1e9,
                    sql.length() > 160 ? sql.substring(0, 160) + "…" : sql);
        }
    }

    /** {@code -Dfundwatch.sql.timing=true} prints every staging statement with its time, for tuning. */
    private static final boolean SQL_TIMING = Boolean.getBoolean("fundwatch.sql.timing");

    static String stagingTable(Table table) {
        return "stg_" + SqlDdl.identifier(table.name());
    }

    void createTable(Table table, List<String> extraColumns) throws SQLException {
        execute("DROP TABLE IF EXISTS " + stagingTable(table));
        execute(SqlDdl.createTable(stagingTable(table), table, List.of("_line BIGINT", "_rejected BOOLEAN"),
                extraColumns));
    }

    /** Forgets what was staged for a table (a file read again in another encoding). */
    void reset(Table table, List<String> extraColumns) throws SQLException, IOException {
        awaitLoads();
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

    Sink sink(Table table, List<String> extraColumns) throws SQLException, IOException {
        return new Sink(table, extraColumns);
    }

    /**
     * Appends rows of one table, its rejections and its warnings. Rows are written as canonical CSV in chunks that a
     * second connection loads with DuckDB's parallel CSV reader while the next chunk is being checked: much faster
     * than appending value by value, and chunks load in order, so the table keeps the source order.
     */
    final class Sink implements AutoCloseable {
        /**
         * Rows per chunk. Each chunk is one INSERT … read_csv; on 10 M fee lines 2 M-row chunks loaded in half the
         * time of 500 k-row ones (fewer appends to the staged table), while still overlapping the next chunk's checks.
         */
        private static final int CHUNK_ROWS = 2_000_000;
        private final Table table;
        private final Column[] columns;
        private final String columnTypes;
        private final DuckDBAppender rejections;
        private final DuckDBAppender warnings;
        private final DuckDBConnection loaderConnection;
        private final ExecutorService loader;
        private final List<Future<?>> loads = new ArrayList<>();
        private final StringBuilder line = new StringBuilder(512);
        private Path chunk;
        private Utf8Output writer;
        private int rowsInChunk;
        private int chunkNo;

        private Sink(Table table, List<String> extraColumns) throws SQLException, IOException {
            this.table = table;
            this.columns = table.columns().toArray(new Column[0]);
            StringBuilder types = new StringBuilder("'_line': 'BIGINT'");
            for (Column c : columns) {
                types.append(", '").append(c.name()).append("': '").append(c.type().sqlType()).append("'");
            }
            for (String extra : extraColumns) {
                types.append(", '").append(extra.replace("'", "''")).append("': 'VARCHAR'");
            }
            this.columnTypes = types.toString();
            this.rejections = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rej");
            this.warnings = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "wrn");
            this.loaderConnection = (DuckDBConnection) connection.duplicate();
            this.loader = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fundwatch-load-" + table.name());
                t.setDaemon(true);
                return t;
            });
            openChunk();
        }

        void row(long lineNo, TypedRow row) throws IOException {
            StringBuilder sb = line;
            sb.setLength(0);
            sb.append(lineNo);
            for (int s = 0; s < columns.length; s++) {
                sb.append(',');
                if (!row.present[s]) {
                    continue;
                }
                long v = row.numbers[s];
                switch (columns[s].type()) {
                    case STRING -> CanonicalText.text(sb, row.texts[s]);
                    case DATE -> CanonicalText.date(sb, v);
                    case TIMESTAMP -> CanonicalText.timestamp(sb, v);
                    case AMOUNT, PRICE, QUANTITY, COORDINATE -> CanonicalText.decimal(sb, v, columns[s].type().scale());
                    case INTEGER -> sb.append(v);
                    case CLOCK_TIME -> CanonicalText.time(sb, v);
                }
            }
            for (String extra : row.extras) {
                sb.append(',');
                if (extra != null) {
                    CanonicalText.text(sb, extra);
                }
            }
            sb.append('\n');
            writer.write(sb);
            rowWritten();
        }

        /** A row the byte path checked, as the chunk line {@link #row(long, TypedRow)} would have written. */
        void row(ChunkLine chunkLine) throws IOException {
            writer.write(chunkLine.bytes(), 0, chunkLine.length());
            rowWritten();
        }

        private void rowWritten() throws IOException {
            if (++rowsInChunk == CHUNK_ROWS) {
                submitChunk();
                openChunk();
            }
        }

        private void openChunk() throws IOException {
            chunk = tempDirectory.resolve(table.name() + "-" + (chunkNo++) + ".csv");
            writer = new Utf8Output(Files.newOutputStream(chunk));
            rowsInChunk = 0;
        }

        private void submitChunk() throws IOException {
            writer.close();
            Path file = chunk;
            if (rowsInChunk == 0) {
                Files.deleteIfExists(file);
                return;
            }
            String sql = "INSERT INTO " + stagingTable(table) + " SELECT _line, false, * EXCLUDE (_line) FROM "
                    + "read_csv('" + file.toAbsolutePath().toString().replace("'", "''") + "', header = false, "
                    + "auto_detect = false, delim = ',', quote = '\"', escape = '\"', max_line_size = 67108864, "
                    // chunk lines end in \n; left to detect, a text value holding a lone \r would be taken for it
                    + "new_line = '\\n', columns = {" + columnTypes + "})";
            loads.add(loader.submit(() -> {
                try (Statement st = loaderConnection.createStatement()) {
                    st.execute(sql);
                } finally {
                    Files.deleteIfExists(file);
                }
                return null;
            }));
        }

        void rejected(long lineNo, List<Problem> problems, String raw) throws SQLException {
            Problem first = problems.get(0);
            rejections.beginRow()
                    .append(table.name())
                    .append(lineNo)
                    .append(first.reason().name())
                    .append(first.column())
                    .append(messages(problems))
                    .append(raw)
                    .endRow();
        }

        void warned(long lineNo, List<Problem> problems) throws SQLException {
            for (Problem p : problems) {
                warnings.beginRow()
                        .append(table.name())
                        .append(lineNo)
                        .append(p.reason().name())
                        .append(p.column())
                        .append(p.message())
                        .endRow();
            }
        }

        /**
         * Submits the last chunk and closes the appenders without waiting for the chunks to load: the next file is
         * read while they do. {@link Staging#awaitLoads()} waits for them.
         */
        @Override
        public void close() throws SQLException, IOException {
            try {
                submitChunk();
            } catch (IOException | RuntimeException e) {
                finishLoads();
                throw e;
            } finally {
                rejections.close();
                warnings.close();
            }
            loading.add(this);
        }

        private void finishLoads() throws SQLException, IOException {
            try {
                for (Future<?> f : loads) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof SQLException sql) {
                            throw sql;
                        }
                        throw new IOException(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while loading " + table.name(), e);
                    }
                }
            } finally {
                loader.shutdownNow();
                loaderConnection.close();
            }
        }
    }

    /** Waits until every chunk of every closed sink is in its staging table; throws the first load that failed. */
    void awaitLoads() throws SQLException, IOException {
        Exception first = null;
        for (Sink sink : loading) {
            try {
                sink.finishLoads();
            } catch (SQLException | IOException | RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        loading.clear();
        if (first instanceof SQLException sql) {
            throw sql;
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException re) {
            throw re;
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
    public void close() throws SQLException, IOException {
        try {
            awaitLoads();
        } finally {
            connection.close();
        }
    }
}
