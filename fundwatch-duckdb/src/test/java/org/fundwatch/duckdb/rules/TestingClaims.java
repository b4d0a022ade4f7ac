package org.fundwatch.duckdb.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fundwatch.ingest.Ingest;
import org.fundwatch.ingest.IngestOptions;
import org.fundwatch.ingest.IngestReport;
import org.fundwatch.progress.Progress;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;

/**
 * A tiny extract stated row by row, where a test writes only what its rule looks at: {@code claims().person("P1")
 * .gender("2").visit("V1", "P1", "H1").line("L1", "V1", "X1").cnt("2").pric("5.00")}. Each call adds a row of a
 * FORMAT.md table; the modifiers after it ({@code gender}, {@code cnt}, …) set columns of that row. Everything left
 * out gets a default when the extract is written:
 * <ul>
 *   <li>people and institutions a visit names but the test never declared exist with default values (a man born
 *       on 1980-01-01 enrolled in the employee scheme 310 since 2020; a level-2 public hospital);</li>
 *   <li>a fee line's item is in the catalog (a 甲类 Western drug valid since 2020, without a price cap) unless the
 *       test declared it with {@link #item} or keeps it out with {@link #notInCatalog};</li>
 *   <li>a visit is an outpatient visit (med_type 11; 41 at a pharmacy) on 2026-03-02 at 09:00 in the person's
 *       scheme, a line is billed when its visit starts, one unit at 10.00 yuan;</li>
 *   <li>every visit gets one settlement whose total is the sum of its lines (refunds included) and whose split adds
 *       up (70% fund, the rest cash), settled when the visit ends or its last line is billed, whichever is later;
 *       {@link #reversal} adds the reversing settlement that cancels the visit.</li>
 * </ul>
 * {@link #ingest} writes the CSV files and runs the real {@link Ingest}; it fails unless every row is accepted
 * without a warning, so that a rule test never silently runs on fewer rows than it states.
 */
final class TestingClaims {
    /** The day of ingestion: after every event a test states. */
    static final LocalDate TODAY = LocalDate.of(2026, 12, 31);

    private static final String ENROLLED_SINCE = "2020-01-01";
    private static final String CATALOG_SINCE = "2020-01-01";
    private static final String DEFAULT_VISIT_TIME = "2026-03-02 09:00:00";
    private static final String DEFAULT_PRICE = "10.00";
    private static final BigDecimal FUND_SHARE = new BigDecimal("0.70");

    /** A row of one table: the columns a test set, defaults filled in when written. */
    private static final class Row {
        final Table table;
        final Map<String, String> values = new LinkedHashMap<>();

        Row(Table table) {
            this.table = table;
        }

        String get(String column) {
            return values.get(column);
        }

        Row set(String column, String value) {
            table.requireColumn(column);
            if (value == null || value.isEmpty()) {
                values.remove(column);
            } else {
                values.put(column, value);
            }
            return this;
        }
    }

    private final Map<String, List<Row>> rows = new LinkedHashMap<>();
    private final Set<String> pharmacies = new HashSet<>();
    private final Set<String> notInCatalog = new HashSet<>();
    private final Set<String> reversed = new HashSet<>();
    private final Map<String, String> settledAt = new LinkedHashMap<>();
    private Row current;

    private TestingClaims() {
        ExchangeFormat.TABLES.forEach(t -> rows.put(t.name(), new ArrayList<>()));
    }

    /** An empty extract. */
    static TestingClaims claims() {
        return new TestingClaims();
    }

    // ---- people ----

    /** A person (their first enrolment); naming an already declared person makes it current again. */
    TestingClaims person(String psnNo) {
        Optional<Row> existing = rows("psn_info").filter(r -> psnNo.equals(r.get("psn_no"))).findFirst();
        current = existing.orElseGet(() -> add("psn_info").set("psn_no", psnNo));
        return this;
    }

    /** Another enrolment of a person, in {@code insutype}; certno, gender and birth day are the person's. */
    TestingClaims enrolment(String psnNo, String insutype) {
        current = add("psn_info").set("psn_no", psnNo).set("insutype", insutype);
        return this;
    }

    TestingClaims gender(String gend) {
        return set("gend", gend, "psn_info");
    }

