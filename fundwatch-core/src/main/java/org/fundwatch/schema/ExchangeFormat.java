package org.fundwatch.schema;

import static org.fundwatch.schema.Column.Check.NEGATIVE_ONLY_WHEN_REVERSING;
import static org.fundwatch.schema.Column.Check.NOT_FUTURE;
import static org.fundwatch.schema.Column.Check.NOT_NEGATIVE;
import static org.fundwatch.schema.ColumnType.AMOUNT;
import static org.fundwatch.schema.ColumnType.CLOCK_TIME;
import static org.fundwatch.schema.ColumnType.COORDINATE;
import static org.fundwatch.schema.ColumnType.DATE;
import static org.fundwatch.schema.ColumnType.INTEGER;
import static org.fundwatch.schema.ColumnType.PRICE;
import static org.fundwatch.schema.ColumnType.QUANTITY;
import static org.fundwatch.schema.ColumnType.STRING;
import static org.fundwatch.schema.ColumnType.TIMESTAMP;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Fundwatch data exchange format, version 1 (FORMAT.md): every table and column, declared once. Validation,
 * the DuckDB DDL, the Spark schema and the documentation all derive from these declarations.
 */
public final class ExchangeFormat {

    /** Written to every dataset manifest; bumped when a declaration changes incompatibly. */
    public static final int VERSION = 1;

    public static final CodeSet GEND = CodeSet.warn("gend", "1", "男 male", "2", "女 female", "9", "未说明 unknown");
    public static final CodeSet INSUTYPE = CodeSet.warn("insutype",
            "310", "职工基本医疗保险 employee basic medical insurance",
            "320", "公务员医疗补助 civil-servant subsidy",
            "330", "大额医疗费用补助 large-amount supplement",
            "340", "离休人员医疗保障 retired cadres",
            "390", "城乡居民基本医疗保险 resident basic medical insurance",
            "392", "城乡居民大病医疗保险 resident serious-illness insurance",
            "410", "长期照护保险 long-term care",
            "510", "生育保险 maternity insurance");
    public static final CodeSet PSN_INSU_STAS = CodeSet.warn("psn_insu_stas",
            "1", "正常参保 active", "2", "暂停参保 paused", "4", "终止参保 ended");
    public static final CodeSet FIXMEDINS_TYPE = CodeSet.warn("fixmedins_type",
            "1", "定点医疗机构 medical institution", "2", "定点零售药店 retail pharmacy");
    public static final CodeSet MEDINS_LV = CodeSet.warn("medins_lv",
            "0", "未定级/基层 unrated or primary", "1", "一级 level 1", "2", "二级 level 2", "3", "三级 level 3");
    public static final CodeSet MEDINS_NATU = CodeSet.warn("medins_natu", "1", "公立 public", "2", "民营 private");
    public static final CodeSet LIST_TYPE = CodeSet.warn("list_type",
            "101", "西药中成药 Western and patent drug", "102", "中药饮片 herbal pieces",
            "201", "医疗服务项目 service item", "301", "医用耗材 medical consumable");
    public static final CodeSet CHRGITM_LV = CodeSet.warn("chrgitm_lv",
            "01", "甲类 fully covered", "02", "乙类 partly covered", "03", "丙类 not covered");
    public static final CodeSet MED_TYPE = CodeSet.warn("med_type",
            "11", "普通门诊 general outpatient", "12", "门诊挂号 outpatient registration",
            "13", "急诊 emergency", "14", "门诊慢特病 outpatient chronic/special disease",
            "21", "普通住院 general inpatient", "22", "外伤住院 injury inpatient",
            "24", "转外诊治住院 referred inpatient", "41", "定点药店购药 pharmacy purchase",
            "51", "生育门诊 maternity outpatient", "52", "生育住院 maternity inpatient");
    public static final CodeSet LMT_TYPE = CodeSet.warn("lmt_type",
            "GENDER", "限性别: 1|2", "AGE_MIN", "最小年龄(含)", "AGE_MAX", "最大年龄(含)",
            "SETTING", "限就医方式: OUTPATIENT|INPATIENT", "MEDINS_LV_MIN", "最低医疗机构级别: 1|2|3",
            "INDICATION", "限适应症: ICD-10 前缀, 以|分隔", "INSUTYPE_ONLY", "限险种: WORK_INJURY|MATERNITY",
            "MAX_CNT_PER_VISIT", "每次就诊最大数量", "MAX_CNT_PER_DAY", "每日最大数量",
            "MAX_COURSE_DAYS", "每自然年最多计费天数", "DAILY_DOSE", "每日用量(计算供药天数)",
            "HERBAL_SINGLE_NOT_PAYABLE", "单方不予支付: 1", "ROUTINE", "常规项目(床位/护理): 1",
            "BED_DAY", "按床日计费: 1");
    public static final CodeSet RELATION = CodeSet.warn("relation",
            "EXCLUSIVE", "互斥: a 已包含 b", "BUNDLE", "打包: a 为套餐, b 为其组成",
            "CONTRAINDICATED", "配伍禁忌", "REQUIRES", "关联: b 须与 a 同时使用",
            "PRIOR_REQUIRED", "二线用药: b 须在 a 之后");
    public static final CodeSet PAIR_SCOPE = CodeSet.warn("scope", "SAME_VISIT", "同一就诊", "SAME_DAY", "同一天");
    public static final CodeSet REFD_SETL_FLAG = CodeSet.reject("refd_setl_flag", "0", "正常结算 settlement",
            "1", "冲销/退费结算 reversal");
    public static final CodeSet MAINDIAG_FLAG = CodeSet.warn("maindiag_flag", "0", "其他诊断", "1", "主诊断");
    public static final CodeSet INV_TYPE = CodeSet.reject("inv_type",
            "3501", "盘存 opening stocktake", "3502", "库存变更 stock adjustment (not used by rules)",
            "3503", "采购 purchase", "3504", "采购退货 purchase return",
            "3505", "销售 sale", "3506", "销售退货 sale return");

