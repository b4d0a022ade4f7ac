package org.fundwatch.ingest;

import static org.fundwatch.ingest.Ingest.sqlPath;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.fundwatch.progress.Progress;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.SqlDdl;
import org.fundwatch.schema.Table;

/**
 * Writes what an ingest produced into the dataset directory: the Parquet tables (earlier months first when
 * appending, each part in source order, so the same input always gives the same bytes), the quarantine and warning
 * files (sorted by line, appended to earlier ones), and finally the manifest.
 */
final class DatasetFiles {
    private final Staging staging;
    private final Path out;
    private final Path work;
    private final Progress progress;

    DatasetFiles(Staging staging, Path out, Path work, Progress progress) {
        this.staging = staging;
        this.out = out;
        this.work = work;
        this.progress = progress;
    }

    Manifest write(Map<String, TableLoader.Loaded> loaded, Set<String> inDataset, Optional<Manifest> existing,
                   Map<String, TableCounts> counts, List<SourceInfo> sources, IngestOptions options,
                   List<String> notes) throws IOException, SQLException {
        Map<Path, Path> moves = new LinkedHashMap<>();
        Files.createDirectories(work.resolve("quarantine"));
        Files.createDirectories(work.resolve("warnings"));
        for (String table : Ingest.ordered(loaded.keySet())) {
            Table t = ExchangeFormat.requireTable(table);
            TableLoader.Loaded l = loaded.get(table);
            progress.start("write " + table + ".parquet", 0);
            Path parquet = work.resolve(table + ".parquet");
            writeParquet(t, parquet, inDataset.contains(table));
            moves.put(parquet, out.resolve(table + ".parquet"));
            progress.finish();
            String file = l.info().file();
            if (counts.get(table).rejected() > 0) {
                Path q = work.resolve("quarantine").resolve(table + ".csv");
                if (l.info().format().equals("csv")) {
                    restoreSourceText(t, options.source().resolve(file), Charset.forName(l.info().encoding()),
                            options);
                }
                writeQuarantine(t, l.header(), file, q);
                moves.put(appendTo(q, out.resolve("quarantine").resolve(table + ".csv"), options.append()),
                        out.resolve("quarantine").resolve(table + ".csv"));
            }
            if (counts.get(table).warned() > 0) {
                Path w = work.resolve("warnings").resolve(table + ".csv");
                writeWarnings(t, file, w);
                moves.put(appendTo(w, out.resolve("warnings").resolve(table + ".csv"), options.append()),
                        out.resolve("warnings").resolve(table + ".csv"));
            }
        }
        Files.createDirectories(out.resolve("quarantine"));
        Files.createDirectories(out.resolve("warnings"));
        if (!options.append()) {
            // --overwrite replaces the dataset: no table, quarantine or warning file of the old one may survive
            for (Table t : ExchangeFormat.TABLES) {
                for (Path old : List.of(out.resolve(t.name() + ".parquet"),
                        out.resolve("quarantine").resolve(t.name() + ".csv"),
                        out.resolve("warnings").resolve(t.name() + ".csv"))) {
                    if (!moves.containsValue(old)) {
                        Files.deleteIfExists(old);
                    }
                }
            }
        }
        for (Map.Entry<Path, Path> m : moves.entrySet()) {
            Files.move(m.getKey(), m.getValue(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Manifest manifest = manifest(existing, counts, sources, options, notes);
        Path tmp = work.resolve(Manifest.FILE);
        manifest.write(tmp);
        Files.move(tmp, out.resolve(Manifest.FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return manifest;
    }

    private void writeParquet(Table t, Path target, boolean appendToExisting) throws SQLException {
        List<String> cols = stagedColumns(t);
        String fresh = "SELECT " + String.join(", ", cols) + " FROM " + Staging.stagingTable(t)
                + " WHERE NOT _rejected";
        String query = fresh;
        if (appendToExisting) {
            query = "SELECT * EXCLUDE (_part, _ord) FROM (SELECT 0 AS _part, file_row_number AS _ord, "
                    + "* EXCLUDE (file_row_number) FROM read_parquet('" + sqlPath(out.resolve(t.name() + ".parquet"))
                    + "', file_row_number = true) UNION ALL BY NAME SELECT 1 AS _part, _line AS _ord, "
                    + String.join(", ", cols) + " FROM " + Staging.stagingTable(t) + " WHERE NOT _rejected) "
                    + "ORDER BY _part, _ord";
        }
        staging.execute("COPY (" + query + ") TO '" + sqlPath(target) + "' (FORMAT parquet, COMPRESSION snappy)");
    }

    /** The staged columns in table order: the schema's, then the extract's own extra columns. */
    private List<String> stagedColumns(Table t) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (Statement st = staging.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                     + Staging.stagingTable(t) + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                String c = rs.getString(1);
                if (!c.equals("_line") && !c.equals("_rejected")) {
                    cols.add(SqlDdl.quoted(c));
                }
            }
        }
        return cols;
    }

    /**
     * Rows rejected by the SQL checks (keys, references, consistency) were staged as typed values; their quarantine
     * record must still be the source text ({@code 1} stays {@code 1}, not {@code 1.0000}), so the CSV file is read
     * again, up to the last such line, and their records are taken from it by line number.
     */
    private void restoreSourceText(Table t, Path source, Charset charset, IngestOptions options)
            throws IOException, SQLException {
        long[] wanted = new long[16];
        int n = 0;
        try (Statement st = staging.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT _line FROM rej WHERE tbl = '" + t.name()
                     + "' AND raw IS NULL ORDER BY 1")) {
            while (rs.next()) {
                if (n == wanted.length) {
                    wanted = Arrays.copyOf(wanted, n * 2);
                }
                wanted[n++] = rs.getLong(1);
            }
        }
        if (n == 0) {
            return;
        }
        staging.execute("CREATE OR REPLACE TEMP TABLE source_text (_line BIGINT, raw VARCHAR)");
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Reader in = new InputStreamReader(new BufferedInputStream(Files.newInputStream(source), 1 << 16),
                decoder);
             DuckDBAppender text = ((DuckDBConnection) staging.connection()).createAppender(
                     DuckDBConnection.DEFAULT_SCHEMA, "source_text")) {
            RecordReader records = new RecordReader(new LineReader(in, options.maxRecordChars()), options.dialect(),
                    options.maxRecordLines(), options.maxRecordChars());
            RecordReader.Record header = records.next();
            if (header != null && header.ok()) {
                records.expectFields(header.fields().length);
            }
            int i = 0;
            for (RecordReader.Record r = records.next(); r != null && i < n; r = records.next()) {
                while (i < n && wanted[i] < r.line()) {
                    i++;
                }
                if (i < n && wanted[i] == r.line()) {
                    text.beginRow().append(r.line()).append(r.raw()).endRow();
                    i++;
                }
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            return; // the source vanished since it was read: the records printed from the staged values remain
        }
        staging.execute("UPDATE rej SET raw = s.raw FROM source_text s WHERE rej.tbl = '" + t.name()
                + "' AND rej._line = s._line AND rej.raw IS NULL");
        staging.execute("DROP TABLE source_text");
    }

    private void writeQuarantine(Table t, List<String> header, String sourceFile, Path target) throws SQLException {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            String v = "CAST(s." + SqlDdl.quoted(name) + " AS VARCHAR)";
            if (i > 0) {
                raw.append(" || ',' || ");
            }
            raw.append("coalesce(CASE WHEN regexp_matches(").append(v).append(", '[,\"\\r\\n]') THEN '\"' || replace(")
                    .append(v).append(", '\"', '\"\"') || '\"' ELSE ").append(v).append(" END, '')");
        }
        String rebuilt = header.isEmpty() ? "NULL" : raw.toString();
        staging.execute("COPY (SELECT '" + sourceFile.replace("'", "''") + "' AS source_file, r._line AS line, "
                + "r.reason, r.col AS \"column\", r.message, coalesce(r.raw, " + rebuilt + ") AS raw_record "
                + "FROM (SELECT _line, arg_min(reason, rowid) AS reason, arg_min(col, rowid) AS col, "
                + "string_agg(message, '; ' ORDER BY rowid) AS message, max(raw) AS raw FROM rej WHERE tbl = '"
                + t.name() + "' GROUP BY _line) r LEFT JOIN " + Staging.stagingTable(t) + " s USING (_line) "
                + "ORDER BY r._line) TO '" + sqlPath(target) + "' (FORMAT csv, HEADER true)");
    }

    private void writeWarnings(Table t, String sourceFile, Path target) throws SQLException {
        String key = t.key().isEmpty() ? "NULL" : String.join(" || '|' || ", t.key().stream()
                .map(k -> "CAST(s." + SqlDdl.identifier(k) + " AS VARCHAR)").toList());
        staging.execute("COPY (SELECT '" + sourceFile.replace("'", "''") + "' AS source_file, w._line AS line, "
                + key + " AS \"key\", w.reason, w.col AS \"column\", w.message FROM wrn w JOIN "
                + Staging.stagingTable(t) + " s USING (_line) WHERE w.tbl = '" + t.name()
                + "' AND NOT s._rejected ORDER BY w._line, w.rowid) TO '" + sqlPath(target)
                + "' (FORMAT csv, HEADER true)");
    }

    /** When appending to an existing report file, the old file followed by the new rows (its header dropped). */
    private static Path appendTo(Path fresh, Path existing, boolean append) throws IOException {
        if (!append || !Files.isRegularFile(existing)) {
            return fresh;
        }
        Path merged = fresh.resolveSibling(fresh.getFileName() + ".merged");
        Files.copy(existing, merged, StandardCopyOption.REPLACE_EXISTING);
        try (InputStream in = Files.newInputStream(fresh);
             OutputStream o = Files.newOutputStream(merged, StandardOpenOption.APPEND)) {
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                // skip the header line of the new rows
            }
            in.transferTo(o);
        }
        return merged;
    }

