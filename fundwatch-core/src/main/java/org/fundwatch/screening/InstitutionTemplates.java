package org.fundwatch.screening;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.fundwatch.rules.Grain;
import org.fundwatch.rules.Params;
import org.fundwatch.rules.Rule;

/**
 * Institution behaviour (DOMAIN.md §3.4): settlements outside business hours, card collection, stock that does not
 * cover what the fund paid for, traceability codes sold twice and induced admissions. Batch-only templates: each
 * reads the shared relations (no pass) and decides over many visits at once.
 */
final class InstitutionTemplates {
    private InstitutionTemplates() {
    }

    /** Settled visits with their net fee: the settlements the institution-level models count. */
    private static final String SETTLED = """
            (SELECT v.*, CAST(s.net_fee AS DECIMAL(18,2)) AS fee FROM fw_visit v JOIN fw_setl s ON s.mdtrt_id = v.mdtrt_id
             WHERE v.setl_id IS NOT NULL)""";

    /** Minute of the day of a TIMESTAMP. */
    private static String minuteOfDay(String t) {
        return "(hour(" + t + ") * 60 + minute(" + t + "))";
    }

    /**
     * 非营业时间刷卡 / 开闭店集中刷卡: a pharmacy's settlements outside its business hours ({@code open_time} –
     * {@code close_time}, the closing minute still open); or, among pharmacies with at least {@code min_settlements}
     * settlements in the month, a share of settlements in the first and last opening hour ({@code edge_minutes})
     * with robust z ≥ {@code min_z} and ≥ {@code min_ratio} × the median share (MAD at least {@code mad_floor} of
     * the median). Grain institution + month; the amount is the fund payment of the off-hours settlements.
     */
    static final class OffHoursSettlement extends BaseTemplate {
        record Config(int minSettlements, int edgeMinutes, BigDecimal minZ, BigDecimal minRatio, BigDecimal madFloor) {
            static Config from(Params p) {
                return new Config(p.integer("min_settlements", 20), p.integer("edge_minutes", 60),
                        p.decimal("min_z", new BigDecimal("3")), p.decimal("min_ratio", new BigDecimal("2")),
                        p.decimal("mad_floor", new BigDecimal("0.05")));
            }
        }

        private final Config config;

        OffHoursSettlement(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public Grain grain() {
            return Grain.INSTITUTION_MONTH;
        }

        @Override
        public PeriodUnit periodUnit() {
            return PeriodUnit.MONTH;
        }

        @Override
        public Set<Pass> passes() {
            return Set.of();
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.query("medins_info", "SELECT count(*) FROM medins_info WHERE fixmedins_type = '2'"
                    + " AND open_time IS NOT NULL AND close_time IS NOT NULL",
                    "no pharmacy with business hours (open_time, close_time) in medins_info", kb -> false));
        }

