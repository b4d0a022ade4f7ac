package org.fundwatch.ingest;

import java.io.IOException;

/**
 * Physical lines of a text source as {@link RecordReader} consumes them: each without its terminator ({@code \n} or
 * {@code \r\n}), cut to a limit when longer, with a mark when it holds characters a text field must not.
 */
interface PhysicalLines {
    /** The next line, or null at the end of the source. */
    String next() throws IOException;

    /** Whether the line last returned was longer than the limit and cut. */
    boolean lastWasTruncated();

    /** Whether the line last returned holds a control character, DEL or U+FFFD. */
    boolean lastWasSuspicious();

    /** The number of the line last returned, from 1. */
    long lineNumber();
}
