package org.fundwatch.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.fundwatch.screening.IndicatorTable;
import org.fundwatch.screening.SqlDialect;

/**
 * Writes the indicator table (指标表, {@link IndicatorTable}) of a screened dataset beside the findings as
 * {@code indicators.csv|.parquet|.jsonl}: computed by the screening's engine over the shared relations of the prelude,
 * then copied out three times in one order by a DuckDB of its own, so the three files cannot disagree and every
 * engine writes the same rows.
 */
final class IndicatorsWriter {
    static final String NAME = "indicators";

    private IndicatorsWriter() {
    }

    /** Removes the indicator table of an earlier run from {@code out}. */
    static void delete(Path out) throws IOException {
        for (String ext : List.of(".csv", ".parquet", ".jsonl")) {
            Files.deleteIfExists(out.resolve(NAME + ext));
        }
    }

    /**
     * Computes the table on the screening's engine and writes it, only the month {@code period} when given (peers
     * are compared within a month, so the rows of one month do not depend on the others); returns the timing with
     * its row count, for {@code run.json}.
     */
    static ScreenReport.PassTiming write(Engine.Session session, SqlDialect dialect, Path out, Path tmp,
                                         Optional<YearMonth> period) throws IOException {
        long t0 = System.nanoTime();
        String query = "SELECT * FROM (" + new IndicatorTable(dialect).query() + ") t"
                + period.map(p -> " WHERE month = '" + p + "'").orElse("");
        Files.createDirectories(tmp);
        Path computed = tmp.resolve("indicators-computed.parquet");
        session.writeParquet(query, computed);
        String table = "out_indicators";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE " + table + " AS SELECT * FROM read_parquet('" + Screening.sqlPath(computed)
                    + "')");
            delete(out);
            String base = Screening.sqlPath(out.resolve(NAME));
            String ordered = "SELECT * FROM " + table + " ORDER BY unit_level, fixmedins_code, dept_code, dr_code, "
                    + "month, indicator";
            st.execute("COPY (" + ordered + ") TO '" + base + ".csv' (FORMAT csv, HEADER true)");
            st.execute("COPY (" + ordered + ") TO '" + base + ".parquet' (FORMAT parquet, COMPRESSION snappy)");
            st.execute("COPY (" + ordered + ") TO '" + base + ".jsonl' (FORMAT json)");
            long rows;
            try (var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                rows = rs.getLong(1);
            }
            return new ScreenReport.PassTiming("indicators", (System.nanoTime() - t0) / 1e9, rows);
        } catch (SQLException e) {
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, "writing indicators: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(computed);
        }
    }
}
