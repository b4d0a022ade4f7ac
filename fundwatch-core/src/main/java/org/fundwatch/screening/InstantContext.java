package org.fundwatch.screening;

import java.util.List;

/**
 * What an in-JVM template reads: the visit under review, the person's earlier visits (those the history kept,
 * oldest first, without this one) and the knowledge base.
 */
record InstantContext(VisitView visit, List<VisitView> earlier, Knowledge kb) {
}
