package org.fundwatch.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of an ingest, as printed and as stored in the manifest.
 *
 * @param dataset   the dataset directory
 * @param tables    counts per table read in this ingest, in format order
 * @param sources   the source files read
 * @param checksums SHA-256 of each dataset table file after the ingest
 * @param period    first and last month of settlements in the dataset, {@code yyyy-MM}
 * @param notes     remarks on the extract as a whole (empty files, ignored files)
 * @param elapsed   wall time
 */
public record IngestReport(Path dataset, Map<String, TableCounts> tables, List<SourceInfo> sources,
                           Map<String, String> checksums, Optional<List<String>> period, List<String> notes,
                           Duration elapsed) {

    public long totalRead() {
        return tables.values().stream().mapToLong(TableCounts::read).sum();
    }

    public long totalRejected() {
        return tables.values().stream().mapToLong(TableCounts::rejected).sum();
    }

    public long totalWarned() {
        return tables.values().stream().mapToLong(TableCounts::warned).sum();
    }
}
