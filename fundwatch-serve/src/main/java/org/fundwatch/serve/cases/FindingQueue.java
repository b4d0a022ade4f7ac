package org.fundwatch.serve.cases;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseState;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The findings queue: a page of findings under a filter, in a stable order, by keyset (the page after the last
 * row's sort key and id), so that page 1,000 costs what page 1 costs; the count is exact up to
 * {@link #COUNT_CAP} and said to be "more" above.
 */
final class FindingQueue {
    static final int COUNT_CAP = 10_000;

    private final WorkflowDatabase db;

    FindingQueue(WorkflowDatabase db) {
        this.db = db;
    }

    /** One row of the queue. */
    record Row(String jrId, String ruleId, String ruleName, String type, int sevDeg, BigDecimal volaAmt,
               String institution, String institutionName, String period, CaseState state, LocalDate dueDate,
               String assignee, String volaCont, LocalDateTime occurTime, String cursor) {
        public boolean overdue(LocalDate today) {
            return dueDate != null && dueDate.isBefore(today) && !state.terminal();
        }
    }

    /** A page: its rows, the cursor of the next page (empty on the last), and the count (capped). */
    record Page(List<Row> rows, Optional<String> next, long count, boolean more) {
    }

    private static final String COLUMNS = "f.jr_id, f.rule_id, f.rule_name, f.vola_bhvr_type, f.sev_deg, f.vola_amt, "
            + "fixmedins_code, i.fixmedins_name, f.period, f.state, f.due_date, f.assignee, f.vola_cont, "
            + "f.occur_time";

    Page page(Actor actor, QueueFilter filter) {
        QueueFilter.Where where = filter.where(actor);
        List<Object> params = new ArrayList<>(where.params());
        String keyset = "";
        if (filter.after().isPresent()) {
            String after = filter.after().get();
            int cut = after.lastIndexOf('_');
            if (cut > 0) {
                String key = after.substring(0, cut);
                String id = after.substring(cut + 1);
                switch (filter.sort()) {
                    case AMOUNT -> {
                        keyset = " AND (" + filter.sort().key + ", jr_id) < (?::numeric, ?)";
                        params.add(key);
                    }
                    case TIME -> {
                        keyset = " AND (" + filter.sort().key + ", jr_id) < (?::timestamp, ?)";
                        params.add(key);
                    }
                    case ID -> keyset = " AND jr_id > ?";
                }
                params.add(id);
            }
        }
        params.add(filter.size() + 1);
        String sql = "SELECT " + COLUMNS + " FROM (SELECT * FROM finding WHERE " + where.sql() + keyset
                + " ORDER BY " + filter.sort().orderBy + " LIMIT ?) f LEFT JOIN institution i USING (fixmedins_code) "
                + "ORDER BY " + filter.sort().orderBy;
        List<Row> rows = new JdbcTemplate(db.dataSource()).query(sql, (rs, n) -> row(rs, filter.sort()),
                params.toArray());
        Optional<String> next = Optional.empty();
        if (rows.size() > filter.size()) {
            rows = rows.subList(0, filter.size());
            next = Optional.of(rows.get(rows.size() - 1).cursor());
        }
        List<Object> countParams = new ArrayList<>(where.params());
        countParams.add(COUNT_CAP + 1);
        Long count = new JdbcTemplate(db.dataSource()).queryForObject("SELECT count(*) FROM (SELECT 1 FROM finding "
                + "WHERE " + where.sql() + " LIMIT ?) c", Long.class, countParams.toArray());
        long n = count == null ? 0 : count;
        return new Page(List.copyOf(rows), next, Math.min(n, COUNT_CAP), n > COUNT_CAP);
    }

    /** Every row under the filter, in order, streamed (for the Excel export). */
    void each(Actor actor, QueueFilter filter, int limit, Consumer<Row> sink) {
        QueueFilter.Where where = filter.where(actor);
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        db.transactions().executeWithoutResult(tx -> {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            jdbc.setFetchSize(2_000); // a cursor in the transaction, not the whole result in memory
            // unqualified names are the finding's: the institution table shares only fixmedins_code (USING)
            jdbc.query("SELECT " + COLUMNS + " FROM finding f LEFT JOIN institution i USING (fixmedins_code) WHERE "
                    + where.sql() + " ORDER BY " + filter.sort().orderBy + " LIMIT ?", rs -> {
                        sink.accept(row(rs, filter.sort()));
                    }, params.toArray());
        });
    }

    private static Row row(ResultSet rs, QueueFilter.Sort sort) throws SQLException {
        BigDecimal amt = rs.getBigDecimal(6);
        LocalDateTime time = rs.getObject(14, LocalDateTime.class);
        String id = rs.getString(1);
        String key = switch (sort) {
            case AMOUNT -> amt == null ? "-1" : amt.toPlainString();
            case TIME -> time == null ? "1900-01-01 00:00:00" : time.toString().replace('T', ' ');
            case ID -> "";
        };
        return new Row(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), amt, rs.getString(7),
                rs.getString(8), rs.getString(9), CaseState.valueOf(rs.getString(10)),
                rs.getObject(11, LocalDate.class), rs.getString(12), rs.getString(13), time, key + "_" + id);
    }
}
