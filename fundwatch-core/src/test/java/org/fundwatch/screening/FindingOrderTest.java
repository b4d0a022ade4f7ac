package org.fundwatch.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.schema.MedTypeSettings;
import org.junit.jupiter.api.Test;

class FindingOrderTest {

    private static CompiledRule rule(SqlDialect dialect, String id) {
        return new RuleCompiler(dialect, MedTypeSettings.defaults())
                .compile(PolicyPack.defaultPack(), LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 31))
                .rules().stream().filter(r -> r.rule().id().equals(id)).findFirst().orElseThrow();
    }

    /** A row of FW-101 (grain: the fee line) with only the ordering columns set. */
    private static RawRow row(String feedetlSn, String lineRole, String lineSn) {
        String[] values = new String[RawRow.columns().size()];
        values[RawRow.columns().indexOf("feedetl_sn")] = feedetlSn;
        values[RawRow.columns().indexOf("occur_date")] = "2026-08-03";
        values[RawRow.columns().indexOf("line_role")] = lineRole;
        values[RawRow.columns().indexOf("line_sn")] = lineSn;
        return new RawRow(values);
    }

    private static List<String> sorted(Comparator<RawRow> order, RawRow... rows) {
        List<RawRow> list = new ArrayList<>(List.of(rows));
        list.sort(order);
        return list.stream().map(r -> r.text("feedetl_sn") + "/" + r.text("line_role") + "/" + r.text("line_sn"))
                .toList();
    }

    @Test
    void duckDbQueryEndsInTheOrderTheDriverSortsBy() {
        CompiledRule r = rule(DuckDbDialect.INSTANCE, "FW-101");
        String columns = FindingOrder.columns(r.template()).stream().map(c -> "r." + c)
                .collect(Collectors.joining(", "));
        assertThat(r.sql()).endsWith("\nORDER BY " + columns);
        assertThat(columns).startsWith("r.feedetl_sn, r.occur_date, r.line_role");
    }

    @Test
    void sparkQueryLeavesTheOrderToTheDriver() {
        assertThat(rule(SparkSqlDialect.INSTANCE, "FW-101").sql()).doesNotContain("ORDER BY r.");
    }

    @Test
    void textIsOrderedByCodePointAsDuckDbAndSparkDoNotByUtf16() {
        // U+FFFD sorts before U+1F600 by code point (and UTF-8 bytes); Java's String order says the opposite.
        String bmp = "\uFFFD";
        String astral = "\uD83D\uDE00";
        assertThat(bmp.compareTo(astral)).isPositive();
        assertThat(sorted(FindingOrder.of(rule(DuckDbDialect.INSTANCE, "FW-101")),
                row(astral, "0", "a"), row(bmp, "0", "a")))
                .containsExactly(bmp + "/0/a", astral + "/0/a");
    }

    @Test
    void lineRoleIsOrderedAsANumberAndNullsComeLast() {
        Comparator<RawRow> order = FindingOrder.of(rule(DuckDbDialect.INSTANCE, "FW-101"));
        assertThat(sorted(order, row("S1", "10", "a"), row("S1", "2", "b"), row("S1", null, "c"),
                row(null, "0", "d"), row("S1", "2", null), row("S0", "9", "e")))
                .containsExactly("S0/9/e", "S1/2/b", "S1/2/", "S1/10/a", "S1//c", "/0/d");
    }
}
