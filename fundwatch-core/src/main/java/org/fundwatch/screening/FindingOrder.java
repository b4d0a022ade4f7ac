package org.fundwatch.screening;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a rule's rows as the batch query's {@code ORDER BY} gives it on DuckDB: the grain's keys,
 * {@code occur_date}, {@code line_role}, {@code line_sn}, {@code v1}…{@code v4}; text by its UTF-8 bytes, NULLs last.
 * Engines that cannot sort cheaply in SQL (real-time screening in Java, Spark's global sort over many tiny jobs)
 * sort the collected rows with it, so findings come out in the same order everywhere.
 */
public final class FindingOrder {

    private FindingOrder() {
    }

    /** The row order of the rule's template. */
    public static Comparator<RawRow> of(CompiledRule rule) {
        return of(rule.template());
    }

    /** The columns of the order, in the query's {@code ORDER BY} and in {@link #of}. */
    static List<String> columns(Template t) {
        List<String> columns = new ArrayList<>(t.grain().keyColumns());
        columns.addAll(List.of("occur_date", "line_role", "line_sn", "v1", "v2", "v3", "v4"));
        return columns;
    }

    static Comparator<RawRow> of(Template t) {
        Comparator<RawRow> order = null;
        for (String column : columns(t)) {
            int i = RawRow.columns().indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException("not a raw column: " + column);
            }
            Comparator<RawRow> next = "line_role".equals(column)
                    ? Comparator.comparing((RawRow r) -> r.at(i) == null ? null : Integer.valueOf(r.at(i)),
                            Comparator.nullsLast(Comparator.naturalOrder()))
                    : Comparator.comparing((RawRow r) -> r.at(i), Comparator.nullsLast(FindingOrder::compareUtf8));
            order = order == null ? next : order.thenComparing(next);
        }
        return order;
    }

    /** DuckDB and Spark order text by its UTF-8 bytes, which is code point order (not Java's UTF-16 order). */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
