package org.fundwatch.workflow.audit;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.fundwatch.workflow.cases.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The append-only audit log ({@code audit_log}: when, who, role, finding, action, from, to, why). Every writer of
 * the workflow appends through this, in its own transaction; the table's triggers refuse any change after.
 */
public final class AuditLog {
    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** A step on a finding ({@code jrId} null for one that concerns none, e.g. a setting), from and to a state. */
    public void append(Actor actor, String jrId, String action, String from, String to, String reason) {
        append(actor.username(), actor.role().name(), jrId, action, from, to, reason);
    }

    /** An event of no finding and no state (a rule edit, a new account). */
    public void event(Actor actor, String action, String reason) {
        append(actor.username(), actor.role().name(), null, action, null, null, reason);
    }

    /** An event of someone not signed in yet (a login attempt: the name as typed, role {@code LOGIN}). */
    public void login(String typedName, String action, String reason) {
        append(typedName, "LOGIN", null, action, null, null, reason);
    }

    private void append(String actor, String role, String jrId, String action, String from, String to,
                        String reason) {
        jdbc.sql("INSERT INTO audit_log (at, actor, role, jr_id, action, from_state, to_state, reason) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS), actor, role, jrId, action, from,
                        to, reason)
                .update();
    }
}