        @Override
        public String query(CompileContext ctx) {
            SqlDialect d = ctx.dialect();
            String month = d.monthText("s.setl_date");
            return """
                    WITH s AS (SELECT x.*, %s AS mod, %s AS open_min, %s AS close_min, i.open_time, i.close_time
                               FROM %s x JOIN medins_info i ON i.fixmedins_code = x.fixmedins_code
                               WHERE x.fixmedins_type = '2' AND i.open_time IS NOT NULL AND i.close_time IS NOT NULL),
                    m AS (SELECT fixmedins_code, %s AS month, min(fixmedins_type) AS fixmedins_type,
                                 min(medins_lv) AS medins_lv, min(open_time) AS open_time, min(close_time) AS close_time,
                                 count(*) AS n,
                                 count(*) FILTER (WHERE mod < open_min OR mod > close_min) AS n_out,
                                 sum(fund_amt) FILTER (WHERE mod < open_min OR mod > close_min) AS amt_out,
                                 min(setl_date) FILTER (WHERE mod < open_min OR mod > close_min) AS first_out,
                                 %16$s AS times_out,
                                 count(*) FILTER (WHERE mod >= open_min AND mod < open_min + %d
                                                     OR mod <= close_min AND mod > close_min - %d) * 1.0 / count(*) AS edge,
                                 min(setl_date) AS first_day
                          FROM s GROUP BY fixmedins_code, %s),
                    p AS (SELECT month, median(edge) AS med FROM m WHERE n >= %d GROUP BY month),
                    q AS (SELECT m.month, median(abs(m.edge - p.med)) AS mad, count(*) AS peers
                          FROM m JOIN p ON p.month = m.month WHERE m.n >= %d GROUP BY m.month),
                    z AS (SELECT m.*, p.med, q.peers,
                                 (m.edge - p.med) / (1.4826 * greatest(q.mad, %s * p.med)) AS z
                          FROM m JOIN p ON p.month = m.month JOIN q ON q.month = m.month
                          WHERE m.n >= %d AND p.med > 0),
                    hit AS (SELECT fixmedins_code, fixmedins_type, medins_lv, first_out AS day, amt_out AS amt,
                                   'OUTSIDE' AS kind, %17$s AS a, %18$s AS b,
                                   substr(%19$s, 1, 5) || '–' || substr(%20$s, 1, 5) || ' ' || times_out AS c
                            FROM m WHERE n_out > 0
                            UNION ALL
                            SELECT fixmedins_code, fixmedins_type, medins_lv, first_day, NULL, 'EDGE',
                                   %21$s, %22$s,
                                   %23$s || ' ' || %18$s || ' ' || %24$s
                            FROM z WHERE z >= %s AND edge >= %s * med)
                    SELECT %s FROM hit""".formatted(minuteOfDay("x.setl_time"), d.clockMinutes("i.open_time"),
                    d.clockMinutes("i.close_time"), SETTLED, month, config.edgeMinutes(), config.edgeMinutes(),
                    d.monthText("setl_date"), config.minSettlements(), config.minSettlements(),
                    config.madFloor().toPlainString(), config.minSettlements(), config.minZ().toPlainString(),
                    config.minRatio().toPlainString(),
                    RawSelect.empty().set("fixmedins_code", "hit.fixmedins_code")
                            .set("fixmedins_type", "hit.fixmedins_type").set("medins_lv", "hit.medins_lv")
                            .set("occur_date", "hit.day").set("occur_time", "hit.day").set("vola_amt", "hit.amt")
                            .set("v1", "hit.kind").set("v2", "hit.a").set("v3", "hit.b").set("v4", "hit.c").list(ctx.dialect()),
                    // a CASE rather than FILTER: Spark 4.1 fails on listagg … WITHIN GROUP … FILTER; both skip the NULLs
                    d.stringAgg("CASE WHEN mod < open_min OR mod > close_min THEN "
                            + d.formatTime("setl_time", "MM-dd HH:mm") + " END", "', '", "setl_time", false),
                    d.toText("n_out"), d.toText("n"), d.toText("open_time"), d.toText("close_time"),
                    d.toText(d.roundDouble("edge", 4)), d.toText(d.roundDouble("med", 4)), d.toText(d.roundDouble("z", 2)), d.toText("peers"));
        }

        @Override
        public Explanation explain(RawRow r) {
            if (r.text("v1").equals("OUTSIDE")) {
                String[] c = r.text("v4").split(" ", 2);
                return new Explanation("药店当月" + r.text("v2") + "笔结算（共" + r.text("v3") + "笔）发生在营业时间" + c[0]
                        + "之外：" + c[1], r.text("v2") + " of the pharmacy's " + r.text("v3")
                        + " settlements this month fall outside its business hours " + c[0] + ": " + c[1], rule.basis());
            }
            String[] c = r.text("v4").split(" ");
            return new Explanation("药店当月" + c[1] + "笔结算中开店后与闭店前" + config.edgeMinutes() + "分钟内的占比为"
                    + r.text("v2") + "，同期" + c[2] + "家药店中位数为" + r.text("v3") + "，稳健Z值" + c[0] + "（阈值"
                    + config.minZ().toPlainString() + "，且不低于中位数的" + config.minRatio().toPlainString() + "倍）",
                    "Share of settlements in the first and last " + config.edgeMinutes() + " opening minutes "
                            + r.text("v2") + " of " + c[1] + " settlements; median of " + c[2] + " pharmacies "
                            + r.text("v3") + ", robust z " + c[0] + " (threshold " + config.minZ().toPlainString()
                            + ", and at least " + config.minRatio().toPlainString() + " × the median)", rule.basis());
        }
    }