    TestingClaims born(String date) {
        return set("brdy", date, "psn_info");
    }

    /** The current person's address ({@code addr}). */
    TestingClaims address(String addr) {
        return set("addr", addr, "psn_info");
    }

    TestingClaims certno(String certno) {
        return set("certno", certno, "psn_info");
    }

    /** The enrolment's period ({@code until} null: still enrolled). */
    TestingClaims enrolled(String from, String until) {
        set("insu_begndate", from, "psn_info");
        return set("insu_enddate", until, "psn_info");
    }

    /** The scheme of the current enrolment or visit. */
    TestingClaims insutype(String insutype) {
        return set("insutype", insutype, "psn_info", "mdtrt");
    }

    // ---- institutions ----

    /** A medical institution, level 2 unless {@link #level} says otherwise. */
    TestingClaims institution(String code) {
        current = add("medins_info").set("fixmedins_code", code);
        return this;
    }

    /** A retail pharmacy (fixmedins_type 2, unrated level 0); its visits are pharmacy purchases (med_type 41). */
    TestingClaims pharmacy(String code) {
        pharmacies.add(code);
        current = add("medins_info").set("fixmedins_code", code).set("fixmedins_type", "2").set("medins_lv", "0");
        return this;
    }

    TestingClaims level(String medinsLv) {
        return set("medins_lv", medinsLv, "medins_info");
    }

    TestingClaims beds(String bedCnt) {
        return set("bed_cnt", bedCnt, "medins_info");
    }

    /** Business hours ({@code open_time}, {@code close_time}, HH:mm) of the current institution. */
    TestingClaims hours(String open, String close) {
        set("open_time", open, "medins_info");
        return set("close_time", close, "medins_info");
    }

    /** A stock movement ({@code inv_io}) of an institution: 3501 stocktake, 3503 purchase, 3504 return, … */
    TestingClaims stock(String fixmedinsCode, String item, String invType, String cnt, String time) {
        current = add("inv_io").set("fixmedins_code", fixmedinsCode).set("med_list_codg", item)
                .set("inv_type", invType).set("cnt", cnt).set("io_time", time(time, "08:00:00"));
        return this;
    }

    TestingClaims located(String lat, String lon) {
        set("lat", lat, "medins_info");
        return set("lon", lon, "medins_info");
    }

    // ---- catalog and knowledge points ----

    /** A catalog entry (医保目录) valid from 2020 on; declaring a code again adds another validity period. */
    TestingClaims item(String code, String name) {
        current = add("med_list").set("hilist_code", code).set("hilist_name", name);
        return this;
    }

    /** Keeps an item out of the catalog: its lines are billed for something the catalog does not hold. */
    TestingClaims notInCatalog(String code) {
        notInCatalog.add(code);
        return this;
    }

    TestingClaims listType(String listType) {
        return set("list_type", listType, "med_list");
    }

    TestingClaims grade(String chrgitmLv) {
        return set("chrgitm_lv", chrgitmLv, "med_list");
    }

    TestingClaims cap(String priceCap) {
        return set("hilist_pric_uplmt_amt", priceCap, "med_list");
    }

    /** A knowledge point restricting one item ({@code kb_item_limit}). */
    TestingClaims limit(String kpId, String item, String lmtType, String lmtValue) {
        current = add("kb_item_limit").set("kp_id", kpId).set("hilist_code", item).set("lmt_type", lmtType)
                .set("lmt_value", lmtValue);
        return this;
    }

    /** A knowledge point relating two items ({@code kb_item_pair}); {@code scope} null for the default. */
    TestingClaims pair(String kpId, String a, String b, String relation, String scope) {
        current = add("kb_item_pair").set("kp_id", kpId).set("hilist_code_a", a).set("hilist_code_b", b)
                .set("relation", relation).set("scope", scope);
        return this;
    }

    TestingClaims basis(String text) {
        return set("basis", text, "kb_item_limit", "kb_item_pair");
    }

    /** First day of the current catalog entry, knowledge point, approval or custody period. */
    TestingClaims validFrom(String date) {
        return set("begndate", date, "med_list", "kb_item_limit", "kb_item_pair", "psn_approval", "ext_custody");
    }

