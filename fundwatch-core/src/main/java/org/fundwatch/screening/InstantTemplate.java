package org.fundwatch.screening;

import java.util.List;

/**
 * A template that can also decide in the JVM, one visit at a time (事前/事中): given the visit being reviewed and
 * the person's earlier visits, it emits the rows its SQL would emit for that visit's findings, in the same raw
 * shape, so that ids, amounts and explanations come out the same.
 */
interface InstantTemplate {

    /**
     * How many days before a visit's settlement the template looks at the person's earlier visits (0: the visit
     * alone). The history keeps the longest of these, plus the longest stay it allows for.
     */
    default int lookBackDays() {
        return 0;
    }

    /** Rows of the findings whose grain is the visit or one of its lines; any order. */
    void evaluate(InstantContext ctx, List<InstantRow> out);
}
