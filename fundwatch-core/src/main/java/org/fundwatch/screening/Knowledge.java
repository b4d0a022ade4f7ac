package org.fundwatch.screening;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The knowledge base (知识库) held in memory for the in-JVM evaluator: catalog versions, item limits, item pairs
 * and approvals, indexed by item code (and approvals by person). It is the same data the batch engine reads from
 * {@code med_list}, {@code kb_item_limit}, {@code kb_item_pair} and {@code psn_approval}, with open validity dates
 * closed the same way. Immutable once built.
 */
public final class Knowledge {
    static final LocalDate FAR_PAST = LocalDate.of(1, 1, 1);
    static final LocalDate FAR_FUTURE = LocalDate.of(9999, 12, 31);

    /** A catalog version (医保目录) of an item, valid from {@code begndate} to {@code enddate} inclusive. */
    public record CatalogEntry(String hilistCode, String hilistName, String listType, Optional<String> chrgitmLv,
                               Optional<BigDecimal> cap, LocalDate begndate, Optional<LocalDate> enddate) {
        boolean validOn(LocalDate day) {
            return !day.isBefore(begndate) && !day.isAfter(enddate.orElse(FAR_FUTURE));
        }
    }

    /** A knowledge point of {@code kb_item_limit}. */
    public record LimitPoint(String kpId, String hilistCode, String lmtType, String lmtValue,
                             Optional<LocalDate> begndate, Optional<LocalDate> enddate, Optional<String> basis) {
        boolean validOn(LocalDate day) {
            return !day.isBefore(begndate.orElse(FAR_PAST)) && !day.isAfter(enddate.orElse(FAR_FUTURE));
        }
    }

    /** A knowledge point of {@code kb_item_pair}; {@code scope} SAME_VISIT when absent. */
    public record PairPoint(String kpId, String hilistCodeA, String hilistCodeB, String relation,
                            Optional<String> scope, Optional<LocalDate> begndate, Optional<LocalDate> enddate,
                            Optional<String> basis) {
        boolean validOn(LocalDate day) {
            return !day.isBefore(begndate.orElse(FAR_PAST)) && !day.isAfter(enddate.orElse(FAR_FUTURE));
        }

        String scopeOrDefault() {
            return scope.orElse("SAME_VISIT");
        }
    }

    /** An approval or exemption (备案) of {@code psn_approval}: absent item or type means "any". */
    public record Approval(String aprvNo, String psnNo, Optional<String> hilistCode, Optional<String> volaBhvrType,
                           LocalDate begndate, Optional<LocalDate> enddate) {
        boolean covers(String code, String type, LocalDate day) {
            return hilistCode.map(c -> c.equals(code)).orElse(true)
                    && volaBhvrType.map(t -> t.equals(type)).orElse(true)
                    && !day.isBefore(begndate) && !day.isAfter(enddate.orElse(FAR_FUTURE));
        }
    }

    /** A death known to police or civil affairs ({@code ext_death}). */
    public record Death(String certno, LocalDate dieDate, Optional<String> src) {
    }

    /** A custody period ({@code ext_custody}); open while {@code enddate} is absent. */
    public record Custody(String certno, LocalDate begndate, Optional<LocalDate> enddate, Optional<String> src) {
    }

    /** An enrolment of {@code psn_info}; open while {@code enddate} is absent. */
    public record Enrolment(String psnNo, String certno, String insutype, LocalDate begndate,
                            Optional<LocalDate> enddate) {
        LocalDate end() {
            return enddate.orElse(FAR_FUTURE);
        }
    }

    /** Where an institution is ({@code medins_info.lat/lon}), for the travel-speed rule. */
    public record Site(String fixmedinsCode, double lat, double lon) {
    }

    /** An item's catalog versions, limit points and the pairs naming it as b. */
    record Item(List<CatalogEntry> versions, List<LimitPoint> limits, List<PairPoint> asB) {
        static final Item UNKNOWN = new Item(List.of(), List.of(), List.of());
    }

    /** The external registries and the institutions' sites; empty unless given. */
    private record Registries(Map<String, List<Death>> deaths, Map<String, List<Custody>> custody,
                              Map<String, Site> sites, Map<String, List<Enrolment>> enrolments) {
    }

