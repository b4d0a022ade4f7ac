package org.fundwatch.serve;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseAction;
import org.fundwatch.workflow.cases.CaseCommand;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.users.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Work done once per test JVM through the real workflow on a few findings of {@link TestingUi#shared()}, so that
 * the ledger and the appeals have something to show: of the demo institution user's institution, one finding
 * accepted and handled by agreement (a deduction and liquidated damages), one appealed and overturned (an appeal
 * won), one appealed, upheld and penalised (an appeal lost; recovery and fine); of another institution, one
 * accepted and deducted; and two open findings assigned to the auditor. The findings are taken from the end of the
 * id order, away from the first ones other tests tend to pick.
 */
public final class TestingCaseWork {
    private static Done done;

    private TestingCaseWork() {
    }

    /** What was done: the two institutions and the findings. */
    public record Done(String institution, String otherInstitution, String accepted, String won, String lost,
                       String otherAccepted, List<String> assigned) {
    }

    public static synchronized Done on(TestingUi ui) {
        if (done == null) {
            done = work(ui);
        }
        return done;
    }

    private static Done work(TestingUi ui) {
        JdbcClient jdbc = ui.store().jdbc();
        Cases cases = new Cases(ui.store(), Clock.systemDefaultZone());
        String mine = jdbc.sql("SELECT fixmedins_code FROM app_user WHERE username = 'institution'")
                .query(String.class).single();
        List<String> three = jdbc.sql("SELECT jr_id FROM finding WHERE fixmedins_code = ? AND state = 'NEW' "
                        + "AND vola_amt > 0 AND vola_amt <= 20000 ORDER BY jr_id DESC LIMIT 3")
                .param(mine).query(String.class).list();
        if (three.size() < 3) {
            throw new IllegalStateException("the demo institution " + mine + " has fewer than 3 new findings");
        }
        String other = jdbc.sql("SELECT fixmedins_code FROM finding WHERE fixmedins_code <> ? AND state = 'NEW' "
                        + "AND vola_amt > 0 GROUP BY fixmedins_code ORDER BY count(*) DESC, fixmedins_code LIMIT 1")
                .param(mine).query(String.class).single();
        String otherFinding = jdbc.sql("SELECT jr_id FROM finding WHERE fixmedins_code = ? AND state = 'NEW' "
                + "AND vola_amt > 0 ORDER BY jr_id DESC LIMIT 1").param(other).query(String.class).single();

        Actor auditor = Actor.of("auditor", Role.AUDITOR);
        Actor reviewer = Actor.of("reviewer", Role.REVIEWER);
        Actor director = Actor.of("director", Role.DIRECTOR);
        Actor institution = Actor.institution("institution", mine);
        Actor otherInstitution = Actor.institution("institution-of-" + other, other);

        String accepted = three.get(0);
        String won = three.get(1);
        String lost = three.get(2);
        for (String jrId : List.of(accepted, won, lost)) {
            cases.act(auditor, jrId, CaseCommand.of(CaseAction.PUSH, "初审确认"));
        }
        cases.act(institution, accepted, CaseCommand.of(CaseAction.ACCEPT, ""));
        cases.act(reviewer, accepted, CaseCommand.agreement(Optional.empty(), Optional.of(new BigDecimal("100.00")),
                Set.of(), Optional.empty(), "协议处理"));

        cases.act(institution, won, CaseCommand.appeal("收费有据", List.of()));
        cases.act(reviewer, won, CaseCommand.of(CaseAction.OVERTURN, "申诉成立"));

        cases.act(institution, lost, CaseCommand.appeal("收费有据", List.of()));
        cases.act(reviewer, lost, CaseCommand.of(CaseAction.UPHOLD, "申诉不成立"));
        cases.act(reviewer, lost, CaseCommand.penalty(CaseAction.NOTIFY_PENALTY, Optional.empty(), BigDecimal.ONE,
                false, "事先告知"));
        cases.act(institution, lost, CaseCommand.of(CaseAction.WAIVE_DEFENCE, ""));
        cases.act(reviewer, lost, CaseCommand.penalty(CaseAction.DECIDE_PENALTY, Optional.empty(), BigDecimal.ONE,
                false, "处罚决定"));
        String state = jdbc.sql("SELECT state FROM finding WHERE jr_id = ?").param(lost).query(String.class).single();
        if (state.equals("AWAITING_APPROVAL")) {
            cases.act(director, lost, CaseCommand.of(CaseAction.APPROVE, "同意"));
        }

        cases.act(auditor, otherFinding, CaseCommand.of(CaseAction.PUSH, "初审确认"));
        cases.act(otherInstitution, otherFinding, CaseCommand.of(CaseAction.ACCEPT, ""));
        cases.act(reviewer, otherFinding, CaseCommand.agreement(Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), "协议处理"));

        List<String> assigned = jdbc.sql("SELECT jr_id FROM finding WHERE state = 'NEW' AND assignee IS NULL "
                + "ORDER BY jr_id DESC LIMIT 2").query(String.class).list();
        cases.act(reviewer, assigned, CaseCommand.assign("auditor", "分派"));
        return new Done(mine, other, accepted, won, lost, otherFinding, assigned);
    }
}
