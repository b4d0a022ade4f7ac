package org.fundwatch.workflow.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.rules.Rule;
import org.fundwatch.workflow.TestingPostgres;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.WorkflowException;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePacksTest {
    private static final Actor ADMIN = Actor.of("admin", Role.ADMIN);

    private static Rule rule(PolicyPack pack, String id) {
        return pack.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void anAdministratorChangesAThresholdDisablesAndAddsARuleThenPublishesAndExportsWithoutCode(@TempDir Path dir) {
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            RulePacks packs = new RulePacks(db, Clock.systemDefaultZone());
            RulePacks.StoredPack live = packs.live(PolicyPack.defaultPackText());
            assertThat(live.pack().rules()).hasSameSizeAs(PolicyPack.defaultPack().rules());

            packs.editRule(ADMIN, "FW-301", Map.of("params", "max_gap_days=20;diagnosis_chars=3"));
            packs.editRule(ADMIN, "FW-341", Map.of("enabled", "false"));
            packs.copyRule(ADMIN, "FW-301", "FW-301B");
            packs.editRule(ADMIN, "FW-301B", Map.of("params", "max_gap_days=30;diagnosis_chars=3", "enabled", "true",
                    "name_zh", "30天内再入院"));
            PolicyPack draft = packs.draft().orElseThrow().pack();
            assertThat(rule(draft, "FW-301").params().toString()).contains("20");
            assertThat(rule(draft, "FW-301").version()).isEqualTo(rule(live.pack(), "FW-301").version() + 1);
            assertThat(rule(draft, "FW-341").enabled()).isFalse();
            assertThat(rule(draft, "FW-301B").nameZh()).isEqualTo("30天内再入院");
            // the live pack is untouched until published
            assertThat(rule(packs.live(PolicyPack.defaultPackText()).pack(), "FW-341").enabled()).isTrue();

            RulePacks.StoredPack published = packs.publish(ADMIN, "2026.12.1-bureau", "再入院阈值调整");
            assertThat(published.version()).isEqualTo("2026.12.1-bureau");
            assertThat(published.pack().version()).isEqualTo("2026.12.1-bureau");
            assertThat(packs.draft()).isEmpty();
            RulePacks.export(published, dir.resolve("pack"));
            PolicyPack exported = PolicyPack.load(dir.resolve("pack"));
            assertThat(exported.rules()).isEqualTo(published.pack().rules());
            assertThat(packs.history()).extracting(RulePacks.StoredPack::status).containsExactly("LIVE", "RETIRED");
            assertThat(db.jdbc().sql("SELECT string_agg(action, ',' ORDER BY audit_id) FROM audit_log")
                    .query(String.class).single())
                    .isEqualTo("RULE_DRAFT,RULE_EDIT,RULE_EDIT,RULE_ADD,RULE_EDIT,RULE_PUBLISH");
        }
    }

    @Test
    void aBadValueIsRefusedWithThePacksOwnMessageAndNothingChanges() {
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            RulePacks packs = new RulePacks(db, Clock.systemDefaultZone());
            packs.live(PolicyPack.defaultPackText());
            assertThatThrownBy(() -> packs.editRule(ADMIN, "FW-301", Map.of("params", "max_gap_dayz=20")))
                    .isInstanceOf(WorkflowException.class).hasMessageContaining("unknown parameter max_gap_dayz");
            assertThatThrownBy(() -> packs.editRule(ADMIN, "FW-301", Map.of("sev_deg", "7")))
                    .hasMessageContaining("sev_deg");
            assertThatThrownBy(() -> packs.editRule(ADMIN, "FW-301", Map.of("template", "X")))
                    .hasMessageContaining("cannot be edited");
            assertThatThrownBy(() -> packs.editRule(Actor.of("r", Role.REVIEWER), "FW-301", Map.of("enabled", "false")))
                    .isInstanceOfSatisfying(WorkflowException.class,
                            e -> assertThat(e.code()).isEqualTo(WorkflowException.Code.FORBIDDEN));
            // a refused edit leaves the draft (if it was started) as it was
            packs.draft().ifPresent(d -> assertThat(rule(d.pack(), "FW-301").params().toString()).contains("15"));
            assertThatThrownBy(() -> packs.publish(ADMIN, packs.live(PolicyPack.defaultPackText()).version(), ""))
                    .isInstanceOf(WorkflowException.class);
        }
    }
}
