package org.fundwatch.screening;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * 指标表: every {@link Indicator} of every unit and settlement month, with its peer distribution. A unit is an
 * institution ({@code INSTITUTION}), one of its departments ({@code DEPARTMENT}, the visit's {@code mdtrt.dept_code})
 * or one of its physicians ({@code PHYSICIAN}, the visit's attending physician {@code mdtrt.atddr_no}). Peers are
 * the units of the same level in institutions of the same {@code fixmedins_type}, {@code medins_lv} and
 * {@code medins_type} (and, for departments, with the same department code) in the same month; a unit counts as a
 * peer when at least {@link Config#minCount} visits (stays, for the inpatient indicators) are behind its value.
 * Robust z = (x − median) / (1.4826 × max(MAD, {@link Config#madFloor} × median)), given only to units that count
 * themselves and have at least {@link Config#minPeers} other peers. The query reads the shared relations
 * ({@code fw_visit}, {@code fw_line}, {@code fw_catalog}) and the tables {@code mdtrt}, {@code setl} and
 * {@code medins_info}; it is standard SQL through the dialect, one row per unit, month and indicator, in a fixed
 * order, with the columns of {@link #COLUMNS}.
 */
public final class IndicatorTable {

    /** The columns of the table, in order. */
    public static final List<String> COLUMNS = List.of("unit_level", "fixmedins_code", "dept_code", "dr_code",
            "month", "indicator", "value", "denominator_count", "fixmedins_type", "medins_lv", "medins_type",
            "peers", "peer_median", "peer_mad", "robust_z");

    /** The units an indicator is computed for. */
    public enum UnitLevel {
        INSTITUTION, DEPARTMENT, PHYSICIAN
    }

    /**
     * @param minCount  visits (stays) a unit-month needs for its value to be compared and to count as a peer
     * @param minPeers  other peers a unit needs for a robust z
     * @param madFloor  the MAD is taken as at least this fraction of the median
     */
    public record Config(int minCount, int minPeers, BigDecimal madFloor) {
        /** DOMAIN.md's PEER_OUTLIER values: 10 visits, 3 peers, 5% of the median. */
        public static final Config DEFAULTS = new Config(10, 3, new BigDecimal("0.05"));

        public Config {
            requireNonNull(madFloor, "madFloor is null");
        }
    }

    /** Days after a discharge within which a new stay at the same institution counts as a readmission (再入院). */
    static final int READMISSION_DAYS = 15;

    private final SqlDialect d;
    private final Config config;

    public IndicatorTable(SqlDialect dialect, Config config) {
        this.d = requireNonNull(dialect, "dialect is null");
        this.config = requireNonNull(config, "config is null");
    }

    public IndicatorTable(SqlDialect dialect) {
        this(dialect, Config.DEFAULTS);
    }

    /**
     * The per-visit relation the indicators aggregate, as common table expressions ending in {@code b}: one row per
     * settled visit with its institution, department, physician, settlement month, setting, length of stay, the
     * cost split of its net fee lines (drug: list_type 101/102; consumable: 301; examination: charge category
     * 03 检查 and 04 化验; antibiotic: Western drugs of ATC class J01, the national drug code's {@code XJ01}
     * prefix; surgery: any line of charge category 06 手术), its settlements' cash and total, and whether a stay
     * is followed by another at the same institution within {@value #READMISSION_DAYS} days of discharge.
     */
    static String base(SqlDialect d) {
        return """
                lc AS (SELECT l.mdtrt_id, sum(l.amt) AS fee,
                              sum(CASE WHEN c.list_type IN ('101', '102') THEN l.amt ELSE 0 END) AS drug,
                              sum(CASE WHEN c.list_type = '301' THEN l.amt ELSE 0 END) AS consumable,
                              sum(CASE WHEN c.med_chrgitm_type IN ('03', '04') THEN l.amt ELSE 0 END) AS exam,
                              sum(CASE WHEN c.list_type = '101' AND l.code LIKE 'XJ01%%' THEN l.amt ELSE 0 END) AS antibiotic,
                              max(CASE WHEN c.med_chrgitm_type = '06' THEN 1 ELSE 0 END) AS surgery
                       FROM fw_line l LEFT JOIN fw_catalog c ON c.hilist_code = l.code
                            AND l.fee_date BETWEEN c.begndate AND c.enddate
                       GROUP BY l.mdtrt_id),
                sc AS (SELECT mdtrt_id, sum(psn_cash_pay) AS cash, sum(medfee_sumamt) AS medfee FROM setl
                       GROUP BY mdtrt_id),
                st AS (SELECT mdtrt_id, end_date,
                              lead(begn_date) OVER (PARTITION BY psn_no, fixmedins_code ORDER BY begn_date, mdtrt_id)
                                AS next_begn
                       FROM fw_visit WHERE setting = 'INPATIENT' AND setl_id IS NOT NULL),
                b AS (SELECT v.fixmedins_code, m.dept_code, m.atddr_no AS dr_code, %s AS month, v.psn_no,
                             v.setting = 'INPATIENT' AS inpatient, v.med_type, greatest(%s, 1) AS los,
                             coalesce(lc.fee, 0) AS fee, coalesce(lc.drug, 0) AS drug,
                             coalesce(lc.consumable, 0) AS consumable, coalesce(lc.exam, 0) AS exam,
                             coalesce(lc.antibiotic, 0) AS antibiotic, coalesce(lc.surgery, 0) AS surgery,
                             coalesce(sc.cash, 0) AS cash, coalesce(sc.medfee, 0) AS medfee,
                             CASE WHEN st.next_begn IS NOT NULL AND %s BETWEEN 0 AND %d THEN 1 ELSE 0 END
                               AS readmitted
                      FROM fw_visit v JOIN mdtrt m ON m.mdtrt_id = v.mdtrt_id
                      LEFT JOIN lc ON lc.mdtrt_id = v.mdtrt_id
                      LEFT JOIN sc ON sc.mdtrt_id = v.mdtrt_id
                      LEFT JOIN st ON st.mdtrt_id = v.mdtrt_id
                      WHERE v.setl_id IS NOT NULL)""".formatted(d.monthText("v.setl_date"),
                d.daysBetween("v.begn_date", "v.end_date"), d.daysBetween("st.end_date", "st.next_begn"),
                READMISSION_DAYS);
    }

    /** The whole table as one query (see the class comment for its rows and {@link #COLUMNS}). */
    public String query() {
        List<Indicator> all = Arrays.asList(Indicator.values());
        String aggregates = all.stream().map(i -> "%s AS %s_num, %s AS %s_den, %s AS %s_n".formatted(
                i.numerator, col(i), i.denominator, col(i), i.visits, col(i))).collect(Collectors.joining(",\n  "));
        // One pass over w crossed with the indicator names, not a UNION ALL of one branch per indicator: an engine
        // that inlines common table expressions (Spark) would otherwise plan w, and the fee-line aggregate under it,
        // once per indicator.
        String x = all.stream().map(i -> "WHEN '%s' THEN CAST(%s_num AS DOUBLE) / nullif(%s_den, 0)"
                .formatted(i.name(), col(i), col(i))).collect(Collectors.joining(" "));
        String n = all.stream().map(i -> "WHEN '%s' THEN %s_n".formatted(i.name(), col(i)))
                .collect(Collectors.joining(" "));
        String names = all.stream().map(i -> "('" + i.name() + "')").collect(Collectors.joining(", "));
        String longForm = """
                SELECT w.unit_level, w.fixmedins_code, w.dept_code, w.dr_code, w.month, k.indicator,
                       CASE k.indicator %s END AS x,
                       CASE k.indicator %s END AS n
                FROM w CROSS JOIN (VALUES %s) k(indicator)""".formatted(x, n, names);
        String peerKey = "unit_level, dept_code, fixmedins_type, medins_lv, medins_type, month, indicator";
        String on = Arrays.stream(peerKey.split(", ")).map(c -> "p." + c + " = u." + c)
                .collect(Collectors.joining(" AND "));
        String floor = config.madFloor().toPlainString();
        return """
                WITH %s,
                w AS (SELECT 'INSTITUTION' AS unit_level, fixmedins_code, '' AS dept_code, '' AS dr_code, month,
                  %s
                FROM b GROUP BY fixmedins_code, month
                UNION ALL
                SELECT 'DEPARTMENT', fixmedins_code, dept_code, '', month,
                  %s
                FROM b WHERE dept_code IS NOT NULL GROUP BY fixmedins_code, dept_code, month
                UNION ALL
                SELECT 'PHYSICIAN', fixmedins_code, '', dr_code, month,
                  %s
                FROM b WHERE dr_code IS NOT NULL GROUP BY fixmedins_code, dr_code, month),
                lf AS (
                %s
                ),
                u AS (SELECT lf.*, coalesce(i.fixmedins_type, '') AS fixmedins_type,
                             coalesce(i.medins_lv, '') AS medins_lv, coalesce(i.medins_type, '') AS medins_type
                      FROM lf JOIN medins_info i ON i.fixmedins_code = lf.fixmedins_code
                      WHERE lf.x IS NOT NULL),
                pm AS (SELECT %s, %s AS med, count(*) AS cnt FROM u WHERE n >= %d
                       GROUP BY %s),
                p AS (SELECT pm.unit_level, pm.dept_code, pm.fixmedins_type, pm.medins_lv, pm.medins_type, pm.month,
                             pm.indicator, pm.med, pm.cnt, %s AS mad
                      FROM pm JOIN u ON u.n >= %d AND %s
                      GROUP BY pm.unit_level, pm.dept_code, pm.fixmedins_type, pm.medins_lv, pm.medins_type, pm.month,
                               pm.indicator, pm.med, pm.cnt)
                SELECT u.unit_level, u.fixmedins_code, u.dept_code, u.dr_code, u.month, u.indicator,
                       %16$s AS value, u.n AS denominator_count, u.fixmedins_type, u.medins_lv,
                       u.medins_type, coalesce(p.cnt, 0) AS peers, %17$s AS peer_median,
                       %18$s AS peer_mad,
                       CASE WHEN u.n >= %d AND p.cnt - 1 >= %d
                            THEN %19$s END
                         AS robust_z
                FROM u LEFT JOIN p ON %s
                ORDER BY u.unit_level, u.fixmedins_code, u.dept_code, u.dr_code, u.month, u.indicator"""
                .formatted(base(d), aggregates, aggregates, aggregates, longForm, peerKey, d.median("x"),
                        config.minCount(), peerKey, d.median("abs(u.x - pm.med)"), config.minCount(),
                        on.replace("p.", "pm."), config.minCount(), config.minPeers(), on,
                        d.roundDouble("u.x", 4), d.roundDouble("p.med", 4), d.roundDouble("p.mad", 4),
                        d.roundDouble("(u.x - p.med) / nullif(1.4826 * greatest(p.mad, " + floor + " * p.med), 0)", 3));
    }

    private static String col(Indicator i) {
        return i.name().toLowerCase(java.util.Locale.ROOT);
    }
}
