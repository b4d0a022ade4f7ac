package org.fundwatch.serve.cases;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.fundwatch.serve.web.PersonalData;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseState;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One finding as its detail page shows it: the finding, the person (masked unless the role needs the data, and
 * every unmasked view logged), the visit's lines marked violating or involved, the person's visits around it,
 * the history, the institution's submissions with their files, and the measures.
 */
final class FindingCase {
    private final WorkflowDatabase db;
    private final JdbcClient jdbc;
    private final Clock clock;

    FindingCase(WorkflowDatabase db, Clock clock) {
        this.db = db;
        this.jdbc = db.jdbc();
        this.clock = clock;
    }

    record Finding(String jrId, String ruleId, int ruleVersion, String ruleName, String type, String grain,
                   String period, int sevDeg, String action, BigDecimal volaAmt, String volaCont, String volaContEn,
                   String volaEvid, String indicator, String psnNo, String mdtrtId, String feedetlSn,
                   String institution, String institutionName, String hilistCode, LocalDateTime occurTime,
                   CaseState state, LocalDate dueDate, String track, String assignee, boolean pushed) {
    }

    record Person(String psnNo, String name, String certno, String gender, Integer age, boolean masked) {
    }

    record Line(String feedetlSn, LocalDateTime time, String code, String name, BigDecimal cnt, BigDecimal pric,
                BigDecimal amount, Integer volaItemType, BigDecimal volaAmt) {
        public String css() {
            return volaItemType == null ? "" : volaItemType == 1 ? "violating" : "involved";
        }
    }

    record Visit(String mdtrtId, String institution, String institutionName, String medType, LocalDateTime begin,
                 LocalDateTime end, String diagnosis, BigDecimal medfee, BigDecimal fundPaid) {
    }

    record Step(LocalDateTime at, String actor, String role, String action, String from, String to, String reason) {
    }

    record Submission(long id, String kind, String text, String by, LocalDateTime at, List<FileRef> files) {
    }

    record FileRef(long id, String name, String contentType, int size, String sha256) {
    }

    record Measure(String kind, String status, BigDecimal amount, BigDecimal fineMultiple, BigDecimal fine,
                   Boolean fraud, String referral, Integer workingDays, String decidedBy, LocalDateTime decidedAt,
                   String approvedBy) {
    }

    /** The finding, when it exists and the actor may see it. */
    Optional<Finding> finding(Actor actor, String jrId) {
        if (!jrId.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT f.jr_id, f.rule_id, f.rule_version, f.rule_name, f.vola_bhvr_type, f.grain, f.period, "
                        + "f.sev_deg, f.action, f.vola_amt, f.vola_cont, f.vola_cont_en, f.vola_evid, f.indicator, "
                        + "f.psn_no, f.mdtrt_id, f.feedetl_sn, f.fixmedins_code, i.fixmedins_name, f.hilist_code, "
                        + "f.occur_time, f.state, f.due_date, f.track, f.assignee, f.pushed_at IS NOT NULL "
                        + "FROM finding f LEFT JOIN institution i USING (fixmedins_code) WHERE f.jr_id = ?")
                .param(jrId)
                .query((rs, n) -> new Finding(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                        rs.getBigDecimal(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                        rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                        rs.getString(20), rs.getObject(21, LocalDateTime.class), CaseState.valueOf(rs.getString(22)),
                        rs.getObject(23, LocalDate.class), rs.getString(24), rs.getString(25), rs.getBoolean(26)))
                .optional()
                .filter(f -> Cases.visible(actor, f.institution(), f.pushed()));
    }

    boolean exists(String jrId) {
        return jrId.matches("[0-9a-f]{32}") && jdbc.sql("SELECT count(*) FROM finding WHERE jr_id = ?").param(jrId)
                .query(Integer.class).single() > 0;
    }

    /**
     * The person of the finding: the name and ID number in clear for the roles that decide on them (reviewer,
     * director), the view logged; masked for everyone else.
     */
    Optional<Person> person(Actor actor, Finding f) {
        if (f.psnNo() == null) {
            return Optional.empty();
        }
        boolean clear = actor.role().seesPersonalData();
        return jdbc.sql("SELECT psn_no, psn_name, certno, gend, brdy FROM person WHERE psn_no = ?").param(f.psnNo())
                .query((rs, n) -> {
                    LocalDate birth = rs.getObject(5, LocalDate.class);
                    LocalDate at = f.occurTime() == null ? LocalDate.now(clock) : f.occurTime().toLocalDate();
                    Integer age = birth == null ? null : Period.between(birth, at).getYears();
                    String name = rs.getString(2);
                    String certno = rs.getString(3);
                    return new Person(rs.getString(1), clear ? name : PersonalData.name(name),
                            clear ? certno : PersonalData.certno(certno), rs.getString(4), age, !clear);
                })
                .optional()
                .map(p -> {
                    if (!p.masked()) {
                        jdbc.sql("INSERT INTO personal_data_view (at, viewer, role, psn_no, jr_id, purpose) "
                                        + "VALUES (?, ?, ?, ?, ?, 'finding detail')")
                                .params(LocalDateTime.now(clock), actor.username(), actor.role().name(), p.psnNo(),
                                        f.jrId())
                                .update();
                    }
                    return p;
                });
    }

    /** The visit's lines with the finding's marks; without a visit, the lines the finding names. */
    List<Line> lines(Finding f) {
        String visitLines = "SELECT d.feedetl_sn, d.fee_ocur_time, d.med_list_codg, d.item_name, d.cnt, d.pric, "
                + "d.det_item_fee_sumamt, l.vola_item_type, l.vola_amt FROM fee_line d LEFT JOIN finding_line l "
                + "ON l.feedetl_sn = d.feedetl_sn AND l.jr_id = ? WHERE ";
        String where = f.mdtrtId() != null ? "d.mdtrt_id = ?"
                : "d.feedetl_sn IN (SELECT feedetl_sn FROM finding_line WHERE jr_id = ?)";
        return jdbc.sql(visitLines + where + " ORDER BY d.fee_ocur_time, d.feedetl_sn LIMIT 2000")
                .params(f.jrId(), f.mdtrtId() != null ? f.mdtrtId() : f.jrId())
                .query((rs, n) -> new Line(rs.getString(1), rs.getObject(2, LocalDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                        (Integer) rs.getObject(8, Integer.class), rs.getBigDecimal(9)))
                .list();
    }

    /** The person's visits of the case file (90 days either side of the findings), in time order. */
    List<Visit> timeline(Finding f) {
        if (f.psnNo() == null) {
            return List.of();
        }
        return jdbc.sql("SELECT v.mdtrt_id, v.fixmedins_code, i.fixmedins_name, v.med_type, v.begntime, v.endtime, "
                        + "coalesce(v.dscg_maindiag_name, v.dscg_maindiag_code), v.medfee_sumamt, v.fund_pay_sumamt "
                        + "FROM visit v LEFT JOIN institution i USING (fixmedins_code) WHERE v.psn_no = ? "
                        + "ORDER BY v.begntime LIMIT 500")
                .param(f.psnNo())
                .query((rs, n) -> new Visit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDateTime.class), rs.getObject(6, LocalDateTime.class), rs.getString(7),
                        rs.getBigDecimal(8), rs.getBigDecimal(9)))
                .list();
    }

