package org.fundwatch.ingest;

/**
 * The values of one row in the schema's column order, reused from row to row: numbers, dates and times as longs
 * (see {@link FieldParser}), text as strings, and a presence flag per column.
 */
final class TypedRow {
    final long[] numbers;
    final String[] texts;
    final boolean[] present;
    final String[] extras;

    TypedRow(int columns, int extraColumns) {
        numbers = new long[columns];
        texts = new String[columns];
        present = new boolean[columns];
        extras = new String[extraColumns];
    }

    void clear() {
        java.util.Arrays.fill(present, false);
        java.util.Arrays.fill(texts, null);
    }
}
