package org.fundwatch.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fundwatch.findings.Finding;
import org.fundwatch.rules.Moment;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.rules.Rule;
import org.fundwatch.schema.MedTypeSettings;

/**
 * The in-JVM evaluator (事前提醒/事中审核): reviews one visit against the rules of a policy pack with the same
 * templates, knowledge and explanations as the batch engine, so a visit gets exactly the findings batch screening
 * would give it (same {@code jr_id}s, amounts and sentences). Rules are bound once; a review allocates only its
 * own rows. Thread-safe: the pack and knowledge are immutable and the history synchronises per person.
 */
public final class InstantScreening {

    /** A bound rule: its template and, when the template decides in the JVM, its evaluator. */
    private record Bound(Rule rule, Template template, InstantTemplate instant, Comparator<RawRow> order) {
    }

    /**
     * The findings of one review, in pack order, and the rules asked for that cannot decide in the JVM: their
     * template needs the whole population (bed occupancy, monthly windows, enrolments), or the knowledge lacks what
     * they read (no catalog, no point of their type), as batch screening reports them not run.
     */
    public record Review(List<Finding> findings, List<String> notEvaluated) {
        public Review {
            findings = List.copyOf(findings);
            notEvaluated = List.copyOf(notEvaluated);
        }
    }

    private final List<Bound> rules;
    /** The view of the visit this thread reviewed last, kept with the visit when it is accepted right after. */
    private final ThreadLocal<VisitView> lastReviewed = new ThreadLocal<>();
    private final Map<Moment, List<Bound>> byMoment = new java.util.EnumMap<>(Moment.class);
    private final Map<String, org.fundwatch.schema.CareSetting> settingByMedType = new java.util.concurrent.ConcurrentHashMap<>();
    private final Knowledge kb;
    private final MedTypeSettings settings;
    private final VisitHistory history;

