package org.fundwatch.duckdb;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a screening did: per pass and per rule, with the totals by violation type (also written as run.json). */
public record ScreenReport(Path out, String packId, String packVersion, Optional<YearMonth> period,
                           List<PassTiming> passes, List<RuleResult> rules, Map<String, TypeTotal> byType,
                           long findings, long suppressed, BigDecimal amount, double seconds) {

    /** A shared relation or pass: its name, time and rows. */
    public record PassTiming(String name, double seconds, long rows) {
    }

    /**
     * @param status RAN, or NOT_RUN when the data it needs is absent ({@code reason} says which)
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
}
