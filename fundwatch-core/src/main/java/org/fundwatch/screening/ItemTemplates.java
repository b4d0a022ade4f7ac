package org.fundwatch.screening;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.fundwatch.rules.Params;
import org.fundwatch.rules.Rule;

/** 项目类 templates over single fee lines (DOMAIN.md §3.1): price cap, catalog coverage, item restrictions. */
final class ItemTemplates {

    private ItemTemplates() {
    }

    /** 超标准收费: unit price above the catalog cap valid on the fee date; amount (pric − cap) × cnt. */
    static final class PriceCap extends BaseTemplate implements InstantTemplate {
        record Config(Set<String> listTypes) {
            static Config from(Params p) {
                return new Config(p.codes("list_types"));
            }
        }

        private final Config config;

        PriceCap(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.query("med_list", "SELECT count(*) FROM fw_catalog WHERE cap IS NOT NULL",
                    "no catalog entry has a price cap (hilist_pric_uplmt_amt)", Knowledge::hasPriceCaps));
        }

        @Override
        public String query(CompileContext ctx) {
            String amount = "(l.pric - l.cap) * l.cnt";
            return "SELECT " + RawSelect.line("l").set("vola_amt", amount).set("line_amt", amount)
                    .set("v1", "l.pric").set("v2", "l.cap").set("v3", "l.cnt").set("v4", "l.cap_from").list(ctx.dialect())
                    + "\nFROM fw_p_line l\nWHERE l.cap IS NOT NULL AND l.pric > l.cap AND " + ctx.inWindow("l.setl_date")
                    + (config.listTypes().isEmpty() ? "" : " AND l.list_type IN " + CompileContext.inList(config.listTypes()));
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            for (LineView l : ctx.visit().lines()) {
                Optional<BigDecimal> cap = l.cap();
                if (cap.isPresent() && l.pric().compareTo(cap.get()) > 0 && l.listTypeIn(config.listTypes())) {
                    BigDecimal amount = l.pric().subtract(cap.get()).multiply(l.cnt());
                    out.add(InstantRow.line(l).set("vola_amt", amount).set("line_amt", amount).set("v1", l.pric())
                            .set("v2", cap.get()).set("v3", l.cnt()).set("v4", l.catalog().begndate()));
                }
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation(
                    "项目" + item(r) + "单价" + r.number("v1") + "元，超过" + r.text("v4") + "起执行的医保支付价格上限"
                            + r.number("v2") + "元，数量" + r.number("v3") + "，超出金额" + r.number("vola_amt") + "元",
                    "Item " + itemEn(r) + " billed at " + r.number("v1") + " yuan a unit, above the price cap of "
                            + r.number("v2") + " yuan valid since " + r.text("v4") + "; " + r.number("v3")
                            + " units, " + r.number("vola_amt") + " yuan above the cap",
                    "医保目录支付价格上限（" + r.text("hilist_code") + "，" + r.text("v4") + "起）" + r.number("v2") + "元"
                            + (rule.basis().isEmpty() ? "" : "；" + rule.basis()));
        }
    }

    /** 超目录范围: not in the catalog on the fee date, or a 丙类 item the fund paid part of. */
    static final class CatalogCoverage extends BaseTemplate implements InstantTemplate {
        enum Check { NOT_IN_CATALOG, SELF_PAY_ITEM }

        record Config(Check check) {
            static Config from(Params p) {
                return new Config(p.choice("check", Check.class, Check.NOT_IN_CATALOG));
            }
        }

        private final Config config;

        CatalogCoverage(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.query("med_list", "SELECT count(*) FROM fw_catalog", "the catalog med_list is empty",
                    Knowledge::hasCatalog));
        }

