package org.fundwatch.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fundwatch.kb.ParsedRestriction.Outcome;
import org.junit.jupiter.api.Test;

class RestrictionParserTest {

    private static final RestrictionParser PARSER = RestrictionParser.standard();
    private static final LocalDate BEGIN = LocalDate.of(2024, 1, 1);

    private static ParsedRestriction parse(String text) {
        return PARSER.parse(new CatalogRestriction("X001", "测试药品", text, BEGIN, Optional.empty()));
    }

    /** The points of a text as type → value, in type order. */
    private static Map<LimitType, String> points(String text) {
        Map<LimitType, String> points = new LinkedHashMap<>();
        parse(text).limits().forEach(l -> points.put(l.type(), l.value()));
        return points;
    }

    private static void fully(String text, Map<LimitType, String> expected) {
        ParsedRestriction p = parse(text);
        assertThat(p.unparsed()).as(text).isEmpty();
        assertThat(p.outcome()).as(text).isEqualTo(Outcome.PARSED);
        assertThat(points(text)).as(text).isEqualTo(expected);
    }

    private static void fully(String text, LimitType type, String value) {
        fully(text, Map.of(type, value));
    }

    private static void notParsed(String text) {
        ParsedRestriction p = parse(text);
        assertThat(p.limits()).as(text).isEmpty();
        assertThat(p.outcome()).as(text).isEqualTo(Outcome.NOT_PARSED);
    }

    @Test
    void emptyTextGivesNothingAndReportsNothing() {
        for (String text : new String[] {"", "   ", "\u3000"}) {
            ParsedRestriction p = parse(text);
            assertThat(p.limits()).isEmpty();
            assertThat(p.unparsed()).isEmpty();
            assertThat(p.outcome()).isEqualTo(Outcome.NO_RESTRICTION);
        }
    }

    @Test
    void readsGender() {
        fully("限女性", LimitType.GENDER, "2");
        fully("限男性", LimitType.GENDER, "1");
        fully("限女性患者使用", LimitType.GENDER, "2");
    }

    @Test
    void childrenAreFourteenAndUnder() {
        fully("限儿童", LimitType.AGE_MAX, "14");
        fully("儿童专用", LimitType.AGE_MAX, "14");
        fully("限儿童患者", LimitType.AGE_MAX, "14");
        assertThat(RestrictionParser.CHILD_MAX_AGE).isEqualTo(14);
    }

    @Test
    void anExplicitAgeOverridesTheChildDefault() {
        fully("限儿童（14周岁及以下）", LimitType.AGE_MAX, "14");
        fully("限儿童(12岁以下)", LimitType.AGE_MAX, "11");
        fully("限6岁以下儿童", LimitType.AGE_MAX, "5");
        fully("限2岁以上儿童", Map.of(LimitType.AGE_MIN, "2", LimitType.AGE_MAX, "14"));
    }

    @Test
    void belowExcludesTheNumberUnlessWrittenAndBelow() {
        fully("限18岁以下", LimitType.AGE_MAX, "17");
        fully("限18周岁以下患者", LimitType.AGE_MAX, "17");
        fully("限不满18周岁", LimitType.AGE_MAX, "17");
        fully("限未满十八周岁", LimitType.AGE_MAX, "17");
        fully("限14周岁及以下", LimitType.AGE_MAX, "14");
        fully("限14岁或以下", LimitType.AGE_MAX, "14");
    }

    @Test
    void aboveIncludesTheNumber() {
        fully("限65岁及以上", LimitType.AGE_MIN, "65");
        fully("限60岁以上", LimitType.AGE_MIN, "60");
        fully("限六十五周岁以上患者", LimitType.AGE_MIN, "65");
        fully("限年满18周岁", LimitType.AGE_MIN, "18");
        fully("限超过60岁", LimitType.AGE_MIN, "61");
        fully("限成人", LimitType.AGE_MIN, "18");
    }

    @Test
    void readsAnAgeRangeInclusiveAtBothEnds() {
        fully("限6-12岁儿童", Map.of(LimitType.AGE_MIN, "6", LimitType.AGE_MAX, "12"));
        fully("限2岁至14岁", Map.of(LimitType.AGE_MIN, "2", LimitType.AGE_MAX, "14"));
        fully("限2岁以上12岁以下", Map.of(LimitType.AGE_MIN, "2", LimitType.AGE_MAX, "11"));
    }

    @Test
    void withinIsAmbiguousAndNotRead() {
        ParsedRestriction p = parse("限2岁以内儿童");
        assertThat(p.limits()).isEmpty();
        assertThat(p.unparsed()).containsExactly("限2岁以内儿童");
    }

