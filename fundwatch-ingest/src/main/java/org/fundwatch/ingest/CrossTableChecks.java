package org.fundwatch.ingest;

import static org.fundwatch.schema.SqlDdl.identifier;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Reference;
import org.fundwatch.schema.SqlDdl;
import org.fundwatch.schema.Table;

/**
 * The checks that need more than one row, run in SQL over the staged tables (and, when appending, the dataset's
 * earlier months as {@code ds_<table>} views): unique keys across the extract and the dataset, mandatory references
 * (rejections, which cascade: fee lines of a rejected visit are rejected too), then advisory references and
 * cross-table consistency (warnings; rejections with {@code --strict}).
 */
final class CrossTableChecks {
    private final Staging staging;
    private final Set<String> staged;
    private final Set<String> inDataset;
    private final boolean strict;

    /**
     * @param staged    tables read from this extract ({@code stg_<name>})
     * @param inDataset tables already in the dataset appended to ({@code ds_<name>} views)
     */
    CrossTableChecks(Staging staging, Set<String> staged, Set<String> inDataset, boolean strict) {
        this.staging = staging;
        this.staged = staged;
        this.inDataset = inDataset;
        this.strict = strict;
    }

    void run() throws SQLException {
        for (Table t : ExchangeFormat.TABLES) {
            if (!staged.contains(t.name())) {
                continue;
            }
            if (!t.key().isEmpty()) {
                duplicateKeys(t);
            }
            for (Reference r : t.references()) {
                if (r.mandatory()) {
                    missingReference(t, r);
                }
            }
            markRejected(t);
        }
        for (Table t : ExchangeFormat.TABLES) {
            if (!staged.contains(t.name())) {
                continue;
            }
            for (Reference r : t.references()) {
                if (!r.mandatory()) {
                    missingReference(t, r);
                }
            }
        }
        consistency();
        for (Table t : ExchangeFormat.TABLES) {
            if (staged.contains(t.name())) {
                markRejected(t);
            }
        }
    }

    private void duplicateKeys(Table t) throws SQLException {
        String stg = Staging.stagingTable(t);
        String keys = t.key().stream().map(k -> identifier(k)).collect(Collectors.joining(", "));
        String on = t.key().stream().map(k -> "s." + k + " = d." + k).collect(Collectors.joining(" AND "));
        String describe = t.key().stream().map(k -> "'" + k + "=' || CAST(s." + k + " AS VARCHAR)")
                .collect(Collectors.joining(" || ', ' || "));
        staging.execute("INSERT INTO rej SELECT '" + t.name() + "', s._line, 'DUPLICATE_KEY', '" + t.key().get(0)
                + "', 'duplicate key (' || " + describe + " || '), first on line ' || d.first_line, NULL "
                + "FROM " + stg + " s JOIN (SELECT " + keys + ", min(_line) AS first_line FROM " + stg
                + " GROUP BY " + keys + " HAVING count(*) > 1) d ON " + on + " WHERE s._line <> d.first_line");
        if (inDataset.contains(t.name())) {
            staging.execute("INSERT INTO rej SELECT '" + t.name() + "', s._line, 'DUPLICATE_KEY', '"
                    + t.key().get(0) + "', 'key (' || " + describe + " || ') is already in the dataset', NULL "
                    + "FROM " + stg + " s WHERE EXISTS (SELECT 1 FROM ds_" + t.name() + " d WHERE " + on + ")");
        }
    }

    /** The accepted rows of a table: this extract's unless rejected, plus the dataset's. */
    private String accepted(String table, List<String> columns) {
        String cols = columns.stream().map(c -> identifier(c)).collect(Collectors.joining(", "));
        List<String> parts = new ArrayList<>();
        if (staged.contains(table)) {
            parts.add("SELECT " + cols + " FROM stg_" + identifier(table) + " WHERE NOT _rejected");
        }
        if (inDataset.contains(table)) {
            parts.add("SELECT " + cols + " FROM ds_" + identifier(table));
        }
        if (parts.isEmpty()) {
            return "SELECT " + columns.stream().map(c -> "CAST(NULL AS VARCHAR) AS " + identifier(c))
                    .collect(Collectors.joining(", ")) + " WHERE false";
        }
        return String.join(" UNION ALL ", parts);
    }