    public static final Table PSN_INFO = table("psn_info", "an enrolment of a person in one insurance type (参保信息)",
            true,
            List.of("psn_no", "insutype", "insu_begndate"),
            List.of(),
            List.of(),
            req("psn_no", STRING, "personal number 人员编号"),
            req("certno", STRING, "ID number 身份证号 (personal data)"),
            opt("psn_name", STRING, "name 姓名 (personal data)"),
            coded(req("gend", STRING, "gender 性别"), GEND),
            req("brdy", DATE, "date of birth 出生日期", NOT_FUTURE),
            coded(req("insutype", STRING, "insurance type 险种"), INSUTYPE),
            coded(req("psn_insu_stas", STRING, "enrolment status 参保状态"), PSN_INSU_STAS),
            req("insu_begndate", DATE, "enrolment start 参保开始日期"),
            opt("insu_enddate", DATE, "enrolment end 参保结束日期"),
            opt("insuplc_admdvs", STRING, "insured place division code 参保地区划"),
            opt("addr", STRING, "address 住址"));

    public static final Table MEDINS_INFO = table("medins_info", "a designated institution (定点医药机构)", true,
            List.of("fixmedins_code"), List.of(), List.of(),
            req("fixmedins_code", STRING, "institution code 定点医药机构编号"),
            req("fixmedins_name", STRING, "institution name 机构名称"),
            coded(req("fixmedins_type", STRING, "institution type 定点类型"), FIXMEDINS_TYPE),
            coded(req("medins_lv", STRING, "level 医疗机构等级"), MEDINS_LV),
            coded(opt("medins_natu", STRING, "nature 经营性质"), MEDINS_NATU),
            opt("medins_type", STRING, "category such as general, TCM, specialist 机构类别"),
            opt("admdvs", STRING, "administrative division 行政区划"),
            opt("lat", COORDINATE, "latitude 纬度"),
            opt("lon", COORDINATE, "longitude 经度"),
            opt("bed_cnt", INTEGER, "registered beds 核定床位数", NOT_NEGATIVE),
            opt("open_time", CLOCK_TIME, "opening time HH:mm 营业开始时间"),
            opt("close_time", CLOCK_TIME, "closing time HH:mm 营业结束时间"));

