package org.fundwatch.duckdb;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.screening.CompiledRule;
import org.fundwatch.screening.DuckDbDialect;
import org.fundwatch.screening.FindingAssembler;
import org.fundwatch.screening.SqlDialect;
import org.fundwatch.screening.Statement;

/** The embedded default: an in-memory DuckDB over the dataset's Parquet files ({@link DuckDbSession}). */
public final class DuckDbEngine implements Engine {

    public static final DuckDbEngine INSTANCE = new DuckDbEngine();

    private DuckDbEngine() {
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public SqlDialect dialect() {
        return DuckDbDialect.INSTANCE;
    }

    @Override
    public Engine.Session open(ScreenOptions options, Manifest manifest, Path tmp) throws IOException {
        DuckDbSession session = DuckDbSession.open(options, manifest, tmp);
        return new Engine.Session() {
            @Override
            public Set<String> present() {
                return session.present();
            }

            @Override
            public ScreenReport.PassTiming build(Statement statement) {
                try {
                    return session.timed(statement);
                } catch (SQLException e) {
                    throw failure(e);
                }
            }

            @Override
            public long count(String sql) {
                try {
                    return session.count(sql);
                } catch (SQLException e) {
                    throw failure(e);
                }
            }

            @Override
            public FindingAssembler assemble(CompiledRule rule) {
                try {
                    return session.assembleOnOwnConnection(rule);
                } catch (SQLException e) {
                    throw failure(e);
                }
            }

            @Override
            public void writeParquet(String query, Path file) {
                try {
                    session.execute("COPY (" + query + ") TO '" + Screening.sqlPath(file) + "' (FORMAT parquet)");
                } catch (SQLException e) {
                    throw failure(e);
                }
            }

            @Override
            public int ruleWorkers() {
                // DuckDB parallelises each query too, so a few connections at once suffice.
                int cores = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
                return Math.max(1, Math.min(4, cores));
            }

            @Override
            public void close() throws IOException {
                session.close();
            }
        };
    }

    private static ScreenException failure(SQLException e) {
        return new ScreenException(ScreenException.Code.ENGINE_FAILURE, e.getMessage(), e);
    }
}
