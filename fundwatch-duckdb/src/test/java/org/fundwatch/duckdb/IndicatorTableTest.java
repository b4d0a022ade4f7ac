package org.fundwatch.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fundwatch.progress.Progress;
import org.fundwatch.screening.Indicator;
import org.fundwatch.screening.IndicatorTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indicator table (指标表) written by {@code screen} on the shared generated population: its rows and formats,
 * its peer statistics recomputed here from the rows themselves, its agreement with the PEER_OUTLIER findings and
 * with the planted outliers, and its counts against the raw settlements.
 */
class IndicatorTableTest {
    @TempDir
    static Path dir;
    static TestingScreenedDataset shared;
    static List<Map<String, String>> rows;

    @BeforeAll
    static void screened() throws IOException {
        shared = TestingScreenedDataset.get();
        rows = TestingFindings.read(shared.out.resolve("indicators.csv"));
    }

    private static String text(Map<String, String> r, String column) {
        String v = r.get(column);
        return v == null ? "" : v;
    }

    private static double number(Map<String, String> r, String column) {
        return Double.parseDouble(r.get(column));
    }

    @Test
    void writesOneRowPerUnitMonthAndIndicatorInThreeFormatsCountedInTheRunFile() throws Exception {
        assertThat(Files.readAllLines(shared.out.resolve("indicators.csv")).get(0).split(","))
                .containsExactly(IndicatorTable.COLUMNS.toArray(String[]::new));
        Set<String> keys = new HashSet<>();
        for (Map<String, String> r : rows) {
            assertThat(keys.add(text(r, "unit_level") + "|" + text(r, "fixmedins_code") + "|" + text(r, "dept_code")
                    + "|" + text(r, "dr_code") + "|" + text(r, "month") + "|" + text(r, "indicator")))
                    .as("unit, month and indicator identify a row").isTrue();
            assertThat(Indicator.byName(r.get("indicator"))).isPresent();
        }
        assertThat(rows.stream().map(r -> r.get("unit_level")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("INSTITUTION", "DEPARTMENT", "PHYSICIAN");
        assertThat(rows.stream().filter(r -> r.get("unit_level").equals("INSTITUTION"))
                .map(r -> r.get("indicator")).collect(Collectors.toSet()))
                .as("every indicator of DOMAIN.md §3.4 is computed").hasSize(Indicator.values().length);
        JsonNode run = new ObjectMapper().readTree(shared.out.resolve("run.json").toFile());
        long counted = -1;
        for (JsonNode p : run.get("passes")) {
            if (p.get("name").asText().equals("indicators")) {
                counted = p.get("rows").asLong();
            }
        }
        assertThat(counted).isEqualTo(rows.size());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String base = shared.out.resolve("indicators").toAbsolutePath().toString();
            for (String read : List.of("read_parquet('" + base + ".parquet')",
                    "read_json('" + base + ".jsonl', format = 'newline_delimited')")) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + read)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(read).isEqualTo(rows.size());
                }
            }
        }
    }

    @Test
    void peerMedianMadAndRobustZAreThoseOfTheUnitsOfTheSamePeerGroupAndMonth() {
        Map<String, List<Map<String, String>>> groups = new HashMap<>();
        for (Map<String, String> r : rows) {
            String key = String.join("|", text(r, "unit_level"), text(r, "dept_code"), text(r, "fixmedins_type"),
                    text(r, "medins_lv"), text(r, "medins_type"), text(r, "month"), text(r, "indicator"));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        int checkedZ = 0;
        for (List<Map<String, String>> group : groups.values()) {
            List<Double> peers = group.stream().filter(r -> number(r, "denominator_count") >= 10)
                    .map(r -> number(r, "value")).toList();
            for (Map<String, String> r : group) {
                assertThat(Integer.parseInt(r.get("peers"))).isEqualTo(peers.size());
                if (peers.isEmpty()) {
                    assertThat(text(r, "peer_median")).isEmpty();
                    continue;
                }
                double med = median(peers);
                double mad = median(peers.stream().map(x -> Math.abs(x - med)).toList());
                assertThat(number(r, "peer_median")).isCloseTo(med, within(2e-4));
                assertThat(number(r, "peer_mad")).isCloseTo(mad, within(2e-4));
                // z from the table's own (rounded, just checked) median and MAD: recomputing it from rounded values
                // would amplify their rounding by the small MADs of shares.
                double scale = 1.4826 * Math.max(number(r, "peer_mad"), 0.05 * number(r, "peer_median"));
                boolean comparable = number(r, "denominator_count") >= 10 && peers.size() - 1 >= 3 && scale > 0;
                if (!comparable) {
                    assertThat(text(r, "robust_z")).as(r.toString()).isEmpty();
                } else if (scale > 0.01) {
                    double z = (number(r, "value") - number(r, "peer_median")) / scale;
                    assertThat(number(r, "robust_z")).as(r.toString()).isCloseTo(z, within(0.01 + 0.01 * Math.abs(z)));
                    checkedZ++;
                }
            }
        }
        assertThat(checkedZ).isGreaterThan(1000);
    }

    private static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    @Test
    void everyPeerTestOfAPeerOutlierFindingHasTheSameMedianAndRobustZInTheTable() throws IOException {
        Map<String, Map<String, String>> institution = new HashMap<>();
        rows.stream().filter(r -> r.get("unit_level").equals("INSTITUTION")).forEach(r -> institution.put(
                r.get("fixmedins_code") + "|" + r.get("month") + "|" + r.get("indicator"), r));
        int compared = 0;
        for (Map<String, String> f : TestingFindings.read(shared.out.resolve("findings.csv"))) {
            if (!f.get("vola_bhvr_type").equals("PEER_OUTLIER") || !f.get("vola_cont_en").contains("peers")) {
                continue;
            }
            Map<String, String> row = institution.get(f.get("fixmedins_code") + "|" + f.get("period") + "|"
                    + f.get("indicator"));
            assertThat(row).as(f.get("jr_id")).isNotNull();
            assertThat(f.get("vola_cont_en")).contains("robust z " + String.format(java.util.Locale.ROOT, "%.2f",
                    number(row, "robust_z")).replaceAll("0$", "").replaceAll("\\.$", ""));
            assertThat(number(row, "robust_z")).isGreaterThanOrEqualTo(3);
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyPlantedPeerOutlierInstitutionMonthStandsOutWithARobustZOfThreeOrMore() throws IOException {
        List<Map<String, String>> planted = TestingFindings.read(shared.extract.resolve("labels.csv")).stream()
                .filter(l -> l.get("vola_bhvr_type").equals("PEER_OUTLIER")).toList();
        assertThat(planted).hasSizeGreaterThanOrEqualTo(3);
        for (Map<String, String> l : planted) {
            assertThat(rows).as("planted " + l).anySatisfy(r -> {
                assertThat(r.get("unit_level")).isEqualTo("INSTITUTION");
                assertThat(r.get("fixmedins_code")).isEqualTo(l.get("fixmedins_code"));
                assertThat(r.get("month")).isEqualTo(l.get("period"));
                assertThat(number(r, "robust_z")).isGreaterThanOrEqualTo(3);
            });
        }
    }

    @Test
    void visitsAreTheSettledVisitsOfTheMonthAndAddUpOverPhysiciansAndDepartments() throws Exception {
        Map<String, Double> byInstitution = new HashMap<>();
        Map<String, Double> overPhysicians = new HashMap<>();
        for (Map<String, String> r : rows) {
            if (!r.get("indicator").equals("VISITS")) {
                continue;
            }
            String key = r.get("fixmedins_code") + "|" + r.get("month");
            switch (r.get("unit_level")) {
                case "INSTITUTION" -> byInstitution.put(key, number(r, "value"));
                case "PHYSICIAN" -> overPhysicians.merge(key, number(r, "value"), Double::sum);
                default -> { }
            }
        }
        // Generated pharmacy purchases name no physician; every hospital visit does.
        assertThat(overPhysicians).hasSizeGreaterThan(50).allSatisfy((key, visits) -> assertThat(visits)
                .as(key).isEqualTo(byInstitution.get(key)));
        assertThat(byInstitution.keySet().stream().filter(k -> k.startsWith("H")))
                .containsExactlyInAnyOrderElementsOf(overPhysicians.keySet());
        // Independently of the shared relations: visits with a settlement that is neither a reversal nor reversed,
        // by the month of that settlement, less the visits whose settlements net to zero.
        Map<String, Double> raw = new HashMap<>();
        String dataset = shared.dataset.toAbsolutePath().toString();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     WITH s AS (SELECT * FROM read_parquet('%1$s/setl.parquet')),
                     eff AS (SELECT mdtrt_id, min(setl_time) AS t FROM s WHERE coalesce(refd_setl_flag, '0') <> '1'
                             AND setl_id NOT IN (SELECT init_setl_id FROM s WHERE init_setl_id IS NOT NULL)
                             GROUP BY mdtrt_id),
                     cancelled AS (SELECT mdtrt_id FROM s GROUP BY mdtrt_id HAVING count(*) > 1 AND sum(medfee_sumamt) = 0)
                     SELECT m.fixmedins_code || '|' || strftime(eff.t, '%%Y-%%m'), count(*)
                     FROM read_parquet('%1$s/mdtrt.parquet') m JOIN eff ON eff.mdtrt_id = m.mdtrt_id
                     WHERE m.mdtrt_id NOT IN (SELECT mdtrt_id FROM cancelled)
                     GROUP BY 1""".formatted(dataset))) {
            while (rs.next()) {
                raw.put(rs.getString(1), (double) rs.getLong(2));
            }
        }
        assertThat(byInstitution).isEqualTo(raw);
    }

    @Test
    void aMonthScreenedAloneGivesThatMonthOfTheIndicatorsOfTheFullRun() throws IOException {
        YearMonth month = YearMonth.of(2026, 3);
        Path monthOut = dir.resolve("march");
        Screening.run(ScreenOptions.of(shared.dataset, monthOut).withPeriod(month), Progress.NONE);
        List<String> full = Files.readAllLines(shared.out.resolve("indicators.csv")).stream()
                .filter(l -> l.contains("," + month + ",")).toList();
        List<String> alone = Files.readAllLines(monthOut.resolve("indicators.csv"));
        assertThat(alone.subList(1, alone.size())).isEqualTo(full).isNotEmpty();
    }
}
