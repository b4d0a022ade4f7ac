package org.fundwatch.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundwatch.synth.CleanBackgroundTest.MDTRT;
import static org.fundwatch.synth.CleanBackgroundTest.PSN;
import static org.fundwatch.synth.CleanBackgroundTest.SN;
import static org.fundwatch.synth.CleanBackgroundTest.assertMatches;
import static org.fundwatch.synth.CleanBackgroundTest.inpatient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * More of the independent checker: the remaining rules of DOMAIN.md §3 that do not need statistics (all but
 * PEER_OUTLIER and the opening-hour-share half of OFF_HOURS_SETTLEMENT), re-implemented over the CSV.
 */
class CleanBackgroundOtherTypesTest {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    record VisitRow(String id, String psn, String inst, String medType, String insutype, String begin, String end) {
    }

    record Line(String sn, String visit, String psn, String setl, String time, String item, BigDecimal cnt,
                BigDecimal amount, BigDecimal own, String rx, boolean refund, String trace) {
        String date() {
            return time.substring(0, 10);
        }
    }

    private static final Map<String, VisitRow> VISITS = new HashMap<>();
    private static final List<Line> LINES = new ArrayList<>();
    private static final Map<String, Set<String>> DIAGS = new HashMap<>();
    private static final Map<String, String[]> PERSONS = new HashMap<>();
    private static final Map<String, String[]> INSTITUTIONS = new HashMap<>();
    private static final Map<String, List<String[]>> LIMITS = new HashMap<>();
    private static Set<String> cancelled;

    private static synchronized void load() {
        if (!LINES.isEmpty()) {
            return;
        }
        TestingCsv m = TestingExtract.table("mdtrt");
        for (String[] r : m.rows) {
            VISITS.put(r[0], new VisitRow(r[0], r[m.col("psn_no")], r[m.col("fixmedins_code")], r[m.col("med_type")],
                    r[m.col("insutype")], r[m.col("begntime")], r[m.col("endtime")]));
        }
        TestingCsv d = TestingExtract.table("diseinfo");
        for (String[] r : d.rows) {
            DIAGS.computeIfAbsent(r[0], x -> new HashSet<>()).add(r[d.col("diag_code")].replace(".", ""));
        }
        TestingCsv f = TestingExtract.table("feedetail");
        for (String[] r : f.rows) {
            LINES.add(new Line(r[0], r[f.col("mdtrt_id")], r[f.col("psn_no")], r[f.col("setl_id")],
                    r[f.col("fee_ocur_time")], r[f.col("med_list_codg")], new BigDecimal(r[f.col("cnt")]),
                    new BigDecimal(r[f.col("det_item_fee_sumamt")]), new BigDecimal(r[f.col("fulamt_ownpay_amt")]),
                    r[f.col("rxno")], !r[f.col("init_feedetl_sn")].isEmpty(), r[f.col("drug_trac_codg")]));
        }
        TestingCsv p = TestingExtract.table("psn_info");
        for (String[] r : p.rows) {
            PERSONS.putIfAbsent(r[0], r);
        }
        TestingCsv i = TestingExtract.table("medins_info");
        for (String[] r : i.rows) {
            INSTITUTIONS.put(r[0], r);
        }
        TestingCsv kb = TestingExtract.table("kb_item_limit");
        for (String[] r : kb.rows) {
            LIMITS.computeIfAbsent(r[kb.col("hilist_code")], x -> new ArrayList<>())
                    .add(new String[] {r[kb.col("lmt_type")], r[kb.col("lmt_value")]});
        }
        cancelled = CleanBackgroundTest.cancelledVisits();
    }

    private static String limit(String item, String type) {
        for (String[] l : LIMITS.getOrDefault(item, List.of())) {
            if (l[0].equals(type)) {
                return l[1];
            }
        }
        return null;
    }

