package org.fundwatch.screening;

import java.time.LocalDate;
import java.util.List;

/**
 * What an engine runs for one screening: the shared relations (prelude), the passes the enabled rules need, in
 * order, then one query per rule.
 */
public record ScreeningPlan(String packId, String packVersion, LocalDate from, LocalDate to,
                            List<Statement> prelude, List<Statement> passes, List<CompiledRule> rules) {
    public ScreeningPlan {
        prelude = List.copyOf(prelude);
        passes = List.copyOf(passes);
        rules = List.copyOf(rules);
    }
}
