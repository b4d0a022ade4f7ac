package org.fundwatch.ingest;

/** RFC 4180 quoting of one field, for the quarantine's reconstructed records. */
final class CsvText {
    private CsvText() {
    }

    static String quote(String field) {
        boolean needs = false;
        for (int i = 0; i < field.length() && !needs; i++) {
            char c = field.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
