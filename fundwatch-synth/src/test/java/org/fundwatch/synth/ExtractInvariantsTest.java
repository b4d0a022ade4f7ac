package org.fundwatch.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.fundwatch.schema.Column;
import org.fundwatch.schema.ColumnType;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;
import org.junit.jupiter.api.Test;

/** Arithmetic, referential and formatting invariants of a generated extract (the ingest is strict). */
class ExtractInvariantsTest {

    private static final List<String> TYPES = List.of("OVER_PRICE_CAP", "GENDER_LIMIT", "AGE_LIMIT", "SETTING_LIMIT",
            "MEDINS_LEVEL_LIMIT", "INDICATION_LIMIT", "INSUTYPE_LIMIT", "NOT_COVERED", "QUANTITY_LIMIT", "COURSE_LIMIT",
            "HERBAL_SINGLE", "DUPLICATE_CHARGE", "UNBUNDLING", "FREQUENCY_LIMIT", "MISSING_ASSOCIATION", "SECOND_LINE",
            "DRUG_INTERACTION", "SPLIT_PRESCRIPTION", "SPLIT_ADMISSION", "OVERLAPPING_ADMISSION",
            "CLAIM_DURING_ADMISSION", "CLAIM_AFTER_DEATH", "CLAIM_IN_CUSTODY", "GHOST_BED", "HIGH_FREQUENCY",
            "DRUG_HOARDING", "IMPOSSIBLE_TRAVEL", "OFF_HOURS_SETTLEMENT", "CARD_COLLECTION", "STOCK_MISMATCH",
            "TRACE_CODE_REUSE", "PEER_OUTLIER", "INDUCED_ADMISSION", "GROUP_VISITS", "DUPLICATE_ENROLLMENT");

    private static TestingCsv t(String name) {
        return TestingExtract.table(name);
    }

