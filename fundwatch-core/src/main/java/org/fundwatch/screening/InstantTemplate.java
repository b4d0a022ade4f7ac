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

    /**
     * How long the history must keep outpatient and pharmacy visits it would otherwise drop after the recent days
     * (their dates and payments only, no lines): the visit-count windows read them.
     */
    default int visitHeaderDays() {
        return 0;
    }

    /**
     * Whether a finding raised in real time is the batch finding in full. False for the person-month windows: they
     * raise the finding (same {@code jr_id}) as soon as the window passes the threshold, with the values so far;
     * batch, knowing the whole month, reports the month's largest window.
     */
    default boolean exact() {
        return true;
    }

    /** Rows of the findings whose grain is the visit or one of its lines; any order. */
    void evaluate(InstantContext ctx, List<InstantRow> out);
}
