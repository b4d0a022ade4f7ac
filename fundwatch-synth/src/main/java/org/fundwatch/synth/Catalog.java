package org.fundwatch.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.fundwatch.schema.ExchangeFormat;

/**
 * The catalog (医保目录) in its validity periods and the knowledge base (知识点) on it. Three items change inside
 * the generated period on {@link #changeDay}: the cap of {@link Item#AMLODIPINE} is cut (集采降价), {@link
 * Item#BRAIN_PROTEIN} leaves the catalog and {@link Item#DAPAGLIFLOZIN} enters it.
 */
final class Catalog {

    static final String DRUG_LIST = "《国家基本医疗保险、工伤保险和生育保险药品目录（2024年）》";
    static final String SERVICE_LIST = "《湖南省医疗服务价格项目规范（2023年版）》";
    static final String FRAMEWORK = "《医疗保障基金智能审核和监控知识库、规则库框架体系（1.0版）》";
    static final int CATALOG_BEGIN = Calendar.day(2024, 1, 1);
    static final long AMLODIPINE_NEW_CAP = 150_000;

    /** A knowledge point restricting one item. */
    record Limit(Item item, String type, String value, String basis) {
    }

    /** A knowledge point relating two items. */
    record Pair(Item a, Item b, String relation, String scope, String basis) {
    }

    static final List<Limit> LIMITS = List.of(
            new Limit(Item.PROGESTERONE, "GENDER", "2", DRUG_LIST + "：限女性"),
            new Limit(Item.TAMSULOSIN, "GENDER", "1", DRUG_LIST + "：限男性"),
            new Limit(Item.CHILD_COLD, "AGE_MAX", "14", DRUG_LIST + "：限儿童（14周岁及以下）"),
            new Limit(Item.ATORVASTATIN, "AGE_MIN", "18", "药品说明书：18岁以下儿童用药的安全性和有效性尚未确立"),
            new Limit(Item.THYMALFASIN, "SETTING", "INPATIENT", DRUG_LIST + "：限住院使用"),
            new Limit(Item.REGISTRATION, "SETTING", "OUTPATIENT", SERVICE_LIST + "：门诊诊查费限门诊收取"),
            new Limit(Item.CEFOPERAZONE, "MEDINS_LV_MIN", "2", DRUG_LIST + "：限二级及以上医疗机构重症感染患者"),
            new Limit(Item.CLOPIDOGREL, "INDICATION", "I20|I21|I24|I25|I63|I70",
                    DRUG_LIST + "：限急性冠脉综合征、缺血性脑卒中、外周动脉疾病患者"),
            new Limit(Item.SITAGLIPTIN, "INDICATION", "E11", DRUG_LIST + "：限2型糖尿病患者"),
            new Limit(Item.DAPAGLIFLOZIN, "INDICATION", "E11", DRUG_LIST + "：限2型糖尿病患者"),
            new Limit(Item.NGF, "INSUTYPE_ONLY", "WORK_INJURY", DRUG_LIST + "：限工伤保险"),
            new Limit(Item.ANTENATAL, "INSUTYPE_ONLY", "MATERNITY", SERVICE_LIST + "：限生育保险支付"),
            new Limit(Item.MONTMORILLONITE, "MAX_CNT_PER_VISIT", "18", FRAMEWORK + "：超量开药，每次就诊限18袋"),
            new Limit(Item.IV_DRIP, "MAX_CNT_PER_DAY", "1", SERVICE_LIST + "：静脉输液（第一组）每日限计费1次"),
            new Limit(Item.INFRARED, "MAX_COURSE_DAYS", "14", SERVICE_LIST + "：红外线治疗每年限14天"),
            new Limit(Item.METFORMIN, "DAILY_DOSE", "3", "药品说明书：每日1.5克（0.5克×3片）"),
            new Limit(Item.AMLODIPINE, "DAILY_DOSE", "1", "药品说明书：每日1次，每次5毫克"),
            new Limit(Item.NIFEDIPINE, "DAILY_DOSE", "1", "药品说明书：每日1次，每次30毫克"),
            new Limit(Item.ATORVASTATIN, "DAILY_DOSE", "1", "药品说明书：每日1次，每次20毫克"),
            new Limit(Item.SIMVASTATIN, "DAILY_DOSE", "1", "药品说明书：每日1次，每次20毫克"),
            new Limit(Item.SITAGLIPTIN, "DAILY_DOSE", "1", "药品说明书：每日1次，每次100毫克"),
            new Limit(Item.DAPAGLIFLOZIN, "DAILY_DOSE", "1", "药品说明书：每日1次，每次10毫克"),
            new Limit(Item.CLOPIDOGREL, "DAILY_DOSE", "1", "药品说明书：每日1次，每次75毫克"),
            new Limit(Item.XIYANGSHEN, "HERBAL_SINGLE_NOT_PAYABLE", "1", DRUG_LIST + "凡例：单独使用时不予支付的中药饮片"),
            new Limit(Item.BED, "ROUTINE", "1", FRAMEWORK + "：床位费为常规项目"),
            new Limit(Item.NURSING_1, "ROUTINE", "1", FRAMEWORK + "：护理费为常规项目"),
            new Limit(Item.NURSING_2, "ROUTINE", "1", FRAMEWORK + "：护理费为常规项目"),
            new Limit(Item.BED, "BED_DAY", "1", SERVICE_LIST + "：床位费按日计收，入院当日计、出院当日不计"));

