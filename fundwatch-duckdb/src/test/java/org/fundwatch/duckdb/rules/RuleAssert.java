package org.fundwatch.duckdb.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fundwatch.duckdb.InstantData;
import org.fundwatch.duckdb.ScreenOptions;
import org.fundwatch.duckdb.ScreenReport;
import org.fundwatch.duckdb.Screening;
import org.fundwatch.progress.Progress;
import org.fundwatch.findings.Finding;
import org.fundwatch.rules.Moment;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.screening.InstantScreening;
import org.fundwatch.screening.VisitHistory;

/**
 * Makes a rule test three lines: {@code assertRule("FW-111").on(claims()...).flags("L1")}. The rule runs alone: a
 * pack is written holding only its row of the default pack ({@code policy/default/rules.csv}), with the parameters a
 * test changes through {@link #withParams}, just as a bureau would edit the spreadsheet. The claims are ingested and
 * screened by the real engine; the assertions read the findings file the engine wrote.
 */
final class RuleAssert {
    private static final String PACK_FILE = "policy/default/rules.csv";
    private static final String PACK_RESOURCE = "/org/fundwatch/rules/policy/default/rules.csv";

    private final String ruleId;
    private final Map<String, String> params = new LinkedHashMap<>();
    private Optional<YearMonth> period = Optional.empty();

    private RuleAssert(String ruleId) {
        this.ruleId = ruleId;
    }

    static RuleAssert assertRule(String ruleId) {
        return new RuleAssert(ruleId);
    }

    /** Overrides parameters of the rule's {@code params} column ({@code key=value;key=value}), keeping the others. */
    RuleAssert withParams(String keyValues) {
        params.putAll(parseParams(keyValues));
        return this;
    }

    /** Screens one month (earlier months still feed look-back windows) instead of the whole dataset. */
    RuleAssert inPeriod(String month) {
        period = Optional.of(YearMonth.parse(month));
        return this;
    }

