package org.fundwatch.workflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.workflow.TestingClock;
import org.fundwatch.workflow.TestingFindings;
import org.fundwatch.workflow.TestingPostgres;
import org.fundwatch.workflow.loading.FindingsLoader;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CasesTest {
    private static final Actor AUDITOR = Actor.of("auditor1", Role.AUDITOR);
    private static final Actor REVIEWER = Actor.of("reviewer1", Role.REVIEWER);
    private static final Actor DIRECTOR = Actor.of("director1", Role.DIRECTOR);
    private static final Actor H1 = Actor.institution("h1clerk", "H1");
    private static final Actor H2 = Actor.institution("h2clerk", "H2");
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".getBytes();

    // Friday 2 January 2026, 09:00
    private final TestingClock clock = new TestingClock(LocalDateTime.of(2026, 1, 2, 9, 0));
    private WorkflowDatabase db;
    private Cases cases;
    private TestingFindings findings;

    @BeforeEach
    void load(@TempDir Path dir) {
        db = TestingPostgres.newStore();
        cases = new Cases(db, clock);
        findings = new TestingFindings()
                .priceCap("FD1", "H1", "9.80", "2025-12-03")
                .priceCap("FD2", "H1", "120000.00", "2025-12-04")
                .priceCap("FD3", "H2", "5.00", "2025-12-05")
                .enrolment("430721197411197605", "2025-12");
        new FindingsLoader(db, clock).load(findings.writeTo(dir), Optional.empty());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String id(int i) {
        return findings.findings().get(i).jrId();
    }

    private String state(int i) {
        return db.jdbc().sql("SELECT state FROM finding WHERE jr_id = ?").param(id(i)).query(String.class).single();
    }

    @Test
    void appealUpheldThenDeductedReachesTheLedgerWithEveryStepAudited() {
        cases.act(AUDITOR, id(0), CaseCommand.of(CaseAction.PUSH, "价格超限属实"));
        assertThat(state(0)).isEqualTo("PUSHED");
        assertThat(db.jdbc().sql("SELECT due_date::text FROM finding WHERE jr_id = ?").param(id(0)).query(String.class)
                .single()).isEqualTo("2026-01-16");

        cases.act(H1, id(0), CaseCommand.appeal("该药品为患者自备，附病程记录",
                List.of(new Evidence("病程记录.pdf", "application/pdf", PDF))));
        assertThat(state(0)).isEqualTo("APPEALED");
        assertThat(db.jdbc().sql("SELECT sha256 FROM evidence_file").query(String.class).single())
                .isEqualTo(new Evidence("x.pdf", "application/pdf", PDF).sha256());

        cases.act(REVIEWER, id(0), CaseCommand.of(CaseAction.INVESTIGATE, ""));
        cases.act(REVIEWER, id(0), CaseCommand.of(CaseAction.UPHOLD, "病程记录未见自备药记载"));
        cases.act(REVIEWER, id(0), CaseCommand.agreement(Optional.empty(), Optional.of(new BigDecimal("20.00")),
                Set.of(MeasureKind.INTERVIEW), Optional.empty(), "按协议拒付并约谈"));
        assertThat(state(0)).isEqualTo("CLOSED");

        assertThat(db.jdbc().sql("SELECT kind || ' ' || amount || ' ' || fixmedins_code || ' ' || month "
                + "FROM ledger_entry ORDER BY kind").query(String.class).list())
                .containsExactly("DEDUCTION 9.80 H1 2026-01", "LIQUIDATED_DAMAGES 20.00 H1 2026-01");
        assertThat(db.jdbc().sql("SELECT action || ':' || from_state || '>' || to_state || ':' || actor "
                + "FROM audit_log WHERE jr_id = ? ORDER BY audit_id").param(id(0)).query(String.class).list())
                .containsExactly("PUSH:NEW>PUSHED:auditor1", "APPEAL:PUSHED>APPEALED:h1clerk",
                        "INVESTIGATE:APPEALED>INVESTIGATING:reviewer1", "UPHOLD:INVESTIGATING>CONFIRMED:reviewer1",
                        "DECIDE_AGREEMENT:CONFIRMED>CLOSED:reviewer1");
    }

    @Test
    void anInstitutionSeesOnlyWhatWasPushedToItself() {
        // not yet pushed: not even its own institution sees it
        assertThatThrownBy(() -> cases.act(H1, id(0), CaseCommand.of(CaseAction.ACCEPT, "")))
                .isInstanceOfSatisfying(WorkflowException.class,
                        e -> assertThat(e.code()).isEqualTo(WorkflowException.Code.NOT_FOUND));
        cases.act(AUDITOR, id(0), CaseCommand.of(CaseAction.PUSH, ""));
        assertThatThrownBy(() -> cases.act(H2, id(0), CaseCommand.of(CaseAction.ACCEPT, "")))
                .isInstanceOfSatisfying(WorkflowException.class,
                        e -> assertThat(e.code()).isEqualTo(WorkflowException.Code.NOT_FOUND));
        cases.act(H1, id(0), CaseCommand.of(CaseAction.ACCEPT, ""));
        assertThat(state(0)).isEqualTo("CONFIRMED");
    }

    @Test
    void rolesAreCheckedBeforeAnythingChanges() {
        assertThatThrownBy(() -> cases.act(H1, id(0), CaseCommand.of(CaseAction.PUSH, "")))
                .isInstanceOfSatisfying(WorkflowException.class,
                        e -> assertThat(e.code()).isEqualTo(WorkflowException.Code.FORBIDDEN));
        assertThatThrownBy(() -> cases.act(AUDITOR, id(0), CaseCommand.of(CaseAction.UPHOLD, "x")))
                .isInstanceOfSatisfying(WorkflowException.class,
                        e -> assertThat(e.code()).isEqualTo(WorkflowException.Code.FORBIDDEN));
        assertThatThrownBy(() -> cases.act(Actor.of("admin", Role.ADMIN), id(0),
                CaseCommand.of(CaseAction.DISMISS, "x"))).isInstanceOf(WorkflowException.class);
        assertThat(state(0)).isEqualTo("NEW");
        assertThat(db.jdbc().sql("SELECT count(*) FROM audit_log").query(Integer.class).single()).isZero();
    }

    @Test
    void aDismissalNeedsAReasonAndIsFinal() {
        assertThatThrownBy(() -> cases.act(AUDITOR, id(0), CaseCommand.of(CaseAction.DISMISS, " ")))
                .hasMessageContaining("needs a reason");
        cases.act(AUDITOR, id(0), CaseCommand.of(CaseAction.DISMISS, "已备案特殊药品"));
        assertThatThrownBy(() -> cases.act(AUDITOR, id(0), CaseCommand.of(CaseAction.PUSH, "")))
                .isInstanceOfSatisfying(WorkflowException.class,
                        e -> assertThat(e.code()).isEqualTo(WorkflowException.Code.WRONG_STATE));
    }

    @Test
    void anAppealNotMadeByTheDeadlineExpiresIntoConfirmedAsTheSystem() {
        cases.act(AUDITOR, id(0), CaseCommand.of(CaseAction.PUSH, ""));
        clock.set(LocalDateTime.of(2026, 1, 16, 23, 0)); // the last day: still open
        assertThat(cases.expireDeadlines()).isZero();
        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> cases.act(H1, id(0), CaseCommand.appeal("晚了", List.of())))
                .hasMessageContaining("the period ended on 2026-01-16");
        assertThat(cases.expireDeadlines()).isEqualTo(1);
        assertThat(state(0)).isEqualTo("CONFIRMED");
        assertThat(db.jdbc().sql("SELECT actor || ' ' || action FROM audit_log ORDER BY audit_id DESC LIMIT 1")
                .query(String.class).single()).isEqualTo("system EXPIRE_APPEAL");
    }

    @Test
    void bulkActionsMoveWhatTheyCanAndSayWhyNotForTheRest() {
        Cases.Outcome outcome = cases.act(AUDITOR, List.of(id(0), id(1), id(2), id(3), "nosuchfinding"),
                CaseCommand.of(CaseAction.PUSH, "批量推送"));
        assertThat(outcome.done()).containsExactlyInAnyOrder(id(0), id(1), id(2));
        assertThat(outcome.refused()).containsOnlyKeys(id(3), "nosuchfinding");
        assertThat(outcome.refused().get(id(3))).contains("names no institution");
    }

    @Test
    void penaltyGoesThroughNoticeHearingAndDirectorApprovalAboveTheThreshold() {
        cases.act(AUDITOR, id(1), CaseCommand.of(CaseAction.PUSH, ""));
        cases.act(H1, id(1), CaseCommand.of(CaseAction.ACCEPT, ""));
        assertThatThrownBy(() -> cases.act(REVIEWER, id(1), CaseCommand.penalty(CaseAction.NOTIFY_PENALTY,
                Optional.empty(), new BigDecimal("3"), false, "")))
                .hasMessageContaining("a violation is 1-2 times");
        cases.act(REVIEWER, id(1), CaseCommand.penalty(CaseAction.NOTIFY_PENALTY, Optional.empty(),
                new BigDecimal("1.5"), false, "行政处罚告知"));
        assertThat(state(1)).isEqualTo("PENALTY_NOTIFIED");
        // the agreement track is closed to a finding on the penalty track
        cases.act(H1, id(1), CaseCommand.statement("请求从轻处罚", List.of()));
        cases.act(H1, id(1), CaseCommand.of(CaseAction.REQUEST_HEARING, ""));
        cases.act(REVIEWER, id(1), CaseCommand.of(CaseAction.HOLD_HEARING, "听证笔录：机构承认超标准收费"));
        assertThat(state(1)).isEqualTo("DEFENCE_CLOSED");
        assertThatThrownBy(() -> cases.act(REVIEWER, id(1), CaseCommand.penalty(CaseAction.DECIDE_PENALTY,
                Optional.empty(), new BigDecimal("2"), false, "")))
                .hasMessageContaining("heavier than the notice");
        cases.act(REVIEWER, id(1), CaseCommand.penalty(CaseAction.DECIDE_PENALTY, Optional.empty(),
                new BigDecimal("1.5"), false, "处罚决定"));
        assertThat(state(1)).isEqualTo("AWAITING_APPROVAL");
        assertThat(db.jdbc().sql("SELECT count(*) FROM ledger_entry").query(Integer.class).single()).isZero();
        cases.act(DIRECTOR, id(1), CaseCommand.of(CaseAction.APPROVE, "同意"));
        assertThat(state(1)).isEqualTo("CLOSED");
        assertThat(db.jdbc().sql("SELECT kind || ' ' || amount FROM ledger_entry ORDER BY kind").query(String.class)
                .list()).containsExactly("FINE 180000.00", "RECOVERY 120000.00");
    }

    @Test
    void theTwoTracksNeverMixOnOneFinding() {
        cases.act(AUDITOR, id(0), CaseCommand.of(CaseAction.PUSH, ""));
        cases.act(H1, id(0), CaseCommand.of(CaseAction.ACCEPT, ""));
        cases.act(REVIEWER, id(0), CaseCommand.agreement(Optional.empty(), Optional.empty(),
                Set.of(MeasureKind.RECTIFICATION), Optional.of(5), "限期整改"));
        assertThat(state(0)).isEqualTo("RECTIFYING");
        clock.advance(Duration.ofDays(14));
        assertThat(cases.expireDeadlines()).isEqualTo(1);
        assertThat(state(0)).isEqualTo("CONFIRMED");
        assertThatThrownBy(() -> cases.act(REVIEWER, id(0), CaseCommand.penalty(CaseAction.NOTIFY_PENALTY,
                Optional.empty(), BigDecimal.ONE, false, ""))).hasMessageContaining("tracks do not mix");
        cases.act(REVIEWER, id(0), CaseCommand.refer(Referral.PUBLIC_SECURITY, "涉嫌欺诈骗保"));
        assertThat(db.jdbc().sql("SELECT referral FROM measure WHERE kind = 'REFERRAL'").query(String.class).single())
                .isEqualTo("PUBLIC_SECURITY");
    }

    @Test
    void suspensionNeedsADirectorWhoDidNotDecideIt() {
        cases.act(AUDITOR, id(2), CaseCommand.of(CaseAction.PUSH, ""));
        cases.act(Actor.institution("h2clerk", "H2"), id(2), CaseCommand.of(CaseAction.ACCEPT, ""));
        cases.act(DIRECTOR, id(2), CaseCommand.agreement(Optional.empty(), Optional.empty(),
                Set.of(MeasureKind.SUSPEND_SERVICE), Optional.empty(), "暂停医保服务三个月"));
        assertThat(state(2)).isEqualTo("AWAITING_APPROVAL");
        assertThatThrownBy(() -> cases.act(DIRECTOR, id(2), CaseCommand.of(CaseAction.APPROVE, "")))
                .hasMessageContaining("may not also approve");
        Actor other = Actor.of("director2", Role.DIRECTOR);
        cases.act(other, id(2), CaseCommand.of(CaseAction.RETURN, "证据不足"));
        assertThat(state(2)).isEqualTo("CONFIRMED");
        assertThat(db.jdbc().sql("SELECT count(*) FROM ledger_entry").query(Integer.class).single()).isZero();
    }

    @Test
    void evidenceMustBeWhatItSaysItIs() {
        assertThatThrownBy(() -> new Evidence("x.pdf", "application/pdf", "MZ\u0090\u0000".getBytes()))
                .hasMessageContaining("is not a application/pdf file");
        assertThatThrownBy(() -> new Evidence("x.exe", "application/x-msdownload", new byte[] {1}))
                .hasMessageContaining("is not accepted");
        assertThatThrownBy(() -> new Evidence("big.pdf", "application/pdf", new byte[Evidence.MAX_BYTES + 1]))
                .hasMessageContaining("at most");
        assertThat(new Evidence("../../etc/passwd.pdf", "application/pdf", PDF).fileName()).doesNotContain("/");
    }

    @Test
    void settingsChangeOnlyByAdministratorOrDirectorAndAreAudited() {
        assertThatThrownBy(() -> cases.changeSetting(AUDITOR, "appeal_working_days", "5"))
                .isInstanceOf(WorkflowException.class);
        assertThatThrownBy(() -> cases.changeSetting(Actor.of("admin", Role.ADMIN), "appeal_working_days", "0"))
                .hasMessageContaining("1-60");
        cases.changeSetting(Actor.of("admin", Role.ADMIN), "appeal_working_days", "5");
        assertThat(cases.settings().appealWorkingDays()).isEqualTo(5);
        cases.act(AUDITOR, id(0), CaseCommand.of(CaseAction.PUSH, ""));
        assertThat(db.jdbc().sql("SELECT due_date::text FROM finding WHERE jr_id = ?").param(id(0)).query(String.class)
                .single()).isEqualTo("2026-01-09");
    }
}
