package org.fundwatch.serve.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fundwatch.serve.TestingCaseWork;
import org.fundwatch.serve.TestingSessions;
import org.fundwatch.serve.TestingUi;
import org.junit.jupiter.api.Test;

class UsersTest {
    private final TestingUi ui = TestingUi.shared();

    @Test
    void listsTheAccountsToTheAdministratorWithoutTheirPasswordHashes() {
        TestingUi.Response page = TestingSessions.login(ui, "admin").get("/ui/admin/users");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"account-auditor\"", "id=\"account-institution\"", "复审员")
                .doesNotContain("$2a$");
    }

    @Test
    void createsAnInstitutionUserWhoCanThenLogInAndSeeItsOwnLedger() {
        TestingCaseWork.Done work = TestingCaseWork.on(ui);
        TestingUi.Session admin = TestingSessions.login(ui, "admin");
        admin.get("/ui/admin/users");
        TestingUi.Response created = admin.post("/ui/admin/users", Map.of("username", "clinic.new",
                "displayName", "新机构用户", "role", "INSTITUTION", "institution", work.otherInstitution(),
                "password", "a-long-enough-secret"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.location()).endsWith("/ui/admin/users");
        assertThat(admin.get("/ui/admin/users").body()).contains("已创建用户 clinic.new", "id=\"account-clinic.new\"");
        assertThat(ui.store().jdbc().sql("SELECT role || ' ' || fixmedins_code FROM app_user WHERE username = "
                + "'clinic.new'").query(String.class).single()).isEqualTo("INSTITUTION " + work.otherInstitution());
        assertThat(ui.store().jdbc().sql("SELECT count(*) FROM audit_log WHERE action = 'USER_CREATED' AND actor = "
                + "'admin' AND role = 'ADMIN' AND reason LIKE 'clinic.new INSTITUTION%'").query(Long.class).single())
                .isEqualTo(1);

        TestingUi.Session clinic = new TestingUi.Session(ui.uri());
        clinic.get("/login");
        TestingUi.Response login = clinic.post("/login", Map.of("username", "clinic.new",
                "password", "a-long-enough-secret"));
        assertThat(login.location()).doesNotContain("error").endsWith("/ui");
        assertThat(clinic.get("/ui").location()).endsWith("/ui/findings");
        String ledger = clinic.get("/ui/ledger").body();
        assertThat(ledger).contains("row-" + work.otherInstitution() + "-").doesNotContain("row-" + work.institution());
    }

    @Test
    void refusesAShortPasswordWithAMessageOnThePage() {
        TestingUi.Session admin = TestingSessions.login(ui, "admin");
        admin.get("/ui/admin/users");
        TestingUi.Response refused = admin.post("/ui/admin/users", Map.of("username", "short.one",
                "displayName", "短密码", "role", "AUDITOR", "password", "elevenchars"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("密码至少需要12个字符", "value=\"short.one\"")
                .doesNotContain("elevenchars", "Exception", "at org.");
        assertThat(ui.store().jdbc().sql("SELECT count(*) FROM app_user WHERE username = 'short.one'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void refusesATakenNameAndAnInstitutionUserWithoutAKnownInstitution() {
        TestingUi.Session admin = TestingSessions.login(ui, "admin");
        admin.get("/ui/admin/users");
        assertThat(admin.post("/ui/admin/users", Map.of("username", "auditor", "displayName", "又一个",
                "role", "AUDITOR", "password", "a-long-enough-secret")).body()).contains("用户名 auditor 已存在");
        assertThat(admin.post("/ui/admin/users", Map.of("username", "nowhere", "displayName", "无机构",
                "role", "INSTITUTION", "institution", "NO-SUCH-CODE", "password", "a-long-enough-secret")).body())
                .contains("定点机构用户须选择其所属的定点机构");
        assertThat(ui.store().jdbc().sql("SELECT count(*) FROM app_user WHERE username = 'nowhere'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void speaksEnglishOnLangEn() {
        TestingUi.Session admin = TestingSessions.login(ui, "admin");
        assertThat(admin.get("/ui/admin/users?lang=en").body()).contains("New user", "Initial password")
                .doesNotContain("新建用户");
        TestingUi.Response refused = admin.post("/ui/admin/users", Map.of("username", "short.two",
                "displayName", "x", "role", "AUDITOR", "password", "short"));
        assertThat(refused.body()).contains("A password needs at least 12 characters");
    }

    @Test
    void refusesTheAccountsToEveryoneButTheAdministrator() {
        for (String role : new String[] {"auditor", "reviewer", "director", "institution"}) {
            TestingUi.Session s = TestingSessions.login(ui, role);
            assertThat(s.get("/ui/admin/users").status()).as(role).isEqualTo(403);
            TestingUi.Response post = s.post("/ui/admin/users", Map.of("username", "by." + role,
                    "displayName", "x", "role", "ADMIN", "password", "a-long-enough-secret"));
            assertThat(post.status()).as(role).isEqualTo(403);
        }
        assertThat(ui.store().jdbc().sql("SELECT count(*) FROM app_user WHERE username LIKE 'by.%'")
                .query(Long.class).single()).isZero();
    }
}