    /** Ingests the claims, screens them with the rule alone and keeps what the engine reported. */
    Outcome on(TestingClaims claims) {
        Path work = null;
        try {
            work = Files.createTempDirectory("fundwatch-rule-" + ruleId + "-");
            Path dataset = claims.ingest(work);
            Path pack = writePack(work.resolve("pack"));
            Path out = work.resolve("out");
            ScreenOptions options = ScreenOptions.of(dataset, out).withRules(pack);
            ScreenReport report = Screening.run(period.map(options::withPeriod).orElse(options), Progress.NONE);
            List<Found> found = readFindings(out.resolve("findings.parquet"));
            if (report.rule(ruleId).status().equals("RAN")) {
                assertRealTimeAgrees(dataset, pack, found);
            }
            return new Outcome(ruleId, report.rule(ruleId), found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * When the rule's template decides in the JVM too, the same claims replayed in time order through the
     * real-time evaluator must give exactly the batch findings (in the screened period).
     */
    private void assertRealTimeAgrees(Path dataset, Path pack, List<Found> batch) throws IOException {
        InstantScreening instant = new InstantScreening(PolicyPack.load(pack), InstantData.knowledge(dataset),
                MedTypeSettings.defaults(), new VisitHistory(400));
        if (instant.instantRuleIds().isEmpty()) {
            return;
        }
        List<Found> realTime = new ArrayList<>();
        Set<String> certnos = new TreeSet<>();
        for (InstantData.ReplayEvent e : InstantData.replay(dataset, MedTypeSettings.defaults())) {
            e.claim().person().certno().ifPresent(certnos::add);
            if (!e.admission()) {
                for (Finding f : instant.review(e.claim(), Moment.POST, Set.of()).findings()) {
                    if (period.map(p -> f.period().startsWith(p.toString())).orElse(true)) {
                        realTime.add(new Found(f.jrId(), f.ruleId(), f.grain(), f.period(), f.feedetlSn().orElse(null),
                                f.mdtrtId().orElse(null), f.psnNo().orElse(null), f.certno().orElse(null),
                                f.fixmedinsCode().orElse(null), f.hilistCode().orElse(null), f.volaAmt().orElse(null),
                                f.volaCont()));
                    }
                }
            }
            instant.accept(e.claim());
        }
        // An enrolment finding is raised at each of its people's visits, and only when one of them claims.
        realTime = realTime.stream().distinct().toList();
        List<Found> judged = batch.stream()
                .filter(f -> !f.grain().equals("CERTNO") || certnos.contains(f.certno())).toList();
        if (instant.exact(ruleId)) {
            assertThat(realTime).as("real-time findings of %s against batch", ruleId)
                    .containsExactlyInAnyOrderElementsOf(judged);
        } else {
            assertThat(realTime.stream().map(Found::jrId).collect(Collectors.toSet()))
                    .as("ids of the real-time findings of %s against batch (values so far)", ruleId)
                    .isEqualTo(judged.stream().map(Found::jrId).collect(Collectors.toSet()));
        }
    }

    /** One finding as written to {@code findings.parquet}: its id, keys, amount and explanation. */
    record Found(String jrId, String ruleId, String grain, String period, String feedetlSn, String mdtrtId, String psnNo,
                 String certno, String fixmedinsCode, String hilistCode, BigDecimal volaAmt, String volaCont) {
        @Override
        public String toString() {
            return jrId + " " + ruleId + " " + grain + " " + period + " line=" + feedetlSn + " visit=" + mdtrtId + " psn=" + psnNo
                    + " certno=" + certno + " inst=" + fixmedinsCode + " item=" + hilistCode + " amt=" + volaAmt
                    + " 「" + volaCont + "」";
        }
    }

    /** What the screening reported for the rule, with assertions that chain. */
    static final class Outcome {
        private final String ruleId;
        private final ScreenReport.RuleResult result;
        private final List<Found> findings;

        Outcome(String ruleId, ScreenReport.RuleResult result, List<Found> findings) {
            this.ruleId = ruleId;
            this.result = result;
            this.findings = findings;
        }

        /** The rule ran and its findings name exactly these fee lines ({@code feedetl_sn}). */
        Outcome flags(String... feedetlSns) {
            return flagsBy("fee lines", Found::feedetlSn, feedetlSns);
        }

        /** The rule ran and its findings name exactly these visits ({@code mdtrt_id}). */
        Outcome flagsVisits(String... mdtrtIds) {
            return flagsBy("visits", Found::mdtrtId, mdtrtIds);
        }

        /** The rule ran and its findings name exactly these people ({@code psn_no}). */
        Outcome flagsPeople(String... psnNos) {
            return flagsBy("people", Found::psnNo, psnNos);
        }

        /** The rule ran and its findings name exactly these ID numbers ({@code certno}). */
        Outcome flagsCertnos(String... certnos) {
            return flagsBy("ID numbers", Found::certno, certnos);
        }

        /** The rule ran and its findings name exactly these institutions ({@code fixmedins_code}). */
        Outcome flagsInstitutions(String... codes) {
            return flagsBy("institutions", Found::fixmedinsCode, codes);
        }

        /** The rule ran and raised no finding. */
        Outcome flagsNothing() {
            ran();
            assertThat(findings).as("findings of %s", ruleId).isEmpty();
            return this;
        }

        /** The rule was reported as not run (its data is absent), with the reason the engine gave. */
        Outcome doesNotRun() {
            assertThat(result.status()).as("status of %s (findings %s)", ruleId, findings).isEqualTo("NOT_RUN");
            assertThat(result.reason()).as("reason %s was not run", ruleId).isPresent();
            assertThat(findings).isEmpty();
            return this;
        }

        /** The rule ran and approvals suppressed this many findings. */
        Outcome suppresses(int count) {
            ran();
            assertThat(result.suppressed()).as("findings of %s suppressed by an approval (kept: %s)", ruleId, findings)
                    .isEqualTo(count);
            return this;
        }

        /** The single finding's {@code vola_amt}. */
        Outcome withAmount(String amount) {
            assertThat(findings).as("findings of %s", ruleId).hasSize(1);
            assertThat(findings.get(0).volaAmt()).as("vola_amt of %s", findings.get(0))
                    .isEqualByComparingTo(new BigDecimal(amount));
            return this;
        }

        /** Every finding's explanation ({@code vola_cont}) holds this text. */
        Outcome explainedAs(String text) {
            assertThat(findings).as("findings of %s", ruleId).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.volaCont()).as("vola_cont of %s", f).contains(text));
            return this;
        }

        private Outcome flagsBy(String what, Function<Found, String> key, String... expected) {
            ran();
            Set<String> actual = findings.stream().map(key).map(k -> k == null ? "<none>" : k)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(actual).as("%s flagged by %s; findings:%n%s", what, ruleId,
                            findings.stream().map(Found::toString).collect(Collectors.joining("\n")))
                    .containsExactlyInAnyOrderElementsOf(new TreeSet<>(List.of(expected)));
            assertThat(findings).allSatisfy(f -> assertThat(f.ruleId()).isEqualTo(ruleId));
            return this;
        }

        private void ran() {
            assertThat(result.status()).as("status of %s (%s)", ruleId, result.reason().orElse("")).isEqualTo("RAN");
        }
    }

    // ---- the one-rule pack ----

    private Path writePack(Path dir) throws IOException {
        List<List<String>> records = PackText.parse(defaultPackText());
        List<String> header = records.get(0);
        assertThat(header).as("header of %s", PACK_FILE).isEqualTo(PolicyPack.COLUMNS);
        List<String> row = records.stream().skip(1).filter(r -> r.get(0).equals(ruleId)).findFirst()
                .orElseThrow(() -> new AssertionError("rule " + ruleId + " is not in " + PACK_FILE));
        row = new ArrayList<>(row);
        int paramsAt = header.indexOf("params");
        if (!params.isEmpty()) {
            Map<String, String> merged = parseParams(row.get(paramsAt));
            merged.putAll(params);
            row.set(paramsAt, merged.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(";")));
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pack.properties"), "pack_id=test-" + ruleId + "\nversion=1\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("rules.csv"), PackText.format(header) + "\n" + PackText.format(row) + "\n",
                StandardCharsets.UTF_8);
        return dir;
    }

