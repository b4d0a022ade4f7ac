package org.fundwatch.serve.ledger;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger (扣款台账) of {@code ledger_entry}: the sums per institution, month and kind, and the entries behind
 * them, each optionally limited to one month and one institution.
 */
final class LedgerQueries {
    private final JdbcClient jdbc;

    LedgerQueries(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc is null");
    }

    /** Money per kind (every kind present, zero when none) and its total. */
    record Sums(Map<LedgerKind, BigDecimal> byKind, BigDecimal total) {
        Sums {
            byKind = Collections.unmodifiableMap(new EnumMap<>(byKind));
        }

        static Sums of(Map<LedgerKind, BigDecimal> amounts) {
            Map<LedgerKind, BigDecimal> all = new EnumMap<>(LedgerKind.class);
            for (LedgerKind k : LedgerKind.values()) {
                all.put(k, amounts.getOrDefault(k, BigDecimal.ZERO));
            }
            return new Sums(all, all.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        }

        /** Public: the template's expressions call only public methods. */
        public BigDecimal amount(LedgerKind kind) {
            return byKind.get(kind);
        }

        Sums plus(Sums other) {
            Map<LedgerKind, BigDecimal> sum = new EnumMap<>(byKind);
            other.byKind.forEach((k, v) -> sum.merge(k, v, BigDecimal::add));
            return of(sum);
        }
    }

    /** The money booked against one institution in one month. */
    record Row(String code, String name, String month, Sums sums) {
    }

    record Entry(LocalDateTime bookedAt, String code, String name, String month, LedgerKind kind, BigDecimal amount,
                 Optional<String> jrId, String bookedBy) {
    }

    record Institution(String code, String name) {
    }

    private record Group(String code, String name, String month) {
    }

    /** Per institution and month, the latest month first. */
    List<Row> sums(Optional<String> month, Optional<String> institution) {
        Map<Group, Map<LedgerKind, BigDecimal>> groups = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT l.fixmedins_code, coalesce(i.fixmedins_name, l.fixmedins_code), l.month, l.kind,
                               sum(l.amount)
                        FROM ledger_entry l LEFT JOIN institution i ON i.fixmedins_code = l.fixmedins_code
                        WHERE (CAST(:month AS text) IS NULL OR l.month = :month)
                          AND (CAST(:institution AS text) IS NULL OR l.fixmedins_code = :institution)
                        GROUP BY l.fixmedins_code, i.fixmedins_name, l.month, l.kind
                        ORDER BY l.month DESC, l.fixmedins_code""")
                .param("month", month.orElse(null))
                .param("institution", institution.orElse(null))
                .query(rs -> {
                    groups.computeIfAbsent(new Group(rs.getString(1), rs.getString(2), rs.getString(3)),
                            k -> new EnumMap<>(LedgerKind.class)).put(LedgerKind.valueOf(rs.getString(4)),
                            rs.getBigDecimal(5));
                });
        List<Row> rows = new ArrayList<>(groups.size());
        groups.forEach((g, amounts) -> rows.add(new Row(g.code(), g.name(), g.month(), Sums.of(amounts))));
        return rows;
    }

    /** The entries, the latest first, at most {@code limit}. */
    List<Entry> entries(Optional<String> month, Optional<String> institution, int limit) {
        return jdbc.sql("""
                        SELECT l.booked_at, l.fixmedins_code, coalesce(i.fixmedins_name, l.fixmedins_code), l.month,
                               l.kind, l.amount, l.jr_id, l.booked_by
                        FROM ledger_entry l LEFT JOIN institution i ON i.fixmedins_code = l.fixmedins_code
                        WHERE (CAST(:month AS text) IS NULL OR l.month = :month)
                          AND (CAST(:institution AS text) IS NULL OR l.fixmedins_code = :institution)
                        ORDER BY l.booked_at DESC, l.entry_id DESC LIMIT :limit""")
                .param("month", month.orElse(null))
                .param("institution", institution.orElse(null))
                .param("limit", limit)
                .query((rs, n) -> new Entry(rs.getObject(1, LocalDateTime.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), LedgerKind.valueOf(rs.getString(5)), rs.getBigDecimal(6),
                        Optional.ofNullable(rs.getString(7)), rs.getString(8)))
                .list();
    }

    /** The months with entries (of one institution, when given), the latest first: the month filter's choices. */
    List<String> months(Optional<String> institution) {
        return jdbc.sql("SELECT DISTINCT month FROM ledger_entry WHERE (CAST(:institution AS text) IS NULL "
                        + "OR fixmedins_code = :institution) ORDER BY month DESC")
                .param("institution", institution.orElse(null))
                .query(String.class).list();
    }

    /** The institutions with entries: the institution filter's choices. */
    List<Institution> institutions() {
        return jdbc.sql("""
                        SELECT l.fixmedins_code, coalesce(i.fixmedins_name, l.fixmedins_code)
                        FROM (SELECT DISTINCT fixmedins_code FROM ledger_entry) l
                        LEFT JOIN institution i ON i.fixmedins_code = l.fixmedins_code ORDER BY l.fixmedins_code""")
                .query((rs, n) -> new Institution(rs.getString(1), rs.getString(2)))
                .list();
    }
}
