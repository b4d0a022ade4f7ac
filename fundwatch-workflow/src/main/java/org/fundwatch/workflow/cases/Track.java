package org.fundwatch.workflow.cases;

/** The two legal tracks of violation handling, which never mix on one finding. */
public enum Track {
    /** 协议处理: the agency under the service agreement. */
    AGREEMENT("协议处理", "Agreement handling"),
    /** 行政处罚: the bureau under the 2021 Regulation, with notice, defence and hearing before the decision. */
    PENALTY("行政处罚", "Administrative penalty");

    private final String zh;
    private final String en;

    Track(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
