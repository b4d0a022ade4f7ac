package org.fundwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A dataset's {@code manifest.json}: format version, the tables with their row counts and checksums, the period,
 * and the history of ingests (each with its source files, encodings and counts). The JSON is the contract; this
 * class only reads and writes it.
 */
public final class Manifest {
    public static final String FILE = "manifest.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root;

    Manifest(ObjectNode root) {
        this.root = root;
    }

    public static Optional<Manifest> readIfPresent(Path dataset) throws IOException {
        Path file = dataset.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node = JSON.readTree(file.toFile());
        if (!(node instanceof ObjectNode o) || !o.has("format_version") || !o.has("tables")) {
            throw new IngestException(IngestException.Code.BAD_DATASET, file + " is not a Fundwatch manifest");
        }
        return Optional.of(new Manifest(o));
    }

    public static Manifest read(Path dataset) throws IOException {
        return readIfPresent(dataset).orElseThrow(() -> new IngestException(IngestException.Code.BAD_DATASET,
                dataset + " holds no manifest.json: not a dataset"));
    }

    public int formatVersion() {
        return root.get("format_version").asInt();
    }

    /** Tables the dataset holds a file for. */
    public Set<String> tableNames() {
        Set<String> names = new LinkedHashSet<>();
        root.get("tables").fieldNames().forEachRemaining(names::add);
        return names;
    }

    public Map<String, String> checksums() {
        Map<String, String> out = new LinkedHashMap<>();
        root.get("tables").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().get("sha256").asText()));
        return out;
    }

    public long rows(String table) {
        JsonNode t = root.get("tables").get(table);
        return t == null ? 0 : t.get("rows").asLong();
    }

    /** The months with settlements, {@code yyyy-MM}, when the dataset has any. */
    public Optional<List<String>> period() {
        JsonNode months = root.path("period").path("months");
        if (!months.isArray() || months.isEmpty()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        months.forEach(m -> out.add(m.asText()));
        return Optional.of(out);
    }

    /** Earlier ingests, oldest first. */
    ArrayNode ingests() {
        JsonNode n = root.get("ingests");
        return n instanceof ArrayNode a ? a.deepCopy() : JSON.createArrayNode();
    }

    ObjectNode json() {
        return root;
    }

    void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), root);
    }
}
