package org.fundwatch.screening;

import java.util.Set;
import org.fundwatch.rules.Grain;
import org.fundwatch.rules.Params;
import org.fundwatch.rules.Rule;

/**
 * 聚集性就诊 / 团伙欺诈: the co-visit graph of DOMAIN.md §3.5. Two people are joined when they settled at the same
 * institution within {@code window_minutes} of each other on at least {@code min_days} different days; each
 * connected group of at least {@code min_members} people is reported, one finding per member (grain GROUP, the
 * month of the member's first co-visit; the institution where the member co-settled most often).
 *
 * <p>Bounding, for 50 million fee lines: only settlements are read (one row per visit, not per line), and only of
 * people who settled on at least {@code min_days} days at all. They are bucketed per institution into
 * {@code window_minutes}-wide buckets, and a settlement is joined with its own and the two neighbouring buckets by an
 * equi-join on (institution, bucket) against a copy of each settlement in its
 * neighbouring buckets, so the pair self-join costs at most 3 × the square of a bucket's size
 * per bucket, never the square of an institution's settlements; buckets holding more than {@code max_bucket}
 * settlements (a busy hospital's morning, where co-presence means nothing) are skipped, which caps a bucket's pairs
 * at 3 × {@code max_bucket}² / 2. Pairs are reduced to edges (≥ {@code min_days} distinct days) before the graph
 * is built, so the graph holds few nodes.
 *
 * <p>Connected components: iterative min-label propagation in SQL (a recursive CTE). Every node starts with its
 * own id as label; each iteration gives every node the smallest label among itself and its neighbours, and counts
 * the nodes whose label changed (a window over the iteration); the recursion stops when no label changed, or after
 * {@code max_iterations} (a component whose diameter exceeds the bound may then be split into parts, each still
 * connected). Chosen over union-find in Java because it keeps the template a single query like every other rule,
 * runs where the data is, and the edge list after the day filter is small enough that
 * nodes × iterations rows cost nothing. Spark SQL allows no aggregate over a recursive reference, so there the rule
 * is reported not run ({@link #recursiveAggregates()}).
 */
final class CoVisitGroups extends BaseTemplate {
    record Config(int windowMinutes, int minDays, int minMembers, int maxBucket, int maxIterations) {
        static Config from(Params p) {
            return new Config(p.integer("window_minutes", 60), p.integer("min_days", 3), p.integer("min_members", 5),
                    p.integer("max_bucket", 100), p.integer("max_iterations", 30));
        }
    }

    private final Config config;

    CoVisitGroups(Rule rule) {
        super(rule);
        this.config = Config.from(rule.params());
    }