    /** Last day (inclusive) of the current catalog entry, knowledge point, approval or custody period. */
    TestingClaims validUntil(String date) {
        return set("enddate", date, "med_list", "kb_item_limit", "kb_item_pair", "psn_approval", "ext_custody");
    }

    // ---- visits ----

    /** A visit of a person at an institution. */
    TestingClaims visit(String mdtrtId, String psnNo, String fixmedinsCode) {
        current = add("mdtrt").set("mdtrt_id", mdtrtId).set("psn_no", psnNo).set("fixmedins_code", fixmedinsCode);
        return this;
    }

    TestingClaims medType(String medType) {
        return set("med_type", medType, "mdtrt");
    }

    /** Start (admission) time; a bare date means 09:00 that day. */
    TestingClaims from(String time) {
        return set("begntime", time(time, "09:00:00"), "mdtrt");
    }

    /** End (discharge) time; a bare date means 10:00 that day. */
    TestingClaims until(String time) {
        return set("endtime", time(time, "10:00:00"), "mdtrt");
    }

    /** The visit's main diagnosis ({@code dscg_maindiag_code}). */
    TestingClaims diagnosis(String icd10) {
        return set("dscg_maindiag_code", icd10, "mdtrt");
    }

    /** A further diagnosis of the current visit ({@code diseinfo}); the visit stays current. */
    TestingClaims alsoDiagnosed(String icd10) {
        Row visit = require("mdtrt");
        add("diseinfo").set("mdtrt_id", visit.get("mdtrt_id")).set("diag_code", icd10).set("maindiag_flag", "0");
        current = visit;
        return this;
    }

    /** The visit's main diagnosis given only in {@code diseinfo} ({@code maindiag_flag} 1), not on the visit. */
    TestingClaims mainDiagnosisInDiseinfo(String icd10) {
        Row visit = require("mdtrt");
        add("diseinfo").set("mdtrt_id", visit.get("mdtrt_id")).set("diag_code", icd10).set("maindiag_flag", "1");
        current = visit;
        return this;
    }

    /** The settlement time of the current visit, instead of its end or last line. */
    TestingClaims settledAt(String time) {
        settledAt.put(require("mdtrt").get("mdtrt_id"), time(time, "10:00:00"));
        return this;
    }

    /** Cancels a visit: a reversal settlement (退费结算) nets its settlement to zero. */
    TestingClaims reversal(String mdtrtId) {
        reversed.add(mdtrtId);
        return this;
    }

    // ---- fee lines ----

    /** A fee line of a visit for an item. */
    TestingClaims line(String feedetlSn, String mdtrtId, String item) {
        current = add("feedetail").set("feedetl_sn", feedetlSn).set("mdtrt_id", mdtrtId).set("med_list_codg", item);
        return this;
    }

    /** A refund line of {@code ofLine}: by default all its units, at its price and time. */
    TestingClaims refund(String feedetlSn, String ofLine) {
        current = add("feedetail").set("feedetl_sn", feedetlSn).set("init_feedetl_sn", ofLine);
        return this;
    }

    /** When the fee occurred; a bare date means 10:00 that day. */
    TestingClaims at(String time) {
        return set("fee_ocur_time", time(time, "10:00:00"), "feedetail");
    }

    TestingClaims cnt(String cnt) {
        return set("cnt", cnt, "feedetail");
    }

    TestingClaims pric(String pric) {
        return set("pric", pric, "feedetail");
    }

    /** The fully self-paid part of the line ({@code fulamt_ownpay_amt}). */
    TestingClaims ownpay(String amount) {
        return set("fulamt_ownpay_amt", amount, "feedetail");
    }

    /** The line's drug traceability code ({@code drug_trac_codg}). */
    TestingClaims traceCode(String code) {
        return set("drug_trac_codg", code, "feedetail");
    }

    TestingClaims rxno(String rxno) {
        return set("rxno", rxno, "feedetail");
    }

    // ---- approvals and registries ----

    /** An approval (备案) of a person for any item and any type, valid from 2026-01-01 on. */
    TestingClaims approval(String aprvNo, String psnNo) {
        current = add("psn_approval").set("aprv_no", aprvNo).set("psn_no", psnNo).set("reason", "备案");
        return this;
    }

