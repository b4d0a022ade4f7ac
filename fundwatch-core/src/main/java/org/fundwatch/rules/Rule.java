package org.fundwatch.rules;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * A rule (规则) as data: which template it instantiates with which parameters, what it reports ({@code
 * vola_bhvr_type}, severity {@code sev_deg} 1 definite / 2 highly suspicious / 3 suspicious, action), when it runs
 * (moments) and where (scope, effective dates). Bureaus write rules; engineers write templates.
 *
 * @param version  the rule's own version, bumped when a threshold or scope changes; not part of a finding's id
 * @param basis    依据: the regulation or agreement clause the rule rests on, shown with every finding
 */
public record Rule(String id, int version, boolean enabled, String nameZh, String nameEn, String template,
                   Params params, ViolationType type, int severity, Action action, Set<Moment> moments,
                   Scope scope, Optional<LocalDate> effectiveFrom, Optional<LocalDate> effectiveTo, String basis) {

    public Rule {
        moments = Set.copyOf(moments);
        if (severity < 1 || severity > 3) {
            throw new PolicyException(PolicyException.Code.BAD_RULE_VALUE, "rule " + id + ": sev_deg must be 1, 2 or 3");
        }
    }

    /** Whether the rule is in force on {@code day}. */
    public boolean effectiveOn(LocalDate day) {
        return effectiveFrom.map(f -> !day.isBefore(f)).orElse(true)
                && effectiveTo.map(t -> !day.isAfter(t)).orElse(true);
    }
}
