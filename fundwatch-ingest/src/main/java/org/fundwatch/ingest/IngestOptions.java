package org.fundwatch.ingest;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * How to ingest an extract.
 *
 * @param source         the extract directory, one file per table
 * @param out            the dataset directory
 * @param encoding       the character set of every CSV file; empty to detect (BOM, else UTF-8, else GB18030)
 * @param append         extend an existing dataset with this extract (keys stay unique across months)
 * @param overwrite      replace an existing dataset instead of refusing
 * @param strict         reject rows with arithmetic or cross-table mismatches instead of warning
 * @param layout         how the extract maps onto the format: file names, column names, dialect
 * @param maxFieldChars  longest field accepted (longer ones are rejected, never cut)
 * @param maxRecordChars longest record the reader assembles before declaring it broken
 * @param maxRecordLines most physical lines one enclosed record may span
 * @param threads        DuckDB threads, 0 for all cores
 * @param memoryLimit    DuckDB memory limit such as {@code 4GB}, empty for DuckDB's default
 * @param today          the day of ingestion: events after it are rejected as future
 */
public record IngestOptions(Path source, Path out, Optional<Charset> encoding, boolean append, boolean overwrite,
                            boolean strict, SourceLayout layout, int maxFieldChars, int maxRecordChars,
                            int maxRecordLines, int threads, String memoryLimit, LocalDate today) {

    public static final int DEFAULT_MAX_FIELD_CHARS = 1 << 20;
    public static final int DEFAULT_MAX_RECORD_CHARS = 16 << 20;
    public static final int DEFAULT_MAX_RECORD_LINES = 1000;

    public IngestOptions {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(out, "out is null");
        Objects.requireNonNull(encoding, "encoding is null");
        Objects.requireNonNull(layout, "layout is null");
        Objects.requireNonNull(memoryLimit, "memoryLimit is null");
        Objects.requireNonNull(today, "today is null");
        if (maxFieldChars < 1 || maxRecordChars < maxFieldChars || maxRecordLines < 1) {
            throw new IllegalArgumentException("limits must be positive and a record at least as long as a field");
        }
    }

    /** Defaults: the exchange layout, detect the encoding, 1 Mi characters a field, today's date. */
    public static IngestOptions of(Path source, Path out) {
        return new IngestOptions(source, out, Optional.empty(), false, false, false, SourceLayout.EXCHANGE,
                DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_RECORD_CHARS, DEFAULT_MAX_RECORD_LINES, 0, "",
                LocalDate.now());
    }

    public IngestOptions withEncoding(Optional<Charset> e) {
        return new IngestOptions(source, out, e, append, overwrite, strict, layout, maxFieldChars, maxRecordChars,
                maxRecordLines, threads, memoryLimit, today);
    }

    public IngestOptions withAppend(boolean a) {
        return new IngestOptions(source, out, encoding, a, overwrite, strict, layout, maxFieldChars, maxRecordChars,
                maxRecordLines, threads, memoryLimit, today);
    }

    public IngestOptions withOverwrite(boolean o) {
        return new IngestOptions(source, out, encoding, append, o, strict, layout, maxFieldChars, maxRecordChars,
                maxRecordLines, threads, memoryLimit, today);
    }

    public IngestOptions withStrict(boolean s) {
        return new IngestOptions(source, out, encoding, append, overwrite, s, layout, maxFieldChars, maxRecordChars,
                maxRecordLines, threads, memoryLimit, today);
    }

    public IngestOptions withLimits(int fieldChars, int recordChars, int recordLines) {
        return new IngestOptions(source, out, encoding, append, overwrite, strict, layout, fieldChars, recordChars,
                recordLines, threads, memoryLimit, today);
    }

    public IngestOptions withEngine(int t, String memory) {
        return new IngestOptions(source, out, encoding, append, overwrite, strict, layout, maxFieldChars,
                maxRecordChars, maxRecordLines, t, memory, today);
    }

    public IngestOptions withToday(LocalDate d) {
        return new IngestOptions(source, out, encoding, append, overwrite, strict, layout, maxFieldChars,
                maxRecordChars, maxRecordLines, threads, memoryLimit, d);
    }

    public IngestOptions withDialect(CsvDialect d) {
        return withLayout(layout.withDialect(d));
    }

    public IngestOptions withLayout(SourceLayout l) {
        return new IngestOptions(source, out, encoding, append, overwrite, strict, l, maxFieldChars, maxRecordChars,
                maxRecordLines, threads, memoryLimit, today);
    }

    /** How delimited files separate and enclose fields (the layout's). */
    public CsvDialect dialect() {
        return layout.dialect();
    }
}
