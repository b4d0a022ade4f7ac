package org.fundwatch.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.schema.MedTypeSettings;
import org.junit.jupiter.api.Test;

/**
 * Golden files pin the SQL of every rule of the default pack, and of the shared relations and passes, per dialect.
 * A change to a template shows up as a reviewed diff of these files: regenerate them with
 * {@code mvn -pl fundwatch-core test -Dtest=GoldenSqlTest -Dgolden.update=true} and read the diff before committing.
 */
class GoldenSqlTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @Test
    void duckDbSqlOfEveryDefaultRuleMatchesItsGoldenFile() throws IOException {
        assertGolden(DuckDbDialect.INSTANCE);
    }

    @Test
    void sparkSqlOfEveryDefaultRuleMatchesItsGoldenFile() throws IOException {
        assertGolden(SparkSqlDialect.INSTANCE);
    }

    private static void assertGolden(SqlDialect dialect) throws IOException {
        ScreeningPlan plan = new RuleCompiler(dialect, MedTypeSettings.defaults())
                .compile(PolicyPack.defaultPack(), LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 31));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("shared.sql", Stream.concat(plan.prelude().stream(), plan.passes().stream())
                .map(s -> "-- " + s.name() + "\n" + s.sql() + ";\n").collect(Collectors.joining("\n")));
        expected.put("indicators.sql", "-- the indicator table (指标表)\n" + new IndicatorTable(dialect).query() + ";\n");
        for (CompiledRule r : plan.rules()) {
            expected.put(r.rule().id() + ".sql", "-- " + r.rule().id() + " " + r.rule().nameEn() + " ("
                    + r.rule().template() + ")\n" + r.sql() + ";\n");
        }
        Path dir = GOLDEN.resolve(dialect.name());
        if (UPDATE) {
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        Set<String> present;
        try (Stream<Path> files = Files.list(dir)) {
            present = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(present).as("golden files in " + dir + " (regenerate with -Dgolden.update=true)")
                .isEqualTo(new TreeSet<>(expected.keySet()));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(e.getValue()).as("SQL of " + e.getKey() + " against " + dir.resolve(e.getKey())
                    + " (regenerate with -Dgolden.update=true and review the diff)")
                    .isEqualTo(Files.readString(dir.resolve(e.getKey()), StandardCharsets.UTF_8));
        }
    }
}
