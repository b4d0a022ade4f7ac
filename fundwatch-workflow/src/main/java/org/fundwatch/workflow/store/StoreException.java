package org.fundwatch.workflow.store;

/** The workflow store could not be used; the code says why. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for the user and the logs. */
    public enum Code { EMBEDDED_START_FAILED, UNREACHABLE, MIGRATION_FAILED }

    private final Code code;

    public StoreException(Code code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
