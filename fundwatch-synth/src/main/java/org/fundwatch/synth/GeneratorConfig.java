package org.fundwatch.synth;

import java.time.YearMonth;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param persons background insured persons (100 to 10 million); the people of planted cases and near-misses
 *                come on top, numbered after them
 * @param months  months of claims (1–36), starting with {@code start}
 * @param seed    the same seed and configuration always give byte-identical files
 * @param start   first month of claims (default 2026-01)
 * @param format  CSV, or Parquet converted through DuckDB (labels stay CSV)
 */
public record GeneratorConfig(long persons, int months, long seed, YearMonth start, OutputFormat format) {

    /** Default first month of claims. */
    public static final YearMonth DEFAULT_START = YearMonth.of(2026, 1);

    /** The most persons one run generates (ID numbers issued are kept in memory to stay unique). */
    public static final long MAX_PERSONS = 10_000_000L;

    /** File format of the generated tables. */
    public enum OutputFormat { CSV, PARQUET }

    public GeneratorConfig {
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(format, "format is null");
        if (persons < 100) {
            throw new IllegalArgumentException("SYNTH-001: persons must be at least 100, got " + persons);
        }
        if (persons > MAX_PERSONS) {
            throw new IllegalArgumentException("SYNTH-002: persons must be at most " + MAX_PERSONS + ", got " + persons);
        }
        if (months < 1 || months > 36) {
            throw new IllegalArgumentException("SYNTH-003: months must be between 1 and 36, got " + months);
        }
    }

    /** CSV output starting in {@link #DEFAULT_START}. */
    public GeneratorConfig(long persons, int months, long seed) {
        this(persons, months, seed, DEFAULT_START, OutputFormat.CSV);
    }
}
