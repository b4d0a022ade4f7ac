package org.fundwatch.duckdb;

/** A screening that cannot run, with a code a user can look up. */
public final class ScreenException extends RuntimeException {

    public enum Code {
        /** The dataset directory holds no manifest or lacks a mandatory table. */
        BAD_DATASET,
        /** The output directory already holds a screening and --overwrite was not given. */
        OUTPUT_EXISTS,
        /** The requested period is not a month of the dataset. */
        BAD_PERIOD,
        /** The confirmed-history file of the ranking is missing or malformed. */
        BAD_HISTORY,
        /** DuckDB failed on a statement (the message names it). */
        ENGINE_FAILURE
    }

    private final Code code;

    public ScreenException(Code code, String message, Throwable cause) {
        super("[" + code + "] " + message, cause);
        this.code = code;
    }

    public ScreenException(Code code, String message) {
        this(code, message, null);
    }

    public Code code() {
        return code;
    }
}
