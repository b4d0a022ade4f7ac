package org.fundwatch.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.fundwatch.ingest.Manifest;

/**
 * The case file (案卷) of a screening run: from the dataset it screened, the persons, institutions, visits and fee
 * lines that its findings refer to, written as CSV for the workflow store ({@code person.csv},
 * {@code institution.csv}, {@code visit.csv}, {@code fee_line.csv}), and the dataset's settlements per institution
 * and month ({@code settlement_month.csv}, net of reversals). It holds every line of each visit a finding
 * names (so a reviewer sees the violating lines among the rest) and each such person's visits from 90 days before
 * their first finding to 90 days after their last (the timeline around a finding), nothing else of the dataset.
 */
public final class CaseFile {
    private CaseFile() {
    }

    /** Row counts of the four files. */
    public record Counts(long persons, long institutions, long visits, long feeLines) {
    }

    /** Writes the case file of the findings in {@code findingsDir} into {@code outDir}. */
    public static Counts export(Path dataset, Path findingsDir, Path outDir) throws IOException {
        Manifest manifest = Manifest.read(dataset);
        for (String table : new String[] {"psn_info", "medins_info", "mdtrt", "feedetail", "setl", "med_list"}) {
            if (!manifest.tableNames().contains(table)) {
                throw new ScreenException(ScreenException.Code.BAD_DATASET, dataset + ": no table " + table
                        + " for the case file");
            }
        }
        Files.createDirectories(outDir);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String table : new String[] {"psn_info", "medins_info", "mdtrt", "feedetail", "setl", "med_list"}) {
                s.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('"
                        + Screening.sqlPath(dataset.resolve(table + ".parquet")) + "')");
            }
            s.execute("CREATE VIEW findings AS SELECT * FROM read_parquet('"
                    + Screening.sqlPath(findingsDir.resolve("findings.parquet")) + "')");
            s.execute("CREATE VIEW finding_lines AS SELECT * FROM read_parquet('"
                    + Screening.sqlPath(findingsDir.resolve("finding_lines.parquet")) + "')");
            s.execute("""
                    CREATE TEMP TABLE finding_visit AS
                    SELECT DISTINCT mdtrt_id FROM findings WHERE mdtrt_id IS NOT NULL
                    UNION
                    SELECT DISTINCT d.mdtrt_id FROM finding_lines l JOIN feedetail d USING (feedetl_sn)
                    """);
            s.execute("""
                    CREATE TEMP TABLE finding_person AS
                    SELECT psn_no, min(t) - INTERVAL 90 DAY AS from_time, max(t) + INTERVAL 90 DAY AS to_time
                    FROM (SELECT f.psn_no, coalesce(f.occur_time::TIMESTAMP, v.begntime) AS t
                          FROM findings f LEFT JOIN mdtrt v USING (mdtrt_id) WHERE f.psn_no IS NOT NULL
                          UNION ALL
                          SELECT v.psn_no, v.begntime FROM finding_visit fv JOIN mdtrt v USING (mdtrt_id))
                    WHERE t IS NOT NULL
                    GROUP BY psn_no
                    """);
            s.execute("""
                    CREATE TEMP TABLE case_visit AS
                    SELECT v.* FROM mdtrt v JOIN finding_person p USING (psn_no)
                    WHERE v.begntime BETWEEN p.from_time AND p.to_time
                    UNION
                    SELECT v.* FROM mdtrt v JOIN finding_visit USING (mdtrt_id)
                    """);
            long persons = write(s, outDir.resolve("person.csv"), """
                    SELECT psn_no, arg_max(certno, insu_begndate) AS certno, arg_max(psn_name, insu_begndate) AS psn_name,
                           arg_max(gend, insu_begndate) AS gend, arg_max(brdy, insu_begndate) AS brdy
                    FROM psn_info WHERE psn_no IN (SELECT psn_no FROM case_visit UNION SELECT psn_no FROM finding_person)
                    GROUP BY psn_no ORDER BY psn_no
                    """);
            long institutions = write(s, outDir.resolve("institution.csv"), """
                    SELECT fixmedins_code, any_value(fixmedins_name) AS fixmedins_name,
                           any_value(fixmedins_type) AS fixmedins_type, any_value(medins_lv) AS medins_lv,
                           any_value(admdvs) AS admdvs
                    FROM medins_info GROUP BY fixmedins_code ORDER BY fixmedins_code
                    """);
            long visits = write(s, outDir.resolve("visit.csv"), """
                    SELECT v.mdtrt_id, v.psn_no, v.fixmedins_code, v.med_type, v.begntime, v.endtime,
                           v.dscg_maindiag_code, v.dscg_maindiag_name,
                           sum(st.medfee_sumamt) AS medfee_sumamt, sum(st.fund_pay_sumamt) AS fund_pay_sumamt,
                           v.atddr_no
                    FROM case_visit v LEFT JOIN setl st USING (mdtrt_id)
                    GROUP BY ALL ORDER BY v.mdtrt_id
                    """);
            long lines = write(s, outDir.resolve("fee_line.csv"), """
                    WITH names AS (SELECT hilist_code, arg_max(hilist_name, begndate) AS hilist_name
                                   FROM med_list GROUP BY hilist_code)
                    SELECT d.feedetl_sn, d.mdtrt_id, d.fee_ocur_time, d.med_list_codg,
                           coalesce(n.hilist_name, d.medins_list_name) AS item_name, d.cnt, d.pric,
                           d.det_item_fee_sumamt
                    FROM feedetail d JOIN finding_visit USING (mdtrt_id)
                    LEFT JOIN names n ON n.hilist_code = d.med_list_codg
                    ORDER BY d.mdtrt_id, d.fee_ocur_time, d.feedetl_sn
                    """);
            write(s, outDir.resolve("settlement_month.csv"), """
                    SELECT fixmedins_code, strftime(setl_time, '%Y-%m') AS month,
                           count(*) FILTER (WHERE coalesce(refd_setl_flag, '0') <> '1') AS settlements,
                           count(DISTINCT mdtrt_id) AS visits, count(DISTINCT psn_no) AS persons,
                           sum(medfee_sumamt) AS medfee_sumamt, sum(fund_pay_sumamt) AS fund_pay_sumamt
                    FROM setl GROUP BY ALL ORDER BY fixmedins_code, month
                    """);
            return new Counts(persons, institutions, visits, lines);
        } catch (SQLException e) {
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, "case file of " + findingsDir + ": "
                    + e.getMessage(), e);
        }
    }

    private static long write(Statement s, Path file, String query) throws SQLException {
        s.execute("COPY (" + query + ") TO '" + Screening.sqlPath(file) + "' (FORMAT csv, HEADER true)");
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM read_csv('" + Screening.sqlPath(file)
                + "', header = true, all_varchar = true)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