    private final Map<String, List<CatalogEntry>> catalog;
    private final Map<String, List<LimitPoint>> limits;
    private final Map<String, List<PairPoint>> pairsByB;
    private final Map<String, List<PairPoint>> pairsByA;
    private final Map<String, List<Approval>> approvals;
    /** Everything known of an item, so that a fee line costs one lookup. */
    private final Map<String, Item> items;
    private final Registries registries;
    private final int size;

    public Knowledge(List<CatalogEntry> catalog, List<LimitPoint> limits, List<PairPoint> pairs,
                     List<Approval> approvals) {
        this.catalog = index(catalog, CatalogEntry::hilistCode);
        this.limits = index(limits, LimitPoint::hilistCode);
        this.pairsByB = index(pairs, PairPoint::hilistCodeB);
        this.pairsByA = index(pairs, PairPoint::hilistCodeA);
        this.approvals = index(approvals, Approval::psnNo);
        Map<String, Item> it = new HashMap<>();
        for (String code : union(this.catalog.keySet(), this.limits.keySet(), this.pairsByB.keySet())) {
            it.put(code, new Item(this.catalog.getOrDefault(code, List.of()), this.limits.getOrDefault(code, List.of()),
                    this.pairsByB.getOrDefault(code, List.of())));
        }
        this.items = it;
        this.registries = new Registries(Map.of(), Map.of(), Map.of(), Map.of());
        this.size = catalog.size() + limits.size() + pairs.size() + approvals.size();
    }

    private Knowledge(Knowledge base, Registries registries, int added) {
        this.catalog = base.catalog;
        this.limits = base.limits;
        this.pairsByB = base.pairsByB;
        this.pairsByA = base.pairsByA;
        this.approvals = base.approvals;
        this.items = base.items;
        this.registries = registries;
        this.size = base.size + added;
    }

    /** This knowledge with the death and custody registries and the institutions' sites. */
    public Knowledge withRegistries(List<Death> deaths, List<Custody> custody, List<Site> sites) {
        Map<String, Site> bySite = new HashMap<>();
        sites.forEach(s -> bySite.put(s.fixmedinsCode(), s));
        return new Knowledge(this, new Registries(index(deaths, Death::certno), index(custody, Custody::certno),
                Map.copyOf(bySite), registries.enrolments()), deaths.size() + custody.size() + sites.size());
    }

    /**
     * This knowledge with the enrolments of ID numbers enrolled more than once (the only ones a duplicate-enrolment
     * check can find anything in; the register of everyone else need not be held).
     */
    public Knowledge withEnrolments(List<Enrolment> enrolments) {
        Map<String, List<Enrolment>> byCertno = index(enrolments, Enrolment::certno);
        Map<String, List<Enrolment>> multiple = new HashMap<>();
        byCertno.forEach((certno, list) -> {
            if (list.size() > 1) {
                multiple.put(certno, list);
            }
        });
        return new Knowledge(this, new Registries(registries.deaths(), registries.custody(), registries.sites(),
                Map.copyOf(multiple)), multiple.values().stream().mapToInt(List::size).sum());
    }

    List<Enrolment> enrolments(String certno) {
        return registries.enrolments().getOrDefault(certno, List.of());
    }

    boolean hasCatalog() {
        return !catalog.isEmpty();
    }

    boolean hasPriceCaps() {
        return catalog.values().stream().flatMap(List::stream).anyMatch(e -> e.cap().isPresent());
    }

    boolean hasLimitType(String lmtType) {
        return limits.values().stream().flatMap(List::stream).anyMatch(k -> k.lmtType().equals(lmtType));
    }

    boolean hasPairRelation(String relation) {
        return pairsByB.values().stream().flatMap(List::stream).anyMatch(p -> p.relation().equals(relation));
    }

    boolean hasDeaths() {
        return !registries.deaths().isEmpty();
    }

    boolean hasCustody() {
        return !registries.custody().isEmpty();
    }

    boolean hasSites() {
        return !registries.sites().isEmpty();
    }

    List<Death> deaths(String certno) {
        return registries.deaths().getOrDefault(certno, List.of());
    }

    List<Custody> custody(String certno) {
        return registries.custody().getOrDefault(certno, List.of());
    }

    Optional<Site> site(String fixmedinsCode) {
        return Optional.ofNullable(registries.sites().get(fixmedinsCode));
    }

    public static Knowledge empty() {
        return new Knowledge(List.of(), List.of(), List.of(), List.of());
    }

    /** Catalog versions, knowledge points and approvals held. */
    public int size() {
        return size;
    }

