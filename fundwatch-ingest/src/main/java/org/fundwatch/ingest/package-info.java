/**
 * 数据导入: reads a bureau's extract (CSV in UTF-8 or GB18030, or Parquet, in a declared {@link
 * org.fundwatch.ingest.SourceLayout}), checks every row against the exchange format and across tables, and writes a
 * Dataset (Parquet per table, manifest, quarantine, warnings) in which rows read = accepted + rejected. The public
 * API is {@link org.fundwatch.ingest.Ingest}, {@link org.fundwatch.ingest.IngestOptions}, {@link
 * org.fundwatch.ingest.IngestReport}, {@link org.fundwatch.ingest.Manifest} and {@link
 * org.fundwatch.ingest.PlainCopy} (the benchmark baseline); readers and checks are package-private.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.ingest;
