package org.fundwatch.screening;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.fundwatch.schema.CareSetting;
import org.fundwatch.rules.Grain;
import org.fundwatch.rules.Params;
import org.fundwatch.rules.Rule;

/**
 * Patient timeline templates (DOMAIN.md §3.3) over visits net of reversals. A visit finding's amount is the visit's
 * fund payment (pooled funds plus personal account, {@code fund_pay_sumamt + acct_pay}, net of reversals); its
 * lines are not listed, the whole visit being in question.
 */
final class TimelineTemplates {

    private TimelineTemplates() {
    }

    abstract static class VisitTemplate extends BaseTemplate {
        VisitTemplate(Rule rule) {
            super(rule);
        }

        @Override
        public Grain grain() {
            return Grain.VISIT;
        }

        @Override
        public Set<Pass> passes() {
            return Set.of();
        }

        String evidence() {
            return rule.basis();
        }

        /**
         * In real time a visit is compared with the person's visits of about its time: a day, stays being covered
         * by the history's allowance for the longest stay.
         */
        public int lookBackDays() {
            return 1;
        }
    }

    /** Findings per person and month (the month of the window's last day). */
    abstract static class PersonMonthTemplate extends BaseTemplate {
        PersonMonthTemplate(Rule rule) {
            super(rule);
        }

        @Override
        public Grain grain() {
            return Grain.PERSON;
        }

        @Override
        public PeriodUnit periodUnit() {
            return PeriodUnit.MONTH;
        }

        /**
         * In real time a person-month window raises the batch finding's id with the values so far (see {@link
         * InstantTemplate#exact()}).
         */
        public boolean exact() {
            return false;
        }
    }

    /** A stay's end ({@code v4}), or 今 for a stay still open in real time. */
    private static String until(RawRow r) {
        return r.text("v4").isEmpty() ? "今" : r.text("v4");
    }

    private static String untilEn(RawRow r) {
        return r.text("v4").isEmpty() ? "now (not discharged)" : r.text("v4");
    }

    private static final String STAYS = "(SELECT * FROM fw_visit WHERE setting = 'INPATIENT')";

    /** 分解住院: readmission to the same institution with the same main diagnosis (first N characters) 0–N days after discharge. */
    static final class Readmission extends VisitTemplate implements InstantTemplate {
        record Config(int maxGapDays, int diagnosisChars) {
            static Config from(Params p) {
                return new Config(p.integer("max_gap_days", 15), p.integer("diagnosis_chars", 3));
            }
        }

        private final Config config;

        Readmission(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public String query(CompileContext ctx) {
            String gap = ctx.dialect().daysBetween("a.end_date", "b.begn_date");
            int n = config.diagnosisChars();
            return """
                    SELECT %s
                    FROM %s a JOIN %s b ON a.psn_no = b.psn_no AND a.fixmedins_code = b.fixmedins_code
                         AND a.mdtrt_id <> b.mdtrt_id AND substr(a.maindiag, 1, %d) = substr(b.maindiag, 1, %d)
                    WHERE length(a.maindiag) >= %d AND b.begn_date >= a.begn_date AND %s BETWEEN 0 AND %d AND %s"""
                    .formatted(RawSelect.visit("b").noLine().set("v1", "a.mdtrt_id").set("v2", "a.end_date")
                                    .set("v3", gap).set("v4", "b.maindiag_code").list(ctx.dialect()), STAYS, STAYS, n, n, n, gap,
                            config.maxGapDays(), ctx.inWindow("b.setl_date"));
        }

        /** This stay against the person's earlier stays at the same institution. */
        @Override
        public int lookBackDays() {
            return config.maxGapDays() + 1;
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            VisitView b = ctx.visit();
            int n = config.diagnosisChars();
            if (b.setting() != CareSetting.INPATIENT) {
                return;
            }
            String bDiag = prefix(b.mainDiagnosis(), n);
            for (VisitView a : ctx.earlier()) {
                if (a.setting() != CareSetting.INPATIENT || a.open()
                        || !a.claim().institution().code().equals(b.claim().institution().code())
                        || a.mainDiagnosis().length() < n || !prefix(a.mainDiagnosis(), n).equals(bDiag)
                        || b.begnDate().isBefore(a.begnDate())) {
                    continue;
                }
                long gap = ChronoUnit.DAYS.between(a.claim().endDate(), b.begnDate());
                if (gap >= 0 && gap <= config.maxGapDays()) {
                    out.add(InstantRow.visit(b).set("v1", a.claim().mdtrtId()).set("v2", a.claim().endDate())
                            .set("v3", gap).set("v4", b.claim().maindiagCode().orElse(null)));
                }
            }
        }

        private static String prefix(String diagnosis, int n) {
            return diagnosis.length() <= n ? diagnosis : diagnosis.substring(0, n);
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("出院（" + r.text("v2") + "，就诊" + r.text("v1") + "）后" + r.text("v3")
                    + "天再次入住同一机构，主诊断" + r.text("v4") + "相同，疑似分解住院，本次住院基金支付" + r.number("vola_amt") + "元",
                    "Readmitted to the same institution " + r.text("v3") + " days after discharge on " + r.text("v2")
                            + " (visit " + r.text("v1") + ") with the same main diagnosis " + r.text("v4")
                            + "; fund payment of the readmission " + r.number("vola_amt") + " yuan", evidence());
        }
    }