    /**
     * 聚敛盗刷社保卡: at least {@code min_cards} different cards settled at one pharmacy within {@code window_minutes}
     * with near-identical amounts (the largest at most {@code max_spread} above the smallest). Grain institution +
     * day; one finding per pharmacy and day (its largest such cluster), the amount is the fund payment of its
     * settlements. A cluster is found from each settlement as the window's start and each amount in the window as
     * the band's floor. Settlements are bucketed per pharmacy by {@code window_minutes} and joined with their own and
     * the next bucket only (an equi-join), so the work is quadratic in the settlements of one pharmacy within two
     * windows, never in those of a day.
     */
    static final class CardCollection extends BaseTemplate {
        record Config(int minCards, int windowMinutes, BigDecimal maxSpread) {
            static Config from(Params p) {
                return new Config(p.integer("min_cards", 10), p.integer("window_minutes", 10),
                        p.decimal("max_spread", new BigDecimal("0.05")));
            }
        }

        private final Config config;

        CardCollection(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public Grain grain() {
            return Grain.INSTITUTION_DAY;
        }

        @Override
        public Set<Pass> passes() {
            return Set.of();
        }

        @Override
        public String query(CompileContext ctx) {
            SqlDialect d = ctx.dialect();
            return """
                    WITH s AS (SELECT mdtrt_id, psn_no, fixmedins_code, fixmedins_type, medins_lv, setl_time, setl_date,
                                      fee, fund_amt, CAST(floor(%s / %d) AS BIGINT) AS bucket
                               FROM %s x WHERE x.fixmedins_type = '2' AND x.fee > 0),
                    w AS (SELECT a.mdtrt_id AS anchor, b.mdtrt_id, b.psn_no, b.fee, b.setl_time, b.fund_amt
                          FROM s a
                          JOIN (SELECT s.*, s.bucket + o.k AS near FROM s CROSS JOIN (VALUES (0), (-1)) o(k)) b
                            ON b.fixmedins_code = a.fixmedins_code AND b.near = a.bucket
                          WHERE b.setl_date = a.setl_date AND b.setl_time >= a.setl_time AND %s <= %d),
                    c AS (SELECT lo.anchor, lo.fee AS floor_fee, count(DISTINCT m.psn_no) AS cards,
                                 min(m.setl_time) AS t0, max(m.setl_time) AS t1, min(m.fee) AS fee0, max(m.fee) AS fee1,
                                 sum(m.fund_amt) AS amt,
                                 %9$s AS people
                          FROM w lo JOIN w m ON m.anchor = lo.anchor AND m.fee >= lo.fee AND m.fee <= lo.fee * (1 + %s)
                          GROUP BY lo.anchor, lo.fee HAVING count(DISTINCT m.psn_no) >= %d),
                    best AS (SELECT s.fixmedins_code, s.fixmedins_type, s.medins_lv, s.setl_date, c.*,
                                    row_number() OVER (PARTITION BY s.fixmedins_code, s.setl_date
                                                       ORDER BY c.cards DESC, c.t0, c.floor_fee, c.anchor) AS rn
                             FROM c JOIN s ON s.mdtrt_id = c.anchor)
                    SELECT %s FROM best WHERE rn = 1""".formatted(
                    d.secondsBetween("TIMESTAMP '1970-01-01 00:00:00'", "x.setl_time"), config.windowMinutes() * 60,
                    SETTLED, d.secondsBetween("a.setl_time", "b.setl_time"),
                    config.windowMinutes() * 60, config.maxSpread().toPlainString(), config.minCards(),
                    RawSelect.empty().set("fixmedins_code", "best.fixmedins_code")
                            .set("fixmedins_type", "best.fixmedins_type").set("medins_lv", "best.medins_lv")
                            .set("occur_date", "best.setl_date").set("occur_time", "best.t0").set("vola_amt", "best.amt")
                            .set("v1", "best.cards")
                            .set("v2", d.formatTime("best.t0", "HH:mm:ss") + " || '–' || " + d.formatTime("best.t1", "HH:mm:ss"))
                            .set("v3", d.toText("best.fee0") + " || '–' || " + d.toText("best.fee1"))
                            .set("v4", "best.people").list(ctx.dialect()),
                    d.stringAgg("m.psn_no", "','", "m.psn_no", true));
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation(r.text("occur_date") + " " + r.text("v2") + "（" + config.windowMinutes() + "分钟内）"
                    + r.text("v1") + "张不同社保卡在本药店结算，金额几乎相同（" + r.text("v3") + "元）：" + r.text("v4"),
                    r.text("v1") + " different cards settled at this pharmacy on " + r.text("occur_date") + " "
                            + r.text("v2") + " (within " + config.windowMinutes()
                            + " minutes) with near-identical amounts (" + r.text("v3") + " yuan): " + r.text("v4"),
                    rule.basis());
        }
    }

