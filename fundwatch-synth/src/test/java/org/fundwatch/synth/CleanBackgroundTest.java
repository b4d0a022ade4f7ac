package org.fundwatch.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * An independent checker: plain re-implementations of some DOMAIN.md §3 rules over the generated CSV, sharing no
 * code with the generator. For each type it proves that every hit is labeled (the background is clean) and that
 * every label of the type is hit (the labels are true).
 */
class CleanBackgroundTest {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Visits whose settlements net to zero (cancelled), which raise nothing. */
    static Set<String> cancelledVisits() {
        TestingCsv setl = TestingExtract.table("setl");
        int mdtrt = setl.col("mdtrt_id");
        int amt = setl.col("medfee_sumamt");
        Map<String, BigDecimal> net = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (String[] r : setl.rows) {
            net.merge(r[mdtrt], new BigDecimal(r[amt]), BigDecimal::add);
            count.merge(r[mdtrt], 1, Integer::sum);
        }
        Set<String> out = new HashSet<>();
        net.forEach((k, v) -> {
            if (v.signum() == 0 && count.get(k) > 1) {
                out.add(k);
            }
        });
        return out;
    }

    /** Settlements that count: not a reversal and not reversed later. */
    static List<String[]> effectiveSettlements() {
        TestingCsv setl = TestingExtract.table("setl");
        int flag = setl.col("refd_setl_flag");
        int init = setl.col("init_setl_id");
        int id = setl.col("setl_id");
        Set<String> reversed = new HashSet<>();
        for (String[] r : setl.rows) {
            if (!r[init].isEmpty()) {
                reversed.add(r[init]);
            }
        }
        List<String[]> out = new ArrayList<>();
        for (String[] r : setl.rows) {
            if (!"1".equals(r[flag]) && !reversed.contains(r[id])) {
                out.add(r);
            }
        }
        return out;
    }

    static boolean inpatient(String medType) {
        return medType.startsWith("2") || medType.startsWith("52");
    }

    private static List<String[]> labels(String type) {
        TestingCsv labels = TestingExtract.table("labels");
        List<String[]> out = new ArrayList<>();
        for (String[] r : labels.rows) {
            if (r[0].equals(type)) {
                out.add(r);
            }
        }
        return out;
    }

