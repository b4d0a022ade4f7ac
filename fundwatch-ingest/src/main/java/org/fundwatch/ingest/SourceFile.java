package org.fundwatch.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.fundwatch.schema.Table;

/** The file an extract holds for one table: {@code <table>.csv} or {@code <table>.parquet}. */
record SourceFile(Table table, Path path, Kind kind) {

    enum Kind { CSV, PARQUET }

    /** The file for the table in the directory under the exchange layout. */
    static Optional<SourceFile> find(Path dir, Table table) throws IOException {
        return find(dir, table, SourceLayout.EXCHANGE);
    }

    /**
     * The file for the table in the directory, if any: the layout's file name when it names one, else
     * {@code <table>.csv} or {@code <table>.parquet} (any case); refuses two candidates.
     */
    static Optional<SourceFile> find(Path dir, Table table, SourceLayout layout) throws IOException {
        String named = layout.fileOf(table);
        if (named != null) {
            Path p = dir.resolve(named);
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            boolean parquet = named.toLowerCase(Locale.ROOT).endsWith(".parquet");
            return Optional.of(new SourceFile(table, p, parquet ? Kind.PARQUET : Kind.CSV));
        }
        List<SourceFile> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                if (name.equals(table.name() + ".csv")) {
                    found.add(new SourceFile(table, p, Kind.CSV));
                } else if (name.equals(table.name() + ".parquet")) {
                    found.add(new SourceFile(table, p, Kind.PARQUET));
                }
            }
        }
        if (found.size() > 1) {
            throw new IngestException(IngestException.Code.AMBIGUOUS_SOURCE, "table " + table.name()
                    + " has several files in " + dir + ": " + found.stream().map(f -> f.path().getFileName()).toList()
                    + "; keep one");
        }
        return found.stream().findFirst();
    }

    String fileName() {
        return path.getFileName().toString();
    }
}
