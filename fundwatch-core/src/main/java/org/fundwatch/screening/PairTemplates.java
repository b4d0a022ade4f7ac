package org.fundwatch.screening;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.rules.Grain;
import org.fundwatch.rules.Params;
import org.fundwatch.rules.Rule;

/** 行为类 templates relating lines of a visit or a patient (DOMAIN.md §3.2). */
final class PairTemplates {

    private PairTemplates() {
    }

    /** 重复收费: the same item twice in one visit at the same {@code fee_ocur_time}; the later lines are duplicates. */
    static final class SameTimeDuplicate extends BaseTemplate implements InstantTemplate {
        SameTimeDuplicate(Rule rule) {
            super(rule);
        }

        @Override
        public Set<Pass> passes() {
            return Set.of(Pass.DUPLICATE);
        }

        @Override
        public String query(CompileContext ctx) {
            RawSelect dup = RawSelect.line("q").set("v1", "q.first_sn").set("v2", "q.fee_time").set("v3", "q.n");
            return """
                    WITH q AS (
                      SELECT l.*, row_number() OVER (PARTITION BY l.mdtrt_id, l.code, l.fee_time ORDER BY l.feedetl_sn) AS k,
                             count(*) OVER (PARTITION BY l.mdtrt_id, l.code, l.fee_time) AS n,
                             min(l.feedetl_sn) OVER (PARTITION BY l.mdtrt_id, l.code, l.fee_time) AS first_sn
                      FROM fw_p_dup l)
                    SELECT %s
                    FROM q WHERE q.k > 1 AND %s
                    UNION ALL
                    SELECT %s
                    FROM q JOIN q f ON f.feedetl_sn = q.first_sn WHERE q.k > 1 AND %s""".formatted(
                    dup.list(ctx.dialect()), ctx.inWindow("q.setl_date"), dup.involvedLine("f").list(ctx.dialect()), ctx.inWindow("q.setl_date"));
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            if (!anySameTime(ctx.visit().lines())) {
                return;
            }
            Map<List<Object>, List<LineView>> groups = new LinkedHashMap<>();
            for (LineView l : ctx.visit().lines()) {
                groups.computeIfAbsent(List.of(l.code(), l.feeTime()), k -> new ArrayList<>()).add(l);
            }
            for (List<LineView> g : groups.values()) {
                if (g.size() < 2) {
                    continue;
                }
                g.sort(Comparator.comparing(LineView::sn));
                LineView first = g.get(0);
                for (LineView q : g.subList(1, g.size())) {
                    InstantRow row = InstantRow.line(q).set("v1", first.sn()).set("v2", q.feeTime()).set("v3", g.size());
                    out.add(row);
                    out.add(row.involvedLine(first));
                }
            }
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("项目" + item(r) + "在同一就诊同一时间" + r.text("v2") + "重复收费（与明细" + r.text("v1")
                    + "相同）", "Item " + itemEn(r) + " billed again in the same visit at the same time " + r.text("v2")
                    + " as line " + r.text("v1"), rule.basis());
        }
    }

