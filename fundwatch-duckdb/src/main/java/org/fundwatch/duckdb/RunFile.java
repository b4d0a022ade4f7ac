package org.fundwatch.duckdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.fundwatch.ingest.Manifest;

/**
 * {@code run.json}: which pack (id, version) screened which dataset (path and a checksum over its tables'
 * checksums) for which window, the time of every pass, and per rule whether it ran, its findings, suppressed
 * findings and amount.
 */
final class RunFile {
    static final String NAME = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFile() {
    }

    static void write(ScreenOptions options, Manifest manifest, ScreenReport report, String engine)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("engine", engine);
        root.put("created", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode pack = root.putObject("rule_pack");
        pack.put("id", report.packId());
        pack.put("version", report.packVersion());
        pack.put("source", options.rules().map(p -> p.toAbsolutePath().toString()).orElse("default"));
        ObjectNode dataset = root.putObject("dataset");
        dataset.put("path", options.dataset().toAbsolutePath().toString());
        dataset.put("sha256", datasetChecksum(manifest.checksums()));
        if (report.period().isPresent()) {
            root.put("period", report.period().get().toString());
        } else {
            root.putNull("period");
        }
        ArrayNode off = root.putArray("switched_off");
        options.switchedOff().stream().sorted().forEach(p -> off.add(p.name().toLowerCase(java.util.Locale.ROOT)));
        root.put("seconds", round(report.seconds()));
        ObjectNode totals = root.putObject("totals");
        totals.put("findings", report.findings());
        totals.put("suppressed_by_approval", report.suppressed());
        totals.put("vola_amt", report.amount());
        ObjectNode types = root.putObject("by_type");
        report.byType().forEach((type, t) -> {
            ObjectNode n = types.putObject(type);
            n.put("findings", t.findings());
            n.put("vola_amt", t.amount());
        });
        ArrayNode passes = root.putArray("passes");
        for (ScreenReport.PassTiming p : report.passes()) {
            ObjectNode n = passes.addObject();
            n.put("name", p.name());
            n.put("seconds", round(p.seconds()));
            if (p.rows() >= 0) {
                n.put("rows", p.rows());
            }
        }
        ArrayNode rules = root.putArray("rules");
        for (ScreenReport.RuleResult r : report.rules()) {
            ObjectNode n = rules.addObject();
            n.put("rule_id", r.ruleId());
            n.put("rule_version", r.version());
            n.put("vola_bhvr_type", r.type());
            n.put("template", r.template());
            n.put("status", r.status());
            r.reason().ifPresent(x -> n.put("reason", x));
            n.put("findings", r.findings());
            n.put("suppressed_by_approval", r.suppressed());
            n.put("vola_amt", r.amount());
            n.put("seconds", round(r.seconds()));
        }
        JSON.writeValue(options.out().resolve(NAME).toFile(), root);
    }

    static String datasetChecksum(Map<String, String> tableChecksums) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(tableChecksums).forEach((t, sha) -> text.append(t).append(':').append(sha).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
