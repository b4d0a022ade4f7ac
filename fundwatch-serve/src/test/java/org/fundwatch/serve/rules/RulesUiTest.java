package org.fundwatch.serve.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fundwatch.serve.TestingUi;
import org.junit.jupiter.api.Test;

class RulesUiTest {
    private final TestingUi ui = TestingUi.shared();

    private static long cell(String page, String rule, String column) {
        Matcher m = Pattern.compile("data-rule=\"" + rule + "\"[^>]*>.*?class=\"num " + column + "\">([0-9]+)<",
                Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as(rule + " " + column).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void anAdministratorRaisesAThresholdSeesTheHitsBeforeAndAfterThenPublishes() {
        TestingUi.Session admin = ui.login("admin");
        String list = admin.get("/ui/admin/rules").body();
        assertThat(list).contains("fundwatch-default").contains("data-rule=\"FW-301\"");

        admin.get("/ui/admin/rules/FW-301");
        TestingUi.Response bad = admin.post("/ui/admin/rules/FW-301", Map.of("params", "max_gap_dayz=30"));
        assertThat(bad.location()).endsWith("/ui/admin/rules/FW-301");
        assertThat(admin.get("/ui/admin/rules/FW-301").body()).contains("unknown parameter max_gap_dayz");

        TestingUi.Response saved = admin.post("/ui/admin/rules/FW-301",
                Map.of("params", "max_gap_days=30;diagnosis_chars=3"));
        assertThat(saved.location()).endsWith("/ui/admin/rules");
        assertThat(admin.get("/ui/admin/rules").body()).contains("max_gap_days=30").contains("id=\"draft\"");

        TestingUi.Response trial = admin.post("/ui/admin/rules/trial", Map.of());
        assertThat(trial.status()).isEqualTo(200);
        // the live pack on the loaded dataset finds what the loaded screening found
        long loaded = ui.store().jdbc().sql("SELECT count(*) FROM finding WHERE rule_id = 'FW-301'")
                .query(Long.class).single();
        assertThat(cell(trial.body(), "FW-301", "before")).isEqualTo(loaded);
        assertThat(cell(trial.body(), "FW-301", "after")).isGreaterThanOrEqualTo(loaded);
        assertThat(cell(trial.body(), "FW-101", "after")).isEqualTo(cell(trial.body(), "FW-101", "before"));

        admin.get("/ui/admin/rules");
        admin.post("/ui/admin/rules/publish", Map.of("version", "2026.12.1-test", "note", "再入院30天"));
        assertThat(admin.get("/ui/admin/rules").body()).contains("2026.12.1-test").doesNotContain("id=\"draft\"");
        assertThat(ui.store().jdbc().sql("SELECT count(*) FROM audit_log WHERE action = 'RULE_PUBLISH'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void reviewersSeeTheRulesOnlyAndInstitutionsNotAtAll() {
        TestingUi.Session reviewer = ui.login("reviewer");
        assertThat(reviewer.get("/ui/admin/rules").status()).isEqualTo(200);
        assertThat(reviewer.get("/ui/admin/rules/FW-301").status()).isEqualTo(403);
        reviewer.get("/ui/admin/rules");
        assertThat(reviewer.post("/ui/admin/rules/FW-301", Map.of("enabled", "false")).status()).isEqualTo(403);
        assertThat(ui.login("institution").get("/ui/admin/rules").status()).isEqualTo(403);
    }
}