    TestingClaims forItem(String item) {
        return set("hilist_code", item, "psn_approval");
    }

    TestingClaims forType(String volaBhvrType) {
        return set("vola_bhvr_type", volaBhvrType, "psn_approval");
    }

    /** A death known to the registry ({@code ext_death}). */
    TestingClaims death(String certno, String dieDate) {
        current = add("ext_death").set("certno", certno).set("die_date", dieDate).set("src", "公安");
        return this;
    }

    /** A custody period ({@code ext_custody}); {@code until} null: still in custody. */
    TestingClaims custody(String certno, String from, String until) {
        current = add("ext_custody").set("certno", certno).set("begndate", from).set("enddate", until)
                .set("src", "公安");
        return this;
    }

    /** {@code step} applied {@code times} times with 0, 1, …: many similar rows without a loop in the test. */
    TestingClaims repeat(int times, ObjIntConsumer<TestingClaims> step) {
        for (int i = 0; i < times; i++) {
            step.accept(this, i);
        }
        return this;
    }

    // ---- writing and ingesting ----

    /**
     * Writes the extract to {@code work/extract} and ingests it into {@code work/dataset}; fails with the quarantine
     * and warning files when a row was rejected or warned about.
     */
    Path ingest(Path work) throws IOException {
        Path extract = work.resolve("extract");
        Path dataset = work.resolve("dataset");
        writeExtract(extract);
        IngestReport report = Ingest.run(IngestOptions.of(extract, dataset).withToday(TODAY), Progress.NONE);
        if (report.totalRejected() > 0 || report.totalWarned() > 0) {
            throw new AssertionError("the fixture does not ingest cleanly: " + report.totalRejected()
                    + " rows rejected, " + report.totalWarned() + " warned\n" + problems(dataset));
        }
        return dataset;
    }

    /** Writes one {@code <table>.csv} per table that has rows (always the mandatory ones). */
    void writeExtract(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<Map<String, String>>> complete = complete();
        for (Table t : ExchangeFormat.TABLES) {
            List<Map<String, String>> tableRows = complete.get(t.name());
            if (tableRows.isEmpty() && !t.required()) {
                continue;
            }
            StringBuilder csv = new StringBuilder(String.join(",", t.columnNames())).append('\n');
            for (Map<String, String> r : tableRows) {
                csv.append(t.columnNames().stream().map(c -> csvField(r.getOrDefault(c, "")))
                        .collect(Collectors.joining(","))).append('\n');
            }
            Files.writeString(dir.resolve(t.name() + ".csv"), csv, StandardCharsets.UTF_8);
        }
    }

