package org.fundwatch.screening;

import java.util.List;
import java.util.Set;
import org.fundwatch.rules.Grain;
import org.fundwatch.rules.Rule;

/** What most templates share: the rule, the line pass, a day period, and evidence from the knowledge point. */
abstract class BaseTemplate implements Template {
    protected final Rule rule;

    BaseTemplate(Rule rule) {
        this.rule = rule;
    }

    @Override
    public Grain grain() {
        return Grain.LINE;
    }

    @Override
    public PeriodUnit periodUnit() {
        return PeriodUnit.DAY;
    }

    @Override
    public Set<Pass> passes() {
        return Set.of(Pass.LINE);
    }

    @Override
    public List<DataNeed> needs() {
        return List.of();
    }

    /** 依据: the knowledge point with its id and basis when the hit rests on one, else the rule's basis. */
    String evidence(RawRow r) {
        String kp = r.text("kp_id");
        String basis = r.text("basis");
        if (!kp.isEmpty()) {
            return "知识点" + kp + (basis.isEmpty() ? "" : "：" + basis);
        }
        return basis.isEmpty() ? rule.basis() : basis;
    }

    /** The item as 【name】 (code when the name is unknown). */
    static String item(RawRow r) {
        String name = r.text("hilist_name");
        return "【" + (name.isEmpty() ? r.text("hilist_code") : name) + "】";
    }

    /** The item for the English sentence: name and code. */
    static String itemEn(RawRow r) {
        String name = r.text("hilist_name");
        return name.isEmpty() ? r.text("hilist_code") : name + " (" + r.text("hilist_code") + ")";
    }

    static String settingZh(String setting) {
        return switch (setting) {
            case "INPATIENT" -> "住院";
            case "PHARMACY" -> "药店购药";
            default -> "门诊";
        };
    }

    static String settingEn(String setting) {
        return switch (setting) {
            case "INPATIENT" -> "an inpatient stay";
            case "PHARMACY" -> "a pharmacy purchase";
            default -> "an outpatient visit";
        };
    }
}
