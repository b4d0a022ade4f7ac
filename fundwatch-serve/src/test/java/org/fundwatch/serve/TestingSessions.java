package org.fundwatch.serve;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.fundwatch.workflow.users.Role;
import org.fundwatch.workflow.users.Users;

/**
 * Signed-in sessions of {@link TestingUi#shared()} by role name, as {@link TestingUi#login} gives them, except that
 * {@code "director"} signs in a director account of its own: {@code LoginTest} locks the demo director out for a
 * quarter of an hour (five wrong passwords), and the test JVM shares one server.
 */
public final class TestingSessions {
    private static final String DIRECTOR = "director.pages";
    private static final String PASSWORD = "director-pages-password";
    private static boolean created;

    private TestingSessions() {
    }

    public static TestingUi.Session login(TestingUi ui, String role) {
        if (!role.equals("director")) {
            return ui.login(role);
        }
        synchronized (TestingSessions.class) {
            if (!created) {
                new Users(ui.store().jdbc(), Clock.systemDefaultZone()).create(DIRECTOR, "负责人（页面测试）",
                        Role.DIRECTOR, Optional.empty(), PASSWORD);
                created = true;
            }
        }
        TestingUi.Session s = new TestingUi.Session(ui.uri());
        s.get("/login");
        TestingUi.Response r = s.post("/login", Map.of("username", DIRECTOR, "password", PASSWORD));
        if (r.status() != 302 || r.location().contains("error")) {
            throw new IllegalStateException("login of " + DIRECTOR + " failed: " + r.status() + " " + r.location());
        }
        return s;
    }
}
