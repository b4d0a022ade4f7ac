package org.fundwatch.synth.evaluation;

/**
 * An input of the evaluation that cannot be read: a missing or unreadable file, a missing column, a malformed CSV
 * record or {@code run.json}. The message names the file and, where there is one, the line. Codes are stable.
 */
public final class EvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Stable error codes. */
    public enum Code {
        /** A file does not exist or cannot be read. */
        UNREADABLE,
        /** A column the evaluation needs is not in the header. */
        MISSING_COLUMN,
        /** A CSV file that is not RFC 4180 UTF-8 text with one field per header column. */
        MALFORMED_CSV,
        /** A {@code run.json} that is not JSON or lacks its {@code rules} list. */
        MALFORMED_RUN
    }

    private final Code code;

    EvaluationException(Code code, String message) {
        super(message);
        this.code = code;
    }

    EvaluationException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    @Override
    public String getMessage() {
        return "[" + code + "] " + super.getMessage();
    }
}