        @Override
        public String query(CompileContext ctx) {
            if (config.check() == Check.NOT_IN_CATALOG) {
                return "SELECT " + RawSelect.line("l").set("v1", "l.fee_date").list(ctx.dialect())
                        + "\nFROM fw_p_line l\nWHERE NOT l.in_catalog AND " + ctx.inWindow("l.setl_date");
            }
            String amount = "l.amt - l.ownpay";
            return "SELECT " + RawSelect.line("l").set("vola_amt", amount).set("line_amt", amount)
                    .set("v1", "l.amt").set("v2", "l.ownpay").list(ctx.dialect())
                    + "\nFROM fw_p_line l\nWHERE l.chrgitm_lv = '03' AND l.ownpay < l.amt AND " + ctx.inWindow("l.setl_date");
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            for (LineView l : ctx.visit().lines()) {
                if (config.check() == Check.NOT_IN_CATALOG) {
                    if (!l.inCatalog()) {
                        out.add(InstantRow.line(l).set("v1", l.feeDate()));
                    }
                    continue;
                }
                Optional<BigDecimal> ownpay = l.line().ownpay();
                if (l.inCatalog() && l.catalog().chrgitmLv().filter("03"::equals).isPresent() && ownpay.isPresent()
                        && ownpay.get().compareTo(l.line().amt()) < 0) {
                    BigDecimal amount = l.line().amt().subtract(ownpay.get());
                    out.add(InstantRow.line(l).set("vola_amt", amount).set("line_amt", amount)
                            .set("v1", l.line().amt()).set("v2", ownpay.get()));
                }
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            if (config.check() == Check.NOT_IN_CATALOG) {
                return new Explanation("项目" + item(r) + "（" + r.text("hilist_code") + "）在费用发生日" + r.text("v1")
                        + "不在有效的医保目录内，不应由医保基金支付",
                        "Item " + itemEn(r) + " is not in the catalog valid on "
                                + r.text("v1") + " and may not be paid by the fund", evidence(r).isEmpty()
                                ? "医保目录（med_list）有效期" : evidence(r));
            }
            return new Explanation("丙类项目" + item(r) + "应全额自费，金额" + r.number("v1") + "元，全自费仅"
                    + r.number("v2") + "元",
                    "Item " + itemEn(r) + " is class C (丙类, not covered) and must be fully self-paid: "
                            + r.number("v1") + " yuan billed, only " + r.number("v2") + " yuan self-paid",
                    evidence(r).isEmpty() ? "医保目录：丙类项目基金不予支付" : evidence(r));
        }
    }

    /**
     * 限性别/限年龄/限就医方式/限医疗机构级别/限适应症/限险种: a line whose item carries a {@code kb_item_limit}
     * knowledge point of the configured type, valid on the fee date, that the visit breaks.
     */
    static final class ItemLimit extends BaseTemplate implements InstantTemplate {
        enum LimitType { GENDER, AGE_MIN, AGE_MAX, SETTING, MEDINS_LV_MIN, INDICATION, INSUTYPE_ONLY }

        /**
         * @param limitValue     only knowledge points with this value (e.g. SETTING=INPATIENT), empty = all
         * @param basicInsutypes for INSUTYPE_ONLY: the insurance types that are basic medical insurance
         */
        record Config(LimitType limitType, Set<String> limitValue, Set<String> listTypes, Set<String> basicInsutypes) {
            static Config from(Params p) {
                LimitType type = p.choice("lmt_type", LimitType.class, null);
                if (type == null) {
                    p.requiredText("lmt_type");
                }
                Set<String> basic = p.codes("basic_insutypes");
                return new Config(type, p.codes("lmt_value"), p.codes("list_types"),
                        basic.isEmpty() ? Set.of("310", "390") : basic);
            }
        }

        private final Config config;

        ItemLimit(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.limitType(config.limitType().name()));
        }

