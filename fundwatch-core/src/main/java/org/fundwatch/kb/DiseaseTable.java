package org.fundwatch.kb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 病种-ICD-10 对照: the disease names catalog restrictions use, each with the ICD-10 prefixes it covers. The built-in
 * table is the resource {@code disease_icd10.csv} (columns {@code disease_name,icd10_prefixes,note}); a name that is
 * not in it is never guessed.
 */
final class DiseaseTable {

    static final String RESOURCE = "disease_icd10.csv";

    private final Map<String, IcdPrefixes> byName;

    private DiseaseTable(Map<String, IcdPrefixes> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The table that ships with Fundwatch. */
    static DiseaseTable builtIn() {
        return BuiltIn.TABLE;
    }

    private static final class BuiltIn {
        static final DiseaseTable TABLE = load();

        private static DiseaseTable load() {
            try (InputStream in = DiseaseTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("KB-001: resource " + RESOURCE + " is missing");
                }
                return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("KB-001: cannot read " + RESOURCE, e);
            }
        }
    }

    /** Reads a table in the resource's format; names are normalised like restriction texts. */
    static DiseaseTable read(BufferedReader reader, String source) throws IOException {
        Map<String, IcdPrefixes> byName = new LinkedHashMap<>();
        String header = reader.readLine();
        if (header == null || !header.strip().equals("disease_name,icd10_prefixes,note")) {
            throw new IllegalStateException("KB-002: " + source + " must start with disease_name,icd10_prefixes,note");
        }
        int lineNo = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() != 3) {
                throw new IllegalStateException("KB-002: " + source + " line " + lineNo + ": " + fields.size()
                        + " fields, expected 3");
            }
            String name = RestrictionParser.normalize(fields.get(0));
            IcdPrefixes prefixes;
            try {
                prefixes = IcdPrefixes.parse(fields.get(1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("KB-002: " + source + " line " + lineNo + ": " + e.getMessage(), e);
            }
            if (name.isEmpty() || byName.putIfAbsent(name, prefixes) != null) {
                throw new IllegalStateException("KB-002: " + source + " line " + lineNo + ": disease name '" + name
                        + "' is empty or listed twice");
            }
        }
        return new DiseaseTable(byName);
    }

    /** The prefixes of a normalised disease name, if the table knows it. */
    Optional<IcdPrefixes> prefixes(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    int size() {
        return byName.size();
    }

    /** The fields of one line: comma-separated, RFC 4180 quotes allowed (notes may contain commas). */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
