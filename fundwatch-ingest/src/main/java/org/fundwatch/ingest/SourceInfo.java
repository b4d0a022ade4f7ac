package org.fundwatch.ingest;

/**
 * A source file as the manifest records it.
 *
 * @param table            the table it holds
 * @param file             its name in the source directory
 * @param format           csv or parquet
 * @param encoding         the character set it was read in (csv)
 * @param encodingDetected true when no encoding was given and a BOM-less file that is not valid UTF-8 was read as
 *                         GB18030
 * @param sha256           checksum of its bytes
 * @param bytes            its size
 */
public record SourceInfo(String table, String file, String format, String encoding, boolean encodingDetected,
                         String sha256, long bytes) {
}