    /** The detected group of a GROUP_VISITS finding, with its members' co-visits from the case file. */
    Optional<GroupGraph.Group> group(Finding f) {
        return GroupGraph.of(jdbc, f);
    }

    /** The history; an institution user sees its own steps and the bureau's decisions, not internal assignments. */
    List<Step> history(Actor actor, Finding f) {
        String hide = actor.role() == Role.INSTITUTION ? " AND action <> 'ASSIGN'" : "";
        return jdbc.sql("SELECT at, actor, role, action, from_state, to_state, reason FROM audit_log WHERE jr_id = ?"
                        + hide + " ORDER BY audit_id")
                .param(f.jrId())
                .query((rs, n) -> new Step(rs.getObject(1, LocalDateTime.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    List<Submission> submissions(Finding f) {
        List<FileRef> none = List.of();
        return jdbc.sql("SELECT submission_id, kind, text, submitted_by, submitted_at FROM submission WHERE jr_id = ? "
                        + "ORDER BY submission_id")
                .param(f.jrId())
                .query((rs, n) -> new Submission(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDateTime.class), none))
                .list().stream()
                .map(s -> new Submission(s.id(), s.kind(), s.text(), s.by(), s.at(), jdbc.sql("SELECT evidence_id, "
                                + "file_name, content_type, size_bytes, sha256 FROM evidence_file WHERE submission_id = ? "
                                + "ORDER BY evidence_id").param(s.id())
                        .query((rs, n) -> new FileRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5))).list()))
                .toList();
    }

    List<Measure> measures(Finding f) {
        return jdbc.sql("SELECT kind, status, amount, fine_multiple, fine_amount, fraud, referral, working_days, "
                        + "decided_by, decided_at, approved_by FROM measure WHERE jr_id = ? ORDER BY measure_id")
                .param(f.jrId())
                .query((rs, n) -> new Measure(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), (Boolean) rs.getObject(6, Boolean.class),
                        rs.getString(7), rs.getObject(8, Integer.class), rs.getString(9),
                        rs.getObject(10, LocalDateTime.class), rs.getString(11)))
                .list();
    }

    /** An evidence file of a finding the actor may see. */
    record File(String name, String contentType, byte[] content) {
    }

    Optional<File> evidence(Actor actor, String jrId, long evidenceId) {
        if (finding(actor, jrId).isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT e.file_name, e.content_type, e.content FROM evidence_file e JOIN submission s "
                        + "USING (submission_id) WHERE s.jr_id = ? AND e.evidence_id = ?")
                .params(jrId, evidenceId)
                .query((rs, n) -> new File(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional();
    }

    WorkflowDatabase db() {
        return db;
    }
}
