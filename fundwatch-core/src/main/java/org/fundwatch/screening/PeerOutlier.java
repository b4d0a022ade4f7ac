package org.fundwatch.screening;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fundwatch.rules.Grain;
import org.fundwatch.rules.Params;
import org.fundwatch.rules.PolicyException;
import org.fundwatch.rules.Rule;

/**
 * 指标异常: a monthly indicator (协议考核指标) of an institution far above its peers of the same {@code fixmedins_type},
 * {@code medins_lv} and {@code medins_type} — robust z = (x − median) / (1.4826 × MAD) ≥ {@code min_z}, the MAD
 * taken as at least {@code mad_floor} × the median, x ≥ {@code min_ratio} × the peer median, with ≥
 * {@code min_peers} peers and ≥ {@code min_visits} visits (the indicator's own denominator: stays for the inpatient
 * indicators) — or far above its own history (the same test against its previous {@code history_months} months, of which
 * at least {@code min_history} must have ≥ {@code min_visits} visits). Grain institution + month + indicator; the amount is not
 * computable. The indicators are computed once per institution and month by {@link #monthly} over the per-visit
 * relation of {@link IndicatorTable#base}; each is one {@link Indicator} line.
 */
final class PeerOutlier extends BaseTemplate {

    private static final Map<String, Indicator> BY_NAME = Arrays.stream(Indicator.values())
            .collect(Collectors.toMap(Enum::name, Function.identity()));

    record Config(Set<Indicator> indicators, BigDecimal minZ, BigDecimal minRatio, BigDecimal madFloor, int minPeers,
                  int minVisits, int historyMonths, int minHistory) {
        static Config from(Params p) {
            Set<String> names = p.codes("indicators");
            Set<Indicator> indicators = names.isEmpty() ? Indicator.peerOutlierDefaults() : names.stream().map(n -> {
                Indicator i = BY_NAME.get(n);
                if (i == null) {
                    throw new PolicyException(PolicyException.Code.BAD_RULE_VALUE, "unknown indicator " + n
                            + "; known: " + String.join(", ", BY_NAME.keySet().stream().sorted().toList()));
                }
                return i;
            }).collect(Collectors.toUnmodifiableSet());
            return new Config(indicators, p.decimal("min_z", new BigDecimal("3")),
                    p.decimal("min_ratio", new BigDecimal("1.5")), p.decimal("mad_floor", new BigDecimal("0.05")),
                    p.integer("min_peers", 3), p.integer("min_visits", 10), p.integer("history_months", 6),
                    p.integer("min_history", 3));
        }
    }

    private final Config config;

    PeerOutlier(Rule rule) {
        super(rule);
        this.config = Config.from(rule.params());
    }

    @Override
    public Grain grain() {
        return Grain.INSTITUTION_INDICATOR;
    }

    @Override
    public PeriodUnit periodUnit() {
        return PeriodUnit.MONTH;
    }

    @Override
    public Set<Pass> passes() {
        return Set.of();
    }

    /**
     * The indicators of every institution and settlement month in long form: {@code fixmedins_code, month (yyyy-MM),
     * mno (months since year 0), indicator, x, n (visits behind it), peer group columns}. One aggregate over the
     * fee lines (the cost split per visit) and one over the visits, whatever the number of indicators.
     */
    static String monthly(SqlDialect d, Set<Indicator> indicators) {
        List<Indicator> sorted = indicators.stream().sorted().toList();
        String aggregates = sorted.stream().map(i -> "%s AS %s_num, %s AS %s_den, %s AS %s_n".formatted(i.numerator,
                col(i), i.denominator, col(i), i.visits, col(i))).collect(Collectors.joining(",\n       "));
        // the indicator names crossed with one aggregate, not one aggregate per indicator (see IndicatorTable)
        String x = sorted.stream().map(i -> "WHEN '%s' THEN CAST(%s_num AS DOUBLE) / nullif(%s_den, 0)"
                .formatted(i.name(), col(i), col(i))).collect(Collectors.joining(" "));
        String n = sorted.stream().map(i -> "WHEN '%s' THEN %s_n".formatted(i.name(), col(i)))
                .collect(Collectors.joining(" "));
        String names = sorted.stream().map(i -> "('" + i.name() + "')").collect(Collectors.joining(", "));
        return """
                %s,
                bm AS (SELECT fixmedins_code, month,
                       %s
                       FROM b GROUP BY fixmedins_code, month),
                ind AS (SELECT u.*, i.fixmedins_type, i.medins_lv, coalesce(i.medins_type, '') AS medins_type,
                               CAST(substr(u.month, 1, 4) AS INTEGER) * 12 + CAST(substr(u.month, 6, 2) AS INTEGER) AS mno
                        FROM (SELECT bm.fixmedins_code, bm.month, k.indicator, CASE k.indicator %s END AS x,
                                     CASE k.indicator %s END AS n
                              FROM bm CROSS JOIN (VALUES %s) k(indicator)) u
                        JOIN medins_info i ON i.fixmedins_code = u.fixmedins_code
                        WHERE u.x IS NOT NULL)""".formatted(IndicatorTable.base(d), aggregates, x, n, names);
    }