    /** 重复住院: two stays of one person at different institutions overlapping by at least one night; both reported. */
    static final class OverlappingStays extends VisitTemplate implements InstantTemplate {
        OverlappingStays(Rule rule) {
            super(rule);
        }

        @Override
        public String query(CompileContext ctx) {
            return """
                    SELECT %s
                    FROM %s a JOIN %s b ON a.psn_no = b.psn_no AND a.fixmedins_code <> b.fixmedins_code
                         AND a.mdtrt_id <> b.mdtrt_id
                    WHERE a.begn_date < b.end_date AND b.begn_date < a.end_date AND %s""".formatted(
                    RawSelect.visit("a").noLine().set("v1", "b.mdtrt_id").set("v2", "b.fixmedins_code")
                            .set("v3", "b.begn_date").set("v4", "b.end_date").list(ctx.dialect()), STAYS, STAYS,
                    ctx.inWindow("a.setl_date"));
        }

        /** This stay against the earlier stays the history holds (the earlier stay is reported when it was reviewed). */
        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            VisitView a = ctx.visit();
            if (a.setting() != CareSetting.INPATIENT) {
                return;
            }
            for (VisitView b : ctx.earlier()) {
                if (b.setting() == CareSetting.INPATIENT
                        && !b.claim().institution().code().equals(a.claim().institution().code())
                        && (b.open() || a.begnDate().isBefore(b.claim().endDate()))
                        && b.begnDate().isBefore(a.claim().endDate())) {
                    out.add(InstantRow.visit(a).set("v1", b.claim().mdtrtId()).set("v2", b.claim().institution().code())
                            .set("v3", b.begnDate()).set("v4", b.open() ? null : b.claim().endDate()));
                }
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("本次住院与在机构" + r.text("v2") + "的住院（就诊" + r.text("v1") + "，" + r.text("v3")
                    + "至" + until(r) + "）时间重叠", "This stay overlaps the stay " + r.text("v1")
                    + " at institution " + r.text("v2") + " from " + r.text("v3") + " to " + untilEn(r), evidence());
        }
    }

    /** 住院期间门诊/购药: an outpatient or pharmacy settlement dated strictly inside an inpatient stay. */
    static final class ClaimInStay extends VisitTemplate implements InstantTemplate {
        ClaimInStay(Rule rule) {
            super(rule);
        }

        @Override
        public String query(CompileContext ctx) {
            return """
                    SELECT %s
                    FROM fw_visit o JOIN %s s ON s.psn_no = o.psn_no
                    WHERE o.setting <> 'INPATIENT' AND o.setl_date > s.begn_date AND o.setl_date < s.end_date AND %s"""
                    .formatted(RawSelect.visit("o").noLine().set("v1", "s.mdtrt_id").set("v2", "s.fixmedins_code")
                            .set("v3", "s.begn_date").set("v4", "s.end_date").list(ctx.dialect()), STAYS, ctx.inWindow("o.setl_date"));
        }