    private static boolean approved(String psn, String item, String type, String date) {
        TestingCsv a = TestingExtract.table("psn_approval");
        for (String[] r : a.rows) {
            if (r[a.col("psn_no")].equals(psn)
                    && (r[a.col("hilist_code")].isEmpty() || r[a.col("hilist_code")].equals(item))
                    && (r[a.col("vola_bhvr_type")].isEmpty() || r[a.col("vola_bhvr_type")].equals(type))
                    && r[a.col("begndate")].compareTo(date) <= 0
                    && (r[a.col("enddate")].isEmpty() || r[a.col("enddate")].compareTo(date) >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** Positive lines of visits that were not cancelled. */
    private static List<Line> live() {
        load();
        List<Line> out = new ArrayList<>();
        for (Line l : LINES) {
            if (!l.refund() && !cancelled.contains(l.visit())) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void itemRestrictionsAreBrokenOnlyByLabeledLines() {
        Map<String, Set<String>> hits = new TreeMap<>();
        for (String t : List.of("GENDER_LIMIT", "AGE_LIMIT", "SETTING_LIMIT", "MEDINS_LEVEL_LIMIT", "INDICATION_LIMIT",
                "INSUTYPE_LIMIT")) {
            hits.put(t, new HashSet<>());
        }
        for (Line l : live()) {
            VisitRow v = VISITS.get(l.visit());
            String[] person = PERSONS.get(l.psn());
            for (String[] lim : LIMITS.getOrDefault(l.item(), List.of())) {
                String type = null;
                switch (lim[0]) {
                    case "GENDER" -> type = person[3].equals(lim[1]) ? null : "GENDER_LIMIT";
                    case "AGE_MIN", "AGE_MAX" -> {
                        int age = Period.between(LocalDate.parse(person[4]), LocalDate.parse(l.date())).getYears();
                        int bound = Integer.parseInt(lim[1]);
                        boolean out = lim[0].equals("AGE_MIN") ? age < bound : age > bound;
                        type = out ? "AGE_LIMIT" : null;
                    }
                    case "SETTING" -> type = lim[1].equals("INPATIENT") == inpatient(v.medType()) ? null : "SETTING_LIMIT";
                    case "MEDINS_LV_MIN" -> type = Integer.parseInt(INSTITUTIONS.get(v.inst())[3])
                            < Integer.parseInt(lim[1]) ? "MEDINS_LEVEL_LIMIT" : null;
                    case "INDICATION" -> {
                        boolean match = false;
                        for (String d : DIAGS.getOrDefault(l.visit(), Set.of())) {
                            for (String prefix : lim[1].split("\\|")) {
                                match |= d.startsWith(prefix.replace(".", ""));
                            }
                        }
                        type = match ? null : "INDICATION_LIMIT";
                    }
                    case "INSUTYPE_ONLY" -> type = v.insutype().equals("310") || v.insutype().equals("390")
                            ? "INSUTYPE_LIMIT" : null;
                    default -> type = null;
                }
                if (type != null && !approved(l.psn(), l.item(), type, l.date())) {
                    hits.get(type).add(l.sn());
                }
            }
        }
        hits.forEach((type, set) -> assertMatches(type, SN, set));
    }

    @Test
    void notCoveredItemsAndHerbalSingletonsOnlyWhereLabeled() {
        TestingCsv list = TestingExtract.table("med_list");
        Set<String> hits = new HashSet<>();
        Map<String, List<String>> herbalRx = new HashMap<>();
        for (Line l : live()) {
            boolean valid = false;
            String grade = null;
            String listType = null;
            for (String[] c : list.rows) {
                if (c[0].equals(l.item()) && c[list.col("begndate")].compareTo(l.date()) <= 0
                        && (c[list.col("enddate")].isEmpty() || c[list.col("enddate")].compareTo(l.date()) >= 0)) {
                    valid = true;
                    grade = c[list.col("chrgitm_lv")];
                    listType = c[list.col("list_type")];
                }
            }
            if (!valid || ("03".equals(grade) && l.own().compareTo(l.amount()) < 0)) {
                hits.add(l.sn());
            }
            if ("102".equals(listType)) {
                herbalRx.computeIfAbsent(l.visit() + "/" + l.rx(), x -> new ArrayList<>()).add(l.item() + "/" + l.sn());
            }
        }
        assertMatches("NOT_COVERED", SN, hits);
        Set<String> single = new HashSet<>();
        herbalRx.forEach((rx, items) -> {
            Set<String> distinct = new HashSet<>();
            for (String s : items) {
                distinct.add(s.substring(0, s.indexOf('/')));
            }
            String only = distinct.iterator().next();
            if (distinct.size() == 1 && "1".equals(limit(only, "HERBAL_SINGLE_NOT_PAYABLE"))) {
                items.forEach(s -> single.add(s.substring(s.indexOf('/') + 1)));
            }
        });
        assertMatches("HERBAL_SINGLE", SN, single);
    }

    @Test
    void courseLimitsAreExceededOnlyByLabeledLines() {
        Map<String, TreeMap<String, List<String>>> days = new HashMap<>();
        for (Line l : live()) {
            if (limit(l.item(), "MAX_COURSE_DAYS") != null) {
                days.computeIfAbsent(l.psn() + "/" + l.item() + "/" + l.date().substring(0, 4), x -> new TreeMap<>())
                        .computeIfAbsent(l.date(), x -> new ArrayList<>()).add(l.sn());
            }
        }
        Set<String> hits = new HashSet<>();
        days.forEach((key, byDay) -> {
            int max = Integer.parseInt(limit(key.split("/")[1], "MAX_COURSE_DAYS"));
            int n = 0;
            for (List<String> sns : byDay.values()) {
                if (++n > max) {
                    hits.addAll(sns);
                }
            }
        });
        assertMatches("COURSE_LIMIT", SN, hits);
    }

    private static Map<String, List<String[]>> pairs(String relation) {
        TestingCsv p = TestingExtract.table("kb_item_pair");
        Map<String, List<String[]>> out = new HashMap<>();
        for (String[] r : p.rows) {
            if (r[p.col("relation")].equals(relation)) {
                out.computeIfAbsent(r[p.col("hilist_code_a")], x -> new ArrayList<>())
                        .add(new String[] {r[p.col("hilist_code_a")], r[p.col("hilist_code_b")]});
            }
        }
        return out;
    }

    @Test
    void visitLevelChargingRulesFireOnlyOnLabeledVisits() {
        Map<String, Set<String>> itemsOfVisit = new HashMap<>();
        Map<String, BigDecimal> perDay = new HashMap<>();
        Map<String, BigDecimal> bedDays = new HashMap<>();
        for (Line l : live()) {
            itemsOfVisit.computeIfAbsent(l.visit(), x -> new HashSet<>()).add(l.item());
        }
        for (Line l : LINES) {
            if (cancelled.contains(l.visit())) {
                continue;
            }
            if (limit(l.item(), "MAX_CNT_PER_DAY") != null) {
                perDay.merge(l.visit() + "/" + l.item() + "/" + l.date(), l.cnt(), BigDecimal::add);
            }
            if ("1".equals(limit(l.item(), "BED_DAY"))) {
                bedDays.merge(l.visit(), l.cnt(), BigDecimal::add);
            }
        }
        Set<String> unbundling = new HashSet<>();
        Set<String> missing = new HashSet<>();
        Set<String> interaction = new HashSet<>();
        Map<String, List<String[]>> bundles = pairs("BUNDLE");
        itemsOfVisit.forEach((visit, items) -> {
            bundles.forEach((bundle, components) -> {
                long n = components.stream().filter(c -> items.contains(c[1])).count();
                if (n >= 2) {
                    unbundling.add(visit);
                }
            });
            pairs("REQUIRES").values().forEach(list -> list.forEach(p -> {
                if (items.contains(p[1]) && !items.contains(p[0])) {
                    missing.add(visit);
                }
            }));
            pairs("CONTRAINDICATED").values().forEach(list -> list.forEach(p -> {
                if (items.contains(p[0]) && items.contains(p[1])) {
                    interaction.add(visit);
                }
            }));
        });
        Set<String> frequency = new HashSet<>();
        perDay.forEach((key, sum) -> {
            String[] k = key.split("/");
            if (sum.compareTo(new BigDecimal(limit(k[1], "MAX_CNT_PER_DAY"))) > 0) {
                frequency.add(k[0]);
            }
        });
        bedDays.forEach((visit, units) -> {
            VisitRow v = VISITS.get(visit);
            long los = Math.max(1, ChronoUnit.DAYS.between(LocalDate.parse(v.begin().substring(0, 10)),
                    LocalDate.parse(v.end().substring(0, 10))));
            if (units.compareTo(BigDecimal.valueOf(los)) > 0) {
                frequency.add(visit);
            }
        });
        assertMatches("UNBUNDLING", MDTRT, unbundling);
        assertMatches("MISSING_ASSOCIATION", MDTRT, missing);
        assertMatches("DRUG_INTERACTION", MDTRT, interaction);
        assertMatches("FREQUENCY_LIMIT", MDTRT, frequency);
    }

    @Test
    void secondLineDrugsAndSplitPrescriptionsOnlyWhereLabeled() {
        Map<String, List<String[]>> prior = pairs("PRIOR_REQUIRED");
        Map<String, List<String>> firstLineDates = new HashMap<>();
        for (Line l : live()) {
            if (prior.containsKey(l.item())) {
                firstLineDates.computeIfAbsent(l.psn() + "/" + l.item(), x -> new ArrayList<>()).add(l.date());
            }
        }
        Set<String> second = new HashSet<>();
        Map<String, Set<String>> sameDay = new HashMap<>();
        for (Line l : live()) {
            prior.values().forEach(list -> list.forEach(p -> {
                if (p[1].equals(l.item())) {
                    LocalDate d = LocalDate.parse(l.date());
                    boolean ok = firstLineDates.getOrDefault(l.psn() + "/" + p[0], List.of()).stream()
                            .map(LocalDate::parse).anyMatch(a -> !a.isAfter(d) && !a.isBefore(d.minusDays(90)));
                    if (!ok) {
                        second.add(l.visit());
                    }
                }
            }));
            VisitRow v = VISITS.get(l.visit());
            if (!inpatient(v.medType()) && l.rx() != null && !l.rx().isEmpty()) {
                sameDay.computeIfAbsent(l.psn() + "/" + v.inst() + "/" + l.date() + "/" + l.item(),
                        x -> new HashSet<>()).add(l.visit());
            }
        }
        assertMatches("SECOND_LINE", MDTRT, second);
        Set<String> split = new HashSet<>();
        sameDay.values().forEach(vs -> {
            if (vs.size() >= 2) {
                split.addAll(vs);
            }
        });
        assertMatches("SPLIT_PRESCRIPTION", MDTRT, split);
    }

    @Test
    void staysOverlapOrSitIdleOnlyWhereLabeled() {
        load();
        List<CleanBackgroundTest.Stay> stays = CleanBackgroundTest.stays();
        Set<String> overlapping = new HashSet<>();
        for (CleanBackgroundTest.Stay a : stays) {
            for (CleanBackgroundTest.Stay b : stays) {
                if (a != b && a.psn().equals(b.psn()) && !a.inst().equals(b.inst()) && a.in().isBefore(b.out())
                        && b.in().isBefore(a.out())) {
                    overlapping.add(a.id());
                }
            }
        }
        assertMatches("OVERLAPPING_ADMISSION", MDTRT, overlapping);

        Map<String, Map<String, Boolean>> routineOnlyDays = new HashMap<>();
        for (Line l : LINES) {
            VisitRow v = VISITS.get(l.visit());
            if (inpatient(v.medType())) {
                boolean routine = "1".equals(limit(l.item(), "ROUTINE"));
                routineOnlyDays.computeIfAbsent(l.visit(), x -> new HashMap<>()).merge(l.date(), routine,
                        Boolean::logicalAnd);
            }
        }
        Set<String> ghost = new HashSet<>();
        for (CleanBackgroundTest.Stay s : stays) {
            Map<String, Boolean> days = routineOnlyDays.getOrDefault(s.id(), Map.of());
            int run = 0;
            for (LocalDate d = s.in(); !d.isAfter(s.out()); d = d.plusDays(1)) {
                run = days.getOrDefault(d.toString(), true) ? run + 1 : 0;
                if (run >= 3) {
                    ghost.add(s.id());
                }
            }
        }
        assertMatches("GHOST_BED", MDTRT, ghost);

        Map<String, Integer> atMidnight = new HashMap<>();
        for (CleanBackgroundTest.Stay st : stays) {
            for (LocalDate d = st.in(); d.isBefore(st.out()); d = d.plusDays(1)) {
                atMidnight.merge(st.inst() + "/" + d, 1, Integer::sum);
            }
        }
        atMidnight.forEach((key, patients) -> {
            int beds = Integer.parseInt(INSTITUTIONS.get(key.substring(0, key.indexOf('/')))[9]);
            assertThat(patients).as("patients in bed at midnight " + key).isLessThanOrEqualTo((int) (1.2 * beds));
        });
    }

    /** The opening-hour-share half of OFF_HOURS_SETTLEMENT (晨查夜查) on the background: no pharmacy-month stands out. */
    @Test
    void noPharmacyConcentratesSettlementsInItsFirstAndLastOpeningHour() {
        load();
        TestingCsv setl = TestingExtract.table("setl");
        Map<String, int[]> share = new HashMap<>();
        for (String[] s : CleanBackgroundTest.effectiveSettlements()) {
            String[] inst = INSTITUTIONS.get(s[setl.col("fixmedins_code")]);
            if (!inst[2].equals("2")) {
                continue;
            }
            String time = s[setl.col("setl_time")];
            int minute = Integer.parseInt(time.substring(11, 13)) * 60 + Integer.parseInt(time.substring(14, 16));
            int open = Integer.parseInt(inst[10].substring(0, 2)) * 60 + Integer.parseInt(inst[10].substring(3));
            int close = Integer.parseInt(inst[11].substring(0, 2)) * 60 + Integer.parseInt(inst[11].substring(3));
            int[] c = share.computeIfAbsent(inst[0] + "/" + time.substring(0, 7), x -> new int[2]);
            c[0]++;
            if (minute >= open && minute <= close && (minute < open + 60 || minute > close - 60)) {
                c[1]++;
            }
        }
        Map<String, List<String>> byMonth = new HashMap<>();
        share.forEach((key, c) -> {
            if (c[0] >= 20) {
                byMonth.computeIfAbsent(key.substring(key.indexOf('/') + 1), x -> new ArrayList<>()).add(key);
            }
        });
        Set<String> hits = new HashSet<>();
        byMonth.values().forEach(keys -> {
            Map<String, Double> x = new HashMap<>();
            keys.forEach(k -> x.put(k, share.get(k)[1] / (double) share.get(k)[0]));
            double median = median(new ArrayList<>(x.values()));
            List<Double> deviations = new ArrayList<>();
            x.values().forEach(v -> deviations.add(Math.abs(v - median)));
            double mad = Math.max(median(deviations), 0.05 * median);
            x.forEach((k, v) -> {
                if ((v - median) / (1.4826 * mad) >= 3 && v >= 2 * median) {
                    hits.add(k);
                }
            });
        });
        assertThat(hits).isEmpty();
    }

    @Test
    void custodyClaimsAndHoardingOnlyWhereLabeled() {
        load();
        TestingCsv custody = TestingExtract.table("ext_custody");
        Set<String> inCustody = new HashSet<>();
        for (VisitRow v : VISITS.values()) {
            String cert = PERSONS.get(v.psn())[1];
            String day = v.begin().substring(0, 10);
            for (String[] c : custody.rows) {
                if (c[0].equals(cert) && c[1].compareTo(day) <= 0 && (c[2].isEmpty() || c[2].compareTo(day) >= 0)) {
                    inCustody.add(v.id());
                }
            }
        }
        assertMatches("CLAIM_IN_CUSTODY", MDTRT, inCustody);

        Map<String, List<Line>> supply = new HashMap<>();
        for (Line l : LINES) {
            if (limit(l.item(), "DAILY_DOSE") != null && !inpatient(VISITS.get(l.visit()).medType())) {
                supply.computeIfAbsent(l.psn() + "/" + l.item(), x -> new ArrayList<>()).add(l);
            }
        }
        Set<String> hoarding = new HashSet<>();
        supply.forEach((key, lines) -> {
            BigDecimal dose = new BigDecimal(limit(lines.get(0).item(), "DAILY_DOSE"));
            lines.sort((a, b) -> a.time().compareTo(b.time()));
            for (int i = 0; i < lines.size(); i++) {
                LocalDate end = LocalDate.parse(lines.get(i).date());
                BigDecimal days = BigDecimal.ZERO;
                for (int j = 0; j <= i; j++) {
                    if (!LocalDate.parse(lines.get(j).date()).isBefore(end.minusDays(90))) {
                        days = days.add(lines.get(j).cnt().divide(dose, 4, RoundingMode.HALF_UP));
                    }
                }
                if (days.compareTo(BigDecimal.valueOf(135)) > 0) {
                    hoarding.add(lines.get(i).psn());
                }
            }
        });
        assertMatches("DRUG_HOARDING", PSN, hoarding);
    }

    @Test
    void pharmacyRulesFireOnlyWhereLabeled() {
        load();
        Map<String, Set<String>> settlementsOfCode = new HashMap<>();
        Map<String, List<String>> linesOfCode = new HashMap<>();
        for (Line l : LINES) {
            if (!l.trace().isEmpty()) {
                settlementsOfCode.computeIfAbsent(l.trace(), x -> new HashSet<>()).add(l.setl());
                linesOfCode.computeIfAbsent(l.trace(), x -> new ArrayList<>()).add(l.sn());
            }
        }
        Set<String> reused = new HashSet<>();
        settlementsOfCode.forEach((code, setls) -> {
            if (setls.size() > 1) {
                reused.addAll(linesOfCode.get(code));
            }
        });
        assertMatches("TRACE_CODE_REUSE", SN, reused);

        TestingCsv inv = TestingExtract.table("inv_io");
        Map<String, BigDecimal> stock = new HashMap<>();
        for (String[] r : inv.rows) {
            BigDecimal cnt = new BigDecimal(r[inv.col("cnt")]);
            String key = r[0] + "/" + r[1];
            switch (r[inv.col("inv_type")]) {
                case "3501", "3503", "3506" -> stock.merge(key, cnt, BigDecimal::add);
                case "3504" -> stock.merge(key, cnt.negate(), BigDecimal::add);
                default -> stock.merge(key, BigDecimal.ZERO, BigDecimal::add);
            }
        }
        Set<String> reporting = new HashSet<>();
        for (String[] r : inv.rows) {
            reporting.add(r[0]);
        }
        Map<String, BigDecimal> sold = new HashMap<>();
        for (Line l : LINES) {
            String inst = VISITS.get(l.visit()).inst();
            if (reporting.contains(inst)) {
                sold.merge(inst + "/" + l.item(), l.cnt(), BigDecimal::add);
            }
        }
        Set<String> mismatch = new HashSet<>();
        sold.forEach((key, units) -> {
            if (units.compareTo(stock.getOrDefault(key, BigDecimal.ZERO)) > 0) {
                mismatch.add(key);
            }
        });
        assertComposite("STOCK_MISMATCH", mismatch, l -> Set.of(l[5] + "/" + l[6]));

        TestingCsv setl = TestingExtract.table("setl");
        Set<String> offHours = new HashSet<>();
        Map<String, List<String[]>> byPharmacyDay = new HashMap<>();
        for (String[] s : CleanBackgroundTest.effectiveSettlements()) {
            String[] inst = INSTITUTIONS.get(s[setl.col("fixmedins_code")]);
            if (!inst[2].equals("2")) {
                continue;
            }
            String time = s[setl.col("setl_time")];
            String hhmm = time.substring(11, 16);
            if (hhmm.compareTo(inst[10]) < 0 || hhmm.compareTo(inst[11]) > 0) {
                offHours.add(inst[0] + "/" + time.substring(0, 7));
            }
            byPharmacyDay.computeIfAbsent(inst[0] + "/" + time.substring(0, 10), x -> new ArrayList<>()).add(s);
        }
        assertComposite("OFF_HOURS_SETTLEMENT", offHours, l -> Set.of(l[5] + "/" + l[7]));

        Set<String> collection = new HashSet<>();
        int time = setl.col("setl_time");
        int amount = setl.col("medfee_sumamt");
        byPharmacyDay.forEach((key, list) -> {
            list.sort((a, b) -> a[time].compareTo(b[time]));
            for (int i = 0; i < list.size(); i++) {
                LocalDateTime start = LocalDateTime.parse(list.get(i)[time], TS);
                List<BigDecimal> amounts = new ArrayList<>();
                List<String> cards = new ArrayList<>();
                for (int j = i; j < list.size()
                        && !LocalDateTime.parse(list.get(j)[time], TS).isAfter(start.plusMinutes(10)); j++) {
                    amounts.add(new BigDecimal(list.get(j)[amount]));
                    cards.add(list.get(j)[setl.col("psn_no")] + "@" + list.get(j)[amount]);
                }
                cards.sort((a, b) -> new BigDecimal(a.substring(a.indexOf('@') + 1))
                        .compareTo(new BigDecimal(b.substring(b.indexOf('@') + 1))));
                for (int lo = 0; lo < cards.size(); lo++) {
                    BigDecimal min = new BigDecimal(cards.get(lo).substring(cards.get(lo).indexOf('@') + 1));
                    Set<String> distinct = new HashSet<>();
                    for (int hi = lo; hi < cards.size(); hi++) {
                        BigDecimal v = new BigDecimal(cards.get(hi).substring(cards.get(hi).indexOf('@') + 1));
                        if (v.compareTo(min.multiply(new BigDecimal("1.05"))) > 0) {
                            break;
                        }
                        distinct.add(cards.get(hi).substring(0, cards.get(hi).indexOf('@')));
                    }
                    if (distinct.size() >= 10) {
                        collection.add(key);
                    }
                }
            }
        });
        assertComposite("CARD_COLLECTION", collection, l -> Set.of(l[5] + "/" + l[7]));
    }

    @Test
    void inducedAdmissionsAndDuplicateEnrolmentsOnlyWhereLabeled() {
        load();
        Map<String, List<CleanBackgroundTest.Stay>> byInstAddr = new HashMap<>();
        for (CleanBackgroundTest.Stay s : CleanBackgroundTest.stays()) {
            String[] p = PERSONS.get(s.psn());
            if (Period.between(LocalDate.parse(p[4]), s.in()).getYears() >= 60
                    && ChronoUnit.DAYS.between(s.in(), s.out()) <= 7) {
                byInstAddr.computeIfAbsent(s.inst() + "/" + p[10], x -> new ArrayList<>()).add(s);
            }
        }
        Set<String> induced = new HashSet<>();
        byInstAddr.forEach((key, list) -> {
            for (CleanBackgroundTest.Stay a : list) {
                Set<String> people = new HashSet<>();
                for (CleanBackgroundTest.Stay b : list) {
                    long d = ChronoUnit.DAYS.between(a.in(), b.in());
                    if (d >= 0 && d <= 2) {
                        people.add(b.psn());
                    }
                }
                if (people.size() >= 5) {
                    induced.add(a.inst() + "/" + a.in().toString().substring(0, 7));
                }
            }
        });
        assertComposite("INDUCED_ADMISSION", induced, l -> Set.of(l[5] + "/" + l[7]));

        TestingCsv psn = TestingExtract.table("psn_info");
        Map<String, List<String[]>> byCert = new HashMap<>();
        for (String[] r : psn.rows) {
            byCert.computeIfAbsent(r[1], x -> new ArrayList<>()).add(r);
        }
        Set<String> duplicate = new HashSet<>();
        int type = psn.col("insutype");
        int begin = psn.col("insu_begndate");
        int end = psn.col("insu_enddate");
        byCert.forEach((cert, rows) -> {
            for (String[] a : rows) {
                for (String[] b : rows) {
                    if (a == b || !Set.of("310", "390").contains(a[type]) || !Set.of("310", "390").contains(b[type])) {
                        continue;
                    }
                    boolean conflict = !a[type].equals(b[type]) || !a[0].equals(b[0]);
                    String aEnd = a[end].isEmpty() ? "9999-12-31" : a[end];
                    String bEnd = b[end].isEmpty() ? "9999-12-31" : b[end];
                    if (conflict && a[begin].compareTo(bEnd) <= 0 && b[begin].compareTo(aEnd) <= 0) {
                        duplicate.add(cert);
                    }
                }
            }
        });
        assertMatches("DUPLICATE_ENROLLMENT", 4, duplicate);
    }

    /**
     * PEER_OUTLIER is statistical; this checks four indicators the generator controls directly, outpatient visits,
     * outpatient cost per visit, stays and cost per stay, against peers of the same type, level and category in the
     * same month: only the planted institution-months stand out in the outpatient indicators, and the inpatient
     * ones show at most the chance outliers of small numbers (≤ 5% of hospital-months).
     */
    @Test
    void outpatientPeerOutliersAreTheLabeledInstitutionMonths() {
        load();
        TestingCsv setl = TestingExtract.table("setl");
        Map<String, BigDecimal> cost = new HashMap<>();
        Map<String, Integer> visits = new HashMap<>();
        for (String[] s : CleanBackgroundTest.effectiveSettlements()) {
            String key = s[setl.col("fixmedins_code")] + "/" + s[setl.col("setl_time")].substring(0, 7)
                    + (inpatient(s[setl.col("med_type")]) ? "/IP" : "/OP");
            cost.merge(key, new BigDecimal(s[setl.col("medfee_sumamt")]), BigDecimal::add);
            visits.merge(key, 1, Integer::sum);
        }
        Map<String, List<String>> peers = new HashMap<>();
        visits.keySet().forEach(key -> {
            String[] inst = INSTITUTIONS.get(key.substring(0, key.indexOf('/')));
            peers.computeIfAbsent(inst[2] + "/" + inst[3] + "/" + inst[5] + "/" + key.substring(key.indexOf('/') + 1),
                    x -> new ArrayList<>()).add(key);
        });
        Map<String, Integer> outpatientVisits = new HashMap<>();
        visits.forEach((key, n) -> {
            if (key.endsWith("/OP")) {
                outpatientVisits.put(key.substring(0, key.length() - 3), n);
            }
        });
        Set<String> hits = new HashSet<>();
        for (List<String> group : peers.values()) {
            if (group.size() < 4) {
                continue;
            }
            for (boolean perVisit : new boolean[] {true, false}) {
                Map<String, Double> x = new HashMap<>();
                for (String key : group) {
                    x.put(key, perVisit ? cost.get(key).doubleValue() / visits.get(key) : visits.get(key));
                }
                double median = median(new ArrayList<>(x.values()));
                List<Double> deviations = new ArrayList<>();
                x.values().forEach(v -> deviations.add(Math.abs(v - median)));
                double mad = Math.max(median(deviations), 0.05 * median);
                x.forEach((key, v) -> {
                    String instMonth = key.substring(0, key.length() - 3);
                    if (outpatientVisits.getOrDefault(instMonth, 0) >= 10 && (v - median) / (1.4826 * mad) >= 3
                            && v >= 1.5 * median) {
                        hits.add(instMonth + key.substring(key.length() - 3));
                    }
                });
            }
        }
        Set<String> outpatientHits = new HashSet<>();
        for (String h : hits) {
            if (h.endsWith("/OP")) {
                outpatientHits.add(h.substring(0, h.length() - 3));
            }
        }
        assertComposite("PEER_OUTLIER", outpatientHits, l -> Set.of(l[5] + "/" + l[7]));
        Set<String> inpatientHits = new HashSet<>();
        for (String h : hits) {
            if (h.endsWith("/IP")) {
                inpatientHits.add(h);
            }
        }
        // stays are few per hospital-month (about 9 at a level-1 hospital at 20,000 persons), so Poisson noise and
        // the planted stays make an occasional chance outlier: the documented statistical background
        long inpatientMonths = visits.keySet().stream().filter(k -> k.endsWith("/IP")).count();
        assertThat(inpatientHits).as("stays and cost per stay above their peers").hasSizeLessThanOrEqualTo(
                (int) Math.max(2, inpatientMonths / 20));
    }

    private static double median(List<Double> values) {
        values.sort(null);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static void assertComposite(String type, Set<String> hits, Function<String[], Set<String>> keysOfLabel) {
        Set<String> labeled = new HashSet<>();
        List<String[]> labels = new ArrayList<>();
        for (String[] l : TestingExtract.table("labels").rows) {
            if (l[0].equals(type)) {
                labels.add(l);
                labeled.addAll(keysOfLabel.apply(l));
            }
        }
        assertThat(hits).as(type + ": hits outside the labels (background not clean)").isSubsetOf(labeled);
        for (String[] l : labels) {
            assertThat(keysOfLabel.apply(l)).as(type + ": label not found " + String.join(",", l))
                    .containsAnyElementsOf(hits);
        }
        assertThat(labels).isNotEmpty();
    }
}