        @Override
        public String query(CompileContext ctx) {
            String age = CompileContext.ageOn("l.brdy", "l.fee_date");
            String violation = switch (config.limitType()) {
                case GENDER -> "l.gend IN ('1', '2') AND l.gend <> k.lmt_value";
                case AGE_MIN -> age + " < " + ctx.dialect().tryDecimal("k.lmt_value");
                case AGE_MAX -> age + " > " + ctx.dialect().tryDecimal("k.lmt_value");
                case SETTING -> "((k.lmt_value = 'INPATIENT' AND l.setting <> 'INPATIENT')"
                        + " OR (k.lmt_value = 'OUTPATIENT' AND l.setting = 'INPATIENT'))";
                case MEDINS_LV_MIN -> "coalesce(" + ctx.dialect().tryDecimal("l.medins_lv") + ", 0) < "
                        + ctx.dialect().tryDecimal("k.lmt_value");
                case INDICATION -> "NOT EXISTS (SELECT 1 FROM fw_diag g WHERE g.mdtrt_id = l.mdtrt_id AND "
                        + ctx.dialect().regexpMatches("g.diag", "'^(' || upper(replace(k.lmt_value, '.', '')) || ')'")
                        + ")";
                case INSUTYPE_ONLY -> "l.insutype IN " + CompileContext.inList(config.basicInsutypes());
            };
            String observed = switch (config.limitType()) {
                case GENDER -> "l.gend";
                case AGE_MIN, AGE_MAX -> age;
                case SETTING -> "l.setting";
                case MEDINS_LV_MIN -> "l.medins_lv";
                case INDICATION -> "l.maindiag_code";
                case INSUTYPE_ONLY -> "l.insutype";
            };
            return "SELECT " + RawSelect.line("l").set("kp_id", "k.kp_id").set("basis", "k.basis")
                    .set("v1", "k.lmt_value").set("v2", observed).set("v3", "l.med_type").list(ctx.dialect())
                    + "\nFROM fw_p_line l\nJOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = '"
                    + config.limitType() + "' AND l.fee_date BETWEEN k.begndate AND k.enddate"
                    + (config.limitValue().isEmpty() ? "" : " AND k.lmt_value IN " + CompileContext.inList(config.limitValue()))
                    + "\nWHERE " + ctx.inWindow("l.setl_date") + " AND " + violation
                    + (config.listTypes().isEmpty() ? "" : " AND l.list_type IN " + CompileContext.inList(config.listTypes()));
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            if (!ctx.visit().hasLimitType(config.limitType().name())) {
                return;
            }
            VisitView v = ctx.visit();
            VisitClaim c = v.claim();
            for (LineView l : v.linesWithLimit(config.limitType().name())) {
                if (!l.listTypeIn(config.listTypes())) {
                    continue;
                }
                for (Knowledge.LimitPoint k : l.limits(config.limitType().name())) {
                    if (!config.limitValue().isEmpty() && !config.limitValue().contains(k.lmtValue())) {
                        continue;
                    }
                    Integer age = c.person().brdy().map(b -> ageOn(b, l.feeDate())).orElse(null);
                    boolean broken = switch (config.limitType()) {
                        case GENDER -> c.person().gend().filter(g -> g.equals("1") || g.equals("2"))
                                .map(g -> !g.equals(k.lmtValue())).orElse(false);
                        case AGE_MIN -> age != null && decimal(k.lmtValue()).map(m -> new BigDecimal(age).compareTo(m) < 0).orElse(false);
                        case AGE_MAX -> age != null && decimal(k.lmtValue()).map(m -> new BigDecimal(age).compareTo(m) > 0).orElse(false);
                        case SETTING -> ("INPATIENT".equals(k.lmtValue()) && !"INPATIENT".equals(v.setting().name()))
                                || ("OUTPATIENT".equals(k.lmtValue()) && "INPATIENT".equals(v.setting().name()));
                        case MEDINS_LV_MIN -> decimal(k.lmtValue()).map(m -> c.institution().level()
                                .flatMap(ItemTemplates::decimal).orElse(BigDecimal.ZERO).compareTo(m) < 0).orElse(false);
                        case INDICATION -> v.diagnoses().stream().noneMatch(prefixes(k.lmtValue()).asPredicate());
                        case INSUTYPE_ONLY -> config.basicInsutypes().contains(c.insutype());
                    };
                    if (!broken) {
                        continue;
                    }
                    Object observed = switch (config.limitType()) {
                        case GENDER -> c.person().gend().orElse(null);
                        case AGE_MIN, AGE_MAX -> age;
                        case SETTING -> v.setting().name();
                        case MEDINS_LV_MIN -> c.institution().level().orElse(null);
                        case INDICATION -> c.maindiagCode().orElse(null);
                        case INSUTYPE_ONLY -> c.insutype();
                    };
                    out.add(InstantRow.line(l).set("kp_id", k.kpId()).set("basis", k.basis().orElse(null))
                            .set("v1", k.lmtValue()).set("v2", observed).set("v3", c.medType()));
                }
            }
        }

