package org.fundwatch.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A generated CSV file read back with a small RFC-4180 parser, independent of the generator's writer. */
final class TestingCsv {
    final List<String> header;
    final List<String[]> rows;

    private TestingCsv(List<String> header, List<String[]> rows) {
        this.header = header;
        this.rows = rows;
    }

    static TestingCsv read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String[]> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                fields.add(cell.toString());
                cell.setLength(0);
                records.add(fields.toArray(new String[0]));
                fields.clear();
            } else {
                cell.append(c);
            }
        }
        List<String> header = List.of(records.get(0));
        return new TestingCsv(header, records.subList(1, records.size()));
    }

    int col(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        return i;
    }
}
