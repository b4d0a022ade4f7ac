package org.fundwatch.ingest;

/**
 * What happened to the rows of one table in one ingest. The invariant {@code read = accepted + rejected} always
 * holds; {@code warned} counts accepted rows with at least one warning.
 *
 * @param read        records read from the source (the header and blank lines not counted)
 * @param accepted    rows written to the dataset
 * @param rejected    rows written to quarantine
 * @param warned      accepted rows with warnings
 * @param blankLines  empty lines skipped
 */
public record TableCounts(long read, long accepted, long rejected, long warned, long blankLines) {
    public TableCounts {
        if (read != accepted + rejected) {
            throw new IllegalStateException("rows read " + read + " != accepted " + accepted + " + rejected "
                    + rejected);
        }
    }
}
