package org.fundwatch.kb;

/**
 * The kinds of item knowledge point ({@code kb_item_limit.lmt_type}); the format of each value is in FORMAT.md,
 * "Knowledge point values". The name is the code written to the file.
 */
public enum LimitType {
    /** 限性别: {@code 1} male, {@code 2} female. */
    GENDER,
    /** 最小年龄: youngest age in whole years, inclusive. */
    AGE_MIN,
    /** 最大年龄: oldest age in whole years, inclusive. */
    AGE_MAX,
    /** 限就医方式: {@code INPATIENT} or {@code OUTPATIENT} (pharmacy purchases count as outpatient). */
    SETTING,
    /** 最低医疗机构级别: {@code 1}, {@code 2} or {@code 3}. */
    MEDINS_LV_MIN,
    /** 限适应症: ICD-10 prefixes without dots, joined by {@code |}. */
    INDICATION,
    /** 限险种: {@code WORK_INJURY} or {@code MATERNITY}. */
    INSUTYPE_ONLY,
    /** 每次就诊最大数量, in the item's billing unit. */
    MAX_CNT_PER_VISIT,
    /** 每日最大数量, in the item's billing unit. */
    MAX_CNT_PER_DAY,
    /** 每自然年最多计费天数 per patient. */
    MAX_COURSE_DAYS,
    /** 每日用量: units a day, for days of supply. */
    DAILY_DOSE,
    /** 中药饮片单方不予支付: {@code 1}. */
    HERBAL_SINGLE_NOT_PAYABLE,
    /** 常规项目 (bed, nursing, routine): {@code 1}. */
    ROUTINE,
    /** 按床日计费: {@code 1}. */
    BED_DAY
}