    /** Whether two lines bill the same item at the same time (small visits checked without allocating). */
    private static boolean anySameTime(List<LineView> lines) {
        int n = lines.size();
        if (n > 16) {
            Set<List<Object>> seen = new HashSet<>(n * 2);
            for (LineView l : lines) {
                if (!seen.add(List.of(l.code(), l.feeTime()))) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 0; i < n; i++) {
            LineView a = lines.get(i);
            for (int j = i + 1; j < n; j++) {
                LineView b = lines.get(j);
                if (a.feeTime().equals(b.feeTime()) && a.code().equals(b.code())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Relations of {@code kb_item_pair} (FORMAT.md): a and b as the pair's items. */
    enum Relation { EXCLUSIVE, BUNDLE, CONTRAINDICATED, REQUIRES, PRIOR_REQUIRED }

    /**
     * A pair relation: EXCLUSIVE (b billed with a, which includes it: b is the duplicate, in the pair's scope),
     * BUNDLE (two or more components b of bundle a in one visit), CONTRAINDICATED (a and b in one visit), REQUIRES
     * (b without a in the visit), PRIOR_REQUIRED (b without a for the same patient in the {@code window_days} before).
     */
    static final class ItemPair extends BaseTemplate implements InstantTemplate {
        record Config(Relation relation, int windowDays, int minComponents) {
            static Config from(Params p) {
                Relation r = p.choice("relation", Relation.class, null);
                if (r == null) {
                    p.requiredText("relation");
                }
                return new Config(r, p.integer("window_days", 90), p.integer("min_components", 2));
            }
        }

        private final Config config;

        ItemPair(Rule rule) {
            super(rule);
            this.config = Config.from(rule.params());
        }

        @Override
        public Grain grain() {
            return switch (config.relation()) {
                case BUNDLE, CONTRAINDICATED -> Grain.VISIT;
                default -> Grain.LINE;
            };
        }

        @Override
        public List<DataNeed> needs() {
            return List.of(DataNeed.pairRelation(config.relation().name()));
        }

        private String pairJoin(String line, String side) {
            return "JOIN fw_kp_pair p ON p.relation = '" + config.relation() + "' AND p.hilist_code_" + side + " = "
                    + line + ".code AND " + line + ".fee_date BETWEEN p.begndate AND p.enddate";
        }

        @Override
        public String query(CompileContext ctx) {
            String window = ctx.inWindow("b.setl_date");
            RawSelect b = RawSelect.line("b").set("kp_id", "p.kp_id").set("basis", "p.basis");
            return switch (config.relation()) {
                case EXCLUSIVE -> {
                    String pairs = """
                            SELECT b.*, a.feedetl_sn AS a_sn, a.hilist_name AS a_name, p.kp_id, p.basis, p.scope
                            FROM fw_p_line b %s
                            JOIN fw_p_line a ON a.code = p.hilist_code_a AND %s
                            WHERE %s""";
                    String sameVisit = pairs.formatted(pairJoin("b", "b"),
                            "a.mdtrt_id = b.mdtrt_id AND p.scope <> 'SAME_DAY'", window);
                    String sameDay = pairs.formatted(pairJoin("b", "b"),
                            "a.psn_no = b.psn_no AND a.fee_date = b.fee_date AND p.scope = 'SAME_DAY'", window);
                    RawSelect h = RawSelect.line("h").set("kp_id", "h.kp_id").set("basis", "h.basis")
                            .set("v1", "h.a_name").set("v2", "h.scope").set("v3", "h.a_sn");
                    yield "WITH h AS (" + sameVisit + "\nUNION ALL\n" + sameDay + ")\nSELECT " + h.list(ctx.dialect())
                            + "\nFROM h\nUNION ALL\nSELECT " + h.copy().set("line_sn", "h.a_sn").set("line_role", "2")
                            .set("line_amt", "0").list(ctx.dialect()) + "\nFROM h";
                }
                case BUNDLE -> """
                        WITH c AS (SELECT b.*, p.hilist_code_a AS bundle, p.kp_id, p.basis FROM fw_p_line b %s),
                        g AS (SELECT mdtrt_id, bundle, count(DISTINCT code) AS n, sum(exposed) AS total, min(fee_date) AS first_date,
                                     min(fee_time) AS first_time
                              FROM c GROUP BY mdtrt_id, bundle HAVING count(DISTINCT code) >= %d)
                        SELECT %s
                        FROM c JOIN g ON g.mdtrt_id = c.mdtrt_id AND g.bundle = c.bundle
                        LEFT JOIN fw_catalog bc ON bc.hilist_code = c.bundle AND g.first_date BETWEEN bc.begndate AND bc.enddate
                        WHERE %s""".formatted(pairJoin("b", "b"), config.minComponents(),
                        RawSelect.line("c").set("kp_id", "c.kp_id").set("basis", "c.basis")
                                .set("feedetl_sn", "NULL").set("hilist_code", "c.bundle")
                                .set("hilist_name", "coalesce(bc.hilist_name, c.bundle)")
                                .set("occur_time", "g.first_time").set("occur_date", "c.setl_date")
                                .set("vola_amt", "CASE WHEN bc.cap IS NULL OR bc.cap >= g.total THEN g.total ELSE g.total - bc.cap END")
                                .set("v1", "g.n").set("v2", "g.total").set("v3", "bc.cap").list(ctx.dialect()),
                        ctx.inWindow("c.setl_date"));
                case CONTRAINDICATED -> {
                    RawSelect h = RawSelect.line("h").set("kp_id", "h.kp_id").set("basis", "h.basis")
                            .set("feedetl_sn", "NULL").set("v1", "h.a_name").set("v2", "h.a_code")
                            .set("occur_time", "h.first_time").set("occur_date", "h.setl_date")
                            .set("vola_amt", "h.b_total");
                    yield """
                            WITH h0 AS (
                              SELECT b.*, a.feedetl_sn AS a_sn, a.hilist_name AS a_name, a.code AS a_code, p.kp_id, p.basis
                              FROM fw_p_line b %s
                              JOIN fw_p_line a ON a.mdtrt_id = b.mdtrt_id AND a.code = p.hilist_code_a),
                            h AS (SELECT h0.*, min(fee_date) OVER (PARTITION BY mdtrt_id, code) AS first_date,
                                         min(fee_time) OVER (PARTITION BY mdtrt_id, code) AS first_time,
                                         sum(exposed) OVER (PARTITION BY mdtrt_id, code, a_sn) AS b_total
                                  FROM h0)
                            SELECT %s FROM h WHERE %s
                            UNION ALL
                            SELECT %s FROM h WHERE %s""".formatted(pairJoin("b", "b"), h.list(ctx.dialect()),
                            ctx.inWindow("h.setl_date"), h.copy().set("line_sn", "h.a_sn").set("line_role", "2")
                                    .set("line_amt", "0").list(ctx.dialect()), ctx.inWindow("h.setl_date"));
                }
                case REQUIRES -> """
                        SELECT %s
                        FROM fw_p_line b %s
                        WHERE %s AND NOT EXISTS (SELECT 1 FROM fw_p_line a WHERE a.mdtrt_id = b.mdtrt_id AND a.code = p.hilist_code_a)"""
                        .formatted(b.copy().set("v1", "p.hilist_code_a").set("v2", "(SELECT min(c.hilist_name) FROM fw_catalog c WHERE c.hilist_code = p.hilist_code_a)").list(ctx.dialect()),
                                pairJoin("b", "b"), window);
                case PRIOR_REQUIRED -> """
                        SELECT %s
                        FROM fw_p_line b %s
                        WHERE %s AND NOT EXISTS (
                          SELECT 1 FROM fw_kp_pair p2 JOIN fw_p_line a ON a.code = p2.hilist_code_a
                          WHERE p2.relation = 'PRIOR_REQUIRED' AND p2.hilist_code_b = b.code AND a.psn_no = b.psn_no
                            AND a.fee_date BETWEEN %s AND b.fee_date)"""
                        .formatted(b.copy().set("v1", "p.hilist_code_a").set("v2", String.valueOf(config.windowDays()))
                                        .set("v3", "(SELECT min(c.hilist_name) FROM fw_catalog c WHERE c.hilist_code = p.hilist_code_a)").list(ctx.dialect()),
                                pairJoin("b", "b"), window, ctx.dialect().addDays("b.fee_date", "-" + config.windowDays()));
            };
        }

        /** The prior-use window, or the same day for pairs across the visits of a day. */
        @Override
        public int lookBackDays() {
            return config.relation() == Relation.PRIOR_REQUIRED ? config.windowDays() + 1 : 1;
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            if (!ctx.visit().anyPair()) {
                return;
            }
            VisitView visit = ctx.visit();
            String relation = config.relation().name();
            switch (config.relation()) {
                case EXCLUSIVE -> {
                    for (LineView b : visit.lines()) {
                        for (Knowledge.PairPoint p : validPairs(ctx, b, relation)) {
                            boolean sameDay = "SAME_DAY".equals(p.scopeOrDefault());
                            List<LineView> candidates = sameDay ? personLines(ctx) : visit.lines();
                            for (LineView a : candidates) {
                                if (a.code().equals(p.hilistCodeA()) && (!sameDay || a.feeDate().equals(b.feeDate()))) {
                                    InstantRow row = pairRow(b, p).set("v1", a.hilistName()).set("v2", p.scopeOrDefault())
                                            .set("v3", a.sn());
                                    out.add(row);
                                    out.add(row.copy().set("line_sn", a.sn()).set("line_role", 2).set("line_amt", BigDecimal.ZERO));
                                }
                            }
                        }
                    }
                }
                case BUNDLE -> {
                    record Component(LineView line, Knowledge.PairPoint point) {
                    }
                    Map<String, List<Component>> byBundle = new LinkedHashMap<>();
                    for (LineView b : visit.lines()) {
                        for (Knowledge.PairPoint p : validPairs(ctx, b, relation)) {
                            byBundle.computeIfAbsent(p.hilistCodeA(), k -> new ArrayList<>()).add(new Component(b, p));
                        }
                    }
                    for (Map.Entry<String, List<Component>> e : byBundle.entrySet()) {
                        List<Component> parts = e.getValue();
                        long n = parts.stream().map(c -> c.line().code()).distinct().count();
                        if (n < config.minComponents()) {
                            continue;
                        }
                        BigDecimal total = parts.stream().map(c -> c.line().exposed()).reduce(BigDecimal.ZERO, BigDecimal::add);
                        LocalDate firstDate = parts.stream().map(c -> c.line().feeDate()).min(Comparator.naturalOrder()).orElseThrow();
                        LocalDateTime firstTime = parts.stream().map(c -> c.line().feeTime()).min(Comparator.naturalOrder()).orElseThrow();
                        List<Knowledge.CatalogEntry> bundles = ctx.kb().catalogOn(e.getKey(), firstDate);
                        List<Optional<Knowledge.CatalogEntry>> versions = bundles.isEmpty() ? List.of(Optional.empty())
                                : bundles.stream().map(Optional::of).toList();
                        for (Component c : parts) {
                            for (Optional<Knowledge.CatalogEntry> bc : versions) {
                                Optional<BigDecimal> cap = bc.flatMap(Knowledge.CatalogEntry::cap);
                                BigDecimal amount = cap.isEmpty() || cap.get().compareTo(total) >= 0 ? total : total.subtract(cap.get());
                                out.add(InstantRow.line(c.line()).set("kp_id", c.point().kpId())
                                        .set("basis", c.point().basis().orElse(null)).set("feedetl_sn", null)
                                        .set("hilist_code", e.getKey())
                                        .set("hilist_name", bc.map(Knowledge.CatalogEntry::hilistName).orElse(e.getKey()))
                                        .set("occur_time", firstTime).set("vola_amt", amount).set("v1", n).set("v2", total)
                                        .set("v3", cap.orElse(null)));
                            }
                        }
                    }
                }
                case CONTRAINDICATED -> {
                    record Hit(LineView b, LineView a, Knowledge.PairPoint point) {
                    }
                    List<Hit> hits = new ArrayList<>();
                    for (LineView b : visit.lines()) {
                        for (Knowledge.PairPoint p : validPairs(ctx, b, relation)) {
                            for (LineView a : visit.lines()) {
                                if (a.code().equals(p.hilistCodeA())) {
                                    hits.add(new Hit(b, a, p));
                                }
                            }
                        }
                    }
                    for (Hit h : hits) {
                        LocalDateTime firstTime = hits.stream().filter(x -> x.b().code().equals(h.b().code()))
                                .map(x -> x.b().feeTime()).min(Comparator.naturalOrder()).orElseThrow();
                        BigDecimal bTotal = hits.stream().filter(x -> x.b().code().equals(h.b().code())
                                && x.a().sn().equals(h.a().sn())).map(x -> x.b().exposed())
                                .reduce(BigDecimal.ZERO, BigDecimal::add);
                        InstantRow row = pairRow(h.b(), h.point()).set("feedetl_sn", null).set("v1", h.a().hilistName())
                                .set("v2", h.a().code()).set("occur_time", firstTime).set("vola_amt", bTotal);
                        out.add(row);
                        out.add(row.copy().set("line_sn", h.a().sn()).set("line_role", 2).set("line_amt", BigDecimal.ZERO));
                    }
                }
                case REQUIRES -> {
                    for (LineView b : visit.lines()) {
                        for (Knowledge.PairPoint p : validPairs(ctx, b, relation)) {
                            if (visit.lines().stream().noneMatch(a -> a.code().equals(p.hilistCodeA()))) {
                                out.add(pairRow(b, p).set("v1", p.hilistCodeA())
                                        .set("v2", ctx.kb().anyName(p.hilistCodeA()).orElse(null)));
                            }
                        }
                    }
                }
                case PRIOR_REQUIRED -> {
                    List<LineView> mine = personLines(ctx);
                    for (LineView b : visit.lines()) {
                        List<Knowledge.PairPoint> points = validPairs(ctx, b, relation);
                        if (points.isEmpty()) {
                            continue;
                        }
                        Set<String> firstLine = new HashSet<>();
                        for (Knowledge.PairPoint p2 : ctx.kb().pairsWithB(b.code(), relation)) {
                            firstLine.add(p2.hilistCodeA());
                        }
                        LocalDate since = b.feeDate().minusDays(config.windowDays());
                        boolean seen = mine.stream().anyMatch(a -> firstLine.contains(a.code())
                                && !a.feeDate().isBefore(since) && !a.feeDate().isAfter(b.feeDate()));
                        if (seen) {
                            continue;
                        }
                        for (Knowledge.PairPoint p : points) {
                            out.add(pairRow(b, p).set("v1", p.hilistCodeA()).set("v2", config.windowDays())
                                    .set("v3", ctx.kb().anyName(p.hilistCodeA()).orElse(null)));
                        }
                    }
                }
                default -> throw new IllegalStateException("relation " + relation);
            }
        }

        private static List<Knowledge.PairPoint> validPairs(InstantContext ctx, LineView b, String relation) {
            if (b.pairsAsB().isEmpty()) {
                return List.of();
            }
            List<Knowledge.PairPoint> out = new ArrayList<>(1);
            for (Knowledge.PairPoint p : b.pairsAsB()) {
                if (p.relation().equals(relation) && p.validOn(b.feeDate())) {
                    out.add(p);
                }
            }
            return out;
        }

        private static InstantRow pairRow(LineView b, Knowledge.PairPoint p) {
            return InstantRow.line(b).set("kp_id", p.kpId()).set("basis", p.basis().orElse(null));
        }

        @Override
        public Explanation explain(RawRow r) {
            return switch (config.relation()) {
                case EXCLUSIVE -> new Explanation("项目" + item(r) + "已包含在同" + ("SAME_DAY".equals(r.text("v2")) ? "日" : "次就诊")
                        + "收取的【" + r.text("v1") + "】（明细" + r.text("v3") + "）中，重复收费",
                        "Item " + itemEn(r) + " is already included in " + r.text("v1") + " (line " + r.text("v3")
                                + ") billed " + ("SAME_DAY".equals(r.text("v2")) ? "the same day" : "in the same visit"),
                        evidence(r));
                case BUNDLE -> new Explanation("同一就诊分解收取打包项目" + item(r) + "的" + r.text("v1") + "个组成项目，合计"
                        + r.number("v2") + "元" + (r.text("v3").isEmpty() ? "" : "，打包项目价格上限" + r.number("v3") + "元"),
                        r.text("v1") + " components of bundle " + itemEn(r) + " billed separately in one visit, "
                                + r.number("v2") + " yuan" + (r.text("v3").isEmpty() ? "" : " against a bundle cap of "
                                + r.number("v3") + " yuan"), evidence(r));
                case CONTRAINDICATED -> new Explanation("同一就诊同时使用配伍禁忌药品" + item(r) + "与【" + r.text("v1") + "】",
                        "Contraindicated drugs " + itemEn(r) + " and " + r.text("v1") + " in the same visit", evidence(r));
                case REQUIRES -> new Explanation("项目" + item(r) + "须与【" + (r.text("v2").isEmpty() ? r.text("v1") : r.text("v2"))
                        + "】同时收取，本次就诊未见该项目",
                        "Item " + itemEn(r) + " is payable only with " + r.text("v1") + ", which the visit does not have",
                        evidence(r));
                case PRIOR_REQUIRED -> new Explanation("二线用药" + item(r) + "使用前" + r.text("v2") + "日内未见一线药品【"
                        + (r.text("v3").isEmpty() ? r.text("v1") : r.text("v3")) + "】",
                        "Second-line drug " + itemEn(r) + " without the first-line drug " + r.text("v1") + " in the "
                                + r.text("v2") + " days before", evidence(r));
            };
        }
    }

    /** 分解处方: the same item for one patient in two or more outpatient or pharmacy visits at one institution on one day. */
    static final class SplitPrescription extends BaseTemplate implements InstantTemplate {
        SplitPrescription(Rule rule) {
            super(rule);
        }

        @Override
        public Grain grain() {
            return Grain.VISIT;
        }

        @Override
        public String query(CompileContext ctx) {
            RawSelect s = RawSelect.line("q").set("feedetl_sn", "NULL").set("occur_time", "q.visit_time")
                    .set("occur_date", "q.setl_date").set("vola_amt", "q.visit_total").set("v1", "q.n_visits")
                    .set("v2", "q.first_visit");
            return """
                    WITH r AS (
                      SELECT l.*, dense_rank() OVER (PARTITION BY l.psn_no, l.fixmedins_code, l.fee_date, l.code
                                                     ORDER BY l.visit_time, l.mdtrt_id) AS visit_no
                      FROM fw_p_line l
                      WHERE l.same_day_repeat AND l.setting <> 'INPATIENT' AND l.rxno IS NOT NULL AND l.rxno <> ''),
                    q AS (
                      SELECT r.*, max(visit_no) OVER (PARTITION BY psn_no, fixmedins_code, fee_date, code) AS n_visits,
                             min(CASE WHEN visit_no = 1 THEN mdtrt_id END) OVER (PARTITION BY psn_no, fixmedins_code, fee_date, code) AS first_visit,
                             sum(exposed) OVER (PARTITION BY mdtrt_id, code) AS visit_total
                      FROM r)
                    SELECT %s FROM q WHERE q.n_visits > 1 AND q.visit_no > 1 AND %s
                    UNION ALL
                    SELECT %s FROM q JOIN q f ON f.psn_no = q.psn_no AND f.fixmedins_code = q.fixmedins_code
                         AND f.fee_date = q.fee_date AND f.code = q.code AND f.visit_no = 1
                    WHERE q.n_visits > 1 AND q.visit_no > 1 AND %s""".formatted(s.list(ctx.dialect()), ctx.inWindow("q.setl_date"),
                    s.involvedLine("f").list(ctx.dialect()), ctx.inWindow("q.setl_date"));
        }

        /**
         * Over the person's visits at this institution that the history holds: the repeat visits of one day, then
         * per (fee day, item) the visits in order of their start; this visit reports when it is not the first.
         */
        @Override
        public int lookBackDays() {
            return 1;
        }

        @Override
        public void evaluate(InstantContext ctx, List<InstantRow> out) {
            VisitView visit = ctx.visit();
            if (visit.setting() == org.fundwatch.schema.CareSetting.INPATIENT) {
                return;
            }
            String institution = visit.claim().institution().code();
            boolean repeat = false;
            for (VisitView v : ctx.earlier()) {
                repeat |= v.begnDate().equals(visit.begnDate()) && v.setting() != org.fundwatch.schema.CareSetting.INPATIENT
                        && v.claim().institution().code().equals(institution);
            }
            if (!repeat) {
                return; // most visits: the only one of the day here
            }
            List<VisitView> here = new ArrayList<>();
            for (VisitView v : ctx.earlier()) {
                if (v.setting() != org.fundwatch.schema.CareSetting.INPATIENT
                        && v.claim().institution().code().equals(institution)) {
                    here.add(v);
                }
            }
            here.add(visit);
            Map<LocalDate, Long> perDay = new java.util.HashMap<>();
            for (VisitView v : here) {
                perDay.merge(v.begnDate(), 1L, Long::sum);
            }
            if (perDay.get(visit.begnDate()) < 2) {
                return;
            }
            Comparator<VisitView> order = Comparator.comparing((VisitView v) -> v.claim().begntime())
                    .thenComparing(v -> v.claim().mdtrtId());
            for (LineView q : visit.lines()) {
                if (!prescribed(q)) {
                    continue;
                }
                // Visits (repeat ones, not inpatient) with a prescribed line of this item on this day, in order.
                List<VisitView> withItem = new ArrayList<>();
                for (VisitView v : here) {
                    if (perDay.get(v.begnDate()) >= 2 && v.lines().stream().anyMatch(o -> o.code().equals(q.code())
                            && o.feeDate().equals(q.feeDate()) && prescribed(o))) {
                        withItem.add(v);
                    }
                }
                withItem.sort(order);
                int visitNo = withItem.indexOf(visit) + 1;
                if (withItem.size() < 2 || visitNo < 2) {
                    continue;
                }
                VisitView first = withItem.get(0);
                BigDecimal visitTotal = visit.lines().stream().filter(o -> o.code().equals(q.code()))
                        .filter(SplitPrescription::prescribed)
                        .map(LineView::exposed).reduce(BigDecimal.ZERO, BigDecimal::add);
                InstantRow row = InstantRow.line(q).set("feedetl_sn", null).set("occur_time", visit.claim().begntime())
                        .set("vola_amt", visitTotal).set("v1", withItem.size()).set("v2", first.claim().mdtrtId());
                out.add(row);
                for (LineView f : first.lines()) {
                    if (f.code().equals(q.code()) && f.feeDate().equals(q.feeDate())
                            && prescribed(f)) {
                        out.add(row.involvedLine(f));
                    }
                }
            }
        }

        /** A line on a prescription ({@code rxno} given and not empty), as the batch query selects them. */
        private static boolean prescribed(LineView l) {
            return l.line().rxno().filter(x -> !x.isEmpty()).isPresent();
        }

        @Override
        public Explanation explain(RawRow r) {
            return new Explanation("同一参保人同日在同一机构" + r.text("v1") + "次就诊/购药重复开具" + item(r) + "（首次就诊"
                    + r.text("v2") + "），疑似分解处方",
                    "Item " + itemEn(r) + " prescribed to one patient in " + r.text("v1")
                            + " visits at one institution on one day (first visit " + r.text("v2") + ")", evidence(r));
        }
    }

    /** Every line of the person the history holds, and this visit's. */
    static List<LineView> personLines(InstantContext ctx) {
        List<LineView> out = new ArrayList<>();
        for (VisitView v : ctx.earlier()) {
            out.addAll(v.lines());
        }
        out.addAll(ctx.visit().lines());
        return out;
    }
}
