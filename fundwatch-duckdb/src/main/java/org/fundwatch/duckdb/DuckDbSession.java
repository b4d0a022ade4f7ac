package org.fundwatch.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBConnection;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.SqlDdl;
import org.fundwatch.schema.Table;
import org.fundwatch.screening.CompiledRule;
import org.fundwatch.screening.FindingAssembler;
import org.fundwatch.screening.RawRow;
import org.fundwatch.screening.ScreeningPlan;

/**
 * An in-memory DuckDB connection over one dataset: a view per Parquet table, an empty table for each absent optional
 * one (so every query compiles; the rules that need it are reported as not run), spill files in a temporary
 * directory removed on close.
 */
final class DuckDbSession implements AutoCloseable {
    private final Connection connection;
    private final Set<String> present;
    private final Path tmp;

    private DuckDbSession(Connection connection, Set<String> present, Path tmp) {
        this.connection = connection;
        this.present = present;
        this.tmp = tmp;
    }

    static DuckDbSession open(ScreenOptions options, Manifest manifest, Path tmp) throws IOException {
        Files.createDirectories(tmp);
        try {
            DuckDbSession s = new DuckDbSession(DriverManager.getConnection("jdbc:duckdb:"),
                    new LinkedHashSet<>(manifest.tableNames()), tmp);
            s.execute("SET temp_directory = '" + Screening.sqlPath(tmp) + "'");
            s.execute("SET preserve_insertion_order = false");
            if (options.threads() > 0) {
                s.execute("SET threads = " + options.threads());
            }
            if (options.memoryLimit().isPresent()) {
                String limit = options.memoryLimit().get().trim();
                if (!limit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]i?B")) {
                    throw new IllegalArgumentException("memory limit '" + limit + "' is not like 8GB");
                }
                s.execute("SET memory_limit = '" + limit + "'");
            }
            for (Table t : ExchangeFormat.TABLES) {
                if (s.present.contains(t.name())) {
                    Path file = options.dataset().resolve(t.name() + ".parquet");
                    s.execute("CREATE VIEW " + t.name() + " AS SELECT * FROM read_parquet('" + Screening.sqlPath(file)
                            + "')");
                } else {
                    s.execute(SqlDdl.createTable(t.name(), t, List.of(), List.of()));
                }
            }
            return s;
        } catch (SQLException e) {
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, e.getMessage(), e);
        }
    }

    Connection connection() {
        return connection;
    }

    Set<String> present() {
        return present;
    }

    void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    ScreenReport.PassTiming timed(org.fundwatch.screening.Statement s) throws SQLException {
        long t0 = System.nanoTime();
        try {
            execute(s.sql());
        } catch (SQLException e) {
            throw new SQLException("building " + s.name() + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean view = s.sql().matches("(?s)CREATE (OR REPLACE )?(TEMP )?VIEW .*");
        long rows = view ? -1 : count("SELECT count(*) FROM " + s.name());
        return new ScreenReport.PassTiming(s.name(), seconds, rows);
    }

    /** Rule id → why it cannot run (a table absent, or none of its knowledge points); after the prelude. */
    Map<String, String> notRun(ScreeningPlan plan) throws SQLException {
        try {
            return Screening.notRun(plan, present, sql -> {
                try {
                    return count(sql);
                } catch (SQLException e) {
                    throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, e.getMessage(), e);
                }
            });
        } catch (ScreenException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    /** Runs one rule on a connection of its own (rules may run concurrently). */
    FindingAssembler assembleOnOwnConnection(CompiledRule rule) throws SQLException {
        try (Connection own = connection.unwrap(DuckDBConnection.class).duplicate()) {
            return assemble(own, rule);
        }
    }

    FindingAssembler assemble(CompiledRule rule) throws SQLException {
        return assemble(connection, rule);
    }

    private static FindingAssembler assemble(Connection connection, CompiledRule rule) throws SQLException {
        FindingAssembler assembler = new FindingAssembler(rule);
        int n = RawRow.columns().size();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(rule.sql())) {
            while (rs.next()) {
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = rs.getString(i + 1);
                }
                assembler.accept(new RawRow(values), rs.getBoolean(n + 1));
            }
        } catch (SQLException e) {
            throw new SQLException("rule " + rule.rule().id() + ": " + e.getMessage(), e);
        }
        return assembler;
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IOException(e);
        } finally {
            if (Files.exists(tmp)) {
                try (var walk = Files.walk(tmp)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