    @Override
    public Grain grain() {
        return Grain.GROUP;
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
    public boolean recursiveAggregates() {
        return true;
    }

    @Override
    public String query(CompileContext ctx) {
        SqlDialect d = ctx.dialect();
        int width = config.windowMinutes() * 60;
        return """
                WITH RECURSIVE
                s AS (SELECT psn_no, fixmedins_code, setl_time, CAST(floor(%s / %d) AS BIGINT) AS bucket
                      FROM fw_visit WHERE setl_id IS NOT NULL
                       AND psn_no IN (SELECT psn_no FROM fw_visit WHERE setl_id IS NOT NULL
                                      GROUP BY psn_no HAVING count(DISTINCT setl_date) >= %d)),
                busy AS (SELECT fixmedins_code, bucket FROM s GROUP BY fixmedins_code, bucket HAVING count(*) > %d),
                sb AS (SELECT s.* FROM s WHERE NOT EXISTS (SELECT 1 FROM busy WHERE busy.fixmedins_code = s.fixmedins_code
                                                           AND busy.bucket = s.bucket)),
                pair AS (SELECT a.psn_no AS p, b.psn_no AS q, a.fixmedins_code, a.setl_time AS tp, b.setl_time AS tq,
                                CAST(least(a.setl_time, b.setl_time) AS DATE) AS day
                         FROM sb a
                         JOIN (SELECT sb.*, sb.bucket + o.k AS near FROM sb CROSS JOIN (VALUES (-1), (0), (1)) o(k)) b
                           ON b.fixmedins_code = a.fixmedins_code AND b.near = a.bucket
                         WHERE a.psn_no < b.psn_no AND abs(%s) <= %d),
                edge AS (SELECT p, q FROM pair GROUP BY p, q HAVING count(DISTINCT day) >= %d),
                und AS (SELECT p AS a, q AS b FROM edge UNION ALL SELECT q, p FROM edge
                        UNION ALL SELECT DISTINCT p, p FROM edge UNION ALL SELECT DISTINCT q, q FROM edge),
                lp(it, node, label, changes) AS (
                  SELECT DISTINCT 0, a, a, CAST(1 AS BIGINT) FROM und
                  UNION ALL
                  SELECT it + 1, node, label, CAST(sum(CASE WHEN label < old THEN 1 ELSE 0 END) OVER () AS BIGINT)
                  FROM (SELECT x.it, e.b AS node, min(x.label) AS label, min(CASE WHEN e.a = e.b THEN x.label END) AS old
                        FROM lp x JOIN und e ON e.a = x.node
                        WHERE x.changes > 0 AND x.it < %d
                        GROUP BY x.it, e.b)),
                comp AS (SELECT node, label FROM lp WHERE it = (SELECT max(it) FROM lp)),
                grp AS (SELECT label, count(*) AS members,
                               %11$s AS people
                        FROM comp GROUP BY label HAVING count(*) >= %d),
                mine AS (SELECT e.p AS psn_no, x.fixmedins_code, x.day, x.tp AS t FROM pair x
                         JOIN edge e ON e.p = x.p AND e.q = x.q
                         UNION ALL
                         SELECT e.q, x.fixmedins_code, x.day, x.tq FROM pair x JOIN edge e ON e.p = x.p AND e.q = x.q),
                home AS (SELECT psn_no, fixmedins_code, row_number() OVER (PARTITION BY psn_no
                                 ORDER BY count(*) DESC, fixmedins_code) AS rn
                         FROM mine GROUP BY psn_no, fixmedins_code),
                m AS (SELECT c.node AS psn_no, g.members, g.people, min(mine.day) AS first_day,
                             count(DISTINCT mine.day) AS days, min(home.fixmedins_code) AS fixmedins_code,
                             %12$s AS times
                      FROM comp c JOIN grp g ON g.label = c.label JOIN mine ON mine.psn_no = c.node
                      JOIN home ON home.psn_no = c.node AND home.rn = 1
                      GROUP BY c.node, g.members, g.people)
                SELECT %s
                FROM m LEFT JOIN fw_person p ON p.psn_no = m.psn_no
                LEFT JOIN medins_info i ON i.fixmedins_code = m.fixmedins_code""".formatted(
                d.secondsBetween("TIMESTAMP '1970-01-01 00:00:00'", "setl_time"), width, config.minDays(), config.maxBucket(),
                d.secondsBetween("a.setl_time", "b.setl_time"), width, config.minDays(), config.maxIterations(),
                config.minMembers(),
                RawSelect.empty().set("psn_no", "m.psn_no").set("certno", "p.certno")
                        .set("fixmedins_code", "m.fixmedins_code").set("fixmedins_type", "i.fixmedins_type")
                        .set("medins_lv", "i.medins_lv").set("occur_date", "m.first_day").set("occur_time", "m.first_day")
                        .set("v1", "m.members").set("v2", "m.people").set("v3", "m.days").set("v4", "m.times").list(ctx.dialect()),
                d.stringAgg("node", "','", "node", false),
                d.stringAgg(d.formatTime("mine.t", "yyyy-MM-dd HH:mm"), "', '",
                        d.formatTime("mine.t", "yyyy-MM-dd HH:mm"), true));
    }

    @Override
    public Explanation explain(RawRow r) {
        return new Explanation("参保人与" + (Integer.parseInt(r.text("v1")) - 1) + "人构成共同就诊团伙（" + r.text("v1")
                + "人：" + r.text("v2") + "），在同一机构" + config.windowMinutes() + "分钟内相继结算，其本人相关就诊"
                + r.text("v3") + "天：" + r.text("v4"),
                "Member of a group of " + r.text("v1") + " people (" + r.text("v2") + ") who settled at the same"
                        + " institution within " + config.windowMinutes() + " minutes of each other on at least "
                        + config.minDays() + " days; this member's co-visits on " + r.text("v3") + " days: "
                        + r.text("v4"), rule.basis());
    }
}