    @Test
    void contradictoryAgesGiveNoPoint() {
        ParsedRestriction p = parse("限65岁以上，限18岁以下");
        assertThat(p.limits()).isEmpty();
        assertThat(p.unparsed()).containsExactly("限65岁以上", "限18岁以下");
    }

    @Test
    void readsInstitutionLevel() {
        fully("限二级及以上医疗机构", LimitType.MEDINS_LV_MIN, "2");
        fully("限二级以上", LimitType.MEDINS_LV_MIN, "2");
        fully("限二级及以上医院使用", LimitType.MEDINS_LV_MIN, "2");
        fully("限三级医疗机构", LimitType.MEDINS_LV_MIN, "3");
        fully("限三级医院", LimitType.MEDINS_LV_MIN, "3");
        fully("限在2级或以上定点医疗机构使用", LimitType.MEDINS_LV_MIN, "2");
    }

    @Test
    void aLevelWithoutAndAboveIsNotAMinimum() {
        notParsed("限二级医疗机构");
    }

    @Test
    void readsSetting() {
        fully("限住院使用", LimitType.SETTING, "INPATIENT");
        fully("限住院患者", LimitType.SETTING, "INPATIENT");
        fully("限住院", LimitType.SETTING, "INPATIENT");
        fully("限门诊使用", LimitType.SETTING, "OUTPATIENT");
        fully("限门诊", LimitType.SETTING, "OUTPATIENT");
    }

    @Test
    void settingWordsInsideAnotherPhraseAreNotASetting() {
        notParsed("住院期间限支付14天以外的部分");
        notParsed("限门诊慢特病");
    }

    @Test
    void readsInsuranceType() {
        fully("限工伤保险", LimitType.INSUTYPE_ONLY, "WORK_INJURY");
        fully("限工伤保险支付", LimitType.INSUTYPE_ONLY, "WORK_INJURY");
        fully("限生育保险", LimitType.INSUTYPE_ONLY, "MATERNITY");
        fully("限生育保险支付", LimitType.INSUTYPE_ONLY, "MATERNITY");
    }

    @Test
    void readsCourseDays() {
        fully("限支付14天", LimitType.MAX_COURSE_DAYS, "14");
        fully("限14天", LimitType.MAX_COURSE_DAYS, "14");
        fully("每年限14天", LimitType.MAX_COURSE_DAYS, "14");
        fully("支付不超过7天", LimitType.MAX_COURSE_DAYS, "7");
        fully("限支付十天", LimitType.MAX_COURSE_DAYS, "10");
        notParsed("限14天疗程");
    }

    @Test
    void readsQuantitiesPerVisitAndPerDay() {
        fully("每次就诊限18袋", LimitType.MAX_CNT_PER_VISIT, "18");
        fully("每日限1次", LimitType.MAX_CNT_PER_DAY, "1");
        fully("每日限计费1次", LimitType.MAX_CNT_PER_DAY, "1");
    }

    @Test
    void aDoseCountWithoutVisitIsNotAQuantityLimit() {
        notParsed("每次限2片");
    }

    @Test
    void readsHerbalPiecesNotPayableAlone() {
        fully("单独使用时不予支付", LimitType.HERBAL_SINGLE_NOT_PAYABLE, "1");
        notParsed("单味或复方均不支付");
    }

    @Test
    void readsIndicationsThroughTheDiseaseTable() {
        fully("限2型糖尿病患者", LimitType.INDICATION, "E11");
        fully("限２型糖尿病", LimitType.INDICATION, "E11");
        fully("限Ⅱ型糖尿病患者", LimitType.INDICATION, "E11");
        fully("限急性冠脉综合征、缺血性脑卒中、外周动脉疾病患者", LimitType.INDICATION, "I20|I21|I24|I25|I63|I70");
        fully("限急性冠脉综合征、缺血性脑卒中、外周动脉疾病的患者", LimitType.INDICATION,
                "I20|I21|I24|I25|I63|I70");
        fully("限慢性阻塞性肺疾病或哮喘患者", LimitType.INDICATION, "J44|J45|J46");
        fully("限类风湿关节炎患者", LimitType.INDICATION, "M05|M06");
        fully("限肺结核", LimitType.INDICATION, "A15|A16");
        fully("限诊断为多发性骨髓瘤的患者", LimitType.INDICATION, "C900");
    }