        private static final Map<String, Pattern> PREFIXES = new ConcurrentHashMap<>();

        /** The indication as the batch regex: {@code ^(A|B)} over the code without dots, upper case. */
        private static Pattern prefixes(String lmtValue) {
            return PREFIXES.computeIfAbsent(lmtValue, v -> Pattern.compile("^(" + VisitView.normalise(v) + ")"));
        }

        @Override
        public Explanation explain(RawRow r) {
            String item = item(r);
            String itemEn = itemEn(r);
            String limit = r.text("v1");
            String seen = r.text("v2");
            return switch (config.limitType()) {
                case GENDER -> new Explanation("项目" + item + "限" + gender(limit) + "性使用，患者性别为" + gender(seen),
                        "Item " + itemEn + " is limited to " + genderEn(limit) + " patients; the patient is " + genderEn(seen),
                        evidence(r));
                case AGE_MIN -> new Explanation("项目" + item + "限" + limit + "岁及以上患者使用，患者费用发生时" + seen + "岁",
                        "Item " + itemEn + " is limited to patients aged " + limit + " or more; the patient was " + seen,
                        evidence(r));
                case AGE_MAX -> new Explanation("项目" + item + "限" + limit + "岁及以下患者使用，患者费用发生时" + seen + "岁",
                        "Item " + itemEn + " is limited to patients aged " + limit + " or less; the patient was " + seen,
                        evidence(r));
                case SETTING -> new Explanation("项目" + item + "限" + settingZh(limit) + "使用，本次为" + settingZh(seen)
                        + "（医疗类别" + r.text("v3") + "）",
                        "Item " + itemEn + " may only be paid in " + settingEn(limit) + "; it was billed in "
                                + settingEn(seen) + " (med_type " + r.text("v3") + ")", evidence(r));
                case MEDINS_LV_MIN -> new Explanation("项目" + item + "限" + levelZh(limit) + "及以上医疗机构使用，本机构为"
                        + levelZh(seen), "Item " + itemEn + " is limited to institutions of level " + limit
                        + " or higher; this institution's level is " + seen, evidence(r));
                case INDICATION -> new Explanation("项目" + item + "限适应症使用（ICD-10：" + limit + "），本次就诊"
                        + (seen.isEmpty() ? "无诊断" : "诊断" + seen + "不符"),
                        "Item " + itemEn + " is payable only for the diagnoses " + limit + "; the visit "
                                + (seen.isEmpty() ? "has no diagnosis" : "has " + seen + " and no matching diagnosis"),
                        evidence(r));
                case INSUTYPE_ONLY -> new Explanation("项目" + item + "限" + ("MATERNITY".equals(limit) ? "生育保险" : "工伤保险")
                        + "支付，本次由基本医疗保险（险种" + seen + "）支付",
                        "Item " + itemEn + " is payable only by " + ("MATERNITY".equals(limit) ? "maternity" : "work-injury")
                                + " insurance; it was charged to basic medical insurance (insutype " + seen + ")",
                        evidence(r));
            };
        }

        private static String gender(String code) {
            return switch (code) {
                case "1" -> "男";
                case "2" -> "女";
                default -> "未知";
            };
        }