    public static final Table MED_LIST = table("med_list", "a catalog item in a validity period (医保目录)", true,
            List.of("hilist_code", "begndate"), List.of(), List.of(),
            req("hilist_code", STRING, "catalog code 医保目录编码"),
            req("hilist_name", STRING, "catalog name 医保目录名称"),
            coded(req("list_type", STRING, "catalog kind 目录类别"), LIST_TYPE),
            coded(req("chrgitm_lv", STRING, "coverage grade 收费项目等级"), CHRGITM_LV),
            opt("med_chrgitm_type", STRING, "charge category 医疗收费项目类别"),
            opt("hilist_pric_uplmt_amt", PRICE, "price cap 最高限价", NOT_NEGATIVE),
            opt("lmt_usescp", STRING, "restriction text 限制使用范围"),
            req("begndate", DATE, "valid from 开始日期"),
            opt("enddate", DATE, "valid until (inclusive) 结束日期"));

    public static final Table KB_ITEM_LIMIT = table("kb_item_limit", "a knowledge point restricting one item (知识点)",
            false, List.of("kp_id"), List.of(), List.of(),
            req("kp_id", STRING, "knowledge point id 知识点编号"),
            req("hilist_code", STRING, "catalog code 医保目录编码"),
            coded(req("lmt_type", STRING, "restriction kind 限制类型"), LMT_TYPE),
            req("lmt_value", STRING, "restriction value 限制值"),
            opt("begndate", DATE, "valid from 开始日期"),
            opt("enddate", DATE, "valid until (inclusive) 结束日期"),
            opt("basis", STRING, "basis text 依据"));

    public static final Table KB_ITEM_PAIR = table("kb_item_pair", "a knowledge point relating two items (知识点)",
            false, List.of("kp_id"), List.of(), List.of(),
            req("kp_id", STRING, "knowledge point id 知识点编号"),
            req("hilist_code_a", STRING, "first item 项目A"),
            req("hilist_code_b", STRING, "second item 项目B"),
            coded(req("relation", STRING, "relation 关系"), RELATION),
            coded(opt("scope", STRING, "scope, SAME_VISIT by default 范围"), PAIR_SCOPE),
            opt("begndate", DATE, "valid from 开始日期"),
            opt("enddate", DATE, "valid until (inclusive) 结束日期"),
            opt("basis", STRING, "basis text 依据"));

    public static final Table MDTRT = table("mdtrt", "a visit (就诊): outpatient, inpatient stay or pharmacy purchase",
            true, List.of("mdtrt_id"),
            List.of(mandatory("psn_no", "psn_info", "psn_no"),
                    mandatory("fixmedins_code", "medins_info", "fixmedins_code")),
            List.of(),
            req("mdtrt_id", STRING, "visit id 就诊ID"),
            req("psn_no", STRING, "personal number 人员编号"),
            req("fixmedins_code", STRING, "institution code 定点医药机构编号"),
            coded(req("med_type", STRING, "medical type 医疗类别"), MED_TYPE),
            coded(req("insutype", STRING, "insurance type 险种"), INSUTYPE),
            req("begntime", TIMESTAMP, "start (admission) 开始时间", NOT_FUTURE),
            opt("endtime", TIMESTAMP, "end (discharge) 结束时间"),
            opt("dscg_maindiag_code", STRING, "main diagnosis ICD-10 主诊断编码"),
            opt("dscg_maindiag_name", STRING, "main diagnosis name 主诊断名称"),
            opt("atddr_no", STRING, "attending physician code 主诊医师代码"),
            opt("dept_code", STRING, "department code 科室编码"),
            opt("ipt_otp_no", STRING, "inpatient/outpatient number 住院/门诊号"));

    public static final Table DISEINFO = table("diseinfo", "a diagnosis of a visit (诊断信息)", false,
            List.of("mdtrt_id", "diag_code"),
            List.of(mandatory("mdtrt_id", "mdtrt", "mdtrt_id")),
            List.of(),
            req("mdtrt_id", STRING, "visit id 就诊ID"),
            req("diag_code", STRING, "diagnosis ICD-10 诊断代码"),
            coded(opt("maindiag_flag", STRING, "main diagnosis flag 主诊断标志"), MAINDIAG_FLAG),
            opt("diag_srt_no", INTEGER, "order 诊断排序号", NOT_NEGATIVE),
            opt("diag_name", STRING, "diagnosis name 诊断名称"));