        /** This outpatient or pharmacy visit against the stays the history holds, admitted ones included. */
        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            VisitView o = ctx.visit();
            if (o.setting() == CareSetting.INPATIENT) {
                return;
            }
            for (VisitView st : ctx.earlier()) {
                if (st.setting() == CareSetting.INPATIENT && o.setlDate().isAfter(st.begnDate())
                        && (st.open() || o.setlDate().isBefore(st.claim().endDate()))) {
                    out.add(InstantRow.visit(o).set("v1", st.claim().mdtrtId()).set("v2", st.claim().institution().code())
                            .set("v3", st.begnDate()).set("v4", st.open() ? null : st.claim().endDate()));
                }
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("住院期间（" + r.text("v3") + "至" + until(r) + "，机构" + r.text("v2") + "，就诊"
                    + r.text("v1") + "）发生" + settingZh(r.text("setting")) + "结算",
                    "Settled as " + settingEn(r.text("setting")) + " during the inpatient stay " + r.text("v1")
                            + " at " + r.text("v2") + " (" + r.text("v3") + " to " + untilEn(r) + ")", evidence());
        }
    }

    /** 死亡人员就医 / 羁押服刑期间就医: a visit starting after a death or inside a custody period known to the registry. */
    static final class AfterRegistryDate extends VisitTemplate implements InstantTemplate {
        enum Registry { DEATH, CUSTODY }

        record Config(Registry registry) {
            static Config from(Params p) {
                return new Config(p.choice("registry", Registry.class, Registry.DEATH));
            }
        }

        private final Config config;

        AfterRegistryDate(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(config.registry() == Registry.DEATH ? DataNeed.table("ext_death", Knowledge::hasDeaths)
                    : DataNeed.table("ext_custody", Knowledge::hasCustody));
        }

        @Override
        public String query(CompileContext ctx) {
            if (config.registry() == Registry.DEATH) {
                return """
                        SELECT %s
                        FROM fw_visit v JOIN ext_death d ON d.certno = v.certno
                        WHERE v.begn_date > d.die_date AND %s""".formatted(RawSelect.visit("v").noLine()
                        .set("v1", "d.die_date").set("v2", "d.src").list(ctx.dialect()), ctx.inWindow("v.setl_date"));
            }
            return """
                    SELECT %s
                    FROM fw_visit v JOIN ext_custody c ON c.certno = v.certno
                    WHERE v.begn_date >= c.begndate AND (c.enddate IS NULL OR v.begn_date <= c.enddate) AND %s"""
                    .formatted(RawSelect.visit("v").noLine().set("v1", "c.begndate").set("v2", "c.src")
                            .set("v3", "c.enddate").list(ctx.dialect()), ctx.inWindow("v.setl_date"));
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            VisitView v = ctx.visit();
            String certno = v.claim().person().certno().orElse(null);
            if (certno == null) {
                return;
            }
            LocalDate begin = v.begnDate();
            if (config.registry() == Registry.DEATH) {
                for (Knowledge.Death d : ctx.kb().deaths(certno)) {
                    if (begin.isAfter(d.dieDate())) {
                        out.add(InstantRow.visit(v).set("v1", d.dieDate()).set("v2", d.src().orElse(null)));
                    }
                }
                return;
            }
            for (Knowledge.Custody c : ctx.kb().custody(certno)) {
                if (!begin.isBefore(c.begndate()) && c.enddate().map(e -> !begin.isAfter(e)).orElse(true)) {
                    out.add(InstantRow.visit(v).set("v1", c.begndate()).set("v2", c.src().orElse(null))
                            .set("v3", c.enddate().orElse(null)));
                }
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            if (config.registry() == Registry.DEATH) {
                return new Explanation("参保人已于" + r.text("v1") + "死亡（来源：" + r.text("v2") + "），其后仍发生就医结算，基金支付"
                        + r.number("vola_amt") + "元", "The insured person died on " + r.text("v1") + " (source: "
                        + r.text("v2") + ") and a visit was settled afterwards; fund payment " + r.number("vola_amt")
                        + " yuan", "死亡登记（" + r.text("v2") + "）：" + r.text("v1"));
            }
            String until = r.text("v3").isEmpty() ? "至今" : "至" + r.text("v3");
            return new Explanation("参保人" + r.text("v1") + until + "处于羁押/服刑期间（来源：" + r.text("v2") + "），期间发生就医结算",
                    "The insured person was in custody from " + r.text("v1") + (r.text("v3").isEmpty() ? "" : " to "
                            + r.text("v3")) + " (source: " + r.text("v2") + ") when the visit took place",
                    "羁押/服刑登记（" + r.text("v2") + "）：" + r.text("v1") + until);
        }
    }

    /**
     * 挂床住院: an inpatient stay with at least {@code min_days} consecutive days (admission to discharge) on which
     * nothing but ROUTINE items (bed, nursing, routine) was billed.
     */
    static final class RoutineOnlyDays extends VisitTemplate implements InstantTemplate {
        record Config(int minDays) {
            static Config from(Params p) {
                return new Config(p.integer("min_days", 3));
            }
        }

