package org.fundwatch.rules;

/** A policy pack or rule that cannot be used, with a code a bureau can look up and the place it comes from. */
public final class PolicyException extends RuntimeException {

    /** What went wrong. */
    public enum Code {
        /** The pack directory or one of its files is missing or unreadable. */
        PACK_UNREADABLE,
        /** A rules.csv line is malformed (column count, quoting, header). */
        BAD_RULE_ROW,
        /** A field of a rule has a value that is not allowed (unknown template, type, date, code). */
        BAD_RULE_VALUE,
        /** A template parameter is missing, unknown or of the wrong type. */
        BAD_PARAMETER,
        /** Two rules share one id. */
        DUPLICATE_RULE_ID
    }

    private final Code code;

    public PolicyException(Code code, String message) {
        super("[" + code + "] " + message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