    /**
     * 进销存不符: for an institution that reports stock ({@code inv_io}), the net units of an item on its fee lines
     * (what the fund paid for) above opening stocktake + purchases − purchase returns + sale returns (3501 + 3503 −
     * 3504 + 3506), over all the data up to its last sale, by more than {@code tolerance} units. Grain institution
     * + item, reported in the month of the last sale; the amount is the excess units at the average price.
     */
    static final class StockMismatch extends BaseTemplate {
        record Config(BigDecimal tolerance) {
            static Config from(Params p) {
                return new Config(p.decimal("tolerance", BigDecimal.ZERO));
            }
        }

        private final Config config;

        StockMismatch(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public Grain grain() {
            return Grain.INSTITUTION_ITEM;
        }

        @Override
        public PeriodUnit periodUnit() {
            return PeriodUnit.MONTH;
        }

        @Override
        public Set<Pass> passes() {
            return Set.of();
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.table("inv_io", kb -> false));
        }

        @Override
        public String query(CompileContext ctx) {
            return """
                    WITH stock AS (SELECT fixmedins_code, med_list_codg AS code,
                                          sum(CASE inv_type WHEN '3501' THEN cnt WHEN '3503' THEN cnt WHEN '3504' THEN -cnt
                                                            WHEN '3506' THEN cnt ELSE 0 END) AS units_in,
                                          sum(CASE WHEN inv_type IN ('3503', '3504') THEN 1 ELSE 0 END) AS moves
                                   FROM inv_io GROUP BY fixmedins_code, med_list_codg),
                    v AS (SELECT * FROM fw_visit WHERE fixmedins_code IN (SELECT fixmedins_code FROM inv_io)),
                    sold AS (SELECT v.fixmedins_code, l.code, min(l.medins_list_name) AS name, sum(l.cnt) AS units,
                                    sum(l.amt) AS amt, max(v.setl_date) AS last_day, min(v.fixmedins_type) AS fixmedins_type,
                                    min(v.medins_lv) AS medins_lv
                             FROM fw_line l JOIN v ON v.mdtrt_id = l.mdtrt_id
                             GROUP BY v.fixmedins_code, l.code)
                    SELECT %s
                    FROM sold LEFT JOIN stock ON stock.fixmedins_code = sold.fixmedins_code AND stock.code = sold.code
                    LEFT JOIN (SELECT hilist_code, min(hilist_name) AS hilist_name FROM fw_catalog GROUP BY hilist_code) c
                           ON c.hilist_code = sold.code
                    WHERE sold.units > coalesce(stock.units_in, 0) + %s""".formatted(
                    RawSelect.empty().set("fixmedins_code", "sold.fixmedins_code").set("hilist_code", "sold.code")
                            .set("hilist_name", "coalesce(c.hilist_name, sold.name)")
                            .set("fixmedins_type", "sold.fixmedins_type").set("medins_lv", "sold.medins_lv")
                            .set("occur_date", "sold.last_day").set("occur_time", "sold.last_day")
                            .set("vola_amt", "(sold.units - coalesce(stock.units_in, 0)) * sold.amt / sold.units")
                            .set("v1", "sold.units").set("v2", "coalesce(stock.units_in, 0)")
                            .set("v3", "sold.units - coalesce(stock.units_in, 0)").list(ctx.dialect()),
                    config.tolerance().toPlainString());
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("截至" + r.text("occur_date") + "，" + item(r) + "医保结算" + r.number("v1")
                    + "单位，而期初盘存+采购−采购退货+销售退货仅" + r.number("v2") + "单位，超出" + r.number("v3")
                    + "单位（进销存不符，疑似串换或虚假销售）",
                    "Up to " + r.text("occur_date") + ", " + itemEn(r) + ": " + r.number("v1")
                            + " units settled with the fund, but opening stock + purchases − returns + sale returns is only "
                            + r.number("v2") + " (" + r.number("v3") + " units more sold than stocked)", rule.basis());
        }
    }

