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
 * @param splitMonths one extract directory per settlement month ({@code OUT/2026-01/}, …) instead of one for the
 *                whole period: the same rows, distributed so that the months ingest one after the other with
 *                {@code ingest --append}; reference tables go into the first month, labels stay in {@code OUT}
 */
public record GeneratorConfig(long persons, int months, long seed, YearMonth start, OutputFormat format,
                              boolean splitMonths) {

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

    /** One extract for the whole period. */
    public GeneratorConfig(long persons, int months, long seed, YearMonth start, OutputFormat format) {
        this(persons, months, seed, start, format, false);
    }

    /** CSV output starting in {@link #DEFAULT_START}, one extract for the whole period. */
    public GeneratorConfig(long persons, int months, long seed) {
        this(persons, months, seed, DEFAULT_START, OutputFormat.CSV);
    }

    /** The same configuration with one extract directory per settlement month, or one for the whole period. */
    public GeneratorConfig withSplitMonths(boolean split) {
        return new GeneratorConfig(persons, months, seed, start, format, split);
    }
}
