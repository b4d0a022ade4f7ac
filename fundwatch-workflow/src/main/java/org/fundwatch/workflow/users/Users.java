package org.fundwatch.workflow.users;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The accounts of {@code app_user}. Passwords are kept as bcrypt hashes only and never logged. */
public final class Users {
    /** The password encoder of every account (bcrypt, strength 10). */
    public static final PasswordEncoder PASSWORDS = new BCryptPasswordEncoder(10);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    public Users(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("SELECT username, display_name, role, fixmedins_code, password_hash, enabled FROM app_user "
                        + "WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), rs.getString(5), rs.getBoolean(6)))
                .optional();
    }

    public List<Account> all() {
        return jdbc.sql("SELECT username, display_name, role, fixmedins_code, password_hash, enabled FROM app_user "
                        + "ORDER BY role, username")
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), rs.getString(5), rs.getBoolean(6)))
                .list();
    }

    /** Creates an account; a password must have at least 12 characters. */
    public void create(String username, String displayName, Role role, Optional<String> institution,
                       String password) {
        if (!username.matches("[A-Za-z0-9_.-]{3,64}")) {
            throw new IllegalArgumentException("a user name has 3-64 letters, digits, '_', '.' or '-': " + username);
        }
        if (role == Role.SYSTEM) {
            throw new IllegalArgumentException("the system is not a user");
        }
        if (password.length() < 12) {
            throw new IllegalArgumentException("a password needs at least 12 characters");
        }
        jdbc.sql("INSERT INTO app_user (username, display_name, role, fixmedins_code, password_hash, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(username, displayName, role.name(), institution.orElse(null), PASSWORDS.encode(password),
                        LocalDateTime.now(clock))
                .update();
    }

    /**
     * On a store without accounts, one demo account per role (the institution user for {@code institution}, none
     * without one), each
     * with a new random password; returns user name → password, to be shown once. Empty when accounts exist.
     */
    public Map<String, String> createDemoAccounts(Optional<String> institution) {
        Integer existing = jdbc.sql("SELECT count(*) FROM app_user").query(Integer.class).single();
        if (existing > 0) {
            return Map.of();
        }
        Map<String, String> created = new LinkedHashMap<>();
        for (Object[] u : new Object[][] {
                {"auditor", "初审员（演示）", Role.AUDITOR, null},
                {"reviewer", "复审员（演示）", Role.REVIEWER, null},
                {"director", "负责人（演示）", Role.DIRECTOR, null},
                {"institution", "定点机构用户（演示）", Role.INSTITUTION, institution.orElse(null)},
                {"admin", "管理员（演示）", Role.ADMIN, null}}) {
            if (u[2] == Role.INSTITUTION && u[3] == null) {
                continue;
            }
            String password = randomPassword();
            create((String) u[0], (String) u[1], (Role) u[2], Optional.ofNullable((String) u[3]), password);
            created.put((String) u[0], password);
        }
        return created;
    }

    static String randomPassword() {
        StringBuilder b = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
