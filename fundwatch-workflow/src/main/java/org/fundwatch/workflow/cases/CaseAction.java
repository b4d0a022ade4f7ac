package org.fundwatch.workflow.cases;

import static org.fundwatch.workflow.cases.CaseState.*;

import java.util.EnumSet;
import java.util.Set;
import org.fundwatch.workflow.users.Role;

/**
 * What a person (or the clock) does to a finding: the states it applies to and the roles that may do it. This
 * table is the state machine; {@link Cases} carries it out and logs every step.
 */
public enum CaseAction {
    ASSIGN("分派", "Assign", states(NEW, PUSHED, APPEALED, INVESTIGATING, CONFIRMED, PENALTY_NOTIFIED, HEARING,
            DEFENCE_CLOSED, RECTIFYING), roles(Role.AUDITOR, Role.REVIEWER, Role.DIRECTOR)),
    DISMISS("初审排除", "Dismiss at first review", states(NEW), roles(Role.AUDITOR)),
    PUSH("初审确认并推送机构", "Confirm and push to the institution", states(NEW), roles(Role.AUDITOR)),
    ACCEPT("认可", "Accept", states(PUSHED), roles(Role.INSTITUTION)),
    APPEAL("申诉", "Appeal", states(PUSHED), roles(Role.INSTITUTION)),
    EXPIRE_APPEAL("申诉期满未申诉", "Appeal period expired", states(PUSHED), roles(Role.SYSTEM)),
    INVESTIGATE("调查核实", "Investigate", states(APPEALED), roles(Role.REVIEWER, Role.DIRECTOR)),
    UPHOLD("复审维持", "Uphold at second review", states(APPEALED, INVESTIGATING), roles(Role.REVIEWER, Role.DIRECTOR)),
    OVERTURN("复审撤销", "Overturn at second review", states(APPEALED, INVESTIGATING),
            roles(Role.REVIEWER, Role.DIRECTOR)),
    DECIDE_AGREEMENT("协议处理决定", "Decide agreement handling", states(CONFIRMED), roles(Role.REVIEWER, Role.DIRECTOR)),
    NOTIFY_PENALTY("行政处罚事先告知", "Notify the intended penalty", states(CONFIRMED), roles(Role.REVIEWER, Role.DIRECTOR)),
    STATE_DEFENCE("陈述申辩", "Statement and defence", states(PENALTY_NOTIFIED), roles(Role.INSTITUTION)),
    REQUEST_HEARING("申请听证", "Request a hearing", states(PENALTY_NOTIFIED), roles(Role.INSTITUTION)),
    WAIVE_DEFENCE("放弃陈述申辩", "Waive statement and hearing", states(PENALTY_NOTIFIED), roles(Role.INSTITUTION)),
    EXPIRE_STATEMENT("陈述申辩期满", "Statement period expired", states(PENALTY_NOTIFIED), roles(Role.SYSTEM)),
    HOLD_HEARING("听证结束", "Hearing held", states(HEARING), roles(Role.REVIEWER, Role.DIRECTOR)),
    DECIDE_PENALTY("行政处罚决定", "Decide the penalty", states(DEFENCE_CLOSED), roles(Role.REVIEWER, Role.DIRECTOR)),
    APPROVE("负责人审批同意", "Approve", states(AWAITING_APPROVAL), roles(Role.DIRECTOR)),
    RETURN("负责人审批退回", "Return without approval", states(AWAITING_APPROVAL), roles(Role.DIRECTOR)),
    CONFIRM_RECTIFIED("整改到位", "Rectification confirmed", states(RECTIFYING), roles(Role.REVIEWER, Role.DIRECTOR)),
    EXPIRE_RECTIFICATION("整改期满未到位", "Rectification deadline passed", states(RECTIFYING), roles(Role.SYSTEM)),
    CRITICISE("通报批评", "Public criticism", states(CONFIRMED, RECTIFYING, CLOSED), roles(Role.REVIEWER, Role.DIRECTOR)),
    REFER("移送", "Refer", states(CONFIRMED, RECTIFYING, DEFENCE_CLOSED, CLOSED), roles(Role.REVIEWER, Role.DIRECTOR));

    private final String zh;
    private final String en;
    private final Set<CaseState> from;
    private final Set<Role> roles;

    CaseAction(String zh, String en, Set<CaseState> from, Set<Role> roles) {
        this.zh = zh;
        this.en = en;
        this.from = from;
        this.roles = roles;
    }

    private static Set<CaseState> states(CaseState first, CaseState... rest) {
        return EnumSet.of(first, rest);
    }

    private static Set<Role> roles(Role first, Role... rest) {
        return EnumSet.of(first, rest);
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public boolean appliesTo(CaseState state) {
        return from.contains(state);
    }

    public boolean allowedFor(Role role) {
        return roles.contains(role);
    }

    /** The actions {@code role} may take on a finding in {@code state}, in declaration order. */
    public static Set<CaseAction> available(CaseState state, Role role) {
        Set<CaseAction> set = EnumSet.noneOf(CaseAction.class);
        for (CaseAction a : values()) {
            if (a.appliesTo(state) && a.allowedFor(role)) {
                set.add(a);
            }
        }
        return set;
    }
}