    /**
     * 追溯码重复: one drug traceability code ({@code drug_trac_codg}) on net fee lines of two different settlements
     * (a resold box). Every line after the first (by fee time) is reported, naming the first as involved; lines of
     * one settlement sharing a code (one box over two lines) are not.
     */
    static final class TraceCodeReuse extends BaseTemplate {
        TraceCodeReuse(Rule rule) {
            super(rule);
        }

        @Override
        public Set<Pass> passes() {
            return Set.of();
        }

        @Override
        public String query(CompileContext ctx) {
            RawSelect later = RawSelect.line("t").set("v1", "t.trac").set("v2", "t.first_sn")
                    .set("v3", ctx.dialect().formatTime("t.first_time", "yyyy-MM-dd HH:mm")).set("v4", "t.first_inst");
            return """
                    WITH l AS (SELECT f.drug_trac_codg AS trac, x.*, v.certno, v.fixmedins_code, v.fixmedins_type,
                                      v.medins_lv, v.med_type, v.setting, v.insutype, v.setl_date,
                                      x.medins_list_name AS hilist_name,
                                      coalesce(x.setl_id, v.setl_id, x.mdtrt_id) AS setl_key
                               FROM feedetail f JOIN fw_line x ON x.feedetl_sn = f.feedetl_sn
                               JOIN fw_visit v ON v.mdtrt_id = x.mdtrt_id
                               WHERE f.drug_trac_codg IS NOT NULL AND f.drug_trac_codg <> ''
                                 AND f.drug_trac_codg IN (SELECT drug_trac_codg FROM feedetail
                                                          WHERE drug_trac_codg IS NOT NULL AND init_feedetl_sn IS NULL
                                                          GROUP BY drug_trac_codg HAVING count(*) > 1)),
                    o AS (SELECT l.*, first_value(setl_key) OVER w AS first_setl, first_value(feedetl_sn) OVER w AS first_sn,
                                 first_value(fee_time) OVER w AS first_time, first_value(fixmedins_code) OVER w AS first_inst
                          FROM l WINDOW w AS (PARTITION BY trac ORDER BY fee_time, feedetl_sn)),
                    t AS (SELECT * FROM o WHERE setl_key <> first_setl)
                    SELECT %s FROM t
                    UNION ALL
                    SELECT %s FROM t JOIN o f ON f.feedetl_sn = t.first_sn""".formatted(later.list(ctx.dialect()),
                    later.involvedLine("f").list(ctx.dialect()));
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation(item(r) + "的药品追溯码" + r.text("v1") + "已于" + r.text("v3") + "在机构" + r.text("v4")
                    + "的另一笔结算（明细" + r.text("v2") + "）中销售，同一追溯码重复结算",
                    itemEn(r) + ": traceability code " + r.text("v1") + " was already sold on " + r.text("v3")
                            + " at " + r.text("v4") + " in another settlement (line " + r.text("v2") + ")",
                    rule.basis());
        }
    }