    @Test
    void icdPrefixesAreStoredWithoutDotsAndCoveredPrefixesDropped() {
        fully("限慢性乙型肝炎患者", LimitType.INDICATION, "B180|B181");
        fully("限慢性乙型肝炎、慢性丙型肝炎患者", LimitType.INDICATION, "B180|B181|B182");
        // 冠心病 (I20…I25) already covers 不稳定型心绞痛 (I20.0)
        fully("限冠心病、不稳定型心绞痛患者", LimitType.INDICATION, "I20|I21|I22|I23|I24|I25");
        assertThat(parse("限恶性肿瘤患者").limit(LimitType.INDICATION).orElseThrow().value())
                .startsWith("C00|C01|C02|").endsWith("|C96|C97").doesNotContain(".").doesNotContain("-");
    }

    @Test
    void anUnknownDiseaseNameLeavesTheIndicationUnparsed() {
        ParsedRestriction p = parse("限2型糖尿病、重症感染患者");
        assertThat(p.limits()).isEmpty();
        assertThat(p.unparsed()).containsExactly("限2型糖尿病、重症感染患者");
        notParsed("限重症感染患者");
        notParsed("限二线用药");
    }

    @Test
    void keepsWhatParsedAndReportsTheRemainder() {
        ParsedRestriction p = parse("限二级及以上医疗机构重症感染患者");
        assertThat(p.outcome()).isEqualTo(Outcome.PARTIALLY_PARSED);
        assertThat(points("限二级及以上医疗机构重症感染患者")).containsExactly(Map.entry(LimitType.MEDINS_LV_MIN, "2"));
        assertThat(p.unparsed()).containsExactly("重症感染患者");
    }

    @Test
    void aQualifierBeforeTheIndicationIsReportedAndTheIndicationKept() {
        ParsedRestriction p = parse("限二甲双胍等口服降糖药治疗无效或不能耐受的2型糖尿病患者（二线用药）");
        assertThat(points("限二甲双胍等口服降糖药治疗无效或不能耐受的2型糖尿病患者（二线用药）"))
                .containsExactly(Map.entry(LimitType.INDICATION, "E11"));
        assertThat(p.unparsed()).containsExactly("二甲双胍等口服降糖药治疗无效或不能耐受", "二线用药");
        assertThat(p.outcome()).isEqualTo(Outcome.PARTIALLY_PARSED);
    }

    @Test
    void readsCombinationsSeparatedByPunctuationAndConnectors() {
        fully("限二级及以上医疗机构；限住院使用", Map.of(LimitType.SETTING, "INPATIENT", LimitType.MEDINS_LV_MIN, "2"));
        fully("限二级及以上医疗机构住院患者", Map.of(LimitType.SETTING, "INPATIENT", LimitType.MEDINS_LV_MIN, "2"));
        fully("限女性，限住院使用", Map.of(LimitType.GENDER, "2", LimitType.SETTING, "INPATIENT"));
        fully("限女性乳腺癌患者", Map.of(LimitType.GENDER, "2", LimitType.INDICATION, "C50"));
        fully("限18岁以上的2型糖尿病患者", Map.of(LimitType.AGE_MIN, "18", LimitType.INDICATION, "E11"));
        fully("限三级医院且住院使用", Map.of(LimitType.SETTING, "INPATIENT", LimitType.MEDINS_LV_MIN, "3"));
        fully("限二级及以上医疗机构的恶性肿瘤患者, 限支付14天",
                Map.of(LimitType.MEDINS_LV_MIN, "2", LimitType.INDICATION, parse("限恶性肿瘤").limits().get(0).value(),
                        LimitType.MAX_COURSE_DAYS, "14"));
        fully("限住院的患者", LimitType.SETTING, "INPATIENT");
        fully("限工伤保险；限住院使用。", Map.of(LimitType.SETTING, "INPATIENT", LimitType.INSUTYPE_ONLY, "WORK_INJURY"));
    }

    @Test
    void pointsComeInTypeOrder() {
        assertThat(points("限住院使用，限女性，限65岁以上").keySet())
                .containsExactly(LimitType.GENDER, LimitType.AGE_MIN, LimitType.SETTING);
    }

    @Test
    void alternativesOfIndicationsUnite() {
        fully("限2型糖尿病患者或高血压患者", LimitType.INDICATION, "E11|I10|I11|I12|I13|I15");
        fully("限以下情况方可支付：1.肺结核患者；2.艾滋病患者", LimitType.INDICATION, "A15|A16|B20|B21|B22|B23|B24");
        fully("限2型糖尿病；或高血压", LimitType.INDICATION, "E11|I10|I11|I12|I13|I15");
    }

