package org.fundwatch.workflow.store;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the workflow store stands, in three index look-ups: the last logged change to a finding (every step of the
 * workflow is logged in the same transaction as the change, and money is booked only with one), the last load of a
 * screening run (findings and indicator table) and the last ledger entry. Figures computed over the whole store
 * (the dashboard, the risk ranking) stay valid while the stamp does not move.
 */
public record StoreStamp(long lastChange, long lastLoad, long lastEntry) {

    public static StoreStamp read(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT coalesce((SELECT max(audit_id) FROM audit_log WHERE jr_id IS NOT NULL), 0),
                               coalesce((SELECT max(run_id) FROM screening_run), 0),
                               coalesce((SELECT max(entry_id) FROM ledger_entry), 0)""")
                .query((rs, n) -> new StoreStamp(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }
}