    static final List<Pair> PAIRS = List.of(
            new Pair(Item.NURSING_1, Item.BP_MONITOR, "EXCLUSIVE", "SAME_DAY",
                    SERVICE_LIST + "：一级护理已含生命体征监测，不得另收无创血压监测"),
            new Pair(Item.LIVER_PANEL, Item.ALT, "BUNDLE", "SAME_VISIT", SERVICE_LIST + "：肝功能全套含丙氨酸氨基转移酶测定"),
            new Pair(Item.LIVER_PANEL, Item.AST, "BUNDLE", "SAME_VISIT", SERVICE_LIST + "：肝功能全套含天门冬氨酸氨基转移酶测定"),
            new Pair(Item.LIVER_PANEL, Item.TBIL, "BUNDLE", "SAME_VISIT", SERVICE_LIST + "：肝功能全套含总胆红素测定"),
            new Pair(Item.CLARITHROMYCIN, Item.SIMVASTATIN, "CONTRAINDICATED", "SAME_VISIT",
                    "《中华人民共和国药典临床用药须知》：克拉霉素禁止与辛伐他汀合用（横纹肌溶解风险）"),
            new Pair(Item.APPENDECTOMY, Item.ANAESTHESIA, "REQUIRES", "SAME_VISIT",
                    SERVICE_LIST + "：麻醉费须与手术项目同时收取"),
            new Pair(Item.METFORMIN, Item.SITAGLIPTIN, "PRIOR_REQUIRED", "SAME_VISIT",
                    DRUG_LIST + "：限二甲双胍等口服降糖药治疗无效或不能耐受"),
            new Pair(Item.METFORMIN, Item.DAPAGLIFLOZIN, "PRIOR_REQUIRED", "SAME_VISIT",
                    DRUG_LIST + "：限二线用药"));

    /** The day the three changing items change. */
    final int changeDay;
    final Calendar calendar;

    Catalog(Calendar calendar) {
        this.calendar = calendar;
        this.changeDay = calendar.months >= 2 ? calendar.monthStart[calendar.months / 2] : calendar.firstDay + 14;
    }

    /** Whether the item is in the catalog on that day. */
    boolean validOn(Item item, int day) {
        if (item == Item.BRAIN_PROTEIN) {
            return day < changeDay;
        }
        if (item == Item.DAPAGLIFLOZIN) {
            return day >= changeDay;
        }
        return day >= CATALOG_BEGIN;
    }

    /** The price cap valid on that day (the last one before when the item left the catalog). */
    long capOn(Item item, int day) {
        if (item == Item.AMLODIPINE && day >= changeDay) {
            return AMLODIPINE_NEW_CAP;
        }
        return item.capMicros;
    }

    long write(Path dir) throws IOException {
        try (CsvTable t = new CsvTable(dir, ExchangeFormat.MED_LIST)) {
            int code = t.col("hilist_code");
            int name = t.col("hilist_name");
            int listType = t.col("list_type");
            int grade = t.col("chrgitm_lv");
            int chrg = t.col("med_chrgitm_type");
            int cap = t.col("hilist_pric_uplmt_amt");
            int scp = t.col("lmt_usescp");
            int begin = t.col("begndate");
            int end = t.col("enddate");
            for (Item item : Item.ALL) {
                List<int[]> periods = new ArrayList<>();
                if (item == Item.AMLODIPINE || item == Item.BRAIN_PROTEIN) {
                    periods.add(new int[] {CATALOG_BEGIN, changeDay - 1});
                    if (item == Item.AMLODIPINE) {
                        periods.add(new int[] {changeDay, -1});
                    }
                } else if (item == Item.DAPAGLIFLOZIN) {
                    periods.add(new int[] {changeDay, -1});
                } else {
                    periods.add(new int[] {CATALOG_BEGIN, -1});
                }
                for (int[] p : periods) {
                    t.str(code, item.code).str(name, item.label).str(listType, item.listType).str(grade, item.grade)
                            .str(chrg, item.chargeType).micros(cap, capOn(item, p[0])).str(scp, item.usescp)
                            .date(begin, p[0]);
                    if (p[1] >= 0) {
                        t.date(end, p[1]);
                    }
                    t.end();
                }
            }
            return t.rows();
        }
    }

    /** Writes both knowledge-base tables; returns their row counts. */
    long[] writeKnowledge(Path dir) throws IOException {
        long[] rows = new long[2];
        int kp = 1;
        try (CsvTable t = new CsvTable(dir, ExchangeFormat.KB_ITEM_LIMIT)) {
            int id = t.col("kp_id");
            int code = t.col("hilist_code");
            int type = t.col("lmt_type");
            int value = t.col("lmt_value");
            int begin = t.col("begndate");
            int basis = t.col("basis");
            for (Limit l : LIMITS) {
                t.str(id, String.format("KP%06d", kp++)).str(code, l.item().code).str(type, l.type())
                        .str(value, l.value()).date(begin, CATALOG_BEGIN).str(basis, l.basis()).end();
            }
            rows[0] = t.rows();
        }
        try (CsvTable t = new CsvTable(dir, ExchangeFormat.KB_ITEM_PAIR)) {
            int id = t.col("kp_id");
            int a = t.col("hilist_code_a");
            int b = t.col("hilist_code_b");
            int rel = t.col("relation");
            int scope = t.col("scope");
            int begin = t.col("begndate");
            int basis = t.col("basis");
            for (Pair p : PAIRS) {
                t.str(id, String.format("KP%06d", kp++)).str(a, p.a().code).str(b, p.b().code).str(rel, p.relation())
                        .str(scope, p.scope()).date(begin, CATALOG_BEGIN).str(basis, p.basis()).end();
            }
            rows[1] = t.rows();
        }
        return rows;
    }
}
