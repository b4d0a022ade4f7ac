package org.fundwatch.workflow.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An open workflow store: a connection pool on PostgreSQL, migrated to the current schema by Flyway (the scripts in
 * {@code db/workflow}). With no URL configured it first starts an embedded PostgreSQL (binaries from Maven
 * Central, cluster kept in a directory, listening on loopback only); {@link #close} stops it.
 */
public final class WorkflowDatabase implements AutoCloseable {
    private final Optional<EmbeddedPostgres> embedded;
    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String description;

    private WorkflowDatabase(Optional<EmbeddedPostgres> embedded, HikariDataSource pool, String description) {
        this.embedded = embedded;
        this.pool = pool;
        this.jdbc = JdbcClient.create(pool);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
        this.description = description;
    }

    /** Opens (and for an embedded store, starts) the store and migrates it; fails with {@link StoreException}. */
    public static WorkflowDatabase open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings is null");
        Optional<EmbeddedPostgres> embedded = Optional.empty();
        HikariConfig config = new HikariConfig();
        config.setPoolName("fundwatch-workflow");
        config.setMaximumPoolSize(8);
        String description;
        try {
            if (settings.isEmbedded()) {
                EmbeddedPostgres pg = startEmbedded(settings.embeddedDir());
                embedded = Optional.of(pg);
                config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
                config.setUsername("postgres");
                description = "embedded PostgreSQL in " + settings.embeddedDir() + " on port " + pg.getPort();
            } else {
                config.setJdbcUrl(settings.url().orElseThrow());
                settings.user().ifPresent(config::setUsername);
                settings.password().ifPresent(config::setPassword);
                description = "PostgreSQL at " + settings.url().orElseThrow();
            }
        } catch (IOException | RuntimeException e) {
            String why = rootMessage(e);
            if (why.contains("could not lock")) {
                why = "another process holds it (a running fundwatch serve?); stop it, or point both at one server "
                        + "with FUNDWATCH_DB_URL";
            }
            throw new StoreException(StoreException.Code.EMBEDDED_START_FAILED,
                    "the embedded PostgreSQL in " + settings.embeddedDir() + " did not start: " + why, e);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            embedded.ifPresent(WorkflowDatabase::closeQuietly);
            throw new StoreException(StoreException.Code.UNREACHABLE,
                    "cannot connect to the workflow store (" + description + "): " + rootMessage(e), e);
        }
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            embedded.ifPresent(WorkflowDatabase::closeQuietly);
            throw new StoreException(StoreException.Code.MIGRATION_FAILED,
                    "the workflow store's schema could not be migrated: " + rootMessage(e), e);
        }
        return new WorkflowDatabase(embedded, pool, description);
    }

    private static EmbeddedPostgres startEmbedded(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path cluster = dir.resolve("pgdata");
        Path log = dir.resolve("postgres.log");
        return EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                // a month's findings load in one transaction: room for its WAL without a checkpoint in the middle
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("shared_buffers", "256MB")
                .setLocaleConfig("locale", "C")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setRegisterShutdownHook(true)
                .start();
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/workflow")
                .table("flyway_schema_history")
                .load()
                .migrate();
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // start-up failed already; that failure is the one to report
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    public DataSource dataSource() {
        return pool;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Runs work in one transaction of the pool. */
    public TransactionTemplate transactions() {
        return transactions;
    }

    /** "embedded PostgreSQL in DIR on port N" or "PostgreSQL at URL" (credentials never included). */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(WorkflowDatabase::closeQuietly);
    }
}