    private static Set<String> split(String joined) {
        return joined.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(joined.split("\\|")));
    }

    /** Every hit shares a key with a label of the type, and every label shares a key with a hit. */
    static void assertMatches(String type, int keyColumn, Set<String> hits) {
        List<String[]> labels = labels(type);
        Set<String> labeled = new HashSet<>();
        for (String[] l : labels) {
            labeled.addAll(split(l[keyColumn]));
        }
        assertThat(hits).as(type + ": hits outside the labels (background not clean)").isSubsetOf(labeled);
        for (String[] l : labels) {
            assertThat(split(l[keyColumn])).as(type + ": label not found " + String.join(",", l))
                    .containsAnyElementsOf(hits);
        }
        assertThat(labels).as(type + " labels").isNotEmpty();
    }

    static final int SN = 1;
    static final int MDTRT = 2;
    static final int PSN = 3;

    @Test
    void overPriceCapHitsOnlyLabeledLines() {
        TestingCsv list = TestingExtract.table("med_list");
        int code = list.col("hilist_code");
        int cap = list.col("hilist_pric_uplmt_amt");
        int begin = list.col("begndate");
        int end = list.col("enddate");
        TestingCsv fee = TestingExtract.table("feedetail");
        int item = fee.col("med_list_codg");
        int price = fee.col("pric");
        int time = fee.col("fee_ocur_time");
        int sn = fee.col("feedetl_sn");
        Set<String> hits = new HashSet<>();
        for (String[] f : fee.rows) {
            String date = f[time].substring(0, 10);
            for (String[] c : list.rows) {
                if (c[code].equals(f[item]) && c[begin].compareTo(date) <= 0
                        && (c[end].isEmpty() || c[end].compareTo(date) >= 0) && !c[cap].isEmpty()
                        && new BigDecimal(f[price]).compareTo(new BigDecimal(c[cap])) > 0) {
                    hits.add(f[sn]);
                }
            }
        }
        assertMatches("OVER_PRICE_CAP", SN, hits);
    }

    @Test
    void quantityAboveThePerVisitMaximumOnlyInLabeledVisits() {
        TestingCsv kb = TestingExtract.table("kb_item_limit");
        Map<String, BigDecimal> max = new HashMap<>();
        for (String[] r : kb.rows) {
            if (r[kb.col("lmt_type")].equals("MAX_CNT_PER_VISIT")) {
                max.put(r[kb.col("hilist_code")], new BigDecimal(r[kb.col("lmt_value")]));
            }
        }
        TestingCsv fee = TestingExtract.table("feedetail");
        Map<String, BigDecimal> running = new HashMap<>();
        Set<String> hits = new HashSet<>();
        for (String[] f : fee.rows) {
            String item = f[fee.col("med_list_codg")];
            if (max.containsKey(item)) {
                BigDecimal sum = running.merge(f[fee.col("mdtrt_id")] + "/" + item, new BigDecimal(f[fee.col("cnt")]),
                        BigDecimal::add);
                if (sum.compareTo(max.get(item)) > 0) {
                    hits.add(f[fee.col("feedetl_sn")]);
                }
            }
        }
        assertMatches("QUANTITY_LIMIT", SN, hits);
    }

    @Test
    void duplicateChargesOnlyInLabeledVisits() {
        TestingCsv fee = TestingExtract.table("feedetail");
        int sn = fee.col("feedetl_sn");
        int mdtrt = fee.col("mdtrt_id");
        int psn = fee.col("psn_no");
        int item = fee.col("med_list_codg");
        int time = fee.col("fee_ocur_time");
        int init = fee.col("init_feedetl_sn");
        Set<String> hits = new HashSet<>();
        Map<String, String> seen = new TreeMap<>();
        for (String[] f : fee.rows) {
            if (!f[init].isEmpty()) {
                continue;
            }
            String key = f[mdtrt] + "/" + f[item] + "/" + f[time];
            String before = seen.putIfAbsent(key, f[sn]);
            if (before != null) {
                hits.add(f[sn]);
            }
        }
        TestingCsv pairs = TestingExtract.table("kb_item_pair");
        for (String[] pr : pairs.rows) {
            if (!pr[pairs.col("relation")].equals("EXCLUSIVE")) {
                continue;
            }
            String a = pr[pairs.col("hilist_code_a")];
            String b = pr[pairs.col("hilist_code_b")];
            boolean sameDay = pr[pairs.col("scope")].equals("SAME_DAY");
            Set<String> withA = new HashSet<>();
            for (String[] f : fee.rows) {
                if (f[item].equals(a)) {
                    withA.add(sameDay ? f[psn] + "/" + f[time].substring(0, 10) : f[mdtrt]);
                }
            }
            for (String[] f : fee.rows) {
                if (f[item].equals(b) && withA.contains(sameDay ? f[psn] + "/" + f[time].substring(0, 10) : f[mdtrt])) {
                    hits.add(f[sn]);
                }
            }
        }
        assertMatches("DUPLICATE_CHARGE", SN, hits);
    }

    /** A stay: person, institution, main diagnosis, admission and discharge date. */
    record Stay(String id, String psn, String inst, String diag, LocalDate in, LocalDate out) {
    }

    static List<Stay> stays() {
        TestingCsv mdtrt = TestingExtract.table("mdtrt");
        Set<String> cancelled = cancelledVisits();
        List<Stay> out = new ArrayList<>();
        for (String[] m : mdtrt.rows) {
            if (inpatient(m[mdtrt.col("med_type")]) && !cancelled.contains(m[mdtrt.col("mdtrt_id")])) {
                out.add(new Stay(m[mdtrt.col("mdtrt_id")], m[mdtrt.col("psn_no")], m[mdtrt.col("fixmedins_code")],
                        m[mdtrt.col("dscg_maindiag_code")], LocalDate.parse(m[mdtrt.col("begntime")].substring(0, 10)),
                        LocalDate.parse(m[mdtrt.col("endtime")].substring(0, 10))));
            }
        }
        return out;
    }

    @Test
    void readmissionsWithinFifteenDaysOnlyWhereLabeled() {
        List<Stay> stays = stays();
        Map<String, List<Stay>> byPerson = new HashMap<>();
        for (Stay s : stays) {
            byPerson.computeIfAbsent(s.psn(), x -> new ArrayList<>()).add(s);
        }
        Set<String> hits = new HashSet<>();
        for (List<Stay> list : byPerson.values()) {
            for (Stay first : list) {
                for (Stay again : list) {
                    long gap = ChronoUnit.DAYS.between(first.out(), again.in());
                    if (again != first && first.inst().equals(again.inst()) && gap >= 0 && gap <= 15
                            && !again.in().isBefore(first.in()) && first.diag().length() >= 3
                            && again.diag().startsWith(first.diag().substring(0, 3))) {
                        hits.add(again.id());
                    }
                }
            }
        }
        assertMatches("SPLIT_ADMISSION", MDTRT, hits);
    }

    @Test
    void outpatientClaimsInsideStaysOnlyWhereLabeled() {
        Map<String, List<Stay>> byPerson = new HashMap<>();
        for (Stay s : stays()) {
            byPerson.computeIfAbsent(s.psn(), x -> new ArrayList<>()).add(s);
        }
        TestingCsv setl = TestingExtract.table("setl");
        Set<String> cancelled = cancelledVisits();
        Set<String> hits = new HashSet<>();
        for (String[] s : setl.rows) {
            if (inpatient(s[setl.col("med_type")]) || cancelled.contains(s[setl.col("mdtrt_id")])) {
                continue;
            }
            LocalDate d = LocalDate.parse(s[setl.col("setl_time")].substring(0, 10));
            for (Stay st : byPerson.getOrDefault(s[setl.col("psn_no")], List.of())) {
                if (d.isAfter(st.in()) && d.isBefore(st.out())) {
                    hits.add(s[setl.col("mdtrt_id")]);
                }
            }
        }
        assertMatches("CLAIM_DURING_ADMISSION", MDTRT, hits);
    }

    @Test
    void twelveOutpatientSettlementsInThirtyDaysOnlyForLabeledPeople() {
        TestingCsv setl = TestingExtract.table("setl");
        Map<String, List<LocalDate>> days = new HashMap<>();
        for (String[] s : effectiveSettlements()) {
            if (!inpatient(s[setl.col("med_type")])) {
                days.computeIfAbsent(s[setl.col("psn_no")], x -> new ArrayList<>())
                        .add(LocalDate.parse(s[setl.col("setl_time")].substring(0, 10)));
            }
        }
        Set<String> hits = new HashSet<>();
        days.forEach((psn, list) -> {
            list.sort(null);
            for (int i = 0, j = 0; i < list.size(); i++) {
                while (ChronoUnit.DAYS.between(list.get(j), list.get(i)) > 30) {
                    j++;
                }
                if (i - j + 1 >= 12) {
                    hits.add(psn);
                }
            }
        });
        assertMatches("HIGH_FREQUENCY", PSN, hits);
    }

    @Test
    void settlementsFarApartWithinTwoHoursOnlyWhereLabeled() {
        TestingCsv inst = TestingExtract.table("medins_info");
        Map<String, double[]> where = new HashMap<>();
        for (String[] r : inst.rows) {
            where.put(r[inst.col("fixmedins_code")], new double[] {Double.parseDouble(r[inst.col("lat")]),
                Double.parseDouble(r[inst.col("lon")])});
        }
        TestingCsv setl = TestingExtract.table("setl");
        Map<String, List<String[]>> byPerson = new HashMap<>();
        for (String[] s : effectiveSettlements()) {
            byPerson.computeIfAbsent(s[setl.col("psn_no")], x -> new ArrayList<>()).add(s);
        }
        int time = setl.col("setl_time");
        int fix = setl.col("fixmedins_code");
        Set<String> hits = new HashSet<>();
        for (List<String[]> list : byPerson.values()) {
            list.sort((a, b) -> a[time].compareTo(b[time]));
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    LocalDateTime a = LocalDateTime.parse(list.get(i)[time], TS);
                    LocalDateTime b = LocalDateTime.parse(list.get(j)[time], TS);
                    if (Duration.between(a, b).compareTo(Duration.ofHours(2)) > 0) {
                        break;
                    }
                    if (km(where.get(list.get(i)[fix]), where.get(list.get(j)[fix])) > 100) {
                        hits.add(list.get(j)[setl.col("mdtrt_id")]);
                    }
                }
            }
        }
        assertMatches("IMPOSSIBLE_TRAVEL", MDTRT, hits);
    }

    private static double km(double[] a, double[] b) {
        double dLat = Math.toRadians(b[0] - a[0]);
        double dLon = Math.toRadians(b[1] - a[1]);
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a[0])) * Math.cos(Math.toRadians(b[0])) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6371 * Math.asin(Math.sqrt(h));
    }

    @Test
    void groupsOfFiveCoVisitingOnThreeDaysOnlyWhereLabeled() {
        TestingCsv setl = TestingExtract.table("setl");
        int time = setl.col("setl_time");
        Map<String, List<String[]>> byInstDay = new HashMap<>();
        for (String[] s : effectiveSettlements()) {
            byInstDay.computeIfAbsent(s[setl.col("fixmedins_code")] + "/" + s[time].substring(0, 10),
                    x -> new ArrayList<>()).add(s);
        }
        Map<String, Set<String>> pairDays = new HashMap<>();
        byInstDay.forEach((key, list) -> {
            list.sort((a, b) -> a[time].compareTo(b[time]));
            for (int i = 0; i < list.size(); i++) {
                LocalDateTime a = LocalDateTime.parse(list.get(i)[time], TS);
                for (int j = i + 1; j < list.size(); j++) {
                    LocalDateTime b = LocalDateTime.parse(list.get(j)[time], TS);
                    if (Duration.between(a, b).toMinutes() > 60) {
                        break;
                    }
                    String p = list.get(i)[setl.col("psn_no")];
                    String q = list.get(j)[setl.col("psn_no")];
                    if (!p.equals(q)) {
                        String pair = p.compareTo(q) < 0 ? p + "/" + q : q + "/" + p;
                        pairDays.computeIfAbsent(pair, x -> new TreeSet<>()).add(key.substring(key.indexOf('/') + 1));
                    }
                }
            }
        });
        Map<String, String> parent = new HashMap<>();
        pairDays.forEach((pair, ds) -> {
            if (ds.size() >= 3) {
                String[] pq = pair.split("/");
                union(parent, pq[0], pq[1]);
            }
        });
        Map<String, Set<String>> groups = new HashMap<>();
        for (String p : parent.keySet()) {
            groups.computeIfAbsent(find(parent, p), x -> new HashSet<>()).add(p);
        }
        Set<String> hits = new HashSet<>();
        for (Set<String> g : groups.values()) {
            if (g.size() >= 5) {
                hits.addAll(g);
            }
        }
        assertMatches("GROUP_VISITS", PSN, hits);
    }

    private static String find(Map<String, String> parent, String x) {
        parent.putIfAbsent(x, x);
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }

    @Test
    void visitsAfterDeathOnlyWhereLabeled() {
        TestingCsv death = TestingExtract.table("ext_death");
        Map<String, String> died = new HashMap<>();
        for (String[] r : death.rows) {
            died.put(r[death.col("certno")], r[death.col("die_date")]);
        }
        TestingCsv psn = TestingExtract.table("psn_info");
        Map<String, String> certOf = new HashMap<>();
        for (String[] r : psn.rows) {
            certOf.put(r[psn.col("psn_no")], r[psn.col("certno")]);
        }
        TestingCsv mdtrt = TestingExtract.table("mdtrt");
        Set<String> hits = new HashSet<>();
        for (String[] m : mdtrt.rows) {
            String die = died.get(certOf.get(m[mdtrt.col("psn_no")]));
            if (die != null && m[mdtrt.col("begntime")].substring(0, 10).compareTo(die) > 0) {
                hits.add(m[mdtrt.col("mdtrt_id")]);
            }
        }
        assertMatches("CLAIM_AFTER_DEATH", MDTRT, hits);
    }
}
