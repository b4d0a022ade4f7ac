package org.fundwatch.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fundwatch.kb.CatalogRestriction;

/**
 * Reads a catalog file ({@code med_list.csv}, FORMAT.md) into {@link CatalogRestriction}s: a header row naming the
 * columns in any order, RFC 4180 quoting (quoted fields may hold commas, quotes and line breaks), UTF-8 with or
 * without BOM, or GB18030 when asked for or when the bytes are not valid UTF-8. Columns other than the four it needs
 * ({@code hilist_code}, {@code hilist_name}, {@code lmt_usescp}, {@code begndate}; {@code enddate} when present) are
 * ignored. Anything it cannot read throws {@link Unreadable} naming the file and line.
 */
final class MedListCsv {

    static final List<String> REQUIRED = List.of("hilist_code", "hilist_name", "lmt_usescp", "begndate");
    static final Charset GB18030 = Charset.forName("GB18030");

    /** A catalog entry and the line its record starts on. */
    record Entry(long line, CatalogRestriction restriction) {
    }

    /** The entries of a file and how it was decoded ({@code detected}: GB18030 because it was not UTF-8). */
    record Catalog(Path file, Charset charset, boolean detected, List<Entry> entries) {
    }

    /** A file or line that cannot be read; the message starts with an error code and names file and line. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String code, Path file, long line, String message) {
            super(code + ": " + file + (line > 0 ? " line " + line : "") + ": " + message);
        }
    }

    private MedListCsv() {
    }

    static Catalog read(Path file, Optional<Charset> encoding) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Unreadable("KB-CSV-001", file, 0, "no such file");
        }
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF;
        Charset charset = encoding.orElse(StandardCharsets.UTF_8);
        boolean detected = false;
        int offset = bom && charset.equals(StandardCharsets.UTF_8) ? 3 : 0;
        String text;
        try {
            text = decode(bytes, offset, charset);
        } catch (CharacterCodingException e) {
            if (encoding.isPresent() || bom) {
                throw new Unreadable("KB-CSV-001", file, 0, "not valid " + charset.name() + " text");
            }
            charset = GB18030;
            detected = true;
            try {
                text = decode(bytes, 0, charset);
            } catch (CharacterCodingException e2) {
                throw new Unreadable("KB-CSV-001", file, 0, "neither valid UTF-8 nor GB18030 text; pass --encoding");
            }
        }
        return new Catalog(file, charset, detected, entries(file, text));
    }

    private static String decode(byte[] bytes, int offset, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
    }

    private static List<Entry> entries(Path file, String text) {
        Records records = new Records(file, text);
        List<String> header = records.next();
        if (header == null) {
            throw new Unreadable("KB-CSV-002", file, 1, "empty file, expected a header row");
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (columns.putIfAbsent(header.get(i).strip(), i) != null) {
                throw new Unreadable("KB-CSV-002", file, records.line, "column " + header.get(i).strip()
                        + " appears twice in the header");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new Unreadable("KB-CSV-002", file, records.line, "the header has no column " + required
                        + " (med_list needs " + String.join(", ", REQUIRED) + ")");
            }
        }
        int code = columns.get("hilist_code");
        int name = columns.get("hilist_name");
        int scope = columns.get("lmt_usescp");
        int begin = columns.get("begndate");
        Integer end = columns.get("enddate");
        List<Entry> entries = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        for (List<String> fields = records.next(); fields != null; fields = records.next()) {
            long line = records.line;
            if (fields.size() != header.size()) {
                throw new Unreadable("KB-CSV-003", file, line, fields.size() + " fields, the header has "
                        + header.size());
            }
            String hilistCode = fields.get(code).strip();
            if (hilistCode.isEmpty()) {
                throw new Unreadable("KB-CSV-004", file, line, "hilist_code is empty");
            }
            LocalDate begndate = date(file, line, "begndate", fields.get(begin))
                    .orElseThrow(() -> new Unreadable("KB-CSV-004", file, line, "begndate is empty"));
            Optional<LocalDate> enddate = end == null ? Optional.empty() : date(file, line, "enddate", fields.get(end));
            Long earlier = firstLine.putIfAbsent(hilistCode + "\u0000" + begndate, line);
            if (earlier != null) {
                throw new Unreadable("KB-CSV-005", file, line, "hilist_code " + hilistCode + " with begndate "
                        + begndate + " is already on line " + earlier + " (the catalog's key)");
            }
            entries.add(new Entry(line, new CatalogRestriction(hilistCode, fields.get(name).strip(), fields.get(scope),
                    begndate, enddate)));
        }
        return entries;
    }

    private static Optional<LocalDate> date(Path file, long line, String column, String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(v));
        } catch (DateTimeParseException e) {
            throw new Unreadable("KB-CSV-004", file, line, column + " '" + v + "' is not a date yyyy-MM-dd");
        }
    }

    /** RFC 4180 records of a decoded text; {@link #line} is the line the last record started on. */
    private static final class Records {
        private final Path file;
        private final String text;
        private int pos;
        private long nextLine = 1;
        long line;

        Records(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        /** The next non-empty record, or null at the end. */
        List<String> next() {
            while (pos < text.length()) {
                line = nextLine;
                if (atLineEnd()) {
                    skipLineEnd();
                    continue;
                }
                return record();
            }
            return null;
        }

        private List<String> record() {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            while (true) {
                if (pos < text.length() && text.charAt(pos) == '"') {
                    pos++;
                    while (true) {
                        if (pos >= text.length()) {
                            throw new Unreadable("KB-CSV-003", file, line, "a quoted field is not closed");
                        }
                        char c = text.charAt(pos++);
                        if (c == '"') {
                            if (pos < text.length() && text.charAt(pos) == '"') {
                                field.append('"');
                                pos++;
                            } else {
                                break;
                            }
                        } else {
                            if (c == '\n' || (c == '\r' && (pos >= text.length() || text.charAt(pos) != '\n'))) {
                                nextLine++;
                            }
                            field.append(c);
                        }
                    }
                    if (pos < text.length() && text.charAt(pos) != ',' && !atLineEnd()) {
                        throw new Unreadable("KB-CSV-003", file, line, "text after a closing quote");
                    }
                } else {
                    while (pos < text.length() && text.charAt(pos) != ',' && !atLineEnd()) {
                        field.append(text.charAt(pos++));
                    }
                }
                fields.add(field.toString());
                field.setLength(0);
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                skipLineEnd();
                return fields;
            }
        }

        private boolean atLineEnd() {
            char c = text.charAt(pos);
            return c == '\n' || c == '\r';
        }

        private void skipLineEnd() {
            if (pos < text.length() && text.charAt(pos) == '\r') {
                pos++;
            }
            if (pos < text.length() && text.charAt(pos) == '\n') {
                pos++;
            }
            nextLine++;
        }
    }
}
