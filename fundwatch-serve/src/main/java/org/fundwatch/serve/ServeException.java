package org.fundwatch.serve;

import java.util.Objects;

/** The service cannot start: a bad option, keys file or mapping, with a code an operator can look up. */
public final class ServeException extends RuntimeException {

    /** What went wrong. */
    public enum Code {
        /** An option is out of range or contradicts another (e.g. no keys file without {@code --insecure-local}). */
        BAD_OPTION,
        /** The API keys file cannot be read or has a bad line. */
        BAD_KEYS_FILE,
        /** The dictionary mapping file cannot be read or has a bad entry. */
        BAD_CODE_MAPPING,
        /** The data directory or a file in it cannot be used. */
        BAD_DATA_DIR,
        /** The workflow store cannot be opened (the embedded PostgreSQL or the configured server). */
        BAD_WORKFLOW_STORE,
        /** The web server did not start (e.g. the port is taken). */
        START_FAILED
    }

    private final Code code;

    public ServeException(Code code, String message) {
        this(code, message, null);
    }

    public ServeException(Code code, String message, Throwable cause) {
        super("[" + code + "] " + message, cause);
        this.code = Objects.requireNonNull(code, "code is null");
    }

    public Code code() {
        return code;
    }
}
