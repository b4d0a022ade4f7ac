package org.fundwatch.duckdb;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.fundwatch.rules.ViolationType;

/** What a screening did: per pass and per rule, with the totals by violation type (also written as run.json). */
public record ScreenReport(Path out, String packId, String packVersion, Optional<YearMonth> period,
                           List<PassTiming> passes, List<RuleResult> rules, Map<String, TypeTotal> byType,
                           long findings, long suppressed, BigDecimal amount, double seconds) {

    /** A shared relation or pass: its name, time and rows. */
    public record PassTiming(String name, double seconds, long rows) {
    }

    /**
     * @param status RAN; NOT_RUN when the data it needs is absent, OFF when its part was switched off ({@code reason}
     *               says which)
     */
    public record RuleResult(String ruleId, int version, String type, String template, String status,
                             Optional<String> reason, long findings, long suppressed, BigDecimal amount,
                             double seconds) {
    }

    /** Findings of one type; the amount counts each fee line once even when several findings name it. */
    public record TypeTotal(long findings, BigDecimal amount) {
    }

    public PassTiming pass(String name) {
        return passes.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    public RuleResult rule(String id) {
        return rules.stream().filter(r -> r.ruleId().equals(id)).findFirst().orElseThrow();
    }

    /** The findings and amounts by violation type, the rules not run and where the files are, as `screen` prints it. */
    public void printSummary(PrintWriter out) {
        out.printf("rule pack %s %s%s%n", packId, packVersion, period.map(p -> ", period " + p).orElse(""));
        out.printf("%-24s %-30s %10s %16s%n", "vola_bhvr_type", "违规行为类型", "findings", "vola_amt");
        for (Map.Entry<String, ScreenReport.TypeTotal> e : byType.entrySet()) {
            out.printf("%-24s %-30s %,10d %,16.2f%n", e.getKey(), ViolationType.valueOf(e.getKey()).chineseName(),
                    e.getValue().findings(), e.getValue().amount());
        }
        out.printf("%-24s %-30s %,10d %,16.2f%n", "total", "合计（每条明细只计一次）", findings, amount);
        long ran = rules.stream().filter(r -> r.status().equals("RAN")).count();
        out.printf("rules run %d of %d; findings suppressed by approvals (备案): %,d%n", ran, rules.size(), suppressed);
        rules.stream().filter(r -> r.status().equals("NOT_RUN"))
                .forEach(r -> out.printf("not run: %s (%s): %s%n", r.ruleId(), r.type(), r.reason().orElse("")));
        // One line per switch, not one per rule: the user asked for it.
        rules.stream().filter(r -> r.status().equals("OFF"))
                .collect(Collectors.groupingBy(r -> r.reason().orElse(""), TreeMap::new, Collectors.counting()))
                .forEach((reason, n) -> out.printf("%d rules %s%n", n, reason));
        out.printf("findings in %s, written in %.1f s%n", this.out, seconds);
        out.flush();
    }
}
