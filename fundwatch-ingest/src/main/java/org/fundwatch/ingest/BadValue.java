package org.fundwatch.ingest;

/** A field that does not parse; cheap to throw (no stack trace) because garbage input may throw it per row. */
final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    BadValue(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
