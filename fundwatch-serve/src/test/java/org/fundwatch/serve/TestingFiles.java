package org.fundwatch.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the server writes in the background, read once they hold what a test waits for. */
final class TestingFiles {
    private TestingFiles() {
    }

    /** The file's text once it contains {@code expected}; fails after 10 s. */
    static String eventually(Path file, String expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text = "";
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.contains(expected)) {
                    return text;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(file + " does not contain " + expected + " after 10 s; it holds:\n" + text);
    }
}
