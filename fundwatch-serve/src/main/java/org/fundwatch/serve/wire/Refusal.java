package org.fundwatch.serve.wire;

import java.util.Objects;

/**
 * A request the service refuses, with the HTTP status and a code a caller can look up; the message is the
 * envelope's {@code err_msg} and names the field when a field is at fault.
 */
public final class Refusal extends RuntimeException {

    /** Why a request is refused. */
    public enum Code {
        /** Malformed JSON, a missing or wrongly-typed field, a bad date or code: the message names the field. */
        BAD_MESSAGE(400),
        /** No {@code X-API-Key}, or a key the service does not know. */
        UNAUTHENTICATED(401),
        /** The key's institution may not submit or read this institution's data. */
        FORBIDDEN(403),
        /** No such endpoint. */
        NOT_FOUND(404),
        /** The endpoint exists with another HTTP method. */
        METHOD_NOT_ALLOWED(405),
        /** The body is larger than the service's limit (checked before parsing). */
        PAYLOAD_TOO_LARGE(413),
        /** The body is sent as a form; messages are JSON. */
        UNSUPPORTED_MEDIA_TYPE(415),
        /** The key sent more requests per second than its limit. */
        RATE_LIMITED(429),
        /** An unexpected failure; the answer carries an error id that is in the server log. */
        INTERNAL(500);

        private final int status;

        Code(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The code of an HTTP status the framework reports (404, 405, 406, 415, …), else BAD_MESSAGE or INTERNAL. */
        public static Code ofStatus(int status) {
            for (Code c : values()) {
                if (c.status == status) {
                    return c;
                }
            }
            return status >= 500 ? INTERNAL : BAD_MESSAGE;
        }
    }

    private final Code code;

    public Refusal(Code code, String message) {
        super(Objects.requireNonNull(message, "message is null"), null, false, false);
        this.code = Objects.requireNonNull(code, "code is null");
    }

    /** A field of the message is missing, of the wrong type or out of range: {@code path: problem}. */
    public static Refusal badField(String path, String problem) {
        return new Refusal(Code.BAD_MESSAGE, path + ": " + problem);
    }

    public Code code() {
        return code;
    }
}