    /** The repository's default pack, found upwards from the working directory (else the copy in the core jar). */
    private static String defaultPackText() throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve(PACK_FILE);
            if (Files.isRegularFile(f)) {
                return Files.readString(f, StandardCharsets.UTF_8);
            }
        }
        try (InputStream in = PolicyPack.class.getResourceAsStream(PACK_RESOURCE)) {
            Objects.requireNonNull(in, PACK_FILE + " not found above the working directory nor in the core jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> parseParams(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (!part.isBlank()) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("parameter '" + part + "' is not key=value");
                }
                out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return out;
    }

    private static List<Found> readFindings(Path parquet) {
        String sql = "SELECT jr_id, rule_id, grain, period, feedetl_sn, mdtrt_id, psn_no, certno, fixmedins_code, hilist_code,"
                + " CAST(vola_amt AS VARCHAR), vola_cont FROM read_parquet(?) ORDER BY jr_id";
        List<Found> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parquet.toAbsolutePath().toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String amount = rs.getString(11);
                    out.add(new Found(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), amount == null ? null : new BigDecimal(amount), rs.getString(12)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + parquet + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 records of the pack file and back (the pack's own reader is internal to the core). */
    private static final class PackText {
        private PackText() {
        }

        static List<List<String>> parse(String text) {
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<List<String>> out = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    fields.add(field.toString());
                    field.setLength(0);
                    addRecord(out, fields);
                    fields = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !fields.isEmpty()) {
                fields.add(field.toString());
                addRecord(out, fields);
            }
            return out;
        }

        private static void addRecord(List<List<String>> out, List<String> fields) {
            boolean blank = fields.stream().allMatch(String::isBlank);
            if (!blank && !fields.get(0).startsWith("#")) {
                out.add(List.copyOf(fields));
            }
        }

        static String format(List<String> fields) {
            return fields.stream().map(f -> f.contains(",") || f.contains("\"") || f.contains("\n")
                    ? "\"" + f.replace("\"", "\"\"") + "\"" : f).collect(Collectors.joining(","));
        }
    }
}
