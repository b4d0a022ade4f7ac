package org.fundwatch.workflow.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.fundwatch.workflow.audit.AuditLog;
import org.fundwatch.workflow.calendar.CalendarStore;
import org.fundwatch.workflow.calendar.WorkingCalendar;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Carries out the doubt-handling workflow (疑点处理) of {@link CaseAction}: checks role, institution and state, moves
 * the finding, records submissions, measures and ledger entries, and appends every step to the audit log — all in
 * one transaction per request. Deadlines count working days of the bureau's calendar; {@link #expireDeadlines}
 * moves findings whose deadline has passed, as the actor {@code system}.
 */
public final class Cases {
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);

    private final WorkflowDatabase db;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    public Cases(WorkflowDatabase db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.jdbc = db.jdbc();
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.audit = new AuditLog(jdbc, clock);
    }

    /** What a bulk request did: the findings moved, and why each of the others was refused. */
    public record Outcome(List<String> done, Map<String, String> refused) {
        public Outcome {
            done = List.copyOf(done);
            refused = Map.copyOf(refused);
        }
    }

    /** The finding as the workflow needs it, read under a row lock. */
    private record CaseRow(String jrId, CaseState state, Optional<Track> track, Optional<String> institution,
                           Optional<BigDecimal> volaAmt, Optional<LocalDate> dueDate, boolean pushed) {
    }

    /** The settings of {@code workflow_setting}. */
    public record Settings(int appealWorkingDays, int statementWorkingDays, BigDecimal directorApprovalAbove,
                           String bureauName) {
    }

    /**
     * One action on one finding; refuses with {@link WorkflowException} ({@code NOT_FOUND} also when the actor may
     * not see it, so that an institution learns nothing of other institutions' findings).
     */
    public void act(Actor actor, String jrId, CaseCommand command) {
        Outcome outcome = act(actor, List.of(jrId), command);
        String refusal = outcome.refused().get(jrId);
        if (refusal != null) {
            WorkflowException.Code code = refusal.startsWith("NOT_FOUND") ? WorkflowException.Code.NOT_FOUND
                    : refusal.startsWith("BAD_REQUEST") ? WorkflowException.Code.BAD_REQUEST
                    : WorkflowException.Code.WRONG_STATE;
            throw new WorkflowException(code, refusal);
        }
    }

    /**
     * One action on many findings (bulk), in one transaction: the findings it cannot apply to are refused one by
     * one and the others moved. A role that may never take the action is refused outright ({@code FORBIDDEN}).
     */
    public Outcome act(Actor actor, Collection<String> jrIds, CaseCommand command) {
        Objects.requireNonNull(actor, "actor is null");
        Objects.requireNonNull(command, "command is null");
        CaseAction action = command.action();
        if (!action.allowedFor(actor.role())) {
            throw new WorkflowException(WorkflowException.Code.FORBIDDEN, actor.role().en() + " may not "
                    + action.en().toLowerCase(java.util.Locale.ROOT) + " (" + action.zh() + ")");
        }
        checkCommand(command);
        return db.transactions().execute(tx -> {
            Settings settings = settings();
            WorkingCalendar calendar = new CalendarStore(jdbc).calendar();
            List<String> done = new ArrayList<>();
            Map<String, String> refused = new LinkedHashMap<>();
            // locked in id order, so that two bulk requests over the same findings cannot deadlock
            for (String jrId : new TreeSet<>(jrIds)) {
                Optional<CaseRow> row = lock(jrId).filter(r -> visible(actor, r));
                if (row.isEmpty()) {
                    refused.put(jrId, "NOT_FOUND: no finding " + jrId);
                    continue;
                }
                CaseRow r = row.get();
                if (!action.appliesTo(r.state())) {
                    refused.put(jrId, "WRONG_STATE: " + action.en() + " (" + action.zh() + ") does not apply to a "
                            + "finding in state " + r.state() + " (" + r.state().zh() + ")");
                    continue;
                }
                Optional<String> refusal = apply(actor, r, command, settings, calendar);
                if (refusal.isPresent()) {
                    refused.put(jrId, refusal.get());
                } else {
                    done.add(jrId);
                }
            }
            return new Outcome(done, refused);
        });
    }

    /**
     * Moves every finding whose deadline has passed (the due date is the last day to act): an appeal not made is
     * taken as accepted, a statement period closes, a rectification not confirmed returns to handling. Returns
     * how many findings moved.
     */
    public int expireDeadlines() {
        LocalDate today = today();
        int moved = 0;
        for (CaseAction expiry : List.of(CaseAction.EXPIRE_APPEAL, CaseAction.EXPIRE_STATEMENT,
                CaseAction.EXPIRE_RECTIFICATION)) {
            CaseState from = switch (expiry) {
                case EXPIRE_APPEAL -> CaseState.PUSHED;
                case EXPIRE_STATEMENT -> CaseState.PENALTY_NOTIFIED;
                default -> CaseState.RECTIFYING;
            };
            List<String> due = jdbc.sql("SELECT jr_id FROM finding WHERE state = ? AND due_date < ? ORDER BY jr_id")
                    .params(from.name(), today).query(String.class).list();
            if (!due.isEmpty()) {
                moved += act(Actor.SYSTEM, due, CaseCommand.of(expiry, "期限届满 deadline passed")).done().size();
            }
        }
        return moved;
    }

    /** The settings as stored now. */
    public Settings settings() {
        Map<String, String> s = new LinkedHashMap<>();
        jdbc.sql("SELECT name, value FROM workflow_setting").query((rs, n) -> s.put(rs.getString(1), rs.getString(2)))
                .list();
        return new Settings(Integer.parseInt(s.getOrDefault("appeal_working_days", "10")),
                Integer.parseInt(s.getOrDefault("statement_working_days", "5")),
                new BigDecimal(s.getOrDefault("director_approval_above", "50000")),
                s.getOrDefault("bureau_name", "医疗保障局"));
    }

    /**
     * Changes a setting ({@code appeal_working_days}, {@code statement_working_days},
     * {@code director_approval_above}, {@code bureau_name}), logged as the administrator's action.
     */
    public void changeSetting(Actor actor, String name, String value) {
        if (actor.role() != Role.ADMIN && actor.role() != Role.DIRECTOR) {
            throw new WorkflowException(WorkflowException.Code.FORBIDDEN, "only an administrator or a director "
                    + "changes the workflow's settings");
        }
        switch (name) {
            case "appeal_working_days", "statement_working_days" -> {
                int days;
                try {
                    days = Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    throw bad(name + " must be a whole number of working days, not " + value);
                }
                if (days < 1 || days > 60) {
                    throw bad(name + " must be 1-60 working days, not " + days);
                }
            }
            case "director_approval_above" -> {
                try {
                    if (new BigDecimal(value.strip()).signum() < 0) {
                        throw bad(name + " must not be negative");
                    }
                } catch (NumberFormatException e) {
                    throw bad(name + " must be an amount in yuan, not " + value);
                }
            }
            case "bureau_name" -> {
                if (value.isBlank() || value.strip().length() > 60) {
                    throw bad(name + " (the name on the notices) must have 1-60 characters");
                }
            }
            default -> throw bad("no setting " + name);
        }
        db.transactions().executeWithoutResult(tx -> {
            String old = jdbc.sql("SELECT value FROM workflow_setting WHERE name = ?").param(name).query(String.class)
                    .optional().orElse("");
            jdbc.sql("INSERT INTO workflow_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
                    + "value = EXCLUDED.value").params(name, value.strip()).update();
            audit(actor, null, "SETTING", old, value.strip(), name);
        });
    }

    private static void checkCommand(CaseCommand c) {
        switch (c.action()) {
            case DISMISS, UPHOLD, OVERTURN, HOLD_HEARING, RETURN -> requireReason(c, "a reason");
            case APPEAL -> requireReason(c, "the appeal's text (申诉理由)");
            case STATE_DEFENCE -> requireReason(c, "the statement's text (陈述申辩意见)");
            case ASSIGN -> {
                if (c.assignee().filter(a -> !a.isBlank()).isEmpty()) {
                    throw bad("an assignment names the user it assigns to");
                }
            }
            case REFER -> {
                if (c.referral().isEmpty()) {
                    throw bad("a referral names the authority (卫健委, 市场监管, 公安 or 纪委监委)");
                }
            }
            case NOTIFY_PENALTY, DECIDE_PENALTY -> {
                BigDecimal m = c.fineMultiple().orElseThrow(() -> bad("a penalty needs the fine's multiple"));
                BigDecimal low = c.fraud() ? TWO : ONE;
                BigDecimal high = c.fraud() ? FIVE : TWO;
                if (m.compareTo(low) < 0 || m.compareTo(high) > 0) {
                    throw bad("the fine for " + (c.fraud() ? "fraud (骗保) is 2-5" : "a violation is 1-2")
                            + " times the amount recovered, not " + m.toPlainString());
                }
            }
            case DECIDE_AGREEMENT -> {
                for (MeasureKind k : c.measures()) {
                    if (k.track() != Track.AGREEMENT || k == MeasureKind.REFUSE_PAYMENT
                            || k == MeasureKind.LIQUIDATED_DAMAGES) {
                        throw bad(k + " is not a further agreement measure (amounts go in deduction and damages)");
                    }
                }
                if (c.measures().contains(MeasureKind.RECTIFICATION)
                        && c.days().filter(d -> d >= 1 && d <= 120).isEmpty()) {
                    throw bad("a rectification needs its deadline: 1-120 working days");
                }
            }
            default -> {
            }
        }
        for (Optional<BigDecimal> amount : List.of(c.deduction(), c.damages())) {
            if (amount.filter(a -> a.signum() < 0).isPresent()) {
                throw bad("amounts must not be negative");
            }
        }
    }

    private static void requireReason(CaseCommand c, String what) {
        if (c.reason().isEmpty()) {
            throw bad(c.action().en() + " (" + c.action().zh() + ") needs " + what);
        }
        if (c.reason().length() > 20_000) {
            throw bad("the text may have at most 20,000 characters, not " + c.reason().length());
        }
    }

    private static WorkflowException bad(String message) {
        return new WorkflowException(WorkflowException.Code.BAD_REQUEST, "BAD_REQUEST: " + message);
    }

    private Optional<CaseRow> lock(String jrId) {
        return jdbc.sql("SELECT jr_id, state, track, fixmedins_code, vola_amt, due_date, pushed_at IS NOT NULL "
                        + "FROM finding WHERE jr_id = ? FOR UPDATE")
                .param(jrId)
                .query((rs, n) -> new CaseRow(rs.getString(1), CaseState.valueOf(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)).map(Track::valueOf), Optional.ofNullable(rs.getString(4)),
                        Optional.ofNullable(rs.getBigDecimal(5)), Optional.ofNullable(rs.getObject(6, LocalDate.class)),
                        rs.getBoolean(7)))
                .optional();
    }

    /**
     * An institution user sees only what was pushed to its own institution; the bureau's roles (and the clock) see
     * everything, the administrator nothing.
     */
    public static boolean visible(Actor actor, String institution, boolean pushed) {
        if (actor.role() == Role.ADMIN) {
            return false;
        }
        if (actor.role() != Role.INSTITUTION) {
            return true;
        }
        return pushed && actor.institution().equals(Optional.ofNullable(institution));
    }

    private static boolean visible(Actor actor, CaseRow r) {
        return visible(actor, r.institution().orElse(null), r.pushed());
    }

    /** Carries out one action on one locked finding; returns the refusal, if any. */
    private Optional<String> apply(Actor actor, CaseRow r, CaseCommand c, Settings settings,
                                   WorkingCalendar calendar) {
        LocalDateTime now = now();
        LocalDate today = now.toLocalDate();
        CaseAction action = c.action();
        switch (action) {
            case ASSIGN -> {
                String to = c.assignee().orElseThrow();
                jdbc.sql("UPDATE finding SET assignee = ? WHERE jr_id = ?").params(to, r.jrId()).update();
                audit(actor, r.jrId(), action.name(), r.state().name(), r.state().name(),
                        join("→ " + to, c.reason()));
                return Optional.empty();
            }
            case DISMISS, ACCEPT, EXPIRE_APPEAL, INVESTIGATE, UPHOLD, OVERTURN, CONFIRM_RECTIFIED,
                 EXPIRE_RECTIFICATION, WAIVE_DEFENCE, EXPIRE_STATEMENT, HOLD_HEARING -> {
                CaseState to = switch (action) {
                    case DISMISS -> CaseState.DISMISSED;
                    case ACCEPT, EXPIRE_APPEAL, UPHOLD, EXPIRE_RECTIFICATION -> CaseState.CONFIRMED;
                    case INVESTIGATE -> CaseState.INVESTIGATING;
                    case OVERTURN -> CaseState.OVERTURNED;
                    case CONFIRM_RECTIFIED -> CaseState.CLOSED;
                    default -> CaseState.DEFENCE_CLOSED;
                };
                move(actor, r, action, to, Optional.empty(), c.reason());
                return Optional.empty();
            }
            case PUSH -> {
                if (r.institution().isEmpty()) {
                    return Optional.of("BAD_REQUEST: finding " + r.jrId() + " names no institution to push it to");
                }
                LocalDate due = calendar.deadline(today, settings.appealWorkingDays());
                jdbc.sql("UPDATE finding SET pushed_at = ? WHERE jr_id = ?").params(now, r.jrId()).update();
                move(actor, r, action, CaseState.PUSHED, Optional.of(due),
                        join("申诉截止 appeal due " + due, c.reason()));
                return Optional.empty();
            }
            case APPEAL, STATE_DEFENCE, REQUEST_HEARING -> {
                if (r.dueDate().filter(today::isAfter).isPresent()) {
                    return Optional.of("WRONG_STATE: the period ended on " + r.dueDate().get());
                }
                if (action == CaseAction.REQUEST_HEARING) {
                    move(actor, r, action, CaseState.HEARING, Optional.empty(), c.reason());
                    return Optional.empty();
                }
                long submission = jdbc.sql("INSERT INTO submission (jr_id, kind, text, submitted_by, submitted_at) "
                                + "VALUES (?, ?, ?, ?, ?) RETURNING submission_id")
                        .params(r.jrId(), action == CaseAction.APPEAL ? "APPEAL" : "STATEMENT", c.reason(),
                                actor.username(), now)
                        .query(Long.class).single();
                for (Evidence e : c.evidence()) {
                    jdbc.sql("INSERT INTO evidence_file (submission_id, file_name, content_type, size_bytes, sha256, "
                                    + "content) VALUES (?, ?, ?, ?, ?, ?)")
                            .params(submission, e.fileName(), e.contentType(), e.content().length, e.sha256(),
                                    e.content())
                            .update();
                }
                String files = c.evidence().isEmpty() ? "" : c.evidence().size() + " 个附件 files";
                if (action == CaseAction.APPEAL) {
                    move(actor, r, action, CaseState.APPEALED, Optional.empty(), join(files, c.reason()));
                } else {
                    audit(actor, r.jrId(), action.name(), r.state().name(), r.state().name(), join(files, c.reason()));
                }
                return Optional.empty();
            }
            case DECIDE_AGREEMENT -> {
                if (r.track().filter(t -> t != Track.AGREEMENT).isPresent()) {
                    return Optional.of("WRONG_STATE: the finding is on the " + r.track().get().en() + " track; "
                            + "the two tracks do not mix");
                }
                BigDecimal deduction = c.deduction().or(r::volaAmt).orElse(BigDecimal.ZERO);
                boolean needsDirector = c.measures().stream().anyMatch(MeasureKind::needsDirector);
                String status = needsDirector ? "PENDING" : "EFFECTIVE";
                List<Long> measures = new ArrayList<>();
                if (deduction.signum() > 0) {
                    measures.add(measure(r.jrId(), MeasureKind.REFUSE_PAYMENT, status, deduction, null, null, null,
                            null, actor, c.reason()));
                }
                if (c.damages().filter(d -> d.signum() > 0).isPresent()) {
                    measures.add(measure(r.jrId(), MeasureKind.LIQUIDATED_DAMAGES, status, c.damages().get(), null,
                            null, null, null, actor, c.reason()));
                }
                for (MeasureKind k : c.measures()) {
                    measures.add(measure(r.jrId(), k, status, null, null, null, null,
                            k == MeasureKind.RECTIFICATION ? c.days().orElseThrow() : null, actor, c.reason()));
                }
                if (measures.isEmpty()) {
                    return Optional.of("BAD_REQUEST: an agreement decision needs an amount or a measure");
                }
                jdbc.sql("UPDATE finding SET track = 'AGREEMENT' WHERE jr_id = ?").param(r.jrId()).update();
                String what = describe(deduction, c.damages(), c.measures());
                if (needsDirector) {
                    move(actor, r, action, CaseState.AWAITING_APPROVAL, Optional.empty(), join(what, c.reason()));
                } else {
                    book(actor, r, measures, now);
                    afterAgreement(actor, r, action, c.measures().contains(MeasureKind.RECTIFICATION)
                            ? c.days() : Optional.empty(), calendar, today, join(what, c.reason()));
                }
                return Optional.empty();
            }
            case NOTIFY_PENALTY -> {
                if (r.track().isPresent()) {
                    return Optional.of("WRONG_STATE: the finding is on the " + r.track().get().en() + " track; "
                            + "the two tracks do not mix");
                }
                BigDecimal recovery = c.deduction().or(r::volaAmt).orElse(BigDecimal.ZERO);
                BigDecimal fine = fine(recovery, c.fineMultiple().orElseThrow());
                measure(r.jrId(), MeasureKind.PENALTY, "PENDING", recovery, c.fineMultiple().get(), fine, c.fraud(),
                        null, actor, join("事先告知 notified", c.reason()));
                jdbc.sql("UPDATE finding SET track = 'PENALTY' WHERE jr_id = ?").param(r.jrId()).update();
                LocalDate due = calendar.deadline(today, settings.statementWorkingDays());
                move(actor, r, action, CaseState.PENALTY_NOTIFIED, Optional.of(due), join("追回 " + recovery.toPlainString()
                        + " 罚款 " + fine.toPlainString() + "，陈述申辩截止 statement due " + due, c.reason()));
                return Optional.empty();
            }
            case DECIDE_PENALTY -> {
                Optional<Notified> notified = notified(r.jrId());
                if (notified.isEmpty()) {
                    return Optional.of("WRONG_STATE: no penalty was notified for " + r.jrId());
                }
                BigDecimal recovery = c.deduction().orElse(notified.get().recovery());
                BigDecimal fine = fine(recovery, c.fineMultiple().orElseThrow());
                // the decision may not be heavier than what the institution was told and defended against
                if (recovery.compareTo(notified.get().recovery()) > 0 || fine.compareTo(notified.get().fine()) > 0) {
                    return Optional.of("BAD_REQUEST: the decision (recovery " + recovery.toPlainString() + ", fine "
                            + fine.toPlainString() + ") is heavier than the notice (recovery "
                            + notified.get().recovery().toPlainString() + ", fine " + notified.get().fine().toPlainString()
                            + "); notify again instead");
                }
                jdbc.sql("UPDATE measure SET status = 'RETURNED', detail = coalesce(detail, '') || ' [superseded by "
                        + "the decision]' WHERE measure_id = ?").param(notified.get().measureId()).update();
                boolean needsDirector = recovery.add(fine).compareTo(settings.directorApprovalAbove()) > 0;
                long m = measure(r.jrId(), MeasureKind.PENALTY, needsDirector ? "PENDING" : "EFFECTIVE", recovery,
                        c.fineMultiple().get(), fine, c.fraud(), null, actor, join("处罚决定 decided", c.reason()));
                String what = "追回 " + recovery.toPlainString() + " 罚款 " + fine.toPlainString();
                if (needsDirector) {
                    move(actor, r, action, CaseState.AWAITING_APPROVAL, Optional.empty(),
                            join(what + "，超过 " + settings.directorApprovalAbove().toPlainString()
                                    + " 元须负责人审批", c.reason()));
                } else {
                    book(actor, r, List.of(m), now);
                    move(actor, r, action, CaseState.CLOSED, Optional.empty(), join(what, c.reason()));
                }
                return Optional.empty();
            }
            case APPROVE -> {
                List<Pending> pending = pending(r.jrId());
                if (pending.stream().anyMatch(p -> p.decidedBy().equals(actor.username()))) {
                    return Optional.of("WRONG_STATE: " + actor.username() + " decided this measure and may not also "
                            + "approve it");
                }
                List<Long> ids = pending.stream().map(Pending::measureId).toList();
                jdbc.sql("UPDATE measure SET status = 'EFFECTIVE', approved_by = ?, approved_at = ? "
                        + "WHERE jr_id = ? AND status = 'PENDING'").params(actor.username(), now, r.jrId()).update();
                book(actor, r, ids, now);
                if (r.track().orElse(Track.AGREEMENT) == Track.AGREEMENT) {
                    Optional<Integer> days = pending.stream().filter(p -> p.kind() == MeasureKind.RECTIFICATION)
                            .map(Pending::workingDays).flatMap(Optional::stream).findFirst();
                    afterAgreement(actor, r, action, days, calendar, today, c.reason());
                } else {
                    move(actor, r, action, CaseState.CLOSED, Optional.empty(), c.reason());
                }
                return Optional.empty();
            }
            case RETURN -> {
                jdbc.sql("UPDATE measure SET status = 'RETURNED' WHERE jr_id = ? AND status = 'PENDING'")
                        .param(r.jrId()).update();
                if (r.track().orElse(Track.AGREEMENT) == Track.AGREEMENT) {
                    jdbc.sql("UPDATE finding SET track = NULL WHERE jr_id = ? AND NOT EXISTS (SELECT 1 FROM measure "
                            + "WHERE jr_id = ? AND status = 'EFFECTIVE' AND kind <> 'PUBLIC_CRITICISM' AND kind <> "
                            + "'REFERRAL')").params(r.jrId(), r.jrId()).update();
                    move(actor, r, action, CaseState.CONFIRMED, Optional.empty(), c.reason());
                } else {
                    move(actor, r, action, CaseState.DEFENCE_CLOSED, Optional.empty(), c.reason());
                }
                return Optional.empty();
            }
            case CRITICISE, REFER -> {
                Optional<Referral> to = c.referral();
                measure(r.jrId(), action == CaseAction.REFER ? MeasureKind.REFERRAL : MeasureKind.PUBLIC_CRITICISM,
                        "EFFECTIVE", null, null, null, null, to.map(Referral::name).orElse(null), actor, c.reason());
                audit(actor, r.jrId(), action.name(), r.state().name(), r.state().name(),
                        join(to.map(t -> "→ " + t.zh()).orElse(""), c.reason()));
                return Optional.empty();
            }
            default -> throw new IllegalStateException("no handling for " + action);
        }
    }

    private void afterAgreement(Actor actor, CaseRow r, CaseAction action, Optional<Integer> rectificationDays,
                                WorkingCalendar calendar, LocalDate today, String reason) {
        if (rectificationDays.isPresent()) {
            LocalDate due = calendar.deadline(today, rectificationDays.get());
            move(actor, r, action, CaseState.RECTIFYING, Optional.of(due), join("整改截止 rectification due " + due,
                    reason));
        } else {
            move(actor, r, action, CaseState.CLOSED, Optional.empty(), reason);
        }
    }

    private static String describe(BigDecimal deduction, Optional<BigDecimal> damages, Set<MeasureKind> measures) {
        List<String> parts = new ArrayList<>();
        if (deduction.signum() > 0) {
            parts.add("拒付/追回 " + deduction.toPlainString());
        }
        damages.filter(d -> d.signum() > 0).ifPresent(d -> parts.add("违约金 " + d.toPlainString()));
        measures.forEach(m -> parts.add(m.zh()));
        return String.join("，", parts);
    }

    private static BigDecimal fine(BigDecimal recovery, BigDecimal multiple) {
        return recovery.multiply(multiple).setScale(2, RoundingMode.HALF_UP);
    }

    private record Notified(long measureId, BigDecimal recovery, BigDecimal fine) {
    }

    private Optional<Notified> notified(String jrId) {
        return jdbc.sql("SELECT measure_id, amount, fine_amount FROM measure WHERE jr_id = ? AND kind = 'PENALTY' "
                        + "AND status = 'PENDING' ORDER BY measure_id DESC LIMIT 1")
                .param(jrId)
                .query((rs, n) -> new Notified(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3)))
                .optional();
    }

    private record Pending(long measureId, MeasureKind kind, String decidedBy, Optional<Integer> workingDays) {
    }

    private List<Pending> pending(String jrId) {
        return jdbc.sql("SELECT measure_id, kind, decided_by, working_days FROM measure WHERE jr_id = ? "
                        + "AND status = 'PENDING' ORDER BY measure_id")
                .param(jrId)
                .query((rs, n) -> new Pending(rs.getLong(1), MeasureKind.valueOf(rs.getString(2)), rs.getString(3),
                        Optional.ofNullable((Integer) rs.getObject(4))))
                .list();
    }

    private long measure(String jrId, MeasureKind kind, String status, BigDecimal amount, BigDecimal fineMultiple,
                         BigDecimal fine, Boolean fraud, Object referralOrDays, Actor actor, String detail) {
        String referral = referralOrDays instanceof String s ? s : null;
        Integer days = referralOrDays instanceof Integer d ? d : null;
        return jdbc.sql("INSERT INTO measure (jr_id, kind, status, amount, fine_multiple, fine_amount, fraud, referral, "
                        + "working_days, detail, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "RETURNING measure_id")
                .params(jrId, kind.name(), status, amount, fineMultiple, fine, fraud, referral, days, detail,
                        actor.username(), now())
                .query(Long.class).single();
    }

    /** Books the money of effective measures in the ledger, in the month they take effect. */
    private void book(Actor actor, CaseRow r, List<Long> measureIds, LocalDateTime now) {
        String month = now.toLocalDate().toString().substring(0, 7);
        String institution = r.institution().orElseThrow(() -> new IllegalStateException(
                "a finding without an institution reached a decision: " + r.jrId()));
        for (long id : measureIds) {
            jdbc.sql("SELECT kind, amount, fine_amount FROM measure WHERE measure_id = ?").param(id).query((rs, n) -> {
                MeasureKind kind = MeasureKind.valueOf(rs.getString(1));
                BigDecimal amount = rs.getBigDecimal(2);
                BigDecimal fine = rs.getBigDecimal(3);
                switch (kind) {
                    case REFUSE_PAYMENT -> ledger(institution, month, "DEDUCTION", amount, r.jrId(), id, actor, now);
                    case LIQUIDATED_DAMAGES -> ledger(institution, month, "LIQUIDATED_DAMAGES", amount, r.jrId(), id,
                            actor, now);
                    case PENALTY -> {
                        ledger(institution, month, "RECOVERY", amount, r.jrId(), id, actor, now);
                        ledger(institution, month, "FINE", fine, r.jrId(), id, actor, now);
                    }
                    default -> {
                    }
                }
                return null;
            }).list();
        }
    }

    private void ledger(String institution, String month, String kind, BigDecimal amount, String jrId, long measureId,
                        Actor actor, LocalDateTime now) {
        if (amount == null || amount.signum() == 0) {
            return;
        }
        jdbc.sql("INSERT INTO ledger_entry (fixmedins_code, month, kind, amount, jr_id, measure_id, booked_by, "
                        + "booked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(institution, month, kind, amount, jrId, measureId, actor.username(), now)
                .update();
    }

    private void move(Actor actor, CaseRow r, CaseAction action, CaseState to, Optional<LocalDate> due,
                      String reason) {
        jdbc.sql("UPDATE finding SET state = ?, state_since = ?, due_date = ? WHERE jr_id = ?")
                .params(to.name(), now(), due.orElse(null), r.jrId()).update();
        audit(actor, r.jrId(), action.name(), r.state().name(), to.name(), reason);
    }

    private void audit(Actor actor, String jrId, String action, String from, String to, String reason) {
        audit.append(actor, jrId, action, from, to, reason);
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + "；" + b;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