    /** Everything known of an item (nothing, for a code no table names). */
    Item item(String code) {
        return items.getOrDefault(code, Item.UNKNOWN);
    }

    private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    /** The catalog versions of an item valid on {@code day} (normally one). */
    List<CatalogEntry> catalogOn(String code, LocalDate day) {
        return validVersions(catalog.getOrDefault(code, List.of()), day);
    }

    static List<CatalogEntry> validVersions(List<CatalogEntry> all, LocalDate day) {
        if (all.isEmpty()) {
            return List.of();
        }
        if (all.size() == 1) {
            return all.get(0).validOn(day) ? all : List.of();
        }
        List<CatalogEntry> out = new ArrayList<>(1);
        for (CatalogEntry e : all) {
            if (e.validOn(day)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Any catalog name of the item (the batch engine's {@code min(hilist_name)} over its versions). */
    Optional<String> anyName(String code) {
        return catalog.getOrDefault(code, List.of()).stream().map(CatalogEntry::hilistName).min(String::compareTo);
    }

    /**
     * The items whose lines a look-back beyond the same day reads: course limits, daily doses (supply windows), the
     * first-line items of prior-use pairs, the including items of same-day pairs. The history keeps these lines of older visits.
     */
    Set<String> longLookBackCodes() {
        Set<String> codes = new HashSet<>();
        limits.forEach((code, points) -> {
            if (points.stream().anyMatch(k -> k.lmtType().equals("MAX_COURSE_DAYS") || k.lmtType().equals("DAILY_DOSE"))) {
                codes.add(code);
            }
        });
        pairsByA.forEach((code, pairs) -> {
            if (pairs.stream().anyMatch(p -> p.relation().equals("PRIOR_REQUIRED")
                    || (p.relation().equals("EXCLUSIVE") && p.scopeOrDefault().equals("SAME_DAY")))) {
                codes.add(code);
            }
        });
        return Set.copyOf(codes);
    }

    /** The item's limit points of every type valid on {@code day}. */
    List<LimitPoint> limitsOn(String code, LocalDate day) {
        return validLimits(limits.getOrDefault(code, List.of()), day);
    }

    static List<LimitPoint> validLimits(List<LimitPoint> all, LocalDate day) {
        boolean allValid = true;
        for (LimitPoint k : all) {
            allValid &= k.validOn(day);
        }
        if (allValid) {
            return all; // the usual case: no copy
        }
        List<LimitPoint> out = new ArrayList<>(all.size());
        for (LimitPoint k : all) {
            if (k.validOn(day)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Every pair in which the item is b. */
    List<PairPoint> pairsWithB(String code) {
        return pairsByB.getOrDefault(code, List.of());
    }

    /** The item's limit points of one type valid on {@code day}. */
    List<LimitPoint> limits(String code, String lmtType, LocalDate day) {
        List<LimitPoint> all = limits.get(code);
        if (all == null) {
            return List.of();
        }
        List<LimitPoint> out = new ArrayList<>(1);
        for (LimitPoint k : all) {
            if (k.lmtType().equals(lmtType) && k.validOn(day)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Pairs of one relation in which the item is b. */
    List<PairPoint> pairsWithB(String code, String relation) {
        return select(pairsByB.get(code), relation);
    }

    /** Pairs of one relation in which the item is a. */
    List<PairPoint> pairsWithA(String code, String relation) {
        return select(pairsByA.get(code), relation);
    }

    /** Whether an approval of the person covers a finding of {@code type} about {@code code} on {@code day}. */
    boolean approved(String psnNo, String code, String type, LocalDate day) {
        for (Approval a : approvals.getOrDefault(psnNo, List.of())) {
            if (a.covers(code, type, day)) {
                return true;
            }
        }
        return false;
    }

    private static List<PairPoint> select(List<PairPoint> all, String relation) {
        if (all == null) {
            return List.of();
        }
        List<PairPoint> out = new ArrayList<>(1);
        for (PairPoint p : all) {
            if (p.relation().equals(relation)) {
                out.add(p);
            }
        }
        return out;
    }

    private static <T> Map<String, List<T>> index(List<T> rows, java.util.function.Function<T, String> key) {
        Map<String, List<T>> m = new HashMap<>();
        for (T row : rows) {
            m.computeIfAbsent(key.apply(row), k -> new ArrayList<>(1)).add(row);
        }
        m.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(m);
    }
}
