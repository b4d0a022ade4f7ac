package org.fundwatch.duckdb;

import org.fundwatch.screening.FindingAssembler;

/** One rule's findings and the seconds its query took. */
record RuleRun(FindingAssembler assembler, double seconds) {
}
