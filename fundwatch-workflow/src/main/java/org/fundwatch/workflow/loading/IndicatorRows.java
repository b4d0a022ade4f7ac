package org.fundwatch.workflow.loading;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.fundwatch.screening.IndicatorTable;

/**
 * The indicator table of a screening run ({@code indicators.csv}, 指标表) into {@code indicator_value}: the months
 * the file holds replace those months in the store, so loading a run again, or a month screened again, counts each
 * unit-month once. Part of the findings load's transaction.
 */
final class IndicatorRows {
    /** The columns of {@code indicators.csv}, as {@code fundwatch screen} writes them. */
    static final List<String> COLUMNS = IndicatorTable.COLUMNS;

    private IndicatorRows() {
    }

    /** Replaces the file's months; returns the rows stored. */
    static int replaceMonths(Connection c, Path file) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            // text columns first, so that a bad value is reported with its record and column instead of by COPY
            s.execute("CREATE TEMP TABLE indicator_stage (record bigserial, "
                    + String.join(" text, ", COLUMNS) + " text) ON COMMIT DROP");
        }
        FindingsLoader.copy(c, file, "indicator_stage", COLUMNS);
        FindingsLoader.check(c, file, "indicator_stage", """
                unit_level IS NULL OR unit_level NOT IN ('INSTITUTION', 'DEPARTMENT', 'PHYSICIAN') AS unit_level,
                fixmedins_code IS NULL AS fixmedins_code,
                month IS NULL OR month !~ '^[0-9]{4}-[0-9]{2}$' AS month,
                indicator IS NULL AS indicator,
                value IS NULL OR value !~ '^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$' AS value,
                denominator_count IS NULL OR denominator_count !~ '^[0-9]{1,18}$' AS denominator_count,
                peers IS NULL OR peers !~ '^[0-9]{1,9}$' AS peers,
                peer_median !~ '^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$' AS peer_median,
                peer_mad !~ '^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$' AS peer_mad,
                robust_z !~ '^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$' AS robust_z
                """);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM indicator_value WHERE month IN (SELECT DISTINCT month FROM indicator_stage)");
            return s.executeUpdate("""
                    INSERT INTO indicator_value
                    SELECT DISTINCT ON (fixmedins_code, unit_level, coalesce(dept_code, ''), coalesce(dr_code, ''),
                                        indicator, month)
                           unit_level, fixmedins_code, coalesce(dept_code, ''), coalesce(dr_code, ''), month,
                           indicator, value::double precision, denominator_count::bigint,
                           coalesce(fixmedins_type, ''), coalesce(medins_lv, ''), coalesce(medins_type, ''),
                           peers::integer, nullif(peer_median, '')::double precision,
                           nullif(peer_mad, '')::double precision, nullif(robust_z, '')::double precision
                    FROM indicator_stage
                    ORDER BY fixmedins_code, unit_level, coalesce(dept_code, ''), coalesce(dr_code, ''), indicator,
                             month, record""");
        }
    }
}
