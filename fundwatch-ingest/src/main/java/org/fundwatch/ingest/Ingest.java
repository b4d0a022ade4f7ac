package org.fundwatch.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.progress.Progress;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;

/**
 * {@code fundwatch ingest}: reads an extract (one CSV or Parquet file per table), checks every row, and writes or
 * extends a Dataset: one Parquet file per table, {@code quarantine/<table>.csv} with every rejected row,
 * {@code warnings/<table>.csv}, and {@code manifest.json}. For every table, rows read = accepted + rejected. The
 * dataset directory changes only at the very end, so a failed ingest leaves an existing dataset as it was.
 */
public final class Ingest {

    private Ingest() {
    }

    public static IngestReport run(IngestOptions options, Progress progress) throws IOException {
        long started = System.nanoTime();
        Path source = options.source();
        if (!Files.isDirectory(source)) {
            throw new IngestException(IngestException.Code.NO_SOURCE, source + " is not a directory");
        }
        Optional<Manifest> existing = Manifest.readIfPresent(options.out());
        if (options.append() && existing.isEmpty()) {
            throw new IngestException(IngestException.Code.BAD_DATASET, options.out()
                    + " holds no dataset (manifest.json) to append to");
        }
        if (!options.append() && !options.overwrite() && Files.isDirectory(options.out())
                && !isEmpty(options.out())) {
            throw new IngestException(IngestException.Code.BAD_DATASET, options.out()
                    + " exists and is not empty; use --append to extend the dataset or --overwrite to replace it");
        }
        Set<String> inDataset = options.append() ? existing.get().tableNames() : Set.of();

        List<SourceFile> files = new ArrayList<>();
        for (Table t : ExchangeFormat.TABLES) {
            Optional<SourceFile> f = SourceFile.find(source, t, options.layout());
            if (f.isPresent()) {
                files.add(f.get());
            } else if (t.required() && !inDataset.contains(t.name())) {
                String expected = options.layout().fileOf(t) != null ? options.layout().fileOf(t)
                        : t.name() + ".csv or " + t.name() + ".parquet";
                throw new IngestException(IngestException.Code.MISSING_TABLE, "required table " + t.name()
                        + " has no file in " + source + " (expected " + expected + ")");
            }
        }
        if (files.isEmpty()) {
            throw new IngestException(IngestException.Code.NO_SOURCE, source + " holds no table of the format");
        }

        Files.createDirectories(options.out());
        Path work = options.out().resolve(".ingest-work");
        DatasetFiles.deleteRecursively(work);
        Files.createDirectories(work.resolve("duckdb-temp"));
        try (Staging staging = new Staging(work.resolve("duckdb-temp"), options.threads(), options.memoryLimit())) {
            for (String t : inDataset) {
                staging.execute("CREATE VIEW ds_" + ExchangeFormat.requireTable(t).name()
                        + " AS SELECT * FROM read_parquet('" + sqlPath(options.out().resolve(t + ".parquet")) + "')");
            }
            TableLoader loader = new TableLoader(staging, options, progress);
            Map<String, TableLoader.Loaded> loaded = new LinkedHashMap<>();
            List<String> notes = new ArrayList<>();
            for (SourceFile f : files) {
                TableLoader.Loaded l = loader.load(f);
                loaded.put(f.table().name(), l);
                notes.addAll(l.notes());
            }
            progress.start("cross-table checks", 0);
            staging.awaitLoads();
            new CrossTableChecks(staging, loaded.keySet(), inDataset, options.strict()).run();
            progress.finish();

            Map<String, TableCounts> counts = new LinkedHashMap<>();
            for (Map.Entry<String, TableLoader.Loaded> e : loaded.entrySet()) {
                counts.put(e.getKey(), count(staging, e.getKey(), e.getValue()));
            }
            List<SourceInfo> sources = loaded.values().stream().map(TableLoader.Loaded::info).toList();
            DatasetFiles writer = new DatasetFiles(staging, options.out(), work, progress);
            // an overwritten dataset starts a new history
            Manifest manifest = writer.write(loaded, inDataset, options.append() ? existing : Optional.empty(),
                    counts, sources, options, notes);
            return new IngestReport(options.out(), counts, sources, manifest.checksums(), manifest.period(), notes,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new IOException("the embedded DuckDB failed: " + e.getMessage(), e);
        } finally {
            DatasetFiles.deleteRecursively(work);
        }
    }

    private static TableCounts count(Staging staging, String table, TableLoader.Loaded loaded) throws SQLException {
        long rejected;
        long accepted;
        long warned;
        try (Statement st = staging.connection().createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT _line) FROM rej WHERE tbl = '" + table + "'")) {
                rs.next();
                rejected = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM stg_" + table + " WHERE NOT _rejected")) {
                rs.next();
                accepted = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT w._line) FROM wrn w JOIN stg_" + table
                    + " s USING (_line) WHERE w.tbl = '" + table + "' AND NOT s._rejected")) {
                rs.next();
                warned = rs.getLong(1);
            }
        }
        if (loaded.read() != accepted + rejected) {
            throw new IllegalStateException(table + ": rows read " + loaded.read() + " but accepted " + accepted
                    + " + rejected " + rejected + "; this is a bug, please report it with the source file");
        }
        return new TableCounts(loaded.read(), accepted, rejected, warned, loaded.blankLines());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static String sqlPath(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }

    /** Table names in format order. */
    static Set<String> ordered(Set<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (Table t : ExchangeFormat.TABLES) {
            if (names.contains(t.name())) {
                out.add(t.name());
            }
        }
        return out;
    }
}
