package org.fundwatch.duckdb;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import org.fundwatch.findings.Finding;
import org.fundwatch.findings.FindingLine;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.progress.Progress;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.schema.Table;
import org.fundwatch.screening.CompiledRule;
import org.fundwatch.screening.DataNeed;
import org.fundwatch.screening.DuckDbDialect;
import org.fundwatch.screening.FindingAssembler;
import org.fundwatch.screening.RuleCompiler;
import org.fundwatch.screening.ScreeningPlan;
import org.fundwatch.screening.SqlDialect;

/**
 * 事后审核 on one machine: compiles the policy pack for the report window, runs the shared relations and passes once,
 * then each rule's query over them, and writes findings, finding lines and {@code run.json} to the output
 * directory. A rule whose data is absent (an optional table, or no knowledge point of its kind) is reported as not
 * run instead of silently finding nothing.
 */
public final class Screening {
    /**
     * A trial screening (政策仿真) of a pack given as text on {@code dataset}: the pack and the findings go to a
     * temporary directory, removed after; returns what the run found per rule.
     */
    public static ScreenReport trial(Path dataset, PolicyPack.PackText pack) throws IOException {
        Path tmp = Files.createTempDirectory("fundwatch-trial");
        try {
            Path packDir = Files.createDirectories(tmp.resolve("pack"));
            Files.writeString(packDir.resolve("pack.properties"), pack.properties());
            Files.writeString(packDir.resolve("rules.csv"), pack.rules());
            return run(ScreenOptions.of(dataset, tmp.resolve("findings")).withRules(packDir), Progress.NONE);
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The report window of a run without --period: every month of the dataset. */
    static final LocalDate ALL_FROM = LocalDate.of(1900, 1, 1);
    static final LocalDate ALL_TO = LocalDate.of(2999, 12, 31);

    private Screening() {
    }

    /** Screens on the embedded default engine (DuckDB). */
    public static ScreenReport run(ScreenOptions options, Progress progress) throws IOException {
        return run(options, progress, DuckDbEngine.INSTANCE);
    }

    /** Screens on {@code engine}: the plan, the rules' order and the findings' assembly are the same for every engine. */
    public static ScreenReport run(ScreenOptions options, Progress progress, Engine engine) throws IOException {
        long started = System.nanoTime();
        Manifest manifest = Manifest.read(options.dataset());
        for (Table t : ExchangeFormat.TABLES) {
            if (t.required() && !manifest.tableNames().contains(t.name())) {
                throw new ScreenException(ScreenException.Code.BAD_DATASET, options.dataset() + " lacks the table "
                        + t.name());
            }
        }
        LocalDate from = ALL_FROM;
        LocalDate to = ALL_TO;
        if (options.period().isPresent()) {
            YearMonth p = options.period().get();
            List<String> months = manifest.period().orElse(List.of());
            if (!months.contains(p.toString())) {
                throw new ScreenException(ScreenException.Code.BAD_PERIOD, "period " + p + " is not a month of "
                        + options.dataset() + " (months: " + (months.isEmpty() ? "none" : String.join(", ", months))
                        + ")");
            }
            from = p.atDay(1);
            to = p.atEndOfMonth();
        }
        ScreeningPlan plan = plan(options, engine.dialect(), from, to);

        prepareOutput(options);
        Path tmp = options.out().resolve(".tmp");
        try (Engine.Session session = engine.open(options, manifest, tmp)) {
            List<ScreenReport.PassTiming> timings = new ArrayList<>();
            progress.start("prepare", plan.prelude().size());
            for (org.fundwatch.screening.Statement s : plan.prelude()) {
                timings.add(session.build(s));
                progress.advance(1);
            }
            progress.finish();

            Map<String, String> off = switchedOff(plan, options);
            Map<String, String> notRun = new LinkedHashMap<>(off);
            notRun.putAll(notRun(plan.rules().stream().filter(r -> !off.containsKey(r.rule().id())).toList(),
                    session.present(), session::count));
            Set<String> neededPasses = new LinkedHashSet<>();
            for (CompiledRule r : plan.rules()) {
                if (!notRun.containsKey(r.rule().id())) {
                    r.passes().forEach(p -> neededPasses.add(p.relation()));
                }
            }
            List<org.fundwatch.screening.Statement> passes = plan.passes().stream()
                    .filter(s -> neededPasses.contains(s.name())).toList();
            progress.start("passes", passes.size());
            for (org.fundwatch.screening.Statement s : passes) {
                timings.add(session.build(s));
                progress.advance(1);
            }
            progress.finish();

            List<Finding> findings = new ArrayList<>();
            List<ScreenReport.RuleResult> results = new ArrayList<>();
            // Rule queries are small and independent: run them a few at once, collect in pack order.
            progress.start("rules", plan.rules().size());
            List<Future<RuleRun>> runs = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(session.ruleWorkers(), r -> {
                Thread t = new Thread(r, "fundwatch-rule");
                t.setDaemon(true);
                return t;
            });
            try {
                for (CompiledRule r : plan.rules()) {
                    runs.add(notRun.containsKey(r.rule().id()) ? null : pool.submit(() -> {
                        long t0 = System.nanoTime();
                        FindingAssembler assembler = session.assemble(r);
                        return new RuleRun(assembler, (System.nanoTime() - t0) / 1e9);
                    }));
                }
                for (int i = 0; i < plan.rules().size(); i++) {
                    CompiledRule r = plan.rules().get(i);
                    String template = r.rule().template();
                    if (runs.get(i) == null) {
                        results.add(new ScreenReport.RuleResult(r.rule().id(), r.rule().version(),
                                r.rule().type().name(), template, off.containsKey(r.rule().id()) ? "OFF" : "NOT_RUN",
                                Optional.of(notRun.get(r.rule().id())),
                                0, 0, BigDecimal.ZERO, 0));
                    } else {
                        RuleRun run = await(runs.get(i));
                        List<Finding> found = run.assembler().findings();
                        findings.addAll(found);
                        results.add(new ScreenReport.RuleResult(r.rule().id(), r.rule().version(),
                                r.rule().type().name(), template, "RAN", Optional.empty(), found.size(),
                                run.assembler().suppressed(), Totals.amount(found), run.seconds()));
                    }
                    progress.advance(1);
                }
            } finally {
                pool.shutdownNow();
            }
            progress.finish();

            long t0 = System.nanoTime();
            FindingsWriter.write(options.out(), findings);
            timings.add(new ScreenReport.PassTiming("write findings", (System.nanoTime() - t0) / 1e9, findings.size()));
            if (options.runs(ScreenOptions.Part.INDICATORS)) {
                timings.add(IndicatorsWriter.write(session, engine.dialect(), options.out(), tmp, options.period()));
            } else {
                IndicatorsWriter.delete(options.out()); // an earlier run's table is not this run's
            }
            Map<String, ScreenReport.TypeTotal> byType = new TreeMap<>();
            Map<String, List<Finding>> grouped = new TreeMap<>();
            findings.forEach(f -> grouped.computeIfAbsent(f.volaBhvrType(), k -> new ArrayList<>()).add(f));
            grouped.forEach((type, list) -> byType.put(type, new ScreenReport.TypeTotal(list.size(), Totals.amount(list))));
            long suppressed = results.stream().mapToLong(ScreenReport.RuleResult::suppressed).sum();
            ScreenReport report = new ScreenReport(options.out(), plan.packId(), plan.packVersion(),
                    options.period(),
                    timings, results, byType, findings.size(), suppressed, Totals.amount(findings),
                    (System.nanoTime() - started) / 1e9);
            RunFile.write(options, manifest, report, engine.name());
            return report;
        }
    }

    /** Rule id → which switch turned it off, for the rules and models of the parts switched off in {@code options}. */
    static Map<String, String> switchedOff(ScreeningPlan plan, ScreenOptions options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CompiledRule r : plan.rules()) {
            ScreenOptions.Part part = r.rule().type().model() ? ScreenOptions.Part.MODELS : ScreenOptions.Part.RULES;
            if (!options.runs(part)) {
                out.put(r.rule().id(), "switched off (" + part.flag() + ")");
            }
        }
        return out;
    }

    /** Rule id → why it cannot run (a table absent, or none of its knowledge points); after the prelude. */
    static Map<String, String> notRun(ScreeningPlan plan, Set<String> present, ToLongFunction<String> count) {
        return notRun(plan.rules(), present, count);
    }

    private static Map<String, String> notRun(List<CompiledRule> rules, Set<String> present,
                                              ToLongFunction<String> count) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CompiledRule r : rules) {
            if (r.unsupported().isPresent()) {
                out.put(r.rule().id(), r.unsupported().get());
                continue;
            }
            for (DataNeed need : r.needs()) {
                if (!present.contains(need.table())) {
                    out.put(r.rule().id(), "table " + need.table() + " is absent from the dataset");
                    break;
                }
                if (need.countQuery().isPresent() && count.applyAsLong(need.countQuery().get()) == 0) {
                    out.put(r.rule().id(), need.description());
                    break;
                }
            }
        }
        return out;
    }

    /** The options' pack (or the default one) compiled for DuckDB and the report window {@code from}–{@code to}. */
    static ScreeningPlan plan(ScreenOptions options, LocalDate from, LocalDate to) throws IOException {
        return plan(options, DuckDbDialect.INSTANCE, from, to);
    }

    /** The options' pack (or the default one) compiled for {@code dialect} and the window {@code from}–{@code to}. */
    public static ScreeningPlan plan(ScreenOptions options, SqlDialect dialect, LocalDate from, LocalDate to)
            throws IOException {
        PolicyPack pack = options.rules().map(PolicyPack::load).orElseGet(PolicyPack::defaultPack);
        MedTypeSettings settings = options.medTypeFile().isPresent()
                ? MedTypeSettings.defaultsWith(options.medTypeFile().get()) : MedTypeSettings.defaults();
        return new RuleCompiler(dialect, settings).compile(pack, from, to);
    }

    private static RuleRun await(Future<RuleRun> run) {
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void prepareOutput(ScreenOptions options) throws IOException {
        Path out = options.out();
        if (Files.exists(out.resolve(RunFile.NAME)) && !options.overwrite()) {
            throw new ScreenException(ScreenException.Code.OUTPUT_EXISTS, out + " already holds a screening (run.json);"
                    + " give --overwrite to replace it");
        }
        Files.createDirectories(out);
    }

    static String sqlPath(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }

    /** Amounts over findings counting each fee line once, and each visit or other key once when no line is named. */
    static final class Totals {
        private Totals() {
        }

        static BigDecimal amount(List<Finding> findings) {
            Map<String, BigDecimal> byLine = new HashMap<>();
            Map<String, BigDecimal> byKey = new HashMap<>();
            for (Finding f : findings) {
                List<FindingLine> violating = f.lines().stream().filter(l -> l.volaItemType() == 1).toList();
                if (violating.isEmpty()) {
                    String key = f.mdtrtId().map(m -> "visit " + m).orElse(f.jrId());
                    f.volaAmt().ifPresent(a -> byKey.merge(key, a, BigDecimal::max));
                } else {
                    violating.forEach(l -> l.volaAmt().ifPresent(a -> byLine.merge(l.feedetlSn(), a, BigDecimal::max)));
                }
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (BigDecimal a : byLine.values()) {
                sum = sum.add(a);
            }
            for (BigDecimal a : byKey.values()) {
                sum = sum.add(a);
            }
            return sum;
        }
    }
}
