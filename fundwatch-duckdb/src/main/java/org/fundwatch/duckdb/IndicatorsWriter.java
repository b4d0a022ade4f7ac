package org.fundwatch.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.fundwatch.screening.DuckDbDialect;
import org.fundwatch.screening.IndicatorTable;

/**
 * Writes the indicator table (指标表, {@link IndicatorTable}) of a screened dataset beside the findings as
 * {@code indicators.csv|.parquet|.jsonl}: computed once into a DuckDB table over the shared relations of the
 * prelude, then copied out three times, so the three files cannot disagree.
 */
final class IndicatorsWriter {
    static final String NAME = "indicators";

    private IndicatorsWriter() {
    }

    /**
     * Computes and writes the table, only the month {@code period} when given (peers are compared within a month,
     * so the rows of one month do not depend on the others); returns the timing with its row count, for
     * {@code run.json}.
     */
    static ScreenReport.PassTiming write(Connection connection, Path out, Optional<YearMonth> period)
            throws SQLException, IOException {
        long t0 = System.nanoTime();
        String table = "out_indicators";
        String query = "SELECT * FROM (" + new IndicatorTable(DuckDbDialect.INSTANCE).query() + ") t"
                + period.map(p -> " WHERE month = '" + p + "'").orElse("");
        try (Statement st = connection.createStatement()) {
            st.execute(DuckDbDialect.INSTANCE.createTempTable(table, query));
            for (String ext : List.of(".csv", ".parquet", ".jsonl")) {
                Files.deleteIfExists(out.resolve(NAME + ext));
            }
            String base = Screening.sqlPath(out.resolve(NAME));
            st.execute("COPY (SELECT * FROM " + table + " ORDER BY unit_level, fixmedins_code, dept_code, dr_code, "
                    + "month, indicator) TO '" + base + ".csv' (FORMAT csv, HEADER true)");
            st.execute("COPY " + table + " TO '" + base + ".parquet' (FORMAT parquet, COMPRESSION snappy)");
            st.execute("COPY (SELECT * FROM " + table + " ORDER BY unit_level, fixmedins_code, dept_code, dr_code, "
                    + "month, indicator) TO '" + base + ".jsonl' (FORMAT json)");
            long rows;
            try (var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                rows = rs.getLong(1);
            }
            st.execute("DROP TABLE " + table);
            return new ScreenReport.PassTiming("indicators", (System.nanoTime() - t0) / 1e9, rows);
        }
    }
}
