package org.fundwatch.synth;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a generation wrote.
 *
 * @param rowsPerTable  rows per exchange table (table name → rows), in load order
 * @param labelsPerType planted cases per {@code vola_bhvr_type}
 * @param nearMisses    planted cases that must not fire ({@code near_misses.csv})
 * @param elapsed       wall-clock time of the generation
 */
public record GenerationSummary(Map<String, Long> rowsPerTable, Map<String, Long> labelsPerType, long nearMisses,
                                Duration elapsed) {
    public GenerationSummary {
        rowsPerTable = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(rowsPerTable, "rowsPerTable is null")));
        labelsPerType = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(labelsPerType, "labelsPerType is null")));
        Objects.requireNonNull(elapsed, "elapsed is null");
    }
}