        private final Config config;

        RoutineOnlyDays(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public Set<Pass> passes() {
            return Set.of(Pass.NON_ROUTINE_DAYS);
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.limitType("ROUTINE"));
        }

        @Override
        public String query(CompileContext ctx) {
            SqlDialect d = ctx.dialect();
            return """
                    WITH s AS %s,
                    marks AS (
                      SELECT s.mdtrt_id, n.fee_date AS d FROM s JOIN fw_p_day n ON n.mdtrt_id = s.mdtrt_id
                             AND n.fee_date BETWEEN s.begn_date AND s.end_date
                      UNION ALL SELECT mdtrt_id, %s FROM s
                      UNION ALL SELECT mdtrt_id, %s FROM s),
                    gaps AS (SELECT mdtrt_id, d, lead(d) OVER (PARTITION BY mdtrt_id ORDER BY d) AS nxt FROM marks),
                    idle AS (SELECT mdtrt_id, max(%s - 1) AS longest, %s AS idle_from
                             FROM gaps WHERE nxt IS NOT NULL GROUP BY mdtrt_id HAVING max(%s - 1) >= %d)
                    SELECT %s
                    FROM s JOIN idle i ON i.mdtrt_id = s.mdtrt_id
                    WHERE %s""".formatted(STAYS, d.addDays("begn_date", "-1"), d.addDays("end_date", "1"),
                    d.daysBetween("d", "nxt"), d.argMax(d.addDays("d", "1"), d.daysBetween("d", "nxt")),
                    d.daysBetween("d", "nxt"), config.minDays(),
                    RawSelect.visit("s").noLine().set("v1", "i.longest").set("v2", "i.idle_from").list(ctx.dialect()),
                    ctx.inWindow("s.setl_date"));
        }

        /** The stay's longest run of days without a non-routine fee, as the day pass and its gaps compute it. */
        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            VisitView s = ctx.visit();
            if (s.setting() != CareSetting.INPATIENT) {
                return;
            }
            LocalDate end = s.claim().endDate();
            java.util.TreeSet<LocalDate> marks = new java.util.TreeSet<>();
            for (LineView l : s.lines()) {
                LocalDate d = l.feeDate();
                if (!d.isBefore(s.begnDate()) && !d.isAfter(end) && !routine(l)) {
                    marks.add(d);
                }
            }
            marks.add(s.begnDate().minusDays(1));
            marks.add(end.plusDays(1));
            long longest = -1;
            LocalDate idleFrom = null;
            LocalDate previous = null;
            for (LocalDate d : marks) {
                if (previous != null) {
                    long idle = ChronoUnit.DAYS.between(previous, d) - 1;
                    if (idle > longest) {
                        longest = idle;
                        idleFrom = previous.plusDays(1);
                    }
                }
                previous = d;
            }
            if (longest >= config.minDays()) {
                out.add(InstantRow.visit(s).set("v1", longest).set("v2", idleFrom));
            }
        }

