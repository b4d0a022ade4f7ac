package org.fundwatch.workflow.cases;

/** A measure decided on a finding. */
public enum MeasureKind {
    INTERVIEW("约谈", "Interview", Track.AGREEMENT),
    RECTIFICATION("限期整改", "Rectification within a deadline", Track.AGREEMENT),
    REFUSE_PAYMENT("拒付/追回", "Refusal to pay or recovery", Track.AGREEMENT),
    LIQUIDATED_DAMAGES("违约金", "Liquidated damages", Track.AGREEMENT),
    SUSPEND_PAYMENT("暂停拨付", "Suspended payment", Track.AGREEMENT),
    SUSPEND_SERVICE("暂停医保服务", "Suspension of insurance services", Track.AGREEMENT),
    TERMINATE_AGREEMENT("解除协议", "Termination of the agreement", Track.AGREEMENT),
    PENALTY("行政处罚（追回+罚款）", "Administrative penalty (recovery and fine)", Track.PENALTY),
    PUBLIC_CRITICISM("通报批评", "Public criticism", null),
    REFERRAL("移送", "Referral", null);

    private final String zh;
    private final String en;
    private final Track track;

    MeasureKind(String zh, String en, Track track) {
        this.zh = zh;
        this.en = en;
        this.track = track;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** The track the measure belongs to; null for the measures open to both (criticism, referral). */
    public Track track() {
        return track;
    }

    /** Agreement measures that only a director may let take effect. */
    public boolean needsDirector() {
        return this == SUSPEND_SERVICE || this == TERMINATE_AGREEMENT;
    }
}
