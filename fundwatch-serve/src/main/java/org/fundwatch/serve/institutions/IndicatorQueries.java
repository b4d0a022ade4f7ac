package org.fundwatch.serve.institutions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fundwatch.screening.Indicator;
import org.fundwatch.screening.IndicatorTable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An institution's indicators (指标, the {@code indicator_value} rows the loads stored) and, per indicator and month,
 * the distribution of its peers: the institutions of the same {@code fixmedins_type}, {@code medins_lv} and
 * {@code medins_type} whose value rests on at least {@link #MIN_COUNT} visits (stays), as the indicator table counts
 * peers.
 */
final class IndicatorQueries {
    static final int MIN_COUNT = IndicatorTable.Config.DEFAULTS.minCount();

    private final JdbcClient jdbc;

    IndicatorQueries(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc is null");
    }

    /** The institution's own value of one indicator in one month, with the peer statistics the table gave it. */
    record Own(Indicator indicator, String month, double value, long count, int peers, Optional<Double> peerMedian,
               Optional<Double> robustZ) {
    }

    /** The five numbers of the peers' boxplot in one month, and how many peers. */
    record PeerSpread(Indicator indicator, String month, double min, double q1, double median, double q3, double max,
                      int peers) {
    }

    /** A department's or physician's indicator-month far above its peers. */
    record UnitOutlier(String level, String unit, String month, Indicator indicator, double value, long count,
                       double peerMedian, double robustZ) {
    }

    /**
     * The institution's departments and physicians whose indicator-month has a robust z of at least {@code minZ}
     * against the same units of its peer institutions, highest first, at most {@code limit}.
     */
    List<UnitOutlier> unitOutliers(String code, double minZ, int limit) {
        return jdbc.sql("""
                        SELECT unit_level, CASE WHEN unit_level = 'DEPARTMENT' THEN dept_code ELSE dr_code END, month,
                               indicator, value, denominator_count, peer_median, robust_z
                        FROM indicator_value
                        WHERE fixmedins_code = ? AND unit_level IN ('DEPARTMENT', 'PHYSICIAN') AND robust_z >= ?
                        ORDER BY robust_z DESC, unit_level, 2, month, indicator LIMIT ?""").params(code, minZ, limit)
                .query((rs, i) -> {
                    Optional<Indicator> indicator = Indicator.byName(rs.getString(4));
                    String level = rs.getString(1);
                    String unit = rs.getString(2);
                    String month = rs.getString(3);
                    double value = rs.getDouble(5);
                    long count = rs.getLong(6);
                    double median = rs.getDouble(7);
                    double z = rs.getDouble(8);
                    return indicator.map(ind -> new UnitOutlier(level, unit, month, ind, value, count, median, z));
                }).list().stream().flatMap(Optional::stream).toList();
    }

    /** Every institution-level value of the institution, by indicator (in {@link Indicator} order) and month. */
    List<Own> own(String code) {
        return jdbc.sql("""
                        SELECT indicator, month, value, denominator_count, peers, peer_median, robust_z
                        FROM indicator_value WHERE unit_level = 'INSTITUTION' AND fixmedins_code = ?
                        ORDER BY month""").param(code)
                .query((rs, i) -> {
                    Optional<Indicator> indicator = Indicator.byName(rs.getString(1));
                    String month = rs.getString(2);
                    double value = rs.getDouble(3);
                    long count = rs.getLong(4);
                    int peers = rs.getInt(5);
                    Optional<Double> median = optional(rs.getObject(6));
                    Optional<Double> z = optional(rs.getObject(7));
                    return indicator.map(ind -> new Own(ind, month, value, count, peers, median, z));
                }).list().stream().flatMap(Optional::stream).toList();
    }

    /** The peers' distribution of every indicator and month in which the institution has a value. */
    List<PeerSpread> peers(String code) {
        return jdbc.sql("""
                        WITH me AS (SELECT DISTINCT indicator, month, fixmedins_type, medins_lv, medins_type
                                    FROM indicator_value WHERE unit_level = 'INSTITUTION' AND fixmedins_code = ?)
                        SELECT p.indicator, p.month, min(p.value),
                               percentile_cont(0.25) WITHIN GROUP (ORDER BY p.value),
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY p.value),
                               percentile_cont(0.75) WITHIN GROUP (ORDER BY p.value), max(p.value), count(*)
                        FROM indicator_value p
                        JOIN me ON me.indicator = p.indicator AND me.month = p.month
                         AND me.fixmedins_type = p.fixmedins_type AND me.medins_lv = p.medins_lv
                         AND me.medins_type = p.medins_type
                        WHERE p.unit_level = 'INSTITUTION' AND p.denominator_count >= ?
                        GROUP BY p.indicator, p.month ORDER BY p.month""").params(code, MIN_COUNT)
                .query((rs, i) -> {
                    Optional<Indicator> indicator = Indicator.byName(rs.getString(1));
                    String month = rs.getString(2);
                    double[] five = {rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
                            rs.getDouble(7)};
                    int peers = rs.getInt(8);
                    return indicator.map(ind -> new PeerSpread(ind, month, five[0], five[1], five[2], five[3],
                            five[4], peers));
                }).list().stream().flatMap(Optional::stream).toList();
    }

    private static Optional<Double> optional(Object value) {
        return value == null ? Optional.empty() : Optional.of(((Number) value).doubleValue());
    }
}
