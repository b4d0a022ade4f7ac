package org.fundwatch.rules;

/** 违规行为类型: the stable public vocabulary of DOMAIN.md §3; rules are many, types are few. */
public enum ViolationType {
    OVER_PRICE_CAP("超标准收费/超支付价格"),
    GENDER_LIMIT("限性别"),
    AGE_LIMIT("限年龄/儿童专用"),
    SETTING_LIMIT("限就医方式"),
    MEDINS_LEVEL_LIMIT("限医疗机构级别"),
    INDICATION_LIMIT("限适应症"),
    INSUTYPE_LIMIT("限险种"),
    NOT_COVERED("超目录范围"),
    QUANTITY_LIMIT("超用量"),
    COURSE_LIMIT("超疗程"),
    HERBAL_SINGLE("中药饮片单方不予支付"),
    DUPLICATE_CHARGE("重复收费"),
    UNBUNDLING("分解收费/分解项目"),
    FREQUENCY_LIMIT("超频次"),
    MISSING_ASSOCIATION("关联缺失"),
    SECOND_LINE("限二线用药"),
    DRUG_INTERACTION("配伍禁忌"),
    SPLIT_PRESCRIPTION("分解处方"),
    SPLIT_ADMISSION("分解住院"),
    OVERLAPPING_ADMISSION("重复住院"),
    CLAIM_DURING_ADMISSION("住院期间门诊/购药"),
    CLAIM_AFTER_DEATH("死亡人员就医"),
    CLAIM_IN_CUSTODY("羁押服刑期间就医"),
    GHOST_BED("挂床住院"),
    HIGH_FREQUENCY("高频就诊"),
    DRUG_HOARDING("超量开药/囤药倒卖"),
    IMPOSSIBLE_TRAVEL("异地冒用"),
    OFF_HOURS_SETTLEMENT("非营业时间刷卡/开闭店集中刷卡"),
    CARD_COLLECTION("聚敛盗刷社保卡"),
    STOCK_MISMATCH("进销存不符/串换"),
    TRACE_CODE_REUSE("追溯码重复"),
    PEER_OUTLIER("指标异常"),
    INDUCED_ADMISSION("诱导住院"),
    GROUP_VISITS("聚集性就诊/团伙欺诈"),
    DUPLICATE_ENROLLMENT("重复参保");

    private final String chineseName;

    ViolationType(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /**
     * Whether findings of this type come from a statistical model (大数据模型: the institution behaviour of DOMAIN.md
     * §3.4 and the co-visit groups of §3.5) rather than from a rule a knowledge point decides; the two can be switched
     * off apart ({@code screen --no-models}, {@code --no-rules}).
     */
    public boolean model() {
        return switch (this) {
            case OFF_HOURS_SETTLEMENT, CARD_COLLECTION, STOCK_MISMATCH, TRACE_CODE_REUSE, PEER_OUTLIER,
                 INDUCED_ADMISSION, GROUP_VISITS -> true;
            default -> false;
        };
    }
}