    /** Every table's rows with the defaults filled in and the settlements derived. */
    private Map<String, List<Map<String, String>>> complete() {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        rows.keySet().forEach(t -> out.put(t, new ArrayList<>()));

        Map<String, Row> visits = new LinkedHashMap<>();
        rows("mdtrt").forEach(v -> visits.put(v.get("mdtrt_id"), v));
        Map<String, Row> lines = new LinkedHashMap<>();
        rows("feedetail").forEach(l -> lines.put(l.get("feedetl_sn"), l));

        // people: declared ones, then those only a visit or approval names
        List<Row> people = new ArrayList<>(rows.get("psn_info"));
        Map<String, Row> firstEnrolment = new LinkedHashMap<>();
        people.forEach(p -> firstEnrolment.putIfAbsent(p.get("psn_no"), p));
        Stream.concat(rows("mdtrt"), rows("psn_approval")).map(r -> r.get("psn_no")).distinct()
                .filter(p -> !firstEnrolment.containsKey(p)).forEach(p -> {
                    Row person = new Row(ExchangeFormat.PSN_INFO).set("psn_no", p);
                    people.add(person);
                    firstEnrolment.put(p, person);
                });
        for (Row p : people) {
            Row first = firstEnrolment.get(p.get("psn_no"));
            Map<String, String> r = new LinkedHashMap<>(p.values);
            String psn = p.get("psn_no");
            r.putIfAbsent("certno", or(first.get("certno"), "ID" + psn));
            r.putIfAbsent("psn_name", "参保人" + psn);
            r.putIfAbsent("gend", or(first.get("gend"), "1"));
            r.putIfAbsent("brdy", or(first.get("brdy"), "1980-01-01"));
            r.putIfAbsent("insutype", "310");
            r.putIfAbsent("psn_insu_stas", "1");
            // an enrolment cannot start before birth
            r.putIfAbsent("insu_begndate", r.get("brdy").compareTo(ENROLLED_SINCE) > 0 ? r.get("brdy") : ENROLLED_SINCE);
            out.get("psn_info").add(r);
        }

        Set<String> institutions = new HashSet<>();
        for (Row i : rows("medins_info").toList()) {
            institutions.add(i.get("fixmedins_code"));
            out.get("medins_info").add(institution(i.values));
        }
        rows("mdtrt").map(v -> v.get("fixmedins_code")).distinct().filter(c -> !institutions.contains(c))
                .forEach(c -> out.get("medins_info").add(institution(Map.of("fixmedins_code", c))));

        Set<String> catalogued = new HashSet<>();
        for (Row m : rows("med_list").toList()) {
            catalogued.add(m.get("hilist_code"));
            out.get("med_list").add(catalogEntry(m.values));
        }
        rows("feedetail").filter(l -> l.get("init_feedetl_sn") == null).map(l -> l.get("med_list_codg")).distinct()
                .filter(c -> !catalogued.contains(c) && !notInCatalog.contains(c))
                .forEach(c -> out.get("med_list").add(catalogEntry(Map.of("hilist_code", c, "hilist_name", "项目" + c))));

        for (String t : List.of("kb_item_limit", "kb_item_pair", "diseinfo", "ext_death", "ext_custody", "inv_io")) {
            rows(t).forEach(r -> out.get(t).add(new LinkedHashMap<>(r.values)));
        }
        rows("psn_approval").forEach(a -> {
            Map<String, String> r = new LinkedHashMap<>(a.values);
            r.putIfAbsent("begndate", "2026-01-01");
            out.get("psn_approval").add(r);
        });

        // fee lines, with their visit's person and settlement
        Map<String, BigDecimal> visitTotal = new LinkedHashMap<>();
        Map<String, String> lastFee = new LinkedHashMap<>();
        for (Row l : lines.values()) {
            Row original = l.get("init_feedetl_sn") == null ? l : lines.get(l.get("init_feedetl_sn"));
            Objects.requireNonNull(original, () -> "refund " + l.get("feedetl_sn") + " of an undeclared line");
            Row visit = visits.get(original.get("mdtrt_id"));
            Objects.requireNonNull(visit, () -> "line " + original.get("feedetl_sn") + " of an undeclared visit "
                    + original.get("mdtrt_id"));
            String visitId = visit.get("mdtrt_id");
            Map<String, String> r = new LinkedHashMap<>(l.values);
            r.put("mdtrt_id", visitId);
            r.put("psn_no", visit.get("psn_no"));
            r.put("setl_id", settlementId(visitId));
            r.putIfAbsent("med_list_codg", original.get("med_list_codg"));
            r.putIfAbsent("medins_list_name", "院内项目" + r.get("med_list_codg"));
            r.putIfAbsent("fee_ocur_time", or(original.get("fee_ocur_time"), begntime(visit)));
            r.putIfAbsent("pric", or(original.get("pric"), DEFAULT_PRICE));
            String originalCnt = or(original.get("cnt"), "1");
            r.putIfAbsent("cnt", l == original ? originalCnt : new BigDecimal(originalCnt).negate().toPlainString());
            BigDecimal amount = new BigDecimal(r.get("cnt")).multiply(new BigDecimal(r.get("pric")))
                    .setScale(2, RoundingMode.HALF_UP);
            r.put("det_item_fee_sumamt", amount.toPlainString());
            out.get("feedetail").add(r);
            visitTotal.merge(visitId, amount, BigDecimal::add);
            if (l == original) {
                lastFee.merge(visitId, r.get("fee_ocur_time"), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }

        for (Row v : visits.values()) {
            String id = v.get("mdtrt_id");
            Row person = firstEnrolment.get(v.get("psn_no"));
            Map<String, String> r = new LinkedHashMap<>(v.values);
            r.putIfAbsent("med_type", pharmacies.contains(v.get("fixmedins_code")) ? "41" : "11");
            r.putIfAbsent("insutype", or(person.get("insutype"), "310"));
            r.put("begntime", begntime(v));
            out.get("mdtrt").add(r);

            String settled = settledAt.getOrDefault(id, Stream.of(r.get("begntime"), r.get("endtime"), lastFee.get(id))
                    .filter(Objects::nonNull).max(String::compareTo).orElseThrow());
            BigDecimal total = visitTotal.getOrDefault(id, BigDecimal.ZERO.setScale(2));
            out.get("setl").add(settlement(settlementId(id), r, settled, total, null));
            if (reversed.contains(id)) {
                out.get("setl").add(settlement("R" + settlementId(id), r, settled, total.negate(), settlementId(id)));
            }
        }
        for (String id : reversed) {
            if (!visits.containsKey(id)) {
                throw new IllegalStateException("reversal of an undeclared visit " + id);
            }
        }
        return out;
    }

    private static Map<String, String> institution(Map<String, String> declared) {
        Map<String, String> r = new LinkedHashMap<>(declared);
        String code = r.get("fixmedins_code");
        r.putIfAbsent("fixmedins_type", "1");
        r.putIfAbsent("fixmedins_name", ("2".equals(r.get("fixmedins_type")) ? "药店" : "医院") + code);
        r.putIfAbsent("medins_lv", "2");
        r.putIfAbsent("medins_natu", "1");
        if ("2".equals(r.get("fixmedins_type"))) {
            r.putIfAbsent("open_time", "00:00");
            r.putIfAbsent("close_time", "24:00");
        }
        return r;
    }

    private static Map<String, String> catalogEntry(Map<String, String> declared) {
        Map<String, String> r = new LinkedHashMap<>(declared);
        r.putIfAbsent("list_type", "101");
        r.putIfAbsent("chrgitm_lv", "01");
        r.putIfAbsent("begndate", CATALOG_SINCE);
        return r;
    }

    private static Map<String, String> settlement(String setlId, Map<String, String> visit, String time,
                                                  BigDecimal total, String reverses) {
        BigDecimal fund = total.multiply(FUND_SHARE).setScale(2, RoundingMode.HALF_UP);
        Map<String, String> r = new LinkedHashMap<>();
        r.put("setl_id", setlId);
        for (String c : List.of("mdtrt_id", "psn_no", "fixmedins_code", "med_type", "insutype")) {
            r.put(c, visit.get(c));
        }
        r.put("setl_time", reverses == null ? time : time.substring(0, 11) + "23:59:59");
        r.put("medfee_sumamt", total.toPlainString());
        r.put("fund_pay_sumamt", fund.toPlainString());
        r.put("hifp_pay", fund.toPlainString());
        r.put("acct_pay", "0.00");
        r.put("psn_cash_pay", total.subtract(fund).toPlainString());
        r.put("refd_setl_flag", reverses == null ? "0" : "1");
        if (reverses != null) {
            r.put("init_setl_id", reverses);
        }
        return r;
    }

    private static String settlementId(String mdtrtId) {
        return "S" + mdtrtId;
    }

    private static String begntime(Row visit) {
        return or(visit.get("begntime"), DEFAULT_VISIT_TIME);
    }

    private static String time(String value, String defaultClock) {
        return value == null || value.length() != 10 ? value : value + " " + defaultClock;
    }

    private static String or(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    private static String csvField(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String problems(Path dataset) {
        StringBuilder out = new StringBuilder();
        for (String dir : List.of("quarantine", "warnings")) {
            Path d = dataset.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.sorted().toList()) {
                    out.append(dir).append('/').append(f.getFileName()).append(":\n")
                            .append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    private Stream<Row> rows(String table) {
        return rows.get(table).stream();
    }

    private Row add(String table) {
        Row r = new Row(ExchangeFormat.requireTable(table));
        rows.get(table).add(r);
        return r;
    }

    private Row require(String... tables) {
        if (current == null || !List.of(tables).contains(current.table.name())) {
            throw new IllegalStateException("this modifier applies to a row of " + String.join(" or ", tables)
                    + ", but the last row added is " + (current == null ? "none" : "of " + current.table.name()));
        }
        return current;
    }

    private TestingClaims set(String column, String value, String... tables) {
        require(tables).set(column, value);
        return this;
    }
}
