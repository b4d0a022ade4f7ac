package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads back what an ingest wrote: the Parquet tables through an embedded DuckDB, the quarantine and warning CSV
 * files through an RFC 4180 parser of its own (independent of the reader under test), and the manifest.
 */
final class TestingDataset {

    /** One row of {@code quarantine/<table>.csv}. */
    record Rejected(String sourceFile, long line, String reason, String column, String message, String rawRecord) {
    }

    /** One row of {@code warnings/<table>.csv}. */
    record Warned(String sourceFile, long line, String key, String reason, String column, String message) {
    }

    private final Path dir;

    private TestingDataset(Path dir) {
        this.dir = dir;
    }

    static TestingDataset at(Path dir) {
        return new TestingDataset(dir);
    }

    Path dir() {
        return dir;
    }

    List<Rejected> quarantine(String table) {
        List<Rejected> out = new ArrayList<>();
        for (List<String> r : csvRows(dir.resolve("quarantine").resolve(table + ".csv"),
                List.of("source_file", "line", "reason", "column", "message", "raw_record"))) {
            out.add(new Rejected(r.get(0), Long.parseLong(r.get(1)), r.get(2), r.get(3), r.get(4), r.get(5)));
        }
        return out;
    }

    /** The quarantine row of a source line; fails when there is none or several. */
    Rejected rejected(String table, long line) {
        List<Rejected> rows = quarantine(table).stream().filter(r -> r.line() == line).toList();
        assertThat(rows).as("quarantine rows of %s line %d in %s", table, line, quarantine(table)).hasSize(1);
        return rows.get(0);
    }

    List<Warned> warnings(String table) {
        List<Warned> out = new ArrayList<>();
        for (List<String> r : csvRows(dir.resolve("warnings").resolve(table + ".csv"),
                List.of("source_file", "line", "key", "reason", "column", "message"))) {
            out.add(new Warned(r.get(0), Long.parseLong(r.get(1)), r.get(2), r.get(3), r.get(4), r.get(5)));
        }
        return out;
    }

    JsonNode manifest() {
        try {
            return new ObjectMapper().readTree(dir.resolve(Manifest.FILE).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The counts the manifest records for a table in the latest ingest. */
    JsonNode lastIngestCounts(String table) {
        JsonNode ingests = manifest().get("ingests");
        return ingests.get(ingests.size() - 1).get("tables").get(table);
    }

    /** The manifest's record of the source file of a table in the latest ingest. */
    JsonNode lastIngestFile(String table) {
        JsonNode ingests = manifest().get("ingests");
        for (JsonNode f : ingests.get(ingests.size() - 1).get("files")) {
            if (f.get("table").asText().equals(table)) {
                return f;
            }
        }
        throw new AssertionError("the manifest records no file of " + table);
    }

    /** {@code read_parquet('<dataset>/<table>.parquet')}, for queries. */
    String parquet(String table) {
        return "read_parquet('" + Ingest.sqlPath(dir.resolve(table + ".parquet")) + "')";
    }

    /** Rows of a query as text ({@code null} for SQL NULL); {@code {t}} in the query stands for the table. */
    List<List<String>> query(String table, String sql) {
        return TestingDuckDb.query(sql.replace("{t}", parquet(table)));
    }

    /** One column of the table as text, in file order. */
    List<String> column(String table, String column) {
        return query(table, "SELECT CAST(\"" + column + "\" AS VARCHAR) FROM {t}").stream().map(r -> r.get(0))
                .toList();
    }

    long rows(String table) {
        return Long.parseLong(query(table, "SELECT count(*) FROM {t}").get(0).get(0));
    }

    /** Column name → DuckDB type of a dataset table. */
    Map<String, String> types(String table) {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        for (List<String> r : query(table, "DESCRIBE SELECT * FROM {t}")) {
            types.put(r.get(0), r.get(1));
        }
        return types;
    }

    /**
     * Checks what every ingest must guarantee for every table it read: read = accepted + rejected in the report and
     * the manifest, one quarantine row per rejected line (each line once), warnings only on accepted rows.
     */
    void assertCountsAddUp(IngestReport report) {
        assertThat(report.tables()).isNotEmpty();
        for (Map.Entry<String, TableCounts> e : report.tables().entrySet()) {
            String table = e.getKey();
            TableCounts c = e.getValue();
            assertThat(c.accepted() + c.rejected()).as("%s: accepted + rejected", table).isEqualTo(c.read());
            JsonNode m = lastIngestCounts(table);
            assertThat(m.get("read").asLong()).as("%s: manifest read", table).isEqualTo(c.read());
            assertThat(m.get("accepted").asLong()).as("%s: manifest accepted", table).isEqualTo(c.accepted());
            assertThat(m.get("rejected").asLong()).as("%s: manifest rejected", table).isEqualTo(c.rejected());
            assertThat(m.get("read_equals_accepted_plus_rejected").asBoolean()).isTrue();
            List<Long> lines = quarantineLinesOfLastIngest(table, c.rejected());
            assertThat(lines).as("%s: quarantined lines", table).doesNotHaveDuplicates().hasSize((int) c.rejected());
        }
    }

    /** The lines of the last {@code rejected} quarantine rows (earlier months' rows come first when appending). */
    private List<Long> quarantineLinesOfLastIngest(String table, long rejected) {
        List<Rejected> all = quarantine(table);
        assertThat((long) all.size()).as("%s: quarantine rows", table).isGreaterThanOrEqualTo(rejected);
        return all.subList(all.size() - (int) rejected, all.size()).stream().map(Rejected::line).toList();
    }

    /** Parses an RFC 4180 file with the expected header; an absent file has no rows. */
    static List<List<String>> csvRows(Path file, List<String> expectedHeader) {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> records = parseCsv(text);
        assertThat(records).as("%s has a header", file).isNotEmpty();
        assertThat(records.get(0)).as("header of %s", file).isEqualTo(expectedHeader);
        for (List<String> r : records) {
            assertThat(r).as("a record of %s", file).hasSameSizeAs(expectedHeader);
        }
        return records.subList(1, records.size());
    }

    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                continue;
            }
            any = true;
            if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                if (c == '\r') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
            }
        }
        if (any || !fields.isEmpty() || field.length() > 0) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    /** An in-memory DuckDB for reading Parquet back and for writing Parquet sources. */
    static final class TestingDuckDb {
        private TestingDuckDb() {
        }

        static List<List<String>> query(String sql) {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(java.util.Collections.unmodifiableList(row));
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }

        static void execute(String sql) {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                 Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }
    }
}
