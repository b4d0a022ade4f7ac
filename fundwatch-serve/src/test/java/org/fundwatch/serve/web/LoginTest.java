package org.fundwatch.serve.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.fundwatch.serve.TestingUi;
import org.fundwatch.workflow.users.Role;
import org.fundwatch.workflow.users.Users;
import org.junit.jupiter.api.Test;

class LoginTest {
    private final TestingUi ui = TestingUi.shared();

    @Test
    void everyPageButTheLoginSendsAStrangerToTheLogin() {
        TestingUi.Session stranger = new TestingUi.Session(ui.uri());
        for (String page : new String[] {"/ui", "/ui/findings", "/ui/dashboard", "/ui/ledger"}) {
            TestingUi.Response r = stranger.get(page);
            assertThat(r.status()).as(page).isEqualTo(302);
            assertThat(r.location()).as(page).endsWith("/login");
        }
        assertThat(stranger.get("/login").body()).contains("登录").contains("name=\"password\"");
        assertThat(stranger.get("/css/fundwatch.css").status()).isEqualTo(200);
    }

    @Test
    void eachRoleLandsOnItsOwnPage() {
        assertThat(ui.login("auditor").get("/ui").location()).endsWith("/ui/dashboard");
        assertThat(ui.login("institution").get("/ui").location()).endsWith("/ui/findings");
        assertThat(ui.login("admin").get("/ui").location()).endsWith("/ui/admin/users");
    }

    @Test
    void aWrongPasswordFailsAndALoginWithoutTheCsrfTokenIsRefused() {
        TestingUi.Session s = new TestingUi.Session(ui.uri());
        s.get("/login");
        TestingUi.Response wrong = s.post("/login", Map.of("username", "reviewer", "password", "not-the-password"));
        assertThat(wrong.location()).contains("/login?error");
        TestingUi.Response forged = new TestingUi.Session(ui.uri()).postRaw("/login",
                Map.of("username", "reviewer", "password", ui.password("reviewer")));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(ui.store().jdbc().sql("SELECT count(*) FROM audit_log WHERE action = 'LOGIN_FAILED' AND actor = "
                + "'reviewer'").query(Integer.class).single()).isPositive();
    }

    @Test
    void fiveFailuresLockTheNameEvenAgainstTheRightPassword() {
        // an account of this test's own: the demo accounts serve every other test of the shared server
        String password = "right-password-" + System.nanoTime();
        new Users(ui.store().jdbc(), Clock.systemDefaultZone()).create("lockout.target", "锁定测试", Role.REVIEWER,
                Optional.empty(), password);
        TestingUi.Session s = new TestingUi.Session(ui.uri());
        s.get("/login");
        for (int i = 0; i < 5; i++) {
            s.post("/login", Map.of("username", "lockout.target", "password", "guess" + i));
        }
        TestingUi.Response locked = s.post("/login", Map.of("username", "lockout.target", "password", password));
        assertThat(locked.location()).contains("/login?error");
        assertThat(ui.store().jdbc().sql("SELECT count(*) FROM audit_log WHERE action = 'LOGIN_LOCKED' AND actor = "
                + "'lockout.target'").query(Integer.class).single()).isPositive();
    }

    @Test
    void passwordsAreStoredAsBcryptHashesOnly() {
        assertThat(ui.store().jdbc().sql("SELECT password_hash FROM app_user").query(String.class).list())
                .allMatch(h -> h.startsWith("$2a$10$")).noneMatch(h -> h.contains(ui.password("auditor")));
    }
}
