package org.fundwatch.workflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.fundwatch.workflow.TestingPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;

class WorkflowDatabaseTest {
    @Test
    void embeddedStoreStartsMigratesAndKeepsItsDataAcrossRestarts(@TempDir Path dir) {
        try (WorkflowDatabase db = WorkflowDatabase.open(DatabaseSettings.embedded(dir))) {
            assertThat(db.description()).startsWith("embedded PostgreSQL in " + dir);
            db.jdbc().sql("INSERT INTO calendar_day (day, kind, name) VALUES (DATE '2025-10-01', 'HOLIDAY', '国庆节')")
                    .update();
        }
        try (WorkflowDatabase db = WorkflowDatabase.open(DatabaseSettings.embedded(dir))) {
            assertThat(db.jdbc().sql("SELECT name FROM calendar_day").query(String.class).single()).isEqualTo("国庆节");
            assertThat(db.jdbc().sql("SELECT version() LIKE 'PostgreSQL%'").query(Boolean.class).single()).isTrue();
        }
    }

    @Test
    void auditLogRefusesUpdateDeleteAndTruncateEvenToTheOwner() {
        try (WorkflowDatabase db = TestingPostgres.newStore()) {
            db.jdbc().sql("INSERT INTO audit_log (at, actor, role, action) VALUES (now(), 'a', 'AUDITOR', 'X')")
                    .update();
            for (String change : new String[] {"UPDATE audit_log SET actor = 'b'", "DELETE FROM audit_log",
                    "TRUNCATE audit_log", "UPDATE personal_data_view SET viewer = 'x'"}) {
                assertThatThrownBy(() -> db.jdbc().sql(change).update())
                        .isInstanceOf(DataAccessException.class).hasStackTraceContaining("APPEND_ONLY");
            }
            assertThat(db.jdbc().sql("SELECT actor FROM audit_log").query(String.class).list()).containsExactly("a");
        }
    }

    @Test
    void settingsComeFromTheEnvironmentOrFallBackToEmbedded() {
        DatabaseSettings server = DatabaseSettings.from(Map.of("FUNDWATCH_DB_URL", "jdbc:postgresql://db/fw",
                "FUNDWATCH_DB_USER", "fw", "FUNDWATCH_DB_PASSWORD", "secret"), Path.of("x"));
        assertThat(server.isEmbedded()).isFalse();
        assertThat(server.user()).contains("fw");
        assertThat(DatabaseSettings.from(Map.of("FUNDWATCH_DB_URL", " "), Path.of("x")).isEmbedded()).isTrue();
        assertThat(DatabaseSettings.from(Map.of(), Path.of("x")).isEmbedded()).isTrue();
    }

    @Test
    void unreachableServerFailsWithACodeAndNoCredentialsInTheMessage() {
        DatabaseSettings bad = DatabaseSettings.from(Map.of("FUNDWATCH_DB_URL", "jdbc:postgresql://127.0.0.1:1/fw",
                "FUNDWATCH_DB_PASSWORD", "hunter2"), Path.of("x"));
        assertThatThrownBy(() -> WorkflowDatabase.open(bad))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code())
                        .isEqualTo(StoreException.Code.UNREACHABLE))
                .hasMessageNotContaining("hunter2");
    }
}
