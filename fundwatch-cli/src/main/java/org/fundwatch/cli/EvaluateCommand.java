package org.fundwatch.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fundwatch.synth.evaluation.Evaluation;
import org.fundwatch.synth.evaluation.EvaluationReport;
import org.fundwatch.synth.evaluation.RankingEvaluation;
import org.fundwatch.synth.evaluation.EvaluationReport.TypeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure a screening run against the planted cases of a generated extract: recall and "
                + "precision per violation type and overall.",
                "A finding matches a case when the type is equal and they share a value on the most specific key "
                        + "both have (feedetl_sn, mdtrt_id, psn_no, certno, fixmedins_code; on fixmedins_code the "
                        + "periods must agree too).",
                "Exit code 0 when every screened type meets both thresholds, 1 when some type is below, 2 when an "
                        + "input cannot be read."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--labels", required = true, description = "labels.csv written by generate.")
    Path labels;

    @Option(names = "--findings", required = true, description = "findings.csv written by screen.")
    Path findings;

    @Option(names = "--run", description = "run.json of the screening run (which rules ran). Default: run.json "
            + "beside the findings, if any; without one every label type counts as screened.")
    Path run;

    @Option(names = "--near-misses", description = "near_misses.csv (cases that must not fire). Default: the one "
            + "beside the labels, if any.")
    Path nearMisses;

    @Option(names = "--min-recall", defaultValue = "0", description = "Recall every screened type must reach, "
            + "e.g. 0.98. Default: 0 (report only).")
    double minRecall;

    @Option(names = "--min-precision", defaultValue = "0", description = "Precision every screened type with "
            + "findings must reach, e.g. 0.95. Default: 0 (report only).")
    double minPrecision;

    @Option(names = "--types", split = ",", description = "Only these types (comma-separated).")
    Set<String> types = Set.of();

    @Option(names = "--strict-types", description = "Count findings of types without labels as false positives "
            + "(default: list them apart).")
    boolean strictTypes;

    @Option(names = "--json", description = "Also write the report as JSON to this file.")
    Path json;

    @Option(names = "--ranking", description = "ranking.csv of the screening run. Default: the one beside "
            + "--findings, if any.")
    Path ranking;

    @Option(names = "--bad-actors", description = "bad_actors.csv written by generate (institutions planted with "
            + "many violations). Default: the one beside --labels, if any.")
    Path badActors;

    @Override
    public Integer call() throws Exception {
        Evaluation.Options options = Evaluation.Options.defaults().withTypes(types).withStrictTypes(strictTypes)
                .withThresholds(minRecall, minPrecision);
        if (run != null) {
            options = options.withRun(run);
        }
        if (nearMisses != null) {
            options = options.withNearMisses(nearMisses);
        }
        EvaluationReport report = Evaluation.of(labels, findings, options);
        PrintWriter w = spec.commandLine().getOut();
        print(report, w);
        Path rankingFile = ranking != null ? ranking : findings.toAbsolutePath().resolveSibling("ranking.csv");
        Path badFile = badActors != null ? badActors : labels.toAbsolutePath().resolveSibling("bad_actors.csv");
        if (java.nio.file.Files.isRegularFile(rankingFile) && java.nio.file.Files.isRegularFile(badFile)) {
            printRanking(RankingEvaluation.of(badFile, rankingFile), w);
        }
        if (json != null) {
            report.writeJson(json);
            w.println("JSON report: " + json);
        }
        w.flush();
        return report.passed() ? 0 : 1;
    }

    /** Where the planted bad institutions rank (风险排名). */
    static void printRanking(RankingEvaluation.Result r, PrintWriter w) {
        w.printf("risk ranking: %d planted bad institutions; %d in the top 1%% (the first %d of %d ranked "
                        + "institutions), %d in the top %d%s%n", r.ranks().size(), r.inTopOnePercent(), r.topOnePercent(),
                r.institutions(), r.inTop(), RankingEvaluation.TOP, r.allInTop() ? ": OK" : "");
        r.ranks().forEach((code, rank) -> w.printf("  %s %s%n", code, rank.map(x -> "rank " + x).orElse("not ranked")));
    }

    static void print(EvaluationReport report, PrintWriter w) {
        Evaluation.Options o = report.options();
        w.println("labels      " + report.labels());
        w.println("findings    " + report.findings());
        w.println("near misses " + report.nearMisses().map(Path::toString).orElse("none"));
        w.println("run         " + report.run().map(Path::toString)
                .orElse("none: every label type counts as screened"));
        if (!o.types().isEmpty()) {
            w.println("types       " + String.join(",", o.types().stream().sorted().toList()));
        }
        w.println();
        int width = "overall".length();
        for (TypeResult t : report.types()) {
            width = Math.max(width, t.type().length());
        }
        String row = "%-" + width + "s %7s %7s %7s %9s %7s %10s %16s%n";
        w.printf(row, "type", "cases", "found", "recall", "findings", "true", "precision", "near misses hit");
        for (TypeResult t : report.types()) {
            printRow(w, row, t);
        }
        printRow(w, row, report.overall());

        if (!report.notScreened().isEmpty()) {
            w.println();
            w.println("not screened (no rule of the type ran; not held to the thresholds, not in overall):");
            for (EvaluationReport.NotScreened n : report.notScreened()) {
                w.printf("  %s: cases %,d; %s%n", n.type(), n.cases(), String.join("; ", n.reasons()));
            }
        }
        if (!report.unlabelledTypes().isEmpty()) {
            w.println();
            w.println(o.strictTypes()
                    ? "unlabelled types (findings of types without labels, counted as false positives):"
                    : "unlabelled types (findings of types without labels; not in overall, --strict-types counts "
                            + "them):");
            for (EvaluationReport.UnlabelledType u : report.unlabelledTypes()) {
                w.printf("  %s: findings %,d, e.g. %s%n", u.type(), u.findings(),
                        u.examples().stream().map(EvaluateCommand::finding).collect(Collectors.joining("; ")));
            }
        }
        if (!report.nearMissHits().isEmpty()) {
            w.println();
            w.println("near misses hit (findings on cases planted not to fire):");
            for (EvaluationReport.NearMissHit h : report.nearMissHits()) {
                w.printf("  %s: finding %s on near miss line %d (%s)%s%n", h.finding().type(), finding(h.finding()),
                        h.nearMiss().line(), h.nearMiss().ids(),
                        h.description().isEmpty() ? "" : ": " + h.description());
            }
        }
        if (!report.typesWithoutData().isEmpty()) {
            w.println();
            w.println("--types names that appear in no input: " + String.join(", ", report.typesWithoutData()));
        }

        w.println();
        boolean thresholds = o.minRecall() > 0 || o.minPrecision() > 0;
        if (!thresholds) {
            w.println("result: report only (no --min-recall or --min-precision given)");
            return;
        }
        String goal = "recall ≥ " + ratio(o.minRecall()) + ", precision ≥ " + ratio(o.minPrecision());
        if (report.passed()) {
            w.printf("result: OK, all %d screened types meet %s%n", report.types().size(), goal);
            return;
        }
        w.printf("below threshold (%s):%n", goal);
        for (TypeResult t : report.failing()) {
            if (!t.meetsRecall(o.minRecall())) {
                w.printf("  %s: recall %s < %s (%,d of %,d cases found)%n", t.type(), ratio(t.recall()),
                        ratio(o.minRecall()), t.found(), t.cases());
            }
            if (!t.meetsPrecision(o.minPrecision())) {
                w.printf("  %s: precision %s < %s (%,d of %,d findings match a case)%n", t.type(),
                        ratio(t.precision()), ratio(o.minPrecision()), t.trueFindings(), t.findings());
            }
            for (EvaluationReport.CaseRef c : t.missedExamples()) {
                w.printf("    missed: labels line %d %s%n", c.line(), c.ids());
            }
            for (EvaluationReport.FindingRef f : t.falsePositiveExamples()) {
                w.printf("    false positive: %s%n", finding(f));
            }
        }
        w.printf("result: FAILED, %d of %d screened types below threshold%n", report.failing().size(),
                report.types().size());
    }

    private static void printRow(PrintWriter w, String format, TypeResult t) {
        w.printf(format, t.type(), count(t.cases()), count(t.found()), ratio(t.recall()), count(t.findings()),
                count(t.trueFindings()), ratio(t.precision()), count(t.nearMissHits()));
    }

    private static String finding(EvaluationReport.FindingRef f) {
        String about = Stream.of(f.ruleId(), f.ids()).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
        return (f.jrId().isEmpty() ? "(no jr_id)" : f.jrId()) + " line " + f.line()
                + (about.isEmpty() ? "" : " (" + about + ")");
    }

    private static String count(long n) {
        return String.format("%,d", n);
    }

    /** Three decimals, rounded down so that a value below a threshold never prints as reaching it. */
    static String ratio(double v) {
        return BigDecimal.valueOf(v).setScale(3, RoundingMode.DOWN).toPlainString();
    }

    private static String ratio(OptionalDouble v) {
        return v.isPresent() ? ratio(v.getAsDouble()) : "—";
    }
}
