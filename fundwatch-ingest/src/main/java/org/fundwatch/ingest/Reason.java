package org.fundwatch.ingest;

/**
 * Why a row was rejected or warned about. The codes are stable: they appear in quarantine and warning files and a
 * data engineer looks them up in the README.
 */
public enum Reason {
    // ---- rejections: the row is not in the dataset, it is in quarantine/<table>.csv ----
    /** The record has more or fewer fields than the header. */
    COLUMN_COUNT(true),
    /** A quote opened and never closed (within the record limits), or text follows a closing quote. */
    BAD_QUOTING(true),
    /** A physical record longer than the reader's limit. */
    RECORD_TOO_LONG(true),
    /** A field longer than the column allows. */
    FIELD_TOO_LONG(true),
    /** Text that is not valid in the declared or detected encoding, or control characters. */
    BAD_ENCODING(true),
    /** A required value is empty. */
    MISSING_REQUIRED(true),
    /** A value that does not parse as the column's type (number, date, time). */
    BAD_TYPE(true),
    /** A decimal with more digits than the column keeps: storing it would change the value. */
    PRECISION_LOSS(true),
    /** A date that cannot be: before 1900, or a calendar date that does not exist. */
    IMPOSSIBLE_DATE(true),
    /** An event after the moment of ingestion. */
    FUTURE_DATE(true),
    /** A negative value where none is allowed, or on a row that reverses nothing. */
    NEGATIVE_VALUE(true),
    /** An end before its start, or an enrolment before birth. */
    DATE_ORDER(true),
    /** A code outside its set where the value changes how the row is read. */
    BAD_CODE(true),
    /** A knowledge point whose value cannot be read for its kind. */
    BAD_VALUE(true),
    /** The key of an earlier row of this extract or of the dataset. */
    DUPLICATE_KEY(true),
    /** A mandatory reference to a row that does not exist (or was itself rejected). */
    MISSING_REFERENCE(true),

    // ---- warnings: the row is kept, the warning is in warnings/<table>.csv (rejected instead with --strict
    // where marked cross-table or arithmetic) ----
    /** A code outside its documented set in a reference table. */
    UNKNOWN_CODE(false),
    /** {@code det_item_fee_sumamt ≠ cnt × pric} to the cent. */
    AMOUNT_MISMATCH(false),
    /** A settlement total that is not fund + account + cash. */
    SETTLEMENT_SPLIT_MISMATCH(false),
    /** A settlement total that is not the sum of its fee lines. */
    SETTLEMENT_LINES_MISMATCH(false),
    /** A fee outside the calendar days of its visit. */
    FEE_OUTSIDE_VISIT(false),
    /** A fee later than its settlement. */
    FEE_AFTER_SETTLEMENT(false),
    /** A row whose person or institution differs from its visit's. */
    VISIT_MISMATCH(false),
    /** An advisory reference to a row that does not exist (refund of an unknown line, approval of an unknown person). */
    REFERENCE_NOT_FOUND(false),
    /** A file with no header at all. */
    EMPTY_FILE(false);

    private final boolean rejects;

    Reason(boolean rejects) {
        this.rejects = rejects;
    }

    /** True when the row leaves the dataset for quarantine. */
    public boolean rejects() {
        return rejects;
    }

    /** Warnings that {@code --strict} turns into rejections: arithmetic and cross-table mismatches. */
    public boolean strictRejects() {
        return switch (this) {
            case AMOUNT_MISMATCH, SETTLEMENT_SPLIT_MISMATCH, SETTLEMENT_LINES_MISMATCH, FEE_OUTSIDE_VISIT,
                 FEE_AFTER_SETTLEMENT, VISIT_MISMATCH, REFERENCE_NOT_FOUND -> true;
            default -> false;
        };
    }
}
