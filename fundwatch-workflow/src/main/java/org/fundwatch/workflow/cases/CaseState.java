package org.fundwatch.workflow.cases;

/** Where a finding stands in the doubt-handling workflow (疑点处理, DOMAIN.md §4). */
public enum CaseState {
    NEW("新疑点", "New", false),
    DISMISSED("初审排除", "Dismissed at first review", true),
    PUSHED("待机构申诉", "Pushed, awaiting appeal", false),
    APPEALED("已申诉", "Appealed", false),
    INVESTIGATING("调查核实", "Under investigation", false),
    CONFIRMED("违规确认待处理", "Confirmed, awaiting handling", false),
    OVERTURNED("复审撤销", "Overturned at second review", true),
    AWAITING_APPROVAL("待负责人审批", "Awaiting the director's approval", false),
    RECTIFYING("限期整改", "Rectification under way", false),
    PENALTY_NOTIFIED("已告知待陈述申辩", "Penalty notified, statement and defence open", false),
    HEARING("听证", "Hearing", false),
    DEFENCE_CLOSED("待处罚决定", "Awaiting the penalty decision", false),
    CLOSED("已处理", "Handled", true);

    private final String zh;
    private final String en;
    private final boolean terminal;

    CaseState(String zh, String en, boolean terminal) {
        this.zh = zh;
        this.en = en;
        this.terminal = terminal;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** No further transition changes the state (measures such as referral may still be added to CLOSED). */
    public boolean terminal() {
        return terminal;
    }
}