    private void missingReference(Table t, Reference r) throws SQLException {
        String stg = Staging.stagingTable(t);
        String col = identifier(r.columns().get(0));
        String target = identifier(r.targetColumns().get(0));
        boolean reject = r.mandatory() || strict;
        String notFound = hasRejections(r.table())
                ? " is not among the accepted rows of " + r.table() + " (" + r.table()
                        + " has rejected rows: see quarantine/" + r.table() + ".csv)"
                : " is not in " + r.table();
        String why = staged.contains(r.table())
                ? "CASE WHEN EXISTS (SELECT 1 FROM stg_" + r.table() + " x WHERE x." + target + " = s." + col
                        + " AND x._rejected) THEN ' refers to a row of " + r.table()
                        + " that was rejected (see quarantine/" + r.table() + ".csv)' ELSE '" + notFound + "' END"
                : "'" + notFound + "'";
        String reason = r.mandatory() ? "MISSING_REFERENCE" : "REFERENCE_NOT_FOUND";
        String select = "SELECT '" + t.name() + "', s._line, '" + reason + "', '" + col + "', '" + col + " ' || s."
                + col + " || " + why + (reject ? ", NULL" : "");
        String targets = accepted(r.table(), r.targetColumns());
        if (r.table().equals(t.name())) {
            // a refund's original line: few rows refer, many could be referred to, so probe the big side with the
            // few referred keys instead of building a hash table of every key
            targets = "SELECT a." + target + " FROM (" + targets + ") a WHERE a." + target + " IN (SELECT " + col
                    + " FROM " + stg + " WHERE " + col + " IS NOT NULL)";
        }
        staging.execute("INSERT INTO " + (reject ? "rej " : "wrn ") + select + " FROM " + stg + " s WHERE "
                + (r.mandatory() ? "" : "NOT s._rejected AND ") + "s." + col + " IS NOT NULL AND NOT EXISTS "
                + "(SELECT 1 FROM (" + targets + ") a WHERE a." + target + " = s." + col + ")");
    }

