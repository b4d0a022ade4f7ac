package org.fundwatch.duckdb;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.fundwatch.findings.Finding;
import org.fundwatch.findings.FindingLine;

/**
 * Writes {@code findings} and {@code finding_lines} as CSV (UTF-8, RFC 4180, header), Parquet and JSON Lines with
 * the FORMAT.md columns: the rows go into typed DuckDB tables once and are copied out three times, so the three
 * files cannot disagree.
 */
final class FindingsWriter {
    static final String FINDINGS_DDL = """
            CREATE OR REPLACE TEMP TABLE out_findings (jr_id VARCHAR, rule_id VARCHAR, rule_version INTEGER,
              rule_name VARCHAR, vola_bhvr_type VARCHAR, grain VARCHAR, period VARCHAR, sev_deg INTEGER, action VARCHAR,
              vola_amt DECIMAL(18,2), vola_cont VARCHAR, vola_cont_en VARCHAR, vola_evid VARCHAR, indicator VARCHAR,
              psn_no VARCHAR, certno VARCHAR, mdtrt_id VARCHAR, setl_id VARCHAR, feedetl_sn VARCHAR,
              fixmedins_code VARCHAR, hilist_code VARCHAR, occur_time TIMESTAMP)""";
    static final String LINES_DDL = """
            CREATE OR REPLACE TEMP TABLE out_finding_lines (jr_id VARCHAR, feedetl_sn VARCHAR, vola_item_type INTEGER,
              vola_amt DECIMAL(18,2))""";

    private FindingsWriter() {
    }

    /** On a DuckDB of its own, whichever engine found them, so every engine writes the same bytes. */
    static void write(Path out, List<Finding> findings) throws IOException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            write(connection, out, findings);
        } catch (SQLException e) {
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, "writing findings: " + e.getMessage(), e);
        }
    }

    private static void write(Connection connection, Path out, List<Finding> findings) throws SQLException, IOException {
        try (Statement st = connection.createStatement()) {
            st.execute(FINDINGS_DDL);
            st.execute(LINES_DDL);
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender f = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "out_findings");
             DuckDBAppender l = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "out_finding_lines")) {
            for (Finding x : findings) {
                f.beginRow();
                f.append(x.jrId()).append(x.ruleId()).append(x.ruleVersion()).append(x.ruleName())
                        .append(x.volaBhvrType()).append(x.grain()).append(x.period()).append(x.sevDeg())
                        .append(x.action());
                decimal(f, x.volaAmt().orElse(null));
                f.append(x.volaCont()).append(x.volaContEn()).append(x.volaEvid());
                text(f, x.indicator().orElse(null));
                for (var key : List.of(x.psnNo(), x.certno(), x.mdtrtId(), x.setlId(), x.feedetlSn(),
                        x.fixmedinsCode(), x.hilistCode())) {
                    text(f, key.orElse(null));
                }
                if (x.occurTime().isPresent()) {
                    f.append(LocalDateTime.parse(x.occurTime().get().replace(' ', 'T')));
                } else {
                    f.appendNull();
                }
                f.endRow();
                for (FindingLine line : x.lines()) {
                    l.beginRow();
                    l.append(line.jrId()).append(line.feedetlSn()).append(line.volaItemType());
                    decimal(l, line.volaAmt().orElse(null));
                    l.endRow();
                }
            }
        }
        copy(connection, "out_findings", out, "findings");
        copy(connection, "out_finding_lines", out, "finding_lines");
    }

    private static void copy(Connection c, String table, Path out, String name) throws SQLException, IOException {
        for (String ext : List.of(".csv", ".parquet", ".jsonl")) {
            Files.deleteIfExists(out.resolve(name + ext));
        }
        try (Statement st = c.createStatement()) {
            String base = Screening.sqlPath(out.resolve(name));
            st.execute("COPY " + table + " TO '" + base + ".csv' (FORMAT csv, HEADER true, TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S')");
            st.execute("COPY " + table + " TO '" + base + ".parquet' (FORMAT parquet, COMPRESSION snappy)");
            st.execute("COPY " + table + " TO '" + base + ".jsonl' (FORMAT json, TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S')");
        }
    }

    private static void decimal(DuckDBAppender a, BigDecimal value) throws SQLException {
        if (value == null) {
            a.appendNull();
        } else {
            a.append(value.setScale(2, java.math.RoundingMode.HALF_UP));
        }
    }

    private static void text(DuckDBAppender a, String value) throws SQLException {
        if (value == null) {
            a.appendNull();
        } else {
            a.append(value);
        }
    }
}