        private static boolean routine(LineView l) {
            for (Knowledge.LimitPoint k : l.points()) {
                if (k.lmtType().equals("ROUTINE") && "1".equals(k.lmtValue())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("住院期间自" + r.text("v2") + "起连续" + r.text("v1") + "天仅收取床位、护理等常规费用，无诊疗记录，疑似挂床住院",
                    "From " + r.text("v2") + ", " + r.text("v1")
                            + " consecutive days of the stay billed nothing but bed, nursing and routine items",
                    rule.basis());
        }
    }

    /** 挂床住院 (机构): patients in bed at midnight above {@code factor} × the institution's registered beds. */
    static final class BedOccupancy extends BaseTemplate {
        record Config(BigDecimal factor) {
            static Config from(Params p) {
                return new Config(p.decimal("factor", new BigDecimal("1.2")));
            }
        }

        private final Config config;

        BedOccupancy(Rule rule) {
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
        public List<DataNeed> needs() {
            return List.of(DataNeed.query("medins_info", "SELECT count(*) FROM fw_visit WHERE bed_cnt > 0",
                    "no institution with registered beds (bed_cnt)", kb -> false));
        }

        @Override
        public String query(CompileContext ctx) {
            return """
                    WITH e AS (
                      SELECT fixmedins_code, begn_date AS d, 1 AS delta FROM fw_visit
                      WHERE setting = 'INPATIENT' AND end_date > begn_date
                      UNION ALL
                      SELECT fixmedins_code, end_date, -1 FROM fw_visit WHERE setting = 'INPATIENT' AND end_date > begn_date),
                    n AS (SELECT fixmedins_code, d, sum(delta) AS delta FROM e GROUP BY fixmedins_code, d),
                    c AS (SELECT fixmedins_code, d, sum(delta) OVER (PARTITION BY fixmedins_code ORDER BY d
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS in_bed,
                                 lead(d) OVER (PARTITION BY fixmedins_code ORDER BY d) AS nxt FROM n),
                    i AS (SELECT fixmedins_code, min(fixmedins_type) AS fixmedins_type, min(medins_lv) AS medins_lv,
                                 min(bed_cnt) AS bed_cnt FROM fw_visit GROUP BY fixmedins_code)
                    SELECT %s
                    FROM c JOIN i ON i.fixmedins_code = c.fixmedins_code
                    WHERE i.bed_cnt > 0 AND c.in_bed > %s * i.bed_cnt AND %s""".formatted(
                    RawSelect.empty().set("fixmedins_code", "c.fixmedins_code").set("fixmedins_type", "i.fixmedins_type")
                            .set("medins_lv", "i.medins_lv").set("occur_date", "c.d").set("occur_time", "c.d")
                            .set("v1", "c.in_bed").set("v2", "i.bed_cnt").set("v3", ctx.dialect().addDays("c.nxt", "-1"))
                            .list(ctx.dialect()), config.factor().toPlainString(), ctx.inWindow("c.d"));
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation(r.text("occur_date") + "至" + r.text("v3") + "每晚在院患者" + r.text("v1") + "人，超过核定床位"
                    + r.text("v2") + "张的" + config.factor().toPlainString() + "倍，疑似挂床住院",
                    r.text("v1") + " patients in bed each night from " + r.text("occur_date") + " to " + r.text("v3")
                            + ", above " + config.factor().toPlainString() + " × the " + r.text("v2") + " registered beds",
                    rule.basis());
        }
    }

    /** 高频就诊: at least {@code min_visits} outpatient or pharmacy settlements at most {@code window_days} days apart. */
    static final class VisitCountWindow extends PersonMonthTemplate implements InstantTemplate {
        record Config(int windowDays, int minVisits) {
            static Config from(Params p) {
                return new Config(p.integer("window_days", 30), p.integer("min_visits", 12));
            }
        }

        private final Config config;

        VisitCountWindow(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public Set<Pass> passes() {
            return Set.of();
        }

        @Override
        public String query(CompileContext ctx) {
            SqlDialect d = ctx.dialect();
            return """
                    WITH o AS (SELECT v.*, %s AS dn FROM fw_visit v WHERE v.setting <> 'INPATIENT' AND v.setl_id IS NOT NULL
                               AND v.psn_no IN (SELECT psn_no FROM fw_visit WHERE setting <> 'INPATIENT' AND setl_id IS NOT NULL
                                                GROUP BY psn_no HAVING count(*) >= %d)),
                    w AS (SELECT o.*, count(*) OVER win AS n, sum(fund_amt) OVER win AS amt
                          FROM o WINDOW win AS (PARTITION BY psn_no ORDER BY dn RANGE BETWEEN %d PRECEDING AND CURRENT ROW)),
                    m AS (SELECT psn_no, %s AS month, max(n) AS n, %s AS last_date, %s AS amt, min(certno) AS certno,
                                 min(insutype) AS insutype, max(setl_time) AS last_time
                          FROM w WHERE %s GROUP BY psn_no, %s HAVING max(n) >= %d)
                    SELECT %s FROM m""".formatted(d.dayNumber("v.setl_date"), config.minVisits(), config.windowDays(),
                    d.monthText("setl_date"), d.argMax("setl_date", "n"), d.argMax("amt", "n"),
                    ctx.inWindow("setl_date"), d.monthText("setl_date"), config.minVisits(),
                    RawSelect.empty().set("psn_no", "m.psn_no").set("certno", "m.certno").set("insutype", "m.insutype")
                            .set("occur_time", "m.last_time").set("occur_date", "m.last_date").set("vola_amt", "m.amt")
                            .set("v1", "m.n").set("v2", "m.last_date").list(ctx.dialect()));
        }

        @Override
        public int lookBackDays() {
            return config.windowDays() + 1;
        }

        @Override
        public int visitHeaderDays() {
            return config.windowDays() + 1;
        }

        /**
         * The count so far: when this settlement makes the window ending on its day reach the threshold, the
         * person-month finding is raised (same {@code jr_id} as batch); batch, knowing the whole month, reports the
         * month's largest window, which a later visit may still raise.
         */
        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            VisitView x = ctx.visit();
            if (x.setting() == CareSetting.INPATIENT || x.claim().setlId().isEmpty()) {
                return;
            }
            LocalDate from = x.setlDate().minusDays(config.windowDays());
            int n = 1;
            BigDecimal amount = x.claim().fundAmt();
            for (VisitView o : ctx.earlier()) {
                if (o.setting() != CareSetting.INPATIENT && o.claim().setlId().isPresent()
                        && !o.setlDate().isBefore(from) && !o.setlDate().isAfter(x.setlDate())) {
                    n++;
                    amount = amount.add(o.claim().fundAmt());
                }
            }
            if (n >= config.minVisits()) {
                out.add(InstantRow.person(x).set("occur_time", x.claim().setlTime()).set("occur_date", x.setlDate())
                        .set("vola_amt", amount).set("v1", n).set("v2", x.setlDate()));
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("截至" + r.text("v2") + "，" + config.windowDays() + "天内（首末结算相隔不超过" + config.windowDays()
                    + "天）门诊/购药结算" + r.text("v1") + "次（阈值" + config.minVisits() + "次），就诊频率异常，相关基金支付" + r.number("vola_amt") + "元",
                    r.text("v1") + " outpatient or pharmacy settlements within " + config.windowDays()
                            + " days up to " + r.text("v2") + " (threshold " + config.minVisits() + "); fund payments "
                            + r.number("vola_amt") + " yuan", rule.basis());
        }
    }

    /**
     * 超量开药/囤药: days of supply ({@code cnt / DAILY_DOSE}) of one drug bought outside inpatient stays within
     * {@code window_days} above {@code factor} × {@code window_days}; amount: the lines' amounts in that window.
     */
    static final class SupplyWindow extends PersonMonthTemplate implements InstantTemplate {
        record Config(int windowDays, BigDecimal factor) {
            static Config from(Params p) {
                return new Config(p.integer("window_days", 90), p.decimal("factor", new BigDecimal("1.5")));
            }
        }

        private final Config config;

        SupplyWindow(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.limitType("DAILY_DOSE"));
        }

        @Override
        public String query(CompileContext ctx) {
            SqlDialect d = ctx.dialect();
            BigDecimal limit = config.factor().multiply(BigDecimal.valueOf(config.windowDays()));
            return """
                    WITH s0 AS (
                      SELECT l.*, k.kp_id, k.basis, round(l.cnt / %s, 4) AS supply, %s AS dn
                      FROM fw_p_line l JOIN fw_kp_limit k ON k.hilist_code = l.code AND k.lmt_type = 'DAILY_DOSE'
                           AND l.fee_date BETWEEN k.begndate AND k.enddate
                      WHERE l.setting <> 'INPATIENT' AND %s > 0),
                    s AS (SELECT * FROM s0 WHERE EXISTS (
                            SELECT 1 FROM (SELECT psn_no, code FROM s0 GROUP BY psn_no, code HAVING sum(supply) > %s) t
                            WHERE t.psn_no = s0.psn_no AND t.code = s0.code)),
                    w AS (SELECT s.*, sum(supply) OVER win AS days, sum(exposed) OVER win AS window_amt, count(*) OVER win AS n
                          FROM s WINDOW win AS (PARTITION BY psn_no, code ORDER BY dn RANGE BETWEEN %d PRECEDING AND CURRENT ROW)),
                    m AS (SELECT psn_no, code, %s AS month, max(days) AS days, %s AS last_date, %s AS amt,
                                 min(certno) AS certno, min(insutype) AS insutype, min(hilist_name) AS hilist_name,
                                 min(kp_id) AS kp_id, min(basis) AS basis, max(fee_time) AS last_time, %s AS n
                          FROM w WHERE %s GROUP BY psn_no, code, %s HAVING max(days) > %s)
                    SELECT %s FROM m""".formatted(d.tryDecimal("k.lmt_value"), d.dayNumber("l.fee_date"),
                    d.tryDecimal("k.lmt_value"), limit.toPlainString(), config.windowDays(), d.monthText("fee_date"), d.argMax("fee_date", "days"),
                    d.argMax("window_amt", "days"), d.argMax("n", "days"), ctx.inWindow("fee_date"), d.monthText("fee_date"),
                    limit.toPlainString(),
                    RawSelect.empty().set("psn_no", "m.psn_no").set("certno", "m.certno").set("insutype", "m.insutype")
                            .set("hilist_code", "m.code").set("hilist_name", "m.hilist_name").set("kp_id", "m.kp_id")
                            .set("basis", "m.basis").set("occur_time", "m.last_time").set("occur_date", "m.last_date")
                            .set("vola_amt", "m.amt").set("v1", "m.days").set("v2", "m.last_date").set("v3", "m.n")
                            .list(ctx.dialect()));
        }

        @Override
        public int lookBackDays() {
            return config.windowDays() + 1;
        }

        /**
         * The supply so far: when a purchase makes the days of supply of the drug in the window ending on its day
         * pass the limit, the person-month finding is raised (same {@code jr_id} as batch, which reports the
         * month's largest window).
         */
        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            VisitView x = ctx.visit();
            if (x.setting() == CareSetting.INPATIENT || !x.hasLimitType("DAILY_DOSE")) {
                return;
            }
            BigDecimal limit = config.factor().multiply(BigDecimal.valueOf(config.windowDays()));
            java.util.Set<String> done = new java.util.HashSet<>();
            for (LineView l : x.lines()) {
                if (supplies(l).isEmpty() || !done.add(l.code())) {
                    continue;
                }
                LocalDate last = l.feeDate();
                LineView latest = l;
                for (LineView o : x.lines()) {
                    if (o.code().equals(l.code()) && o.feeTime().isAfter(latest.feeTime())) {
                        latest = o;
                        last = o.feeDate();
                    }
                }
                LocalDate from = last.minusDays(config.windowDays());
                BigDecimal days = BigDecimal.ZERO;
                BigDecimal amount = BigDecimal.ZERO;
                int n = 0;
                Knowledge.LimitPoint point = null;
                for (int vi = 0; vi <= ctx.earlier().size(); vi++) {
                    VisitView v = vi < ctx.earlier().size() ? ctx.earlier().get(vi) : x;
                    if (v.setting() == CareSetting.INPATIENT) {
                        continue;
                    }
                    for (LineView o : v.lines()) {
                        if (!o.code().equals(l.code()) || o.feeDate().isBefore(from) || o.feeDate().isAfter(last)) {
                            continue;
                        }
                        for (Supply s : supplies(o)) {
                            days = days.add(s.days());
                            amount = amount.add(o.exposed());
                            n++;
                            if (point == null || s.point().kpId().compareTo(point.kpId()) < 0) {
                                point = s.point();
                            }
                        }
                    }
                }
                if (days.compareTo(limit) > 0) {
                    out.add(InstantRow.person(x).set("hilist_code", l.code()).set("hilist_name", l.hilistName())
                            .set("kp_id", point.kpId()).set("basis", point.basis().orElse(null))
                            .set("occur_time", latest.feeTime()).set("occur_date", last).set("vola_amt", amount)
                            .set("v1", days).set("v2", last).set("v3", n));
                }
            }
        }

        /** Days of supply of a line under each daily-dose point of its item (units ÷ dose, 4 decimals). */
        private static List<Supply> supplies(LineView l) {
            List<Supply> out = new java.util.ArrayList<>(1);
            for (Knowledge.LimitPoint k : l.limits("DAILY_DOSE")) {
                ItemTemplates.decimal(k.lmtValue()).filter(d -> d.signum() > 0).ifPresent(dose ->
                        out.add(new Supply(k, l.cnt().divide(dose, 4, java.math.RoundingMode.HALF_UP))));
            }
            return out;
        }

        private record Supply(Knowledge.LimitPoint point, BigDecimal days) {
        }

        @Override
        public Explanation explain(RawRow r) {
            BigDecimal limit = config.factor().multiply(BigDecimal.valueOf(config.windowDays()));
            return new Explanation("截至" + r.text("v2") + "的" + config.windowDays() + "天内" + r.text("v3") + "次购买"
                    + item(r) + "，可用" + r.number("v1") + "天，超过" + limit.stripTrailingZeros().toPlainString()
                    + "天，疑似超量开药/囤药", r.text("v3") + " purchases of " + itemEn(r) + " within "
                    + config.windowDays() + " days up to " + r.text("v2") + " give " + r.number("v1")
                    + " days of supply, above " + limit.stripTrailingZeros().toPlainString(), evidence(r));
        }
    }

    /** 异地冒用: two settlements of one card at institutions more than {@code min_km} apart within {@code max_minutes}. */
    static final class TravelSpeed extends VisitTemplate implements InstantTemplate {
        record Config(int maxMinutes, int minKm) {
            static Config from(Params p) {
                return new Config(p.integer("max_minutes", 120), p.integer("min_km", 100));
            }
        }

        private final Config config;

        TravelSpeed(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.query("medins_info", "SELECT count(*) FROM fw_visit WHERE lat IS NOT NULL",
                    "no institution has coordinates (lat, lon)", Knowledge::hasSites));
        }

        @Override
        public String query(CompileContext ctx) {
            SqlDialect d = ctx.dialect();
            String km = "6371.0088 * 2 * asin(sqrt(power(sin(radians(b.lat - a.lat) / 2), 2)"
                    + " + cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lon - a.lon) / 2), 2)))";
            return """
                    WITH s AS (SELECT * FROM fw_visit WHERE setl_id IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL),
                    p AS (SELECT b.*, a.mdtrt_id AS a_id, a.fixmedins_code AS a_inst, a.setl_time AS a_time,
                                 %s AS km, %s AS secs
                          FROM s a JOIN s b ON a.psn_no = b.psn_no AND a.mdtrt_id <> b.mdtrt_id
                               AND b.setl_date BETWEEN a.setl_date AND %s
                          WHERE (a.setl_time < b.setl_time OR (a.setl_time = b.setl_time AND a.mdtrt_id < b.mdtrt_id)))
                    SELECT %s FROM p
                    WHERE p.secs <= %d AND p.km > %d AND %s""".formatted(km, d.secondsBetween("a.setl_time", "b.setl_time"),
                    d.addDays("a.setl_date", "1"),
                    RawSelect.visit("p").noLine().set("v1", "p.a_inst").set("v2", "p.a_time")
                            .set("v3", "CAST(round(p.km, 0) AS INTEGER)").set("v4", "CAST(round(p.secs / 60.0) AS INTEGER)").list(ctx.dialect()),
                    config.maxMinutes() * 60, config.minKm(), ctx.inWindow("p.setl_date"));
        }

        /** This settlement against the person's earlier settlements, at the registered sites of both institutions. */
        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            VisitView b = ctx.visit();
            if (b.claim().setlId().isEmpty()) {
                return;
            }
            Knowledge.Site bs = ctx.kb().site(b.claim().institution().code()).orElse(null);
            if (bs == null) {
                return;
            }
            for (VisitView a : ctx.earlier()) {
                if (a.claim().setlId().isEmpty() || b.setlDate().isAfter(a.setlDate().plusDays(1))) {
                    continue;
                }
                Knowledge.Site as = ctx.kb().site(a.claim().institution().code()).orElse(null);
                boolean before = a.claim().setlTime().isBefore(b.claim().setlTime())
                        || (a.claim().setlTime().equals(b.claim().setlTime())
                        && a.claim().mdtrtId().compareTo(b.claim().mdtrtId()) < 0);
                if (as == null || !before || b.setlDate().isAfter(a.setlDate().plusDays(1))) {
                    continue;
                }
                long secs = Duration.between(a.claim().setlTime(), b.claim().setlTime()).getSeconds();
                double km = 6371.0088 * 2 * Math.asin(Math.sqrt(Math.pow(Math.sin(Math.toRadians(bs.lat() - as.lat()) / 2), 2)
                        + Math.cos(Math.toRadians(as.lat())) * Math.cos(Math.toRadians(bs.lat()))
                        * Math.pow(Math.sin(Math.toRadians(bs.lon() - as.lon()) / 2), 2)));
                if (secs <= config.maxMinutes() * 60L && km > config.minKm()) {
                    out.add(InstantRow.visit(b).set("v1", a.claim().institution().code()).set("v2", a.claim().setlTime())
                            .set("v3", Math.round(km)).set("v4", Math.round(secs / 60.0)));
                }
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("同一医保卡于" + r.text("v2") + "在机构" + r.text("v1") + "结算后" + r.text("v4") + "分钟，在相距约"
                    + r.text("v3") + "公里的本机构再次结算，疑似冒名就医",
                    "The same card settled at " + r.text("v1") + " at " + r.text("v2") + " and " + r.text("v4")
                            + " minutes later here, about " + r.text("v3") + " km away", evidence());
        }
    }
}