    /** Values that must agree between a row and the rows it refers to. */
    private void consistency() throws SQLException {
        String sink = strict ? "rej" : "wrn";
        String tail = strict ? ", NULL" : "";
        if (staged.contains("feedetail") && (staged.contains("mdtrt") || inDataset.contains("mdtrt"))) {
            String visits = accepted("mdtrt", List.of("mdtrt_id", "psn_no", "begntime", "endtime"));
            // one join of the fee lines with their visits feeds both checks
            staging.execute("CREATE OR REPLACE TEMP TABLE fee_visit AS SELECT f._line, f.psn_no AS fee_psn, "
                    + "v.psn_no AS visit_psn, f.fee_ocur_time, v.begntime, v.endtime, "
                    + "f.init_feedetl_sn IS NULL AND (CAST(f.fee_ocur_time AS DATE) < CAST(v.begntime AS DATE) "
                    + "OR (v.endtime IS NOT NULL AND CAST(f.fee_ocur_time AS DATE) > CAST(v.endtime AS DATE))) "
                    + "AS outside FROM stg_feedetail f JOIN (" + visits + ") v USING (mdtrt_id) "
                    + "WHERE NOT f._rejected AND (f.psn_no <> v.psn_no OR (f.init_feedetl_sn IS NULL AND "
                    + "(CAST(f.fee_ocur_time AS DATE) < CAST(v.begntime AS DATE) OR (v.endtime IS NOT NULL AND "
                    + "CAST(f.fee_ocur_time AS DATE) > CAST(v.endtime AS DATE)))))");
            staging.execute("INSERT INTO " + sink + " SELECT 'feedetail', _line, 'VISIT_MISMATCH', 'psn_no', "
                    + "'psn_no ' || fee_psn || ' differs from its visit''s ' || visit_psn" + tail
                    + " FROM fee_visit WHERE fee_psn <> visit_psn");
            staging.execute("INSERT INTO " + sink + " SELECT 'feedetail', _line, 'FEE_OUTSIDE_VISIT', "
                    + "'fee_ocur_time', 'fee_ocur_time ' || strftime(fee_ocur_time, '%Y-%m-%d %H:%M:%S') "
                    + "|| ' lies outside the days of its visit (' || strftime(begntime, '%Y-%m-%d') || ' – ' "
                    + "|| coalesce(strftime(endtime, '%Y-%m-%d'), 'open') || ')'" + tail
                    + " FROM fee_visit WHERE outside");
            staging.execute("DROP TABLE fee_visit");
        }
        if (staged.contains("feedetail") && (staged.contains("setl") || inDataset.contains("setl"))) {
            String setl = accepted("setl", List.of("setl_id", "setl_time"));
            staging.execute("INSERT INTO " + sink + " SELECT 'feedetail', f._line, 'FEE_AFTER_SETTLEMENT', "
                    + "'fee_ocur_time', 'fee_ocur_time ' || strftime(f.fee_ocur_time, '%Y-%m-%d %H:%M:%S') "
                    + "|| ' is after its settlement ' || f.setl_id || ' at ' "
                    + "|| strftime(s.setl_time, '%Y-%m-%d %H:%M:%S')" + tail
                    + " FROM stg_feedetail f JOIN (" + setl + ") s USING (setl_id) "
                    + "WHERE NOT f._rejected AND f.init_feedetl_sn IS NULL AND f.fee_ocur_time > s.setl_time");
        }
        if (staged.contains("setl") && (staged.contains("mdtrt") || inDataset.contains("mdtrt"))) {
            String visits = accepted("mdtrt", List.of("mdtrt_id", "psn_no", "fixmedins_code"));
            staging.execute("INSERT INTO " + sink + " SELECT 'setl', s._line, 'VISIT_MISMATCH', "
                    + "CASE WHEN s.psn_no <> v.psn_no THEN 'psn_no' ELSE 'fixmedins_code' END, "
                    + "'settlement of person ' || s.psn_no || ' at ' || s.fixmedins_code || ' for a visit of '"
                    + " || v.psn_no || ' at ' || v.fixmedins_code" + tail
                    + " FROM stg_setl s JOIN (" + visits + ") v USING (mdtrt_id) "
                    + "WHERE NOT s._rejected AND (s.psn_no <> v.psn_no OR s.fixmedins_code <> v.fixmedins_code)");
        }
        if (staged.contains("setl") && staged.contains("feedetail")) {
            staging.execute("INSERT INTO " + sink + " SELECT 'setl', s._line, 'SETTLEMENT_LINES_MISMATCH', "
                    + "'medfee_sumamt', 'medfee_sumamt ' || CAST(s.medfee_sumamt AS VARCHAR) || ' is not the sum "
                    + "of its ' || l.n || ' fee lines ' || CAST(l.total AS VARCHAR)" + tail
                    + " FROM stg_setl s JOIN (SELECT setl_id, sum(det_item_fee_sumamt) AS total, count(*) AS n "
                    + "FROM stg_feedetail WHERE NOT _rejected AND setl_id IS NOT NULL GROUP BY setl_id) l "
                    + "USING (setl_id) WHERE NOT s._rejected AND coalesce(s.refd_setl_flag, '0') <> '1' "
                    + "AND s.medfee_sumamt <> l.total");
        }
    }

    private boolean hasRejections(String table) throws SQLException {
        try (var st = staging.connection().createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM rej WHERE tbl = '" + SqlDdl.identifier(table) + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private void markRejected(Table t) throws SQLException {
        if (!hasRejections(t.name())) {
            return;
        }
        staging.execute("UPDATE " + Staging.stagingTable(t) + " SET _rejected = true WHERE NOT _rejected AND _line "
                + "IN (SELECT _line FROM rej WHERE tbl = '" + t.name() + "')");
    }
}
