package org.fundwatch.ingest;

/**
 * A problem that stops an ingest before anything is written: a source that cannot be read as a table at all.
 * Bad rows never raise this; they go to quarantine. The code is stable and documented in the README.
 */
public final class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Stable error codes. */
    public enum Code {
        /** The source directory does not exist or holds no table of the format. */
        NO_SOURCE,
        /** A required table has no file. */
        MISSING_TABLE,
        /** A required column is not in the header. */
        MISSING_COLUMN,
        /** A column name appears twice in the header. */
        DUPLICATE_COLUMN,
        /** Two files for one table (e.g. CSV and Parquet). */
        AMBIGUOUS_SOURCE,
        /** The source file cannot be read (I/O error, unreadable Parquet). */
        UNREADABLE,
        /** The output is not a dataset that can be appended to, or exists without --append. */
        BAD_DATASET,
        /** The named encoding is not known to the JVM. */
        UNKNOWN_ENCODING,
        /** A source layout file that cannot be read. */
        BAD_LAYOUT
    }

    private final Code code;

    public IngestException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public IngestException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    /** A copy of this error with the file name in front of the message. */
    IngestException inFile(String file) {
        return new IngestException(code, file + ": " + super.getMessage(), getCause());
    }

    @Override
    public String getMessage() {
        return "[" + code + "] " + super.getMessage();
    }
}