    /**
     * 诱导住院: at least {@code min_people} people aged ≥ {@code min_age} with the same address ({@code addr})
     * admitted to one institution within {@code window_days} days of each other, each stay at most
     * {@code max_stay_days} days. Grain institution + month (of the first admission); the amount is the fund
     * payment of the stays of the largest such cluster.
     */
    static final class InducedAdmission extends BaseTemplate {
        record Config(int minPeople, int minAge, int windowDays, int maxStayDays) {
            static Config from(Params p) {
                return new Config(p.integer("min_people", 5), p.integer("min_age", 60), p.integer("window_days", 2),
                        p.integer("max_stay_days", 7));
            }
        }

        private final Config config;

        InducedAdmission(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public Grain grain() {
            return Grain.INSTITUTION_MONTH;
        }

        @Override
        public PeriodUnit periodUnit() {
            return PeriodUnit.MONTH;
        }

        @Override
        public Set<Pass> passes() {
            return Set.of();
        }

        @Override
        public String query(CompileContext ctx) {
            SqlDialect d = ctx.dialect();
            return """
                    WITH a AS (SELECT p.addr, v.* FROM fw_visit v
                               JOIN (SELECT psn_no, min(addr) AS addr FROM psn_info WHERE addr IS NOT NULL AND addr <> ''
                                     GROUP BY psn_no) p ON p.psn_no = v.psn_no
                               WHERE v.setting = 'INPATIENT' AND v.setl_id IS NOT NULL
                                 AND %s <= %d AND %s >= %d),
                    c AS (SELECT x.mdtrt_id AS anchor, count(DISTINCT y.psn_no) AS people, sum(y.fund_amt) AS amt,
                                 max(y.begn_date) AS last_day,
                                 %10$s AS members
                          FROM a x JOIN a y ON y.fixmedins_code = x.fixmedins_code AND y.addr = x.addr
                           AND y.begn_date >= x.begn_date AND %s <= %d
                          GROUP BY x.mdtrt_id HAVING count(DISTINCT y.psn_no) >= %d),
                    best AS (SELECT a.fixmedins_code, a.fixmedins_type, a.medins_lv, a.addr, a.begn_date, a.begntime, c.*,
                                    row_number() OVER (PARTITION BY a.fixmedins_code, %s
                                                       ORDER BY c.people DESC, a.begn_date, a.addr, c.anchor) AS rn
                             FROM c JOIN a ON a.mdtrt_id = c.anchor)
                    SELECT %s FROM best WHERE rn = 1""".formatted(d.daysBetween("v.begn_date", "v.end_date"),
                    config.maxStayDays(), CompileContext.ageOn("v.brdy", "v.begn_date"), config.minAge(),
                    d.daysBetween("x.begn_date", "y.begn_date"), config.windowDays(), config.minPeople(),
                    d.monthText("a.begn_date"),
                    RawSelect.empty().set("fixmedins_code", "best.fixmedins_code")
                            .set("fixmedins_type", "best.fixmedins_type").set("medins_lv", "best.medins_lv")
                            .set("occur_date", "best.begn_date").set("occur_time", "best.begntime")
                            .set("vola_amt", "best.amt").set("v1", "best.people")
                            .set("v2", d.toText("best.begn_date") + " || '–' || " + d.toText("best.last_day"))
                            .set("v3", "best.addr").set("v4", "best.members").list(ctx.dialect()),
                    d.stringAgg("y.psn_no", "','", "y.psn_no", true));
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation(r.text("v2") + "同一住址（" + r.text("v3") + "）的" + r.text("v1") + "名" + config.minAge()
                    + "岁以上参保人在" + config.windowDays() + "日内相继入住本院，住院均不超过" + config.maxStayDays()
                    + "日，疑似诱导住院：" + r.text("v4"),
                    r.text("v1") + " people aged " + config.minAge() + "+ from one address (" + r.text("v3")
                            + ") admitted within " + config.windowDays() + " days (" + r.text("v2") + "), each stay ≤ "
                            + config.maxStayDays() + " days: " + r.text("v4"), rule.basis());
        }
    }
}
