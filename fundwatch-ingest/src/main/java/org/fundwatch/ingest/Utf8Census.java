package org.fundwatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts the well-formed multi-byte UTF-8 sequences and the malformed bytes of a file, to tell a UTF-8 file with a
 * few broken bytes (keep UTF-8, reject those rows) from a GB18030/GBK file (read it as GB18030): Chinese text in
 * GBK almost never forms valid UTF-8 sequences, so a GBK file has about as many malformed bytes as characters.
 *
 * @param wellFormed multi-byte sequences that decode
 * @param malformed  bytes that start no valid sequence
 */
record Utf8Census(long wellFormed, long malformed) {

    /** Many more good sequences than bad bytes: a UTF-8 file with errors. */
    boolean mostlyUtf8() {
        return wellFormed >= 20 && wellFormed >= 20 * malformed;
    }

    static Utf8Census of(Path file) throws IOException {
        long good = 0;
        long bad = 0;
        int need = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xFF;
                    if (need > 0) {
                        if ((b & 0xC0) == 0x80) {
                            if (--need == 0) {
                                good++;
                            }
                            continue;
                        }
                        bad++;
                        need = 0;
                    }
                    if (b < 0x80) {
                        continue;
                    }
                    if (b >= 0xC2 && b <= 0xDF) {
                        need = 1;
                    } else if (b >= 0xE0 && b <= 0xEF) {
                        need = 2;
                    } else if (b >= 0xF0 && b <= 0xF4) {
                        need = 3;
                    } else {
                        bad++;
                    }
                }
            }
        }
        if (need > 0) {
            bad++;
        }
        return new Utf8Census(good, bad);
    }

    @Override
    public String toString() {
        return wellFormed + " valid UTF-8 characters, " + malformed + " malformed bytes";
    }
}