    private Manifest manifest(Optional<Manifest> existing, Map<String, TableCounts> counts, List<SourceInfo> sources,
                              IngestOptions options, List<String> notes) throws IOException, SQLException {
        ObjectNode root = Manifest.JSON.createObjectNode();
        root.put("format_version", ExchangeFormat.VERSION);
        String now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        root.put("created", existing.map(m -> m.json().path("created").asText(now)).orElse(now));
        root.put("updated", now);
        ObjectNode tables = root.putObject("tables");
        ArrayNode absent = root.putArray("absent_tables");
        for (Table t : ExchangeFormat.TABLES) {
            Path file = out.resolve(t.name() + ".parquet");
            if (!Files.isRegularFile(file)) {
                absent.add(t.name());
                continue;
            }
            ObjectNode n = tables.putObject(t.name());
            n.put("file", t.name() + ".parquet");
            n.put("rows", rowCount(file));
            n.put("sha256", sha256(file));
            ArrayNode cols = n.putArray("extra_columns");
            for (String c : parquetColumns(file)) {
                if (t.column(c).isEmpty()) {
                    cols.add(c);
                }
            }
        }
        ObjectNode period = root.putObject("period");
        List<String> months = months();
        if (!months.isEmpty()) {
            period.put("from", months.get(0));
            period.put("to", months.get(months.size() - 1));
        }
        ArrayNode ms = period.putArray("months");
        months.forEach(ms::add);

        ArrayNode ingests = existing.map(Manifest::ingests).orElseGet(Manifest.JSON::createArrayNode);
        ObjectNode ingest = ingests.addObject();
        ingest.put("at", now);
        ingest.put("source", options.source().toAbsolutePath().normalize().toString());
        ingest.put("layout", options.layout().name());
        ingest.put("append", options.append());
        ingest.put("strict", options.strict());
        ingest.put("day_of_ingestion", options.today().toString());
        ArrayNode files = ingest.putArray("files");
        for (SourceInfo s : sources) {
            ObjectNode f = files.addObject();
            f.put("table", s.table());
            f.put("file", s.file());
            f.put("format", s.format());
            if (s.encoding() != null) {
                f.put("encoding", s.encoding());
                f.put("encoding_detected", s.encodingDetected());
            }
            f.put("bytes", s.bytes());
            f.put("sha256", s.sha256());
        }
        ObjectNode c = ingest.putObject("tables");
        for (Map.Entry<String, TableCounts> e : counts.entrySet()) {
            ObjectNode n = c.putObject(e.getKey());
            n.put("read", e.getValue().read());
            n.put("accepted", e.getValue().accepted());
            n.put("rejected", e.getValue().rejected());
            n.put("warned", e.getValue().warned());
            n.put("blank_lines", e.getValue().blankLines());
            n.put("read_equals_accepted_plus_rejected",
                    e.getValue().read() == e.getValue().accepted() + e.getValue().rejected());
        }
        ArrayNode ns = ingest.putArray("notes");
        notes.forEach(ns::add);
        root.set("ingests", ingests);
        return new Manifest(root);
    }

