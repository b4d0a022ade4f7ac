package org.fundwatch.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;

/**
 * How a bureau's extract maps onto the exchange format, declared instead of coded: the dialect of its delimited
 * files, the file that holds each table, and the names its columns go by. The default is the exchange format itself
 * ({@code <table>.csv|.parquet}, national field names, RFC 4180). Another layout — such as the national
 * data-warehouse extract ({@code FEE_LIST_D}, {@code |}-separated, {@code @|…|@} enclosed) — is a layout file:
 *
 * <pre>
 * # one directive a line: dialect SEP OPEN CLOSE · file TABLE FILENAME · column TABLE SOURCE_NAME COLUMN
 * dialect | @| |@
 * file feedetail FEE_LIST_D.txt
 * column feedetail FEE_OCUR_TIME fee_ocur_time
 * </pre>
 *
 * @param name     for messages and the manifest
 * @param dialect  how delimited files separate and enclose fields
 * @param files    table → file name in the source directory, for tables not named {@code <table>.csv|.parquet}
 * @param columns  table → (source column name, lower case → schema column name)
 */
public record SourceLayout(String name, CsvDialect dialect, Map<String, String> files,
                           Map<String, Map<String, String>> columns) {

    /** The exchange format as FORMAT.md defines it. */
    public static final SourceLayout EXCHANGE = new SourceLayout("exchange", CsvDialect.RFC4180, Map.of(), Map.of());

    public SourceLayout {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(dialect, "dialect is null");
        files = Map.copyOf(files);
        Map<String, Map<String, String>> cols = new HashMap<>();
        columns.forEach((t, m) -> cols.put(t, Map.copyOf(m)));
        columns = Map.copyOf(cols);
    }

    public SourceLayout withDialect(CsvDialect d) {
        return new SourceLayout(name, d, files, columns);
    }

    /** The explicitly named file of a table, if the layout names one. */
    String fileOf(Table table) {
        return files.get(table.name());
    }

    /** The schema name of a source column (already normalised to lower case), or the name itself. */
    String columnOf(Table table, String sourceName) {
        Map<String, String> m = columns.get(table.name());
        return m == null ? sourceName : m.getOrDefault(sourceName, sourceName);
    }

    /** Reads a layout file (see the class comment); errors name the file and line. */
    public static SourceLayout read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        CsvDialect dialect = CsvDialect.RFC4180;
        Map<String, String> files = new HashMap<>();
        Map<String, Map<String, String>> columns = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split("\\s+");
            String where = file + ":" + (i + 1) + ": ";
            try {
                switch (w[0]) {
                    case "dialect" -> {
                        expect(w, 4, where);
                        dialect = new CsvDialect(w[1], w[2], w[3], w[2].equals("\"") && w[3].equals("\""));
                    }
                    case "file" -> {
                        expect(w, 3, where);
                        files.put(ExchangeFormat.requireTable(w[1]).name(), w[2]);
                    }
                    case "column" -> {
                        expect(w, 4, where);
                        Table t = ExchangeFormat.requireTable(w[1]);
                        t.requireColumn(w[3]);
                        columns.computeIfAbsent(t.name(), k -> new HashMap<>()).put(w[2].toLowerCase(Locale.ROOT), w[3]);
                    }
                    default -> throw new IllegalArgumentException("unknown directive " + w[0]
                            + "; expected dialect, file or column");
                }
            } catch (IllegalArgumentException e) {
                throw new IngestException(IngestException.Code.BAD_LAYOUT, where + e.getMessage(), e);
            }
        }
        String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new SourceLayout(name, dialect, files, columns);
    }

    private static void expect(String[] words, int n, String where) {
        if (words.length != n) {
            throw new IllegalArgumentException(words[0] + " takes " + (n - 1) + " values");
        }
    }
}