    private static String col(Indicator i) {
        return i.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String query(CompileContext ctx) {
        SqlDialect d = ctx.dialect();
        String z = "(x - med) / (1.4826 * greatest(mad, " + config.madFloor().toPlainString() + " * med))";
        return """
                WITH %s,
                ok AS (SELECT * FROM ind WHERE n >= %d),
                pm AS (SELECT fixmedins_type, medins_lv, medins_type, month, indicator, median(x) AS med, count(*) AS cnt
                       FROM ok GROUP BY ALL),
                pz AS (SELECT ok.fixmedins_type, ok.medins_lv, ok.medins_type, ok.month, ok.indicator, pm.med, pm.cnt,
                              median(abs(ok.x - pm.med)) AS mad
                       FROM ok JOIN pm USING (fixmedins_type, medins_lv, medins_type, month, indicator) GROUP BY ALL),
                peer AS (SELECT ok.fixmedins_code, ok.month, ok.indicator, ok.x, ok.n, ok.fixmedins_type, ok.medins_lv, ok.medins_type,
                                pz.med, pz.mad, pz.cnt - 1 AS others, 'PEER' AS basis
                         FROM ok JOIN pz USING (fixmedins_type, medins_lv, medins_type, month, indicator)
                         WHERE pz.cnt - 1 >= %d),
                hm AS (SELECT o.fixmedins_code, o.indicator, o.month, median(h.x) AS med, count(*) AS cnt
                       FROM ok o JOIN ok h ON h.fixmedins_code = o.fixmedins_code AND h.indicator = o.indicator
                        AND h.mno BETWEEN o.mno - %d AND o.mno - 1
                       GROUP BY ALL),
                hz AS (SELECT o.fixmedins_code, o.indicator, o.month, hm.med, hm.cnt, median(abs(h.x - hm.med)) AS mad
                       FROM ok o JOIN hm USING (fixmedins_code, indicator, month)
                       JOIN ok h ON h.fixmedins_code = o.fixmedins_code AND h.indicator = o.indicator
                        AND h.mno BETWEEN o.mno - %d AND o.mno - 1
                       GROUP BY ALL),
                hist AS (SELECT ok.fixmedins_code, ok.month, ok.indicator, ok.x, ok.n, ok.fixmedins_type, ok.medins_lv, ok.medins_type,
                                hz.med, hz.mad, hz.cnt AS others, 'HISTORY' AS basis
                         FROM ok JOIN hz USING (fixmedins_code, indicator, month) WHERE hz.cnt >= %d),
                t AS (SELECT *, %s AS z FROM (SELECT * FROM peer UNION ALL SELECT * FROM hist) WHERE med > 0),
                f AS (SELECT fixmedins_code, month, indicator, min(fixmedins_type) AS fixmedins_type,
                             min(medins_lv) AS medins_lv, min(x) AS x, min(n) AS n,
                             %11$s AS tests
                      FROM t WHERE z >= %s AND x >= %s * med
                      GROUP BY fixmedins_code, month, indicator)
                SELECT %s FROM f""".formatted(monthly(d, config.indicators()), config.minVisits(),
                config.minPeers(), config.historyMonths(), config.historyMonths(), config.minHistory(), z,
                config.minZ().toPlainString(), config.minRatio().toPlainString(),
                RawSelect.empty().set("fixmedins_code", "f.fixmedins_code").set("fixmedins_type", "f.fixmedins_type")
                        .set("medins_lv", "f.medins_lv").set("indicator", "f.indicator")
                        .set("occur_date", "CAST(f.month || '-01' AS DATE)")
                        .set("occur_time", "CAST(f.month || '-01' AS DATE)")
                        .set("v1", d.roundDouble("f.x", 4)).set("v2", "f.n").set("v3", "f.tests").list(ctx.dialect()),
                d.stringAgg("basis || ' ' || " + d.toText(d.roundDouble("med", 4)) + " || ' ' || " + d.toText(d.roundDouble("z", 2))
                        + " || ' ' || " + d.toText("others"), "';'", "basis DESC", false));
    }

    /**
     * One sentence per test that fired ({@code v3}: {@code PEER|HISTORY median z comparators}, joined by
     * {@code ;}, the peer test first).
     */
    @Override
    public Explanation explain(RawRow r) {
        Indicator i = BY_NAME.get(r.text("indicator"));
        String x = r.number("v1");
        StringBuilder zh = new StringBuilder(i.zh() + "为" + x + "（" + r.text("v2") + "人次）");
        StringBuilder en = new StringBuilder(i.en() + " " + x + " over " + r.text("v2") + " visits");
        for (String test : r.text("v3").split(";")) {
            String[] t = test.split(" ");
            boolean peer = t[0].equals("PEER");
            String med = new BigDecimal(t[1]).stripTrailingZeros().toPlainString();
            zh.append("，").append(peer ? "同类型同级别" + t[3] + "家机构中位数为" : "本机构前" + t[3] + "个月中位数为")
                    .append(med).append("，稳健Z值").append(t[2]);
            en.append("; ").append(peer ? "median of " + t[3] + " peers of the same type and level "
                    : "median of its previous " + t[3] + " months ").append(med).append(", robust z ").append(t[2]);
        }
        zh.append("（阈值").append(config.minZ().toPlainString()).append("，且不低于中位数的")
                .append(config.minRatio().toPlainString()).append("倍）");
        en.append(" (threshold ").append(config.minZ().toPlainString()).append(", and at least ")
                .append(config.minRatio().toPlainString()).append(" × the median)");
        return new Explanation(zh.toString(), en.toString(), rule.basis());
    }
}
