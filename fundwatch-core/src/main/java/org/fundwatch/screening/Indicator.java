package org.fundwatch.screening;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A monitored indicator (协议考核指标, DOMAIN.md §3.4): numerator / denominator over the settled visits of one unit
 * (institution, department or physician) and month, and the count behind it ({@code n}: the visits, or the stays for
 * the inpatient indicators) that must reach a minimum before the value is compared with peers. The expressions
 * aggregate the per-visit relation {@code b} of {@link IndicatorTable#base}. Cost per visit is split by setting, as
 * in the agreement assessment (门诊次均费用, 住院次均费用): a few stays would otherwise swamp the outpatient cost of a
 * small hospital. Adding an indicator is one line here.
 */
public enum Indicator {
    VISITS("就诊人次", "visits", "count(*)", "1", "count(*)", 0, false),
    PATIENTS("就诊人数", "patients", "count(DISTINCT psn_no)", "1", "count(*)", 0, false),
    AVG_COST("次均费用", "cost per visit", "sum(fee)", "count(*)", "count(*)", 2, false),
    AVG_COST_OUTPATIENT("门诊次均费用", "outpatient cost per visit", "sum(fee) FILTER (WHERE NOT inpatient)",
            "count(*) FILTER (WHERE NOT inpatient)", "count(*) FILTER (WHERE NOT inpatient)", 2, true),
    AVG_COST_INPATIENT("住院次均费用", "cost per stay", "sum(fee) FILTER (WHERE inpatient)",
            "count(*) FILTER (WHERE inpatient)", "count(*) FILTER (WHERE inpatient)", 2, true),
    AVG_DRUG_COST("次均药品费", "drug cost per visit", "sum(drug)", "count(*)", "count(*)", 2, false),
    AVG_CONSUMABLE_COST("次均耗材费", "consumable cost per visit", "sum(consumable)", "count(*)", "count(*)", 2, false),
    AVG_EXAM_COST("次均检查检验费", "examination cost per visit", "sum(exam)", "count(*)", "count(*)", 2, false),
    DRUG_SHARE("药占比", "drug share", "sum(drug)", "sum(fee)", "count(*)", 4, true),
    CONSUMABLE_SHARE("耗占比", "consumable share", "sum(consumable)", "sum(fee)", "count(*)", 4, false),
    VISITS_PER_PATIENT("人次人头比", "visits per patient", "count(*)", "count(DISTINCT psn_no)", "count(*)", 3, true),
    ADMISSION_RATE("住院率", "admission rate", "count(*) FILTER (WHERE inpatient)", "count(*)", "count(*)", 4, true),
    AVG_LOS("平均住院日", "average length of stay", "sum(los) FILTER (WHERE inpatient)",
            "count(*) FILTER (WHERE inpatient)", "count(*) FILTER (WHERE inpatient)", 2, true),
    READMISSION_RATE("再入院率", "readmission rate", "sum(readmitted) FILTER (WHERE inpatient)",
            "count(*) FILTER (WHERE inpatient)", "count(*) FILTER (WHERE inpatient)", 4, false),
    REFERRAL_RATE("转诊率", "referral rate", "count(*) FILTER (WHERE med_type = '24')",
            "count(*) FILTER (WHERE inpatient)", "count(*) FILTER (WHERE inpatient)", 4, false),
    CASH_SHARE("自付比例", "patient cash share", "sum(cash)", "sum(medfee)", "count(*)", 4, false),
    ANTIBIOTIC_SHARE("抗菌药物占比", "antibiotic share of drug cost", "sum(antibiotic)", "sum(drug)", "count(*)", 4,
            false),
    SURGERY_RATE("手术率", "surgery rate", "sum(surgery) FILTER (WHERE inpatient)",
            "count(*) FILTER (WHERE inpatient)", "count(*) FILTER (WHERE inpatient)", 4, false);

    private final String zh;
    private final String en;
    final String numerator;
    final String denominator;
    final String visits;
    private final int scale;
    private final boolean peerOutlierDefault;

    Indicator(String zh, String en, String numerator, String denominator, String visits, int scale,
              boolean peerOutlierDefault) {
        this.zh = zh;
        this.en = en;
        this.numerator = numerator;
        this.denominator = denominator;
        this.visits = visits;
        this.scale = scale;
        this.peerOutlierDefault = peerOutlierDefault;
    }

    /** The name reviewers read, e.g. 药占比. */
    public String zh() {
        return zh;
    }

    /** The English name, e.g. drug share. */
    public String en() {
        return en;
    }

    /** Decimals worth showing: 0 for counts, 2 for money and days, 3–4 for ratios and shares. */
    public int scale() {
        return scale;
    }

    /** Whether a share or rate (a fraction of 1, shown as a percentage) rather than an amount or a count. */
    public boolean isShare() {
        return scale == 4;
    }

    /** The indicators PEER_OUTLIER tests when its rule names none (the six of the original agreement set). */
    static Set<Indicator> peerOutlierDefaults() {
        EnumSet<Indicator> out = EnumSet.noneOf(Indicator.class);
        Arrays.stream(values()).filter(i -> i.peerOutlierDefault).forEach(out::add);
        return out;
    }

    public static Optional<Indicator> byName(String name) {
        return Arrays.stream(values()).filter(i -> i.name().equals(name)).findFirst();
    }
}
