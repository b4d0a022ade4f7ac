package org.fundwatch.workflow.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the workflow store lives: an existing PostgreSQL server ({@code url} with credentials), or, when no URL is
 * given, an embedded PostgreSQL whose cluster is kept in {@code embeddedDir}.
 *
 * @param url         a JDBC URL such as {@code jdbc:postgresql://db:5432/fundwatch}; empty = embedded
 * @param user        the server's user (ignored when embedded)
 * @param password    the server's password (ignored when embedded)
 * @param embeddedDir the embedded cluster's directory, created on first start and reused after
 */
public record DatabaseSettings(Optional<String> url, Optional<String> user, Optional<String> password,
                               Path embeddedDir) {
    public static final String URL_VARIABLE = "FUNDWATCH_DB_URL";
    public static final String USER_VARIABLE = "FUNDWATCH_DB_USER";
    public static final String PASSWORD_VARIABLE = "FUNDWATCH_DB_PASSWORD";

    public DatabaseSettings {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(embeddedDir, "embeddedDir is null");
        url = url.filter(u -> !u.isBlank());
    }

    /** An embedded PostgreSQL in {@code dir}. */
    public static DatabaseSettings embedded(Path dir) {
        return new DatabaseSettings(Optional.empty(), Optional.empty(), Optional.empty(), dir);
    }

    /**
     * {@code FUNDWATCH_DB_URL}, {@code FUNDWATCH_DB_USER} and {@code FUNDWATCH_DB_PASSWORD} from {@code env}, else
     * an embedded PostgreSQL in {@code embeddedDir}.
     */
    public static DatabaseSettings from(Map<String, String> env, Path embeddedDir) {
        return new DatabaseSettings(Optional.ofNullable(env.get(URL_VARIABLE)),
                Optional.ofNullable(env.get(USER_VARIABLE)), Optional.ofNullable(env.get(PASSWORD_VARIABLE)),
                embeddedDir);
    }

    public boolean isEmbedded() {
        return url.isEmpty();
    }
}
