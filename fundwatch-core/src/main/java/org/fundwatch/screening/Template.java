package org.fundwatch.screening;

import java.util.List;
import java.util.Set;
import org.fundwatch.rules.Grain;

/**
 * A rule template bound to one rule's typed configuration: the shape of a violation in code. It says which passes
 * and data it reads, writes its query in the {@link RawColumns} shape (restricted to the report window) and explains
 * a hit in Chinese and English with the values that fired it.
 */
interface Template {

    Grain grain();

    /** Whether the finding's period is its day or its month. */
    PeriodUnit periodUnit();

    Set<Pass> passes();

    /** Data without which the rule cannot decide anything (it then reports that it did not run). */
    List<DataNeed> needs();

    String query(CompileContext ctx);

    /** Whether the query aggregates over a recursive reference (connected components by label propagation). */
    default boolean recursiveAggregates() {
        return false;
    }

    Explanation explain(RawRow row);

    enum PeriodUnit {
        DAY, MONTH
    }
}