        private static String genderEn(String code) {
            return switch (code) {
                case "1" -> "male";
                case "2" -> "female";
                default -> "unknown";
            };
        }

        private static String levelZh(String level) {
            return switch (level) {
                case "1" -> "一级";
                case "2" -> "二级";
                case "3" -> "三级";
                default -> "未定级";
            };
        }
    }

    /** 中药饮片单方不予支付: a herbal prescription whose only item is not payable alone. */
    static final class HerbalSingle extends BaseTemplate implements InstantTemplate {
        HerbalSingle(Rule rule) {
            super(rule);
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.limitType("HERBAL_SINGLE_NOT_PAYABLE"));
        }

        @Override
        public String query(CompileContext ctx) {
            return """
                    WITH rx AS (SELECT mdtrt_id, coalesce(rxno, '') AS rx FROM fw_p_line WHERE list_type = '102'
                                GROUP BY mdtrt_id, coalesce(rxno, '') HAVING count(DISTINCT code) = 1)
                    SELECT %s
                    FROM fw_p_line l
                    JOIN rx ON rx.mdtrt_id = l.mdtrt_id AND rx.rx = coalesce(l.rxno, '')
                    JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = 'HERBAL_SINGLE_NOT_PAYABLE'
                         AND k.lmt_value = '1' AND l.fee_date BETWEEN k.begndate AND k.enddate
                    WHERE l.list_type = '102' AND %s""".formatted(
                    RawSelect.line("l").set("kp_id", "k.kp_id").set("basis", "k.basis").set("v1", "l.rxno").list(ctx.dialect()),
                    ctx.inWindow("l.setl_date"));
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            if (!ctx.visit().hasLimitType("HERBAL_SINGLE_NOT_PAYABLE")) {
                return;
            }
            Map<String, Set<String>> codesByRx = new HashMap<>();
            for (LineView l : ctx.visit().lines()) {
                if (l.listType().filter("102"::equals).isPresent()) {
                    codesByRx.computeIfAbsent(l.line().rxno().orElse(""), k -> new java.util.HashSet<>()).add(l.code());
                }
            }
            for (LineView l : ctx.visit().lines()) {
                if (l.listType().filter("102"::equals).isEmpty()
                        || codesByRx.get(l.line().rxno().orElse("")).size() != 1) {
                    continue;
                }
                for (Knowledge.LimitPoint k : l.limits("HERBAL_SINGLE_NOT_PAYABLE")) {
                    if ("1".equals(k.lmtValue())) {
                        out.add(InstantRow.line(l).set("kp_id", k.kpId()).set("basis", k.basis().orElse(null))
                                .set("v1", l.line().rxno().orElse(null)));
                    }
                }
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("中药饮片" + item(r) + "单独使用时不予支付，处方" + r.text("v1") + "仅含此一味",
                    "Herbal piece " + itemEn(r) + " is not payable alone; prescription " + r.text("v1")
                            + " holds it alone", evidence(r));
        }
    }

    /** Whole years of age on {@code day} of someone born on {@code birth}, as the batch engine counts them. */
    static int ageOn(LocalDate birth, LocalDate day) {
        return day.getYear() - birth.getYear()
                - (day.getMonthValue() * 100 + day.getDayOfMonth() < birth.getMonthValue() * 100 + birth.getDayOfMonth() ? 1 : 0);
    }

    /** Knowledge-point values seen, parsed once: there are few distinct ones, read for every line. */
    private static final Map<String, Optional<BigDecimal>> DECIMALS = new ConcurrentHashMap<>();

    /** The dialect's {@code tryDecimal}: the number, or nothing when the text is not one. */
    static Optional<BigDecimal> decimal(String text) {
        Optional<BigDecimal> known = DECIMALS.get(text);
        if (known != null) {
            return known;
        }
        Optional<BigDecimal> parsed;
        try {
            parsed = Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            parsed = Optional.empty();
        }
        if (DECIMALS.size() < 10_000) {
            DECIMALS.put(text, parsed);
        }
        return parsed;
    }
}