    public InstantScreening(PolicyPack pack, Knowledge kb, MedTypeSettings settings, VisitHistory history) {
        this.kb = Objects.requireNonNull(kb, "kb is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.history = Objects.requireNonNull(history, "history is null");
        RuleCompiler.validate(pack);
        List<Bound> bound = new ArrayList<>();
        for (Rule rule : pack.enabledRules()) {
            Template t = Templates.bind(rule);
            boolean decidable = t.needs().stream().allMatch(n -> n.metBy(kb));
            bound.add(new Bound(rule, t, t instanceof InstantTemplate i && decidable ? i : null, FindingOrder.of(t)));
        }
        this.rules = List.copyOf(bound);
        for (Moment m : Moment.values()) {
            byMoment.put(m, rules.stream().filter(b -> b.rule().moments().contains(m)).toList());
        }
        int headerDays = rules.stream().filter(b -> b.instant() != null).mapToInt(b -> b.instant().visitHeaderDays())
                .max().orElse(0);
        history.compactWith(new VisitHistory.Compaction(kb.longLookBackCodes(), settings, headerDays));
    }

    /**
     * Stays are judged against visits up to this long before their settlement (a stay longer than this is looked
     * back on from its admission only).
     */
    public static final int LONGEST_STAY_DAYS = 180;

    /**
     * How long a history must keep visits for the pack's rules: the longest look-back of its enabled in-JVM rules
     * plus {@link #LONGEST_STAY_DAYS}.
     */
    public static int retentionDays(PolicyPack pack) {
        int longest = 1;
        for (Rule rule : pack.enabledRules()) {
            if (Templates.bind(rule) instanceof InstantTemplate t) {
                longest = Math.max(longest, t.lookBackDays());
            }
        }
        return longest + LONGEST_STAY_DAYS;
    }

    /** The ids of the enabled rules that decide in the JVM. */
    public List<String> instantRuleIds() {
        return rules.stream().filter(b -> b.instant() != null).map(b -> b.rule().id()).toList();
    }

    /**
     * Whether the rule's real-time findings are its batch findings in full (false for the person-month windows,
     * which raise the same finding with the values so far).
     */
    public boolean exact(String ruleId) {
        return rules.stream().filter(b -> b.rule().id().equals(ruleId) && b.instant() != null)
                .allMatch(b -> b.instant().exact());
    }

    public VisitHistory history() {
        return history;
    }

    /**
     * Reviews a visit at a moment: the enabled rules whose moments include it and, when {@code ruleIds} is not
     * empty, only those. The visit is not recorded; call {@link #accept} once it is settled.
     */
    public Review review(VisitClaim claim, Moment moment, Set<String> ruleIds) {
        VisitView visit = view(claim);
        lastReviewed.set(visit);
        List<VisitView> earlier = null;
        List<Finding> findings = new ArrayList<>();
        List<String> notEvaluated = new ArrayList<>();
        List<InstantRow> rows = new ArrayList<>();
        for (Bound b : byMoment.get(moment)) {
            if (!ruleIds.isEmpty() && !ruleIds.contains(b.rule().id())) {
                continue;
            }
            if (b.instant() == null) {
                notEvaluated.add(b.rule().id());
                continue;
            }
            if (earlier == null) {
                earlier = earlier(claim);
            }
            rows.clear();
            b.instant().evaluate(new InstantContext(visit, earlier, kb), rows);
            if (!rows.isEmpty()) {
                findings.addAll(assemble(b, rows));
            }
        }
        return new Review(findings, notEvaluated);
    }

    /** Records a settled visit in the history (idempotent by {@code mdtrt_id}); false when it was already held. */
    public boolean accept(VisitClaim claim) {
        VisitView reviewed = lastReviewed.get();
        lastReviewed.remove();
        return reviewed != null && reviewed.claim() == claim ? history.record(claim, reviewed) : history.record(claim);
    }

    /**
     * Registers a stay at its admission (入院登记), its fees dropped, so that claims made during the stay are judged
     * against it before it settles. False for a visit that is not a stay, or a stay the history already holds.
     */
    public boolean admit(VisitClaim stay) {
        if (settingByMedType.computeIfAbsent(stay.medType(), settings::settingOf) != org.fundwatch.schema.CareSetting.INPATIENT) {
            return false;
        }
        return history.recordIfAbsent(stay.atAdmission());
    }

    /** The person's visits the history holds, each viewed once (the view is kept with the visit). */
    private List<VisitView> earlier(VisitClaim claim) {
        List<VisitHistory.Held> held = history.visitsOf(claim.person().psnNo(), claim.mdtrtId());
        if (held.isEmpty()) {
            return List.of();
        }
        List<VisitView> out = new ArrayList<>(held.size());
        for (VisitHistory.Held h : held) {
            VisitView v = h.view;
            if (v == null) {
                v = view(h.claim);
                h.view = v;
            }
            out.add(v);
        }
        return out;
    }

    private VisitView view(VisitClaim claim) {
        return new VisitView(claim, settingByMedType.computeIfAbsent(claim.medType(), settings::settingOf), kb);
    }

    /** The batch wrapper in Java: the rule's dates and scope, the approval flag, the order, the assembly. */
    private List<Finding> assemble(Bound b, List<InstantRow> rows) {
        Rule rule = b.rule();
        Map<String, Set<String>> scope = rule.scope().restrictions();
        List<RawRow> kept = new ArrayList<>(rows.size());
        for (InstantRow ir : rows) {
            RawRow r = ir.build();
            LocalDate day = LocalDate.parse(r.text("occur_time").substring(0, 10));
            if (!rule.effectiveOn(day) || !inScope(r, scope)) {
                continue;
            }
            kept.add(r);
        }
        kept.sort(b.order());
        FindingAssembler assembler = new FindingAssembler(rule, b.template());
        for (RawRow r : kept) {
            LocalDate day = LocalDate.parse(r.text("occur_time").substring(0, 10));
            assembler.accept(r, kb.approved(r.text("psn_no"), r.get("hilist_code").orElse(null), rule.type().name(), day));
        }
        return assembler.findings();
    }

    private static boolean inScope(RawRow r, Map<String, Set<String>> scope) {
        for (Map.Entry<String, Set<String>> e : scope.entrySet()) {
            if (!r.get(e.getKey()).map(e.getValue()::contains).orElse(false)) {
                return false;
            }
        }
        return true;
    }
}
