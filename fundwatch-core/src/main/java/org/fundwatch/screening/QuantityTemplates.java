package org.fundwatch.screening;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fundwatch.rules.Params;
import org.fundwatch.rules.Rule;

/**
 * 超用量/超频次/超疗程: quantities of one item against a knowledge point's maximum, counted in the order the lines
 * were billed. The lines beyond the limit are the violating ones; the amount is the excess units × the price.
 */
final class QuantityTemplates {

    private QuantityTemplates() {
    }

    /** Where quantities add up. */
    enum Window {
        /** 超用量: one item in one visit ({@code MAX_CNT_PER_VISIT}). */
        VISIT("MAX_CNT_PER_VISIT", "l.mdtrt_id, l.code", "o.mdtrt_id = l.mdtrt_id AND o.code = l.code", "本次就诊",
                "in the visit"),
        /** 超频次: one item on one day of one visit ({@code MAX_CNT_PER_DAY}). */
        DAY("MAX_CNT_PER_DAY", "l.mdtrt_id, l.code, l.fee_date",
                "o.mdtrt_id = l.mdtrt_id AND o.code = l.code AND o.fee_date = l.fee_date", "当日", "on the day");

        final String lmtType;
        final String partition;
        final String joinOn;
        final String zh;
        final String en;

        Window(String lmtType, String partition, String joinOn, String zh, String en) {
            this.lmtType = lmtType;
            this.partition = partition;
            this.joinOn = joinOn;
            this.zh = zh;
            this.en = en;
        }
    }

    /** Total quantity of an item per visit or per day above the knowledge point's maximum. */
    static final class QuantityLimit extends BaseTemplate implements InstantTemplate {
        record Config(Window window) {
            static Config from(Params p, Window defaultWindow) {
                return new Config(p.choice("per", Window.class, defaultWindow));
            }
        }

        private final Config config;

        QuantityLimit(Rule rule, Window defaultWindow) {
            super(rule);
            this.config = Config.from(rule.params(), defaultWindow);
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.limitType(config.window().lmtType));
        }

        @Override
        public String query(CompileContext ctx) {
            Window w = config.window();
            String excess = "least(q.cnt, q.cum - q.mx)";
            // The running sums are computed only for the groups whose total is above the maximum (a cheap
            // grouped pre-filter): most visits stay under it.
            return """
                    WITH k AS (SELECT l.*, k.kp_id, k.basis, CAST(k.lmt_value AS DECIMAL(18,4)) AS mx
                               FROM fw_p_line l
                               JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = '%2$s'
                                    AND l.fee_date BETWEEN k.begndate AND k.enddate),
                    over AS (SELECT %5$s FROM k l GROUP BY %1$s HAVING sum(l.cnt) > min(l.mx)),
                    q AS (
                      SELECT l.*,
                             sum(l.cnt) OVER (PARTITION BY %1$s ORDER BY l.fee_time, l.feedetl_sn
                                              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
                             sum(l.cnt) OVER (PARTITION BY %1$s) AS total
                      FROM k l WHERE EXISTS (SELECT 1 FROM over o WHERE %6$s))
                    SELECT %3$s
                    FROM q
                    WHERE q.cum > q.mx AND %4$s""".formatted(w.partition, w.lmtType,
                    RawSelect.line("q").set("kp_id", "q.kp_id").set("basis", "q.basis")
                            .set("vola_amt", excess + " * q.pric").set("line_amt", excess + " * q.pric")
                            .set("v1", "q.total").set("v2", "q.mx").set("v3", excess).set("v4", "q.fee_date").list(ctx.dialect()),
                    ctx.inWindow("q.setl_date"), w.partition.replace("l.", ""), w.joinOn);
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            if (!ctx.visit().hasLimitType(config.window().lmtType)) {
                return;
            }
            Window w = config.window();
            Map<List<Object>, List<Limited>> groups = new LinkedHashMap<>();
            for (LineView l : ctx.visit().linesWithLimit(w.lmtType)) {
                for (Knowledge.LimitPoint k : l.limits(w.lmtType)) {
                    List<Object> key = w == Window.VISIT ? List.of(l.code()) : List.of(l.code(), l.feeDate());
                    groups.computeIfAbsent(key, x -> new ArrayList<>())
                            .add(new Limited(l, k, new BigDecimal(k.lmtValue().trim())));
                }
            }
            for (List<Limited> group : groups.values()) {
                runningExcess(group, l -> l.max, (q, cum, total) -> {
                    BigDecimal excess = q.line.cnt().min(cum.subtract(q.max));
                    BigDecimal amount = excess.multiply(q.line.pric());
                    out.add(InstantRow.line(q.line).set("kp_id", q.point.kpId()).set("basis", q.point.basis().orElse(null))
                            .set("vola_amt", amount).set("line_amt", amount).set("v1", total).set("v2", q.max)
                            .set("v3", excess).set("v4", q.line.feeDate()));
                });
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            Window w = config.window();
            return new Explanation("项目" + item(r) + w.zh + "累计数量" + r.number("v1") + "，超过限量" + r.number("v2")
                    + "，本条明细超出" + r.number("v3"),
                    "Item " + itemEn(r) + ": " + r.number("v1") + " units " + w.en + ", above the maximum of "
                            + r.number("v2") + "; this line is " + r.number("v3") + " units beyond it", evidence(r));
        }
    }