    private long rowCount(Path parquet) throws SQLException {
        try (Statement st = staging.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + sqlPath(parquet) + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> parquetColumns(Path parquet) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (Statement st = staging.connection().createStatement();
             ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + sqlPath(parquet) + "')")) {
            while (rs.next()) {
                cols.add(rs.getString(1));
            }
        }
        return cols;
    }

    /** Months with settlements (or, without settlements, with visits), {@code yyyy-MM}, in order. */
    private List<String> months() throws SQLException {
        List<String> months = new ArrayList<>();
        String query = null;
        if (Files.isRegularFile(out.resolve("setl.parquet"))) {
            query = "SELECT DISTINCT strftime(setl_time, '%Y-%m') FROM read_parquet('"
                    + sqlPath(out.resolve("setl.parquet")) + "') ORDER BY 1";
        } else if (Files.isRegularFile(out.resolve("mdtrt.parquet"))) {
            query = "SELECT DISTINCT strftime(begntime, '%Y-%m') FROM read_parquet('"
                    + sqlPath(out.resolve("mdtrt.parquet")) + "') ORDER BY 1";
        }
        if (query == null) {
            return months;
        }
        try (Statement st = staging.connection().createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                if (rs.getString(1) != null) {
                    months.add(rs.getString(1));
                }
            }
        }
        return months;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = TableLoader.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
