package org.fundwatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fundwatch.schema.Column;
import org.fundwatch.schema.ExchangeFormat;

import org.fundwatch.schema.Table;

/**
 * The ingest benchmark's baseline: DuckDB reading each UTF-8 CSV table of an extract straight into Parquet with the
 * schema's types and no validation at all — the fastest a plain load can be on this machine.
 */
public final class PlainCopy {
    private PlainCopy() {
    }

    /** Copies every CSV table of {@code source} to {@code out/<table>.parquet}; returns the rows copied. */
    public static long run(Path source, Path out, int threads) throws IOException {
        Files.createDirectories(out);
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            if (threads > 0) {
                st.execute("SET threads = " + threads);
            }
            for (Table t : ExchangeFormat.TABLES) {
                Optional<SourceFile> f = SourceFile.find(source, t);
                if (f.isEmpty() || f.get().kind() != SourceFile.Kind.CSV) {
                    continue;
                }
                List<String> header;
                try (BufferedReader r = Files.newBufferedReader(f.get().path(), StandardCharsets.UTF_8)) {
                    String line = r.readLine();
                    if (line == null) {
                        continue;
                    }
                    header = List.of(line.split(",", -1));
                }
                List<String> types = new ArrayList<>();
                for (String h : header) {
                    String name = RowChecker.normalizeHeader(h);
                    String type = t.column(name).map(Column::type).map(ct -> ct.sqlType()).orElse("VARCHAR");
                    types.add("'" + name.replace("'", "''") + "': '" + type + "'");
                }
                Path target = out.resolve(t.name() + ".parquet");
                rows += st.executeUpdate("COPY (SELECT * FROM read_csv('" + Ingest.sqlPath(f.get().path())
                        + "', header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
                        + "columns = {" + String.join(", ", types) + "})) TO '" + Ingest.sqlPath(target)
                        + "' (FORMAT parquet, COMPRESSION snappy)");
            }
        } catch (SQLException e) {
            throw new IOException("baseline copy failed: " + e.getMessage(), e);
        }
        return rows;
    }

}
