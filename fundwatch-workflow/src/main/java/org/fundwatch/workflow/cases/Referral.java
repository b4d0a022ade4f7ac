package org.fundwatch.workflow.cases;

/** Where a case may be referred (移送). */
public enum Referral {
    HEALTH_COMMISSION("卫生健康委员会", "Health commission"),
    MARKET_REGULATION("市场监督管理局", "Market regulation"),
    PUBLIC_SECURITY("公安机关", "Public security"),
    DISCIPLINE_INSPECTION("纪委监委", "Discipline inspection and supervision");

    private final String zh;
    private final String en;

    Referral(String zh, String en) {
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
