package org.fundwatch.synth.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@link Evaluation#of} measured: one {@link TypeResult} per screened type that has labels (and, with
 * {@link Evaluation.Options#strictTypes()}, per type that has findings but no labels), their micro-average
 * {@link #overall()}, and what was left out of the thresholds and why.
 *
 * @param labels the labels file read
 * @param findings the findings file read
 * @param nearMisses the near-misses file read, if any
 * @param run the {@code run.json} read, if any
 * @param options the options of the evaluation (thresholds, type filter)
 * @param types the rows held to the thresholds, by type name
 * @param overall the sums over {@link #types()}; its examples are empty
 * @param notScreened label types that no rule screened (run.json): excluded from the thresholds and the overall
 * @param unlabelledTypes types with findings but no labels; excluded from {@link #types()} and the overall unless
 *     strict
 * @param nearMissHits findings that match a near-miss case (and no labelled case), in file order
 * @param typesWithoutData types named in the options' filter that appear in no input (a typo?)
 */
public record EvaluationReport(Path labels, Path findings, Optional<Path> nearMisses, Optional<Path> run,
        Evaluation.Options options, List<TypeResult> types, TypeResult overall, List<NotScreened> notScreened,
        List<UnlabelledType> unlabelledTypes, List<NearMissHit> nearMissHits, List<String> typesWithoutData) {

    /** How many example ids a type keeps of its missed cases and of its false positives. */
    public static final int EXAMPLES = 5;

    public EvaluationReport {
        types = List.copyOf(types);
        notScreened = List.copyOf(notScreened);
        unlabelledTypes = List.copyOf(unlabelledTypes);
        nearMissHits = List.copyOf(nearMissHits);
        typesWithoutData = List.copyOf(typesWithoutData);
    }

    /** The rows below a threshold. */
    public List<TypeResult> failing() {
        return types.stream().filter(t -> !t.meets(options.minRecall(), options.minPrecision())).toList();
    }

    /** Whether every row meets both thresholds. */
    public boolean passed() {
        return failing().isEmpty();
    }

    /**
     * One violation type (or the overall sums).
     *
     * @param type the {@code vola_bhvr_type}, or {@code overall}
     * @param cases planted cases of the type
     * @param found cases matched by at least one finding
     * @param findings findings of the type
     * @param trueFindings findings that match at least one planted case
     * @param nearMissHits findings that match a near-miss case and no planted case
     * @param missedExamples up to {@link #EXAMPLES} cases no finding matched, in file order
     * @param falsePositiveExamples up to {@link #EXAMPLES} findings that match no case, in file order
     */
    public record TypeResult(String type, long cases, long found, long findings, long trueFindings,
            long nearMissHits, List<CaseRef> missedExamples, List<FindingRef> falsePositiveExamples) {

        public TypeResult {
            missedExamples = List.copyOf(missedExamples);
            falsePositiveExamples = List.copyOf(falsePositiveExamples);
        }

        /** found / cases; empty when there are no cases. */
        public OptionalDouble recall() {
            return cases == 0 ? OptionalDouble.empty() : OptionalDouble.of(found / (double) cases);
        }

        /** true findings / findings; empty (n/a) when there are no findings. */
        public OptionalDouble precision() {
            return findings == 0 ? OptionalDouble.empty() : OptionalDouble.of(trueFindings / (double) findings);
        }

        /** Recall at least {@code min}; a type without cases has nothing to miss. */
        public boolean meetsRecall(double min) {
            return recall().orElse(1.0) >= min;
        }

        /** Precision at least {@code min}; a type without findings has no precision and passes. */
        public boolean meetsPrecision(double min) {
            return precision().orElse(1.0) >= min;
        }

        public boolean meets(double minRecall, double minPrecision) {
            return meetsRecall(minRecall) && meetsPrecision(minPrecision);
        }
    }

    /**
     * A planted case, by ids only.
     *
     * @param line its line in labels.csv or near_misses.csv
     * @param type its type
     * @param ids its most specific key and its period, e.g. {@code mdtrt_id=MD01|MD02 period=2026-03}
     */
    public record CaseRef(long line, String type, String ids) {
    }

    /**
     * A finding, by ids only.
     *
     * @param line its line in findings.csv
     * @param jrId its {@code jr_id}
     * @param ruleId its {@code rule_id}
     * @param type its type
     * @param ids its most specific key and its period
     */
    public record FindingRef(long line, String jrId, String ruleId, String type, String ids) {
    }

    /** A finding that matched a case planted not to fire. */
    public record NearMissHit(FindingRef finding, CaseRef nearMiss, String description) {
    }

    /** A type with labels that no rule screened, and the rules of run.json that explain it. */
    public record NotScreened(String type, long cases, List<String> reasons) {
        public NotScreened {
            reasons = List.copyOf(reasons);
        }
    }

    /** A type with findings but no labels. */
    public record UnlabelledType(String type, long findings, List<FindingRef> examples) {
        public UnlabelledType {
            examples = List.copyOf(examples);
        }
    }

    /** The report as pretty-printed JSON; recall and precision are {@code null} where they are n/a. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("labels", labels.toString());
        root.put("findings", findings.toString());
        root.put("near_misses", nearMisses.map(Path::toString).orElse(null));
        root.put("run", run.map(Path::toString).orElse(null));
        root.put("min_recall", options.minRecall());
        root.put("min_precision", options.minPrecision());
        root.put("strict_types", options.strictTypes());
        root.put("passed", passed());
        ArrayNode rows = root.putArray("types");
        types.forEach(t -> rows.add(typeJson(json, t)));
        root.set("overall", typeJson(json, overall));
        ArrayNode ns = root.putArray("not_screened");
        for (NotScreened n : notScreened) {
            ObjectNode o = ns.addObject().put("type", n.type()).put("cases", n.cases());
            n.reasons().forEach(o.putArray("reasons")::add);
        }
        ArrayNode un = root.putArray("unlabelled_types");
        for (UnlabelledType u : unlabelledTypes) {
            ObjectNode o = un.addObject().put("type", u.type()).put("findings", u.findings());
            ArrayNode ex = o.putArray("examples");
            u.examples().forEach(f -> ex.add(findingJson(json, f)));
        }
        ArrayNode hits = root.putArray("near_miss_hits");
        for (NearMissHit h : nearMissHits) {
            ObjectNode o = hits.addObject();
            o.set("finding", findingJson(json, h.finding()));
            o.set("near_miss", caseJson(json, h.nearMiss()));
            o.put("description", h.description());
        }
        typesWithoutData.forEach(root.putArray("types_without_data")::add);
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file} (UTF-8). */
    public void writeJson(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    private ObjectNode typeJson(ObjectMapper json, TypeResult t) {
        ObjectNode o = json.createObjectNode().put("type", t.type()).put("cases", t.cases()).put("found", t.found());
        putRatio(o, "recall", t.recall());
        o.put("findings", t.findings()).put("true", t.trueFindings());
        putRatio(o, "precision", t.precision());
        o.put("near_misses_hit", t.nearMissHits());
        o.put("meets_thresholds", t.meets(options.minRecall(), options.minPrecision()));
        ArrayNode missed = o.putArray("missed_examples");
        t.missedExamples().forEach(c -> missed.add(caseJson(json, c)));
        ArrayNode fp = o.putArray("false_positive_examples");
        t.falsePositiveExamples().forEach(f -> fp.add(findingJson(json, f)));
        return o;
    }

    private static void putRatio(ObjectNode o, String field, OptionalDouble v) {
        if (v.isPresent()) {
            o.put(field, v.getAsDouble());
        } else {
            o.putNull(field);
        }
    }

    private static ObjectNode caseJson(ObjectMapper json, CaseRef c) {
        return json.createObjectNode().put("line", c.line()).put("type", c.type()).put("ids", c.ids());
    }

    private static ObjectNode findingJson(ObjectMapper json, FindingRef f) {
        return json.createObjectNode().put("line", f.line()).put("jr_id", f.jrId()).put("rule_id", f.ruleId())
                .put("type", f.type()).put("ids", f.ids());
    }
}
