/**
 * The embedded batch engine (事后审核): runs a compiled {@link org.fundwatch.screening.ScreeningPlan} on DuckDB over a
 * dataset's Parquet files and writes the findings. Entry point: {@link org.fundwatch.duckdb.Screening}.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.duckdb;
