package org.fundwatch.ingest;

/** One thing wrong with a row: its reason code, the column (empty for the whole record) and a message. */
record Problem(Reason reason, String column, String message) {
}
