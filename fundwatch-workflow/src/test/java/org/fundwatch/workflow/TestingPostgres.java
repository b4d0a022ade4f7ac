package org.fundwatch.workflow;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.fundwatch.workflow.store.DatabaseSettings;
import org.fundwatch.workflow.store.WorkflowDatabase;

/**
 * A real PostgreSQL for the tests: one server per test JVM, and a fresh database for every store a test opens,
 * reached by URL as a bureau's own server would be.
 */
public final class TestingPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestingPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setLocaleConfig("locale", "C").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    /** The settings of a new, empty database on the shared server. */
    public static DatabaseSettings newDatabase() {
        String name = "fw_test_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new DatabaseSettings(Optional.of(server().getJdbcUrl("postgres", name)), Optional.of("postgres"),
                Optional.empty(), java.nio.file.Path.of("unused"));
    }

    /** A migrated store on a new database. */
    public static WorkflowDatabase newStore() {
        return WorkflowDatabase.open(newDatabase());
    }
}
