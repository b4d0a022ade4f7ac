package org.fundwatch.serve.access;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Ids of unexpected failures: the answer carries one, the server log holds it with the stack trace. */
final class ErrorIds {
    /** The request attribute under which the error handler leaves the id for the access log. */
    static final String ATTRIBUTE = "org.fundwatch.serve.error-id";

    private ErrorIds() {
    }

    static String next() {
        return "E" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    static String message(String errorId) {
        return "internal error; the server log holds the details under error id " + errorId;
    }
}
