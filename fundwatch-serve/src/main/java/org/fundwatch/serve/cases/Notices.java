package org.fundwatch.serve.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fundwatch.workflow.cases.Cases;

/**
 * The printable notices of a finding (DOMAIN.md §4): the audit notice once it is pushed to the institution
 * (稽核通知书), the deduction notice once money is refused or recovered under the agreement (扣款通知书), the prior
 * notice of an administrative penalty with the rights of statement, defence and hearing (行政处罚告知书).
 */
final class Notices {
    enum Kind {
        AUDIT("稽核通知书", "稽核"), DEDUCTION("扣款通知书", "扣款"), PENALTY("行政处罚告知书", "罚告");

        final String title;
        final String prefix;

        Kind(String title, String prefix) {
            this.title = title;
            this.prefix = prefix;
        }

        public String slug() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String title() {
            return title;
        }
    }

    private Notices() {
    }

    static List<Kind> available(FindingCase.Finding f, List<FindingCase.Measure> measures) {
        List<Kind> kinds = new ArrayList<>();
        if (f.pushed()) {
            kinds.add(Kind.AUDIT);
        }
        if (effective(measures, "REFUSE_PAYMENT").isPresent()) {
            kinds.add(Kind.DEDUCTION);
        }
        if (penalty(measures).isPresent()) {
            kinds.add(Kind.PENALTY);
        }
        return kinds;
    }

    static Optional<Kind> kind(String slug) {
        for (Kind k : Kind.values()) {
            if (k.slug().equals(slug)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static NoticePdf of(Kind kind, FindingCase.Finding f, List<FindingCase.Measure> measures, Cases.Settings settings,
                        LocalDate today) {
        String number = settings.bureauName() + kind.prefix + "〔" + today.getYear() + "〕"
                + f.jrId().substring(0, 8).toUpperCase(Locale.ROOT) + "号";
        String institution = (f.institutionName() == null ? "" : f.institutionName()) + "（" + f.institution() + "）";
        String amount = f.volaAmt() == null ? "（不计算金额）" : f.volaAmt().toPlainString() + "元";
        List<String> p = new ArrayList<>();
        switch (kind) {
            case AUDIT -> {
                p.add("经医保基金智能监管系统审核，你单位" + f.period() + "结算的医保费用存在以下疑点（疑点编号" + f.jrId()
                        + "，规则" + f.ruleId() + "「" + f.ruleName() + "」）：" + f.volaCont());
                p.add("依据：" + nz(f.volaEvid()) + "。涉及金额" + amount + "。");
                p.add("请你单位核实，如有异议，于" + due(f) + "前通过医保基金智能监管平台提交申诉理由及病程记录、病理、手术"
                        + "记录等证明材料；逾期未申诉的，视为认可上述疑点。");
            }
            case DEDUCTION -> {
                BigDecimal refused = effective(measures, "REFUSE_PAYMENT").map(FindingCase.Measure::amount)
                        .orElse(BigDecimal.ZERO);
                Optional<BigDecimal> damages = effective(measures, "LIQUIDATED_DAMAGES")
                        .map(FindingCase.Measure::amount);
                p.add("经初审、申诉及复审，你单位" + f.period() + "存在以下违规问题（疑点编号" + f.jrId() + "）："
                        + f.volaCont());
                p.add("根据医疗保障定点医药机构服务协议，决定拒付（追回）医保基金" + refused.toPlainString() + "元"
                        + damages.map(d -> "，并按协议约定支付违约金" + d.toPlainString() + "元").orElse("")
                        + "，在你单位下一结算期应拨付的医保基金中扣减。");
                p.add("你单位应于收到本通知之日起按协议要求完成整改。对本处理决定有异议的，可依照服务协议约定申请协商或"
                        + "依法申请行政复议、提起诉讼。");
            }
            case PENALTY -> {
                FindingCase.Measure m = penalty(measures).orElseThrow();
                p.add("经调查核实，你单位" + f.period() + "存在以下违法行为（疑点编号" + f.jrId() + "）：" + f.volaCont());
                p.add("上述行为违反了《医疗保障基金使用监督管理条例》的规定。依据该条例" + (Boolean.TRUE.equals(m.fraud())
                        ? "第四十条" : "第三十八条") + "，本局拟作出如下行政处罚：责令退回医保基金" + m.amount().toPlainString()
                        + "元，并处退回金额" + m.fineMultiple().stripTrailingZeros().toPlainString() + "倍的罚款，计"
                        + m.fine().toPlainString() + "元。");
                p.add("根据《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条的规定，你单位享有陈述、"
                        + "申辩的权利，并有权要求举行听证。请于" + due(f) + "前通过医保基金智能监管平台提出陈述、申辩意见或"
                        + "听证申请；逾期未提出的，视为放弃上述权利。");
            }
        }
        return new NoticePdf(kind.title, number, institution, p, settings.bureauName(), today);
    }

    private static String due(FindingCase.Finding f) {
        LocalDate d = f.dueDate();
        return d == null ? "规定期限" : d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static Optional<FindingCase.Measure> effective(List<FindingCase.Measure> measures, String kind) {
        return measures.stream().filter(m -> m.kind().equals(kind) && m.status().equals("EFFECTIVE")).findFirst();
    }

    /** The penalty as notified, or as decided once decided. */
    private static Optional<FindingCase.Measure> penalty(List<FindingCase.Measure> measures) {
        return measures.stream().filter(m -> m.kind().equals("PENALTY")).reduce((a, b) -> b);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