    @Test
    void alternativesOfOtherRestrictionsAreNotGuessed() {
        ParsedRestriction p = parse("限住院或二级以上医疗机构");
        assertThat(p.limits()).isEmpty();
        assertThat(p.unparsed()).containsExactly("限住院或二级以上医疗机构");

        ParsedRestriction list = parse("限以下情况之一：①住院使用；②三级医院使用");
        assertThat(list.limits()).isEmpty();
        assertThat(list.unparsed()).hasSize(1);

        notParsed("限2型糖尿病患者或重症感染");
    }

    @Test
    void groupsListedWithAndArePaidForEitherSoAreNotRestrictions() {
        notParsed("限儿童及吞咽困难者");
        notParsed("限儿童及青少年");
        fully("限2型糖尿病患者和高血压患者", LimitType.INDICATION, "E11|I10|I11|I12|I13|I15");
    }

    @Test
    void pointsCarryTheEntryDatesAndTheBasis() {
        LocalDate end = LocalDate.of(2025, 12, 31);
        ParsedRestriction p = PARSER.parse(new CatalogRestriction("X002", "黄体酮胶囊", " 限女性 ", BEGIN,
                Optional.of(end)));
        ItemLimit l = p.limits().get(0);
        assertThat(l.hilistCode()).isEqualTo("X002");
        assertThat(l.begndate()).isEqualTo(BEGIN);
        assertThat(l.enddate()).contains(end);
        assertThat(l.basis()).isEqualTo("医保目录限定支付范围：限女性");
        assertThat(l.kpId("KPC")).isEqualTo("KPCX002-GENDER-20240101");
    }

    @Test
    void chineseNumeralsUpToNinetyNine() {
        assertThat(ClauseReader.number("十")).isEqualTo(10);
        assertThat(ClauseReader.number("十四")).isEqualTo(14);
        assertThat(ClauseReader.number("六十五")).isEqualTo(65);
        assertThat(ClauseReader.number("两")).isEqualTo(2);
        assertThat(ClauseReader.number("三三")).isEqualTo(-1);
    }

    @Test
    void builtInDiseaseTableHasTheCommonCatalogueNamesWithValidPrefixes() {
        DiseaseTable t = DiseaseTable.builtIn();
        assertThat(t.size()).isGreaterThanOrEqualTo(80);
        Map<String, String> expected = Map.of("2型糖尿病", "E11", "1型糖尿病", "E10", "糖尿病", "E10|E11|E12|E13|E14",
                "高血压", "I10|I11|I12|I13|I15", "冠心病", "I20|I21|I22|I23|I24|I25", "缺血性脑卒中", "I63",
                "慢性阻塞性肺疾病", "J44", "类风湿关节炎", "M05|M06", "肺结核", "A15|A16", "哮喘", "J45|J46");
        expected.forEach((name, value) -> assertThat(t.prefixes(name).orElseThrow().value()).as(name).isEqualTo(value));
        assertThat(t.prefixes("恶性肿瘤").orElseThrow().codes()).hasSize(98).contains("C00", "C50", "C97");
        assertThat(t.prefixes("重症感染")).as("vague terms stay out of the table").isEmpty();
    }

    @Test
    void aDiseaseTableWithADottedCodeOrADuplicateNameIsRefused() {
        assertThatThrownBy(() -> DiseaseTable.read(new BufferedReader(new StringReader(
                "disease_name,icd10_prefixes,note\n慢性乙型肝炎,B18.1,\n")), "t.csv"))
                .hasMessageContaining("KB-002").hasMessageContaining("line 2");
        assertThatThrownBy(() -> DiseaseTable.read(new BufferedReader(new StringReader(
                "disease_name,icd10_prefixes,note\n哮喘,J45,\n哮喘,J46,\"a, b\"\n")), "t.csv"))
                .hasMessageContaining("listed twice");
    }

    @Test
    void aCustomDiseaseTableIsUsedByTheParser() throws IOException {
        DiseaseTable t = DiseaseTable.read(new BufferedReader(new StringReader(
                "disease_name,icd10_prefixes,note\n重症感染,A41,\"demo only, not shipped\"\n")), "t.csv");
        ParsedRestriction p = RestrictionParser.with(t).parse(new CatalogRestriction("X", "x",
                "限二级及以上医疗机构重症感染患者", BEGIN, Optional.empty()));
        assertThat(p.unparsed()).isEmpty();
        assertThat(p.limit(LimitType.INDICATION).orElseThrow().value()).isEqualTo("A41");
    }
}
