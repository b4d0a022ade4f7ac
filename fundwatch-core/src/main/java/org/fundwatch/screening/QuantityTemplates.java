package org.fundwatch.screening;

import java.util.List;
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
    static final class QuantityLimit extends BaseTemplate {
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
                            .set("v1", "q.total").set("v2", "q.mx").set("v3", excess).set("v4", "q.fee_date").list(),
                    ctx.inWindow("q.setl_date"), w.partition.replace("l.", ""), w.joinOn);
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
    static final class BedDays extends BaseTemplate {
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
                            .set("v1", "q.total").set("v2", "q.los").set("v3", excess).list(),
                    ctx.inWindow("q.setl_date"));
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
    static final class CourseDays extends BaseTemplate {
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
                            .set("v2", "q.mx").set("v3", "year(q.fee_date)").list(),
                    ctx.inWindow("q.setl_date"));
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("项目" + item(r) + "在" + r.text("v3") + "年内第" + r.text("v1") + "个计费日，超过全年限"
                    + r.text("v2") + "天", "Item " + itemEn(r) + " billed on a " + r.text("v1") + "th distinct day in "
                    + r.text("v3") + ", above the yearly maximum of " + r.text("v2") + " days", evidence(r));
        }
    }
}