    @Test
    void everyViolationTypeIsPlantedAtTwentyThousandPersons() {
        Map<String, Long> perType = new HashMap<>();
        for (String[] r : t("labels").rows) {
            perType.merge(r[0], 1L, Long::sum);
        }
        assertThat(perType.keySet()).containsExactlyInAnyOrderElementsOf(TYPES);
        for (String type : TYPES) {
            assertThat(perType.get(type)).as(type).isGreaterThanOrEqualTo(type.equals("PEER_OUTLIER") ? 3 : 10);
        }
        assertThat(TestingExtract.summary().labelsPerType()).isEqualTo(perType);
        assertThat(t("near_misses").rows).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void everyTableHasItsSchemaHeaderAndTheSummaryCountsItsRows() {
        for (Table table : ExchangeFormat.TABLES) {
            TestingCsv csv = t(table.name());
            assertThat(csv.header).as(table.name()).isEqualTo(table.columnNames());
            assertThat((long) csv.rows.size()).as(table.name())
                    .isEqualTo(TestingExtract.summary().rowsPerTable().get(table.name()));
            assertThat(csv.rows).as(table.name()).isNotEmpty();
            for (String[] r : csv.rows) {
                assertThat(r).hasSize(table.columns().size());
            }
        }
        assertThat(t("labels").header).isEqualTo(List.of("vola_bhvr_type", "feedetl_sn", "mdtrt_id", "psn_no",
                "certno", "fixmedins_code", "hilist_code", "period"));
    }

    @Test
    void valuesAreFormattedAsTheFormatRequires() {
        Map<ColumnType, Pattern> patterns = Map.of(
                ColumnType.DATE, Pattern.compile("\\d{4}-\\d{2}-\\d{2}"),
                ColumnType.TIMESTAMP, Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"),
                ColumnType.AMOUNT, Pattern.compile("-?\\d+\\.\\d{2}"),
                ColumnType.PRICE, Pattern.compile("\\d+(\\.\\d{1,6})?"),
                ColumnType.QUANTITY, Pattern.compile("-?\\d+(\\.\\d{1,4})?"),
                ColumnType.INTEGER, Pattern.compile("\\d+"),
                ColumnType.COORDINATE, Pattern.compile("\\d+\\.\\d{6}"),
                ColumnType.CLOCK_TIME, Pattern.compile("\\d{2}:\\d{2}"));
        for (Table table : ExchangeFormat.TABLES) {
            TestingCsv csv = t(table.name());
            for (int c = 0; c < table.columns().size(); c++) {
                Column col = table.columns().get(c);
                Pattern p = patterns.get(col.type());
                for (String[] r : csv.rows) {
                    if (col.required()) {
                        assertThat(r[c]).as(table.name() + "." + col.name()).isNotEmpty();
                    }
                    if (p != null && !r[c].isEmpty()) {
                        assertThat(r[c]).as(table.name() + "." + col.name()).matches(p);
                    }
                }
            }
        }
    }

    private static void assertUnique(String table, String... columns) {
        TestingCsv csv = t(table);
        Set<String> seen = new HashSet<>();
        for (String[] r : csv.rows) {
            StringBuilder key = new StringBuilder();
            for (String c : columns) {
                key.append(r[csv.col(c)]).append('\u0001');
            }
            assertThat(seen.add(key.toString())).as(table + " key " + key).isTrue();
        }
    }

    @Test
    void keysAreUnique() {
        assertUnique("psn_info", "psn_no", "insutype", "insu_begndate");
        assertUnique("medins_info", "fixmedins_code");
        assertUnique("med_list", "hilist_code", "begndate");
        assertUnique("mdtrt", "mdtrt_id");
        assertUnique("setl", "setl_id");
        assertUnique("feedetail", "feedetl_sn");
        assertUnique("diseinfo", "mdtrt_id", "diag_code");
        assertUnique("psn_approval", "aprv_no");
        assertUnique("ext_death", "certno");
        assertUnique("ext_custody", "certno", "begndate");
        Set<String> kp = new HashSet<>();
        for (String table : List.of("kb_item_limit", "kb_item_pair")) {
            for (String[] r : t(table).rows) {
                assertThat(kp.add(r[0])).as("kp_id " + r[0]).isTrue();
            }
        }
    }

    private static Set<String> values(String table, String column) {
        TestingCsv csv = t(table);
        Set<String> out = new HashSet<>();
        for (String[] r : csv.rows) {
            out.add(r[csv.col(column)]);
        }
        out.remove("");
        return out;
    }

    private static void assertResolves(Set<String> references, Set<String> targets) {
        Set<String> dangling = new HashSet<>(references);
        dangling.removeAll(targets);
        assertThat(dangling).isEmpty();
    }

    @Test
    void everyReferenceResolves() {
        assertResolves(values("mdtrt", "psn_no"), values("psn_info", "psn_no"));
        assertResolves(values("mdtrt", "fixmedins_code"), values("medins_info", "fixmedins_code"));
        assertResolves(values("setl", "mdtrt_id"), values("mdtrt", "mdtrt_id"));
        assertResolves(values("setl", "init_setl_id"), values("setl", "setl_id"));
        assertResolves(values("feedetail", "mdtrt_id"), values("mdtrt", "mdtrt_id"));
        assertResolves(values("feedetail", "setl_id"), values("setl", "setl_id"));
        assertResolves(values("feedetail", "init_feedetl_sn"), values("feedetail", "feedetl_sn"));
        assertResolves(values("feedetail", "med_list_codg"), values("med_list", "hilist_code"));
        assertResolves(values("diseinfo", "mdtrt_id"), values("mdtrt", "mdtrt_id"));
        assertResolves(values("inv_io", "fixmedins_code"), values("medins_info", "fixmedins_code"));
        assertResolves(values("psn_approval", "psn_no"), values("psn_info", "psn_no"));
        assertResolves(values("mdtrt", "mdtrt_id"), values("setl", "mdtrt_id"));
    }

    @Test
    void lineAmountsSettlementSplitsAndSettlementTotalsAddUpToTheCent() {
        TestingCsv fee = t("feedetail");
        Map<String, BigDecimal> perSetl = new HashMap<>();
        for (String[] f : fee.rows) {
            BigDecimal product = new BigDecimal(f[fee.col("cnt")]).multiply(new BigDecimal(f[fee.col("pric")]));
            BigDecimal amount = new BigDecimal(f[fee.col("det_item_fee_sumamt")]);
            assertThat(product.setScale(2, RoundingMode.HALF_UP)).as(f[0]).isEqualByComparingTo(amount);
            assertThat(product.setScale(2, RoundingMode.HALF_EVEN)).as(f[0] + " rounding-mode independent")
                    .isEqualByComparingTo(amount);
            BigDecimal own = new BigDecimal(f[fee.col("fulamt_ownpay_amt")]);
            assertThat(own.add(new BigDecimal(f[fee.col("inscp_scp_amt")]))).isEqualByComparingTo(amount);
            perSetl.merge(f[fee.col("setl_id")], amount, BigDecimal::add);
        }
        TestingCsv setl = t("setl");
        for (String[] s : setl.rows) {
            BigDecimal medfee = new BigDecimal(s[setl.col("medfee_sumamt")]);
            BigDecimal parts = new BigDecimal(s[setl.col("fund_pay_sumamt")])
                    .add(new BigDecimal(s[setl.col("acct_pay")])).add(new BigDecimal(s[setl.col("psn_cash_pay")]));
            assertThat(parts).as(s[0]).isEqualByComparingTo(medfee);
            assertThat(new BigDecimal(s[setl.col("hifp_pay")])).isEqualByComparingTo(s[setl.col("fund_pay_sumamt")]);
            assertThat(perSetl.getOrDefault(s[0], BigDecimal.ZERO)).as("lines of " + s[0]).isEqualByComparingTo(medfee);
        }
    }

    @Test
    void notCoveredLinesAreFullySelfPaidOutsideThePlantedCases() {
        Set<String> notCovered = new HashSet<>();
        TestingCsv list = t("med_list");
        for (String[] r : list.rows) {
            if (r[list.col("chrgitm_lv")].equals("03")) {
                notCovered.add(r[list.col("hilist_code")]);
            }
        }
        Set<String> planted = new HashSet<>();
        for (String[] l : t("labels").rows) {
            if (l[0].equals("NOT_COVERED")) {
                planted.add(l[1]);
            }
        }
        TestingCsv fee = t("feedetail");
        int checked = 0;
        for (String[] f : fee.rows) {
            if (notCovered.contains(f[fee.col("med_list_codg")]) && !planted.contains(f[0])) {
                assertThat(new BigDecimal(f[fee.col("fulamt_ownpay_amt")]))
                        .isEqualByComparingTo(f[fee.col("det_item_fee_sumamt")]);
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void feeLinesLieInsideTheirVisitAndBeforeTheirSettlement() {
        TestingCsv mdtrt = t("mdtrt");
        Map<String, String[]> visits = new HashMap<>();
        for (String[] m : mdtrt.rows) {
            String begin = m[mdtrt.col("begntime")];
            String end = m[mdtrt.col("endtime")];
            assertThat(end.compareTo(begin)).as(m[0]).isGreaterThanOrEqualTo(0);
            visits.put(m[0], new String[] {begin, end});
        }
        TestingCsv setl = t("setl");
        Map<String, String> setlTime = new HashMap<>();
        for (String[] s : setl.rows) {
            setlTime.put(s[0], s[setl.col("setl_time")]);
            String[] v = visits.get(s[setl.col("mdtrt_id")]);
            assertThat(s[setl.col("setl_time")].substring(0, 10)).isEqualTo(v[1].substring(0, 10));
        }
        TestingCsv fee = t("feedetail");
        for (String[] f : fee.rows) {
            String time = f[fee.col("fee_ocur_time")];
            String[] v = visits.get(f[fee.col("mdtrt_id")]);
            assertThat(time).as(f[0]).isBetween(v[0], v[1]);
            assertThat(time).as(f[0]).isLessThanOrEqualTo(setlTime.get(f[fee.col("setl_id")]));
        }
        TestingCsv psn = t("psn_info");
        for (String[] p : psn.rows) {
            assertThat(p[psn.col("insu_begndate")]).isGreaterThanOrEqualTo(p[psn.col("brdy")]);
        }
    }

    @Test
    void nothingHappensAfterTheLastGeneratedMonth() {
        String last = TestingExtract.START.plusMonths(TestingExtract.MONTHS - 1).atEndOfMonth() + " 23:59:59";
        for (Table table : ExchangeFormat.TABLES) {
            TestingCsv csv = t(table.name());
            for (int c = 0; c < table.columns().size(); c++) {
                Column col = table.columns().get(c);
                if (!col.has(Column.Check.NOT_FUTURE) && !col.name().equals("insu_begndate")
                        && !col.name().equals("fee_ocur_time") && !col.name().equals("endtime")) {
                    continue;
                }
                for (String[] r : csv.rows) {
                    assertThat(r[c]).as(table.name() + "." + col.name()).isLessThanOrEqualTo(last);
                }
            }
        }
    }

    @Test
    void negativeValuesOnlyOnRefundLinesAndReversalSettlements() {
        TestingCsv fee = t("feedetail");
        int refunds = 0;
        for (String[] f : fee.rows) {
            assertThat(new BigDecimal(f[fee.col("pric")])).isNotNegative();
            if (f[fee.col("cnt")].startsWith("-") || f[fee.col("det_item_fee_sumamt")].startsWith("-")) {
                assertThat(f[fee.col("init_feedetl_sn")]).as(f[0]).isNotEmpty();
                refunds++;
            }
        }
        assertThat(refunds).isPositive();
        TestingCsv setl = t("setl");
        List<String> reversals = new ArrayList<>();
        for (String[] s : setl.rows) {
            if (s[setl.col("medfee_sumamt")].startsWith("-")) {
                assertThat(s[setl.col("refd_setl_flag")]).isEqualTo("1");
                assertThat(s[setl.col("init_setl_id")]).isNotEmpty();
                reversals.add(s[0]);
            }
        }
        assertThat(reversals).isNotEmpty();
    }
}
