package org.fundwatch.rules;

/** When a rule is applied (DOMAIN.md §4): 事前 advice at ordering, 事中 review in settlement, 事后 batch review. */
public enum Moment {
    /** 事前提醒: advice to the doctor when ordering (national API 3101). */
    PRE("事前"),
    /** 事中审核: review during settlement (national API 3102). */
    DURING("事中"),
    /** 事后审核: 100% review of settled claims (batch screening). */
    POST("事后");

    private final String chineseName;

    Moment(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
