package org.fundwatch.workflow.users;

/** Who may do what in the workflow. {@code SYSTEM} is the clock: it expires deadlines and logs in as nobody. */
public enum Role {
    /** 初审: dismisses findings or confirms and pushes them to the institution. */
    AUDITOR("初审员", "Auditor"),
    /** 复审: investigates appeals, decides the second review and the handling. */
    REVIEWER("复审员", "Reviewer"),
    /** 负责人: approves penalties above the threshold and agreement suspension or termination. */
    DIRECTOR("负责人", "Director"),
    /** 定点机构: sees and answers only the findings pushed to its own institution. */
    INSTITUTION("定点机构", "Institution"),
    /** 管理员: users and rules; no findings. */
    ADMIN("管理员", "Administrator"),
    /** 系统: deadlines that expire. */
    SYSTEM("系统", "System");

    private final String zh;
    private final String en;

    Role(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** Whether this role may see a person's name and ID number unmasked (the supervisors who decide on them). */
    public boolean seesPersonalData() {
        return this == REVIEWER || this == DIRECTOR;
    }
}