    public static final Table SETL = table("setl", "a settlement (结算)", true, List.of("setl_id"),
            List.of(mandatory("mdtrt_id", "mdtrt", "mdtrt_id"),
                    advisory("init_setl_id", "setl", "setl_id")),
            List.of(new Table.ReversalCondition("refd_setl_flag", Optional.of("1")),
                    new Table.ReversalCondition("init_setl_id", Optional.empty())),
            req("setl_id", STRING, "settlement id 结算ID"),
            req("mdtrt_id", STRING, "visit id 就诊ID"),
            req("psn_no", STRING, "personal number 人员编号"),
            req("fixmedins_code", STRING, "institution code 定点医药机构编号"),
            req("setl_time", TIMESTAMP, "settlement time 结算时间", NOT_FUTURE),
            coded(req("med_type", STRING, "medical type 医疗类别"), MED_TYPE),
            coded(req("insutype", STRING, "insurance type 险种"), INSUTYPE),
            req("medfee_sumamt", AMOUNT, "total medical fees 医疗费总额", NEGATIVE_ONLY_WHEN_REVERSING),
            req("fund_pay_sumamt", AMOUNT, "fund payment 基金支付总额", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("hifp_pay", AMOUNT, "pooled fund 统筹基金支出", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("cvlserv_pay", AMOUNT, "civil-servant subsidy 公务员医疗补助", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("hifmi_pay", AMOUNT, "serious-illness insurance 居民大病保险", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("hifob_pay", AMOUNT, "large-amount supplement 职工大额补助", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("maf_pay", AMOUNT, "medical assistance 医疗救助", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("oth_pay", AMOUNT, "other fund payment 其他支出", NEGATIVE_ONLY_WHEN_REVERSING),
            req("acct_pay", AMOUNT, "personal account 个人账户支出", NEGATIVE_ONLY_WHEN_REVERSING),
            req("psn_cash_pay", AMOUNT, "cash 个人现金支出", NEGATIVE_ONLY_WHEN_REVERSING),
            coded(opt("refd_setl_flag", STRING, "reversal flag 退费结算标志"), REFD_SETL_FLAG),
            opt("init_setl_id", STRING, "reversed settlement 原结算ID"));

    public static final Table FEEDETAIL = table("feedetail", "a fee line (费用明细)", true, List.of("feedetl_sn"),
            List.of(mandatory("mdtrt_id", "mdtrt", "mdtrt_id"),
                    advisory("setl_id", "setl", "setl_id"),
                    advisory("init_feedetl_sn", "feedetail", "feedetl_sn")),
            List.of(new Table.ReversalCondition("init_feedetl_sn", Optional.empty())),
            req("feedetl_sn", STRING, "fee line number 费用明细流水号"),
            req("mdtrt_id", STRING, "visit id 就诊ID"),
            req("psn_no", STRING, "personal number 人员编号"),
            opt("setl_id", STRING, "settlement id 结算ID"),
            req("fee_ocur_time", TIMESTAMP, "time of the fee 费用发生时间", NOT_FUTURE),
            req("med_list_codg", STRING, "catalog code (= hilist_code) 医疗目录编码"),
            opt("medins_list_codg", STRING, "institution's own item code 医药机构目录编码"),
            opt("medins_list_name", STRING, "institution's own item name 医药机构目录名称"),
            req("cnt", QUANTITY, "quantity 数量", NEGATIVE_ONLY_WHEN_REVERSING),
            req("pric", PRICE, "unit price 单价", NOT_NEGATIVE),
            req("det_item_fee_sumamt", AMOUNT, "line amount 明细项目费用总额", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("fulamt_ownpay_amt", AMOUNT, "fully self-paid 全自费金额", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("overlmt_amt", AMOUNT, "above the limit 超限价金额", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("preselfpay_amt", AMOUNT, "first self-paid share 先行自付金额", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("inscp_scp_amt", AMOUNT, "in-scope amount 符合政策范围金额", NEGATIVE_ONLY_WHEN_REVERSING),
            opt("prd_days", INTEGER, "days of supply 周期天数", NOT_NEGATIVE),
            opt("bilg_dr_codg", STRING, "ordering physician 开单医生编码"),
            opt("bilg_dept_codg", STRING, "ordering department 开单科室编码"),
            opt("rxno", STRING, "prescription number 处方号"),
            opt("init_feedetl_sn", STRING, "refunded line 原费用流水号"),
            opt("drug_trac_codg", STRING, "drug traceability code 药品追溯码"));

    public static final Table INV_IO = table("inv_io", "a stock movement (进销存)", false, List.of(),
            List.of(mandatory("fixmedins_code", "medins_info", "fixmedins_code")),
            List.of(),
            req("fixmedins_code", STRING, "institution code 定点医药机构编号"),
            req("med_list_codg", STRING, "catalog code 医疗目录编码"),
            coded(req("inv_type", STRING, "movement kind 进销存类型"), INV_TYPE),
            req("cnt", QUANTITY, "units 数量", NOT_NEGATIVE),
            req("io_time", TIMESTAMP, "time of the movement 发生时间", NOT_FUTURE),
            opt("drug_trac_codg", STRING, "drug traceability code 药品追溯码"));

    public static final Table PSN_APPROVAL = table("psn_approval", "an approval or exemption (备案)", false,
            List.of("aprv_no"),
            List.of(advisory("psn_no", "psn_info", "psn_no")),
            List.of(),
            req("aprv_no", STRING, "approval number 备案号"),
            req("psn_no", STRING, "personal number 人员编号"),
            opt("hilist_code", STRING, "item, empty = any 医保目录编码"),
            opt("vola_bhvr_type", STRING, "violation type covered, empty = any 违规行为类型"),
            req("begndate", DATE, "valid from 开始日期"),
            opt("enddate", DATE, "valid until (inclusive) 结束日期"),
            opt("reason", STRING, "reason 备案原因"));

    public static final Table EXT_DEATH = table("ext_death", "a death known to police or civil affairs (死亡信息)",
            false, List.of("certno"), List.of(), List.of(),
            req("certno", STRING, "ID number 身份证号 (personal data)"),
            req("die_date", DATE, "date of death 死亡日期", NOT_FUTURE),
            opt("src", STRING, "source agency 数据来源"));

    public static final Table EXT_CUSTODY = table("ext_custody", "a custody period (羁押/服刑信息)", false,
            List.of("certno", "begndate"), List.of(), List.of(),
            req("certno", STRING, "ID number 身份证号 (personal data)"),
            req("begndate", DATE, "custody from 开始日期", NOT_FUTURE),
            opt("enddate", DATE, "custody until (inclusive) 结束日期"),
            opt("src", STRING, "source agency 数据来源"));

    /** All tables, in load order: every table comes after the tables it references. */
    public static final List<Table> TABLES = List.of(PSN_INFO, MEDINS_INFO, MED_LIST, KB_ITEM_LIMIT, KB_ITEM_PAIR,
            MDTRT, DISEINFO, SETL, FEEDETAIL, INV_IO, PSN_APPROVAL, EXT_DEATH, EXT_CUSTODY);

    private ExchangeFormat() {
    }

    public static Optional<Table> table(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The table, or an exception listing the known ones. */
    public static Table requireTable(String name) {
        return table(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown table " + name + "; the format has " + TABLES.stream().map(Table::name).toList()));
    }

    private static Table table(String name, String rowIs, boolean required, List<String> key,
                               List<Reference> references, List<Table.ReversalCondition> reversal,
                               Column... columns) {
        return new Table(name, rowIs, required, new ArrayList<>(Arrays.asList(columns)), key, references, reversal);
    }

    private static Column req(String name, ColumnType type, String description, Column.Check... checks) {
        return new Column(name, type, true, Optional.empty(), Set.of(checks), description);
    }

    private static Column opt(String name, ColumnType type, String description, Column.Check... checks) {
        return new Column(name, type, false, Optional.empty(), Set.of(checks), description);
    }

    private static Column coded(Column column, CodeSet codes) {
        return new Column(column.name(), column.type(), column.required(), Optional.of(codes), column.checks(),
                column.description());
    }

    private static Reference mandatory(String column, String table, String target) {
        return new Reference(List.of(column), table, List.of(target), true);
    }

    private static Reference advisory(String column, String table, String target) {
        return new Reference(List.of(column), table, List.of(target), false);
    }
}
