package org.fundwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.fundwatch.schema.CareSetting;
import org.fundwatch.screening.RuleCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyPackTest {

    /** DOMAIN.md §3.1–§3.3 and DUPLICATE_ENROLLMENT: the types the default pack must cover. */
    static final Set<ViolationType> COVERED = EnumSet.range(ViolationType.OVER_PRICE_CAP,
            ViolationType.IMPOSSIBLE_TRAVEL);

    static {
        COVERED.add(ViolationType.DUPLICATE_ENROLLMENT);
    }

    @TempDir
    Path dir;

    @Test
    void theModelTypesAreExactlyTheTypesOutsideSectionsOneToThreeAndDuplicateEnrolment() {
        for (ViolationType type : ViolationType.values()) {
            assertThat(type.model()).as(type.name()).isEqualTo(!COVERED.contains(type));
        }
    }

    @Test
    void defaultPackHasAtLeastFortyValidRulesCoveringEveryTypeOfSectionsOneToThree() {
        PolicyPack pack = PolicyPack.defaultPack();
        RuleCompiler.validate(pack);
        assertThat(pack.id()).isEqualTo("fundwatch-default");
        assertThat(pack.enabledRules()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(pack.rules().stream().map(Rule::type).collect(Collectors.toSet())).containsAll(COVERED);
        assertThat(pack.rules()).allSatisfy(r -> {
            assertThat(r.nameZh()).isNotBlank();
            assertThat(r.nameEn()).isNotBlank();
            assertThat(r.basis()).isNotBlank();
            assertThat(r.moments()).contains(Moment.POST);
        });
    }

    @Test
    void repositoryPackIsTheOneInTheJar() throws IOException {
        Path repo = Path.of("..", "policy", "default");
        assertThat(PolicyPack.load(repo)).isEqualTo(PolicyPack.defaultPack());
    }

    @Test
    void readsScopeDatesParamsAndDisabledRules() throws IOException {
        write(row("X-1", "false", "ITEM_LIMIT", "lmt_type=SETTING;lmt_value=INPATIENT", "OUTPATIENT|PHARMACY",
                "2026-01-01", "2026-12-31"));
        PolicyPack pack = PolicyPack.load(dir);
        Rule r = pack.rules().get(0);
        assertThat(r.enabled()).isFalse();
        assertThat(pack.enabledRules()).isEmpty();
        assertThat(r.scope().settings()).containsExactlyInAnyOrder(CareSetting.OUTPATIENT, CareSetting.PHARMACY);
        assertThat(r.params().asMap()).containsEntry("lmt_type", "SETTING").containsEntry("lmt_value", "INPATIENT");
        assertThat(r.effectiveOn(java.time.LocalDate.of(2025, 12, 31))).isFalse();
        assertThat(r.effectiveOn(java.time.LocalDate.of(2026, 12, 31))).isTrue();
    }

    @Test
    void aBadValueIsReportedWithFileLineAndColumn() throws IOException {
        write(row("X-1", "true", "ITEM_LIMIT", "lmt_type=GENDER", "", "", ""),
                row("X-2", "true", "ITEM_LIMIT", "lmt_type=GENDER", "WARD", "", ""));
        assertThatThrownBy(() -> PolicyPack.load(dir))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("rules.csv line 3 column setting")
                .hasMessageContaining("WARD");
    }

    @Test
    void aDuplicateRuleIdIsRefused() throws IOException {
        write(row("X-1", "true", "ITEM_LIMIT", "lmt_type=GENDER", "", "", ""),
                row("X-1", "true", "ITEM_LIMIT", "lmt_type=AGE_MIN", "", "", ""));
        assertThatThrownBy(() -> PolicyPack.load(dir)).hasMessageContaining("DUPLICATE_RULE_ID")
                .hasMessageContaining("line 2");
    }

    @Test
    void anUnknownTemplateOrMisspeltParameterIsRefusedBeforeAnythingRuns() throws IOException {
        write(row("X-1", "true", "ITEM_LIMITS", "lmt_type=GENDER", "", "", ""));
        assertThatThrownBy(() -> RuleCompiler.validate(PolicyPack.load(dir))).hasMessageContaining("unknown template");
        write(row("X-1", "true", "READMISSION", "max_gap_dayz=20", "", "", ""));
        assertThatThrownBy(() -> RuleCompiler.validate(PolicyPack.load(dir)))
                .hasMessageContaining("unknown parameter max_gap_dayz");
        write(row("X-1", "true", "READMISSION", "max_gap_days=fifteen", "", "", ""));
        assertThatThrownBy(() -> RuleCompiler.validate(PolicyPack.load(dir)))
                .hasMessageContaining("max_gap_days is not a whole number");
    }

    @Test
    void aQuotedBasisWithCommasAndABomAreRead() throws IOException {
        Files.writeString(dir.resolve("pack.properties"), "pack_id=t\nversion=1\n");
        Files.writeString(dir.resolve("rules.csv"), "\uFEFF" + String.join(",", PolicyPack.COLUMNS) + "\n"
                + "X-1,true,1,名,name,READMISSION,,SPLIT_ADMISSION,2,WARN,POST,310|390,,,,,,,\"《条例》第十五条，\"\"分解住院\"\"\"\n",
                StandardCharsets.UTF_8);
        Rule r = PolicyPack.load(dir).rules().get(0);
        assertThat(r.basis()).isEqualTo("《条例》第十五条，\"分解住院\"");
        assertThat(r.scope().insutypes()).containsExactlyInAnyOrder("310", "390");
    }

    private static String row(String id, String enabled, String template, String params, String setting,
                              String from, String to) {
        return String.join(",", List.of(id, enabled, "1", "名称", "name", template, params, "SETTING_LIMIT", "1",
                "WARN", "PRE|DURING|POST", "", "", "", "", setting, from, to, "依据"));
    }

    private void write(String... rows) throws IOException {
        Files.writeString(dir.resolve("pack.properties"), "pack_id=test\nversion=7\n");
        Files.writeString(dir.resolve("rules.csv"), String.join(",", PolicyPack.COLUMNS) + "\n"
                + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    }
}
