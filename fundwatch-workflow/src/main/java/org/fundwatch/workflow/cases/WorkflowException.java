package org.fundwatch.workflow.cases;

/** A workflow request that cannot be carried out; the code says why. */
public final class WorkflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Code {
        /** The finding does not exist, or the actor may not see it (never says which). */
        NOT_FOUND,
        /** The actor's role may not take this action. */
        FORBIDDEN,
        /** The finding's state does not allow the action. */
        WRONG_STATE,
        /** A value of the request is missing or out of range. */
        BAD_REQUEST,
        /** An evidence file is refused (type, size, content). */
        BAD_EVIDENCE
    }

    private final Code code;

    public WorkflowException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
