package org.fundwatch.workflow.loading;

/** A screening run's output that cannot be loaded; the message names the file, and the record and field when known. */
public final class LoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
