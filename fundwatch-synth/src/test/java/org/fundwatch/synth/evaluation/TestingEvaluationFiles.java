package org.fundwatch.synth.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes small labels.csv, near_misses.csv and findings.csv files (RFC 4180, UTF-8) into a directory. */
final class TestingEvaluationFiles {
    static final List<String> FINDING_COLUMNS = List.of("jr_id", "rule_id", "rule_version", "rule_name",
            "vola_bhvr_type", "grain", "period", "sev_deg", "action", "vola_amt", "vola_cont", "vola_cont_en",
            "vola_evid", "indicator", "psn_no", "certno", "mdtrt_id", "setl_id", "feedetl_sn", "fixmedins_code",
            "hilist_code", "occur_time");
    static final List<String> LABEL_COLUMNS = List.of("vola_bhvr_type", "feedetl_sn", "mdtrt_id", "psn_no",
            "certno", "fixmedins_code", "hilist_code", "period");

    /** One row being built; unset columns are written empty. */
    static final class Row {
        final Map<String, String> values = new HashMap<>();

        Row set(String column, String value) {
            values.put(column, value);
            return this;
        }

        Row sn(String v) {
            return set("feedetl_sn", v);
        }

        Row mdtrt(String v) {
            return set("mdtrt_id", v);
        }

        Row psn(String v) {
            return set("psn_no", v);
        }

        Row certno(String v) {
            return set("certno", v);
        }

        Row institution(String v) {
            return set("fixmedins_code", v);
        }

        Row period(String v) {
            return set("period", v);
        }
    }

    final Path dir;
    private final List<Row> labels = new ArrayList<>();
    private final List<Row> nearMisses = new ArrayList<>();
    private final List<Row> findings = new ArrayList<>();

    TestingEvaluationFiles(Path dir) {
        this.dir = dir;
    }

    Row label(String type) {
        Row r = new Row().set("vola_bhvr_type", type);
        labels.add(r);
        return r;
    }

    Row nearMiss(String type, String description) {
        Row r = new Row().set("vola_bhvr_type", type).set("description", description);
        nearMisses.add(r);
        return r;
    }

    /** A finding of {@code type} by rule {@code R-<type>}, with Chinese text in vola_cont. */
    Row finding(String jrId, String type) {
        Row r = new Row().set("jr_id", jrId).set("rule_id", "R-" + type).set("rule_version", "1")
                .set("rule_name", type).set("vola_bhvr_type", type).set("sev_deg", "1").set("action", "WARN")
                .set("vola_amt", "12.50").set("vola_cont", "违规，金额12.50元");
        findings.add(r);
        return r;
    }

    Path labelsFile() {
        return write("labels.csv", LABEL_COLUMNS, labels);
    }

    Path nearMissesFile() {
        List<String> columns = new ArrayList<>(LABEL_COLUMNS);
        columns.add("description");
        return write("near_misses.csv", columns, nearMisses);
    }

    Path findingsFile() {
        return write("findings.csv", FINDING_COLUMNS, findings);
    }

    /** Writes run.json with one rule per type, {@code RAN} or {@code NOT_RUN}. */
    Path runFile(Map<String, String> statusByType) {
        StringBuilder json = new StringBuilder("{\"engine\": \"duckdb\", \"rules\": [");
        String sep = "";
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(statusByType).entrySet()) {
            json.append(sep).append("{\"rule_id\": \"R-").append(e.getKey()).append("\", \"vola_bhvr_type\": \"")
                    .append(e.getKey()).append("\", \"status\": \"").append(e.getValue())
                    .append("\", \"reason\": \"").append(e.getValue().equals("RAN") ? "" : "no kb_item_limit rows")
                    .append("\"}");
            sep = ", ";
        }
        return writeText("run.json", json.append("]}\n").toString());
    }

    /** Writes labels.csv, near_misses.csv when there are near misses, findings.csv; evaluates. */
    EvaluationReport evaluate(Evaluation.Options options) {
        if (!nearMisses.isEmpty()) {
            nearMissesFile();
        }
        return Evaluation.of(labelsFile(), findingsFile(), options);
    }

    Path writeText(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(String name, List<String> columns, List<Row> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(quote(r.values.getOrDefault(c, "")));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        return writeText(name, csv.toString());
    }

    static String quote(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