    /** 超频次 (床日): bed-day units of a stay above its length of stay (discharge − admission, at least 1). */
    static final class BedDays extends BaseTemplate implements InstantTemplate {
        BedDays(Rule rule) {
            super(rule);
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.limitType("BED_DAY"));
        }

        @Override
        public String query(CompileContext ctx) {
            String excess = "least(q.cnt, q.cum - q.los)";
            return """
                    WITH b AS (SELECT l.*, k.kp_id, k.basis, greatest(%1$s, 1) AS los
                               FROM fw_p_line l
                               JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = 'BED_DAY'
                                    AND k.lmt_value = '1' AND l.fee_date BETWEEN k.begndate AND k.enddate
                               WHERE l.setting = 'INPATIENT'),
                    over AS (SELECT mdtrt_id FROM b GROUP BY mdtrt_id HAVING sum(cnt) > min(los)),
                    q AS (
                      SELECT b.*,
                             sum(b.cnt) OVER (PARTITION BY b.mdtrt_id ORDER BY b.fee_time, b.feedetl_sn
                                              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
                             sum(b.cnt) OVER (PARTITION BY b.mdtrt_id) AS total
                      FROM b WHERE EXISTS (SELECT 1 FROM over o WHERE o.mdtrt_id = b.mdtrt_id))
                    SELECT %2$s
                    FROM q
                    WHERE q.cum > q.los AND %3$s""".formatted(ctx.dialect().daysBetween("l.begn_date", "l.end_date"),
                    RawSelect.line("q").set("kp_id", "q.kp_id").set("basis", "q.basis")
                            .set("vola_amt", excess + " * q.pric").set("line_amt", excess + " * q.pric")
                            .set("v1", "q.total").set("v2", "q.los").set("v3", excess).list(ctx.dialect()),
                    ctx.inWindow("q.setl_date"));
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            if (!ctx.visit().hasLimitType("BED_DAY")) {
                return;
            }
            VisitView v = ctx.visit();
            if (v.setting() != org.fundwatch.schema.CareSetting.INPATIENT) {
                return;
            }
            BigDecimal los = BigDecimal.valueOf(Math.max(ChronoUnit.DAYS.between(v.begnDate(), v.claim().endDate()), 1));
            List<Limited> group = new ArrayList<>();
            for (LineView l : v.linesWithLimit("BED_DAY")) {
                for (Knowledge.LimitPoint k : l.limits("BED_DAY")) {
                    if ("1".equals(k.lmtValue())) {
                        group.add(new Limited(l, k, los));
                    }
                }
            }
            runningExcess(group, l -> los, (q, cum, total) -> {
                BigDecimal excess = q.line.cnt().min(cum.subtract(los));
                BigDecimal amount = excess.multiply(q.line.pric());
                out.add(InstantRow.line(q.line).set("kp_id", q.point.kpId()).set("basis", q.point.basis().orElse(null))
                        .set("vola_amt", amount).set("line_amt", amount).set("v1", total).set("v2", los)
                        .set("v3", excess));
            });
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("床位费等按日计费项目" + item(r) + "共计" + r.number("v1") + "日，超过住院天数" + r.number("v2")
                    + "日，本条明细超出" + r.number("v3") + "日",
                    "Bed-day item " + itemEn(r) + " billed for " + r.number("v1") + " days, above the length of stay of "
                            + r.number("v2") + " days; this line is " + r.number("v3") + " days beyond it", evidence(r));
        }
    }

    /** 超疗程: distinct days an item was billed to one patient in a calendar year above the maximum. */
    static final class CourseDays extends BaseTemplate implements InstantTemplate {
        CourseDays(Rule rule) {
            super(rule);
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.limitType("MAX_COURSE_DAYS"));
        }

        @Override
        public String query(CompileContext ctx) {
            return """
                    WITH c AS (SELECT l.*, k.kp_id, k.basis, CAST(k.lmt_value AS INTEGER) AS mx, year(l.fee_date) AS yr
                               FROM fw_p_line l
                               JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = 'MAX_COURSE_DAYS'
                                    AND l.fee_date BETWEEN k.begndate AND k.enddate),
                    over AS (SELECT psn_no, code, yr FROM c GROUP BY psn_no, code, yr
                             HAVING count(DISTINCT fee_date) > min(mx)),
                    q AS (
                      SELECT c.*, dense_rank() OVER (PARTITION BY c.psn_no, c.code, c.yr ORDER BY c.fee_date) AS day_no
                      FROM c WHERE EXISTS (SELECT 1 FROM over o WHERE o.psn_no = c.psn_no AND o.code = c.code AND o.yr = c.yr))
                    SELECT %s
                    FROM q
                    WHERE q.day_no > q.mx AND %s""".formatted(
                    RawSelect.line("q").set("kp_id", "q.kp_id").set("basis", "q.basis").set("v1", "q.day_no")
                            .set("v2", "q.mx").set("v3", "year(q.fee_date)").list(ctx.dialect()),
                    ctx.inWindow("q.setl_date"));
        }

        /**
         * The day number counts the distinct days the item was billed to the person in the year, over the history
         * and this visit, up to this line's day.
         */
        /** A calendar year. */
        @Override
        public int lookBackDays() {
            return 366;
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            if (!ctx.visit().hasLimitType("MAX_COURSE_DAYS")) {
                return;
            }
            for (LineView l : ctx.visit().linesWithLimit("MAX_COURSE_DAYS")) {
                for (Knowledge.LimitPoint k : l.limits("MAX_COURSE_DAYS")) {
                    int max = new BigDecimal(k.lmtValue().trim()).setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
                    TreeSet<LocalDate> days = new TreeSet<>();
                    List<VisitView> visits = new ArrayList<>(ctx.earlier());
                    visits.add(ctx.visit());
                    for (VisitView v : visits) {
                        for (LineView o : v.lines()) {
                            if (o.code().equals(l.code()) && o.feeDate().getYear() == l.feeDate().getYear()
                                    && !o.feeDate().isAfter(l.feeDate())
                                    && !o.limits("MAX_COURSE_DAYS").isEmpty()) {
                                days.add(o.feeDate());
                            }
                        }
                    }
                    if (days.size() > max) {
                        out.add(InstantRow.line(l).set("kp_id", k.kpId()).set("basis", k.basis().orElse(null))
                                .set("v1", days.size()).set("v2", max).set("v3", l.feeDate().getYear()));
                    }
                }
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("项目" + item(r) + "在" + r.text("v3") + "年内第" + r.text("v1") + "个计费日，超过全年限"
                    + r.text("v2") + "天", "Item " + itemEn(r) + " billed on a " + r.text("v1") + "th distinct day in "
                    + r.text("v3") + ", above the yearly maximum of " + r.text("v2") + " days", evidence(r));
        }
    }

    /** A line under a knowledge point, with the maximum the point sets. */
    private record Limited(LineView line, Knowledge.LimitPoint point, BigDecimal max) {
    }

    private interface ExcessSink {
        void accept(Limited line, BigDecimal cumulative, BigDecimal total);
    }

    /**
     * The batch running sum in Java: within a group, lines in billing order (time, then line number); every line
     * whose cumulative quantity passes the maximum is reported, when the group's total passes it at all.
     */
    private static void runningExcess(List<Limited> group, java.util.function.Function<Limited, BigDecimal> max,
                                      ExcessSink sink) {
        if (group.isEmpty()) {
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal minMax = null;
        for (Limited l : group) {
            total = total.add(l.line().cnt());
            BigDecimal m = max.apply(l);
            minMax = minMax == null || m.compareTo(minMax) < 0 ? m : minMax;
        }
        if (total.compareTo(minMax) <= 0) {
            return;
        }
        List<Limited> ordered = new ArrayList<>(group);
        ordered.sort(Comparator.comparing((Limited l) -> l.line().feeTime()).thenComparing(l -> l.line().sn()));
        BigDecimal cum = BigDecimal.ZERO;
        for (Limited l : ordered) {
            cum = cum.add(l.line().cnt());
            if (cum.compareTo(max.apply(l)) > 0) {
                sink.accept(l, cum, total);
            }
        }
    }
}
