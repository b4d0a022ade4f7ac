package org.fundwatch.synth.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code rules} of a screening run's {@code run.json}: which rule of which type ran, and why the others did not.
 * Other fields of the file are ignored.
 */
final class RunManifest {

    /** One entry of {@code rules}. */
    record RuleStatus(String ruleId, String type, String status, String reason) {
        boolean ran() {
            return "RAN".equals(status);
        }

        String describe() {
            return ruleId + " " + status + (reason.isEmpty() ? "" : ": " + reason);
        }
    }

    private final Map<String, List<RuleStatus>> byType;

    private RunManifest(Map<String, List<RuleStatus>> byType) {
        this.byType = byType;
    }

    static RunManifest read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EvaluationException(EvaluationException.Code.UNREADABLE, file + ": no such file");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new EvaluationException(EvaluationException.Code.MALFORMED_RUN, file + ":" + line + ": not JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EvaluationException(EvaluationException.Code.UNREADABLE, file + ": " + e.getMessage(), e);
        }
        JsonNode rules = root == null ? null : root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw new EvaluationException(EvaluationException.Code.MALFORMED_RUN, file + ": no \"rules\" list");
        }
        Map<String, List<RuleStatus>> byType = new TreeMap<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode r = rules.get(i);
            String type = text(r, "vola_bhvr_type");
            String status = text(r, "status");
            if (type.isEmpty() || status.isEmpty()) {
                throw new EvaluationException(EvaluationException.Code.MALFORMED_RUN, file + ": rules[" + i
                        + "] lacks vola_bhvr_type or status");
            }
            byType.computeIfAbsent(type, t -> new ArrayList<>())
                    .add(new RuleStatus(text(r, "rule_id"), type, status, text(r, "reason")));
        }
        return new RunManifest(byType);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText().strip();
    }

    /** Types with at least one rule that ran. */
    Set<String> screenedTypes() {
        Set<String> out = new TreeSet<>();
        byType.forEach((type, rules) -> {
            if (rules.stream().anyMatch(RuleStatus::ran)) {
                out.add(type);
            }
        });
        return out;
    }

    Set<String> types() {
        return byType.keySet();
    }

    /** Why a type was not screened: its rules and their status, or that no rule of it is listed. */
    List<String> reasonsNotScreened(String type) {
        List<RuleStatus> rules = byType.get(type);
        if (rules == null) {
            return List.of("no rule of this type in run.json");
        }
        return rules.stream().map(RuleStatus::describe).toList();
    }
}
