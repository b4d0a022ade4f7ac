package org.fundwatch.serve.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.rules.ViolationType;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.screening.InstantScreening;
import org.fundwatch.screening.Knowledge;
import org.fundwatch.screening.VisitHistory;
import org.fundwatch.serve.ReviewServer;
import org.fundwatch.serve.ServeOptions;
import org.fundwatch.serve.TestingUi;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseCommand;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.store.DatabaseSettings;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard over a store of a million findings (2,000 institutions × 24 months, 50,000 ledger entries), timed
 * over HTTP: while the store does not change, and right after each change. A benchmark, not a unit test: it takes
 * minutes and the whole machine; run it with {@code -Dfundwatch.bench=dashboard}.
 */
@EnabledIfSystemProperty(named = "fundwatch.bench", matches = "dashboard")
class DashboardAtAMillionFindingsTest {
    private static final int FINDINGS = 1_000_000;

    @Test
    void answersWithinThreeHundredMillisecondsAtTheNinetyFifthPercentileWhileTheStoreIsUnchanged() throws Exception {
        Path dir = Files.createTempDirectory("fundwatch-dashboard-bench");
        DatabaseSettings settings = DatabaseSettings.embedded(dir.resolve("serve/workflow"));
        try (WorkflowDatabase db = WorkflowDatabase.open(settings)) {
            long t = System.nanoTime();
            generate(db.jdbc());
            System.out.printf("generated %,d findings in %d s%n", FINDINGS, (System.nanoTime() - t) / 1_000_000_000);
        }
        InstantScreening screening = new InstantScreening(PolicyPack.defaultPack(),
                new Knowledge(List.of(), List.of(), List.of(), List.of()), MedTypeSettings.defaults(),
                new VisitHistory(366));
        try (ReviewServer server = ReviewServer.start(ServeOptions.defaults().withPort(0).withInsecureLocal(true)
                .withDataDir(dir.resolve("serve")).withWorkflow(settings), screening)) {
            TestingUi.Session s = new TestingUi.Session(server.uri());
            s.get("/login");
            s.post("/login", Map.of("username", "reviewer", "password", server.demoAccounts().get("reviewer")));
            long first = timed(s);
            List<Long> unchanged = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                unchanged.add(timed(s));
            }
            WorkflowDatabase store = server.workflowDatabase().orElseThrow();
            Cases cases = new Cases(store, Clock.systemDefaultZone());
            List<String> some = store.jdbc().sql("SELECT jr_id FROM finding WHERE state = 'NEW' LIMIT 5")
                    .query(String.class).list();
            List<Long> changed = new ArrayList<>();
            for (String jrId : some) {
                cases.act(Actor.of("reviewer", Role.REVIEWER), jrId, CaseCommand.assign("director", "bench"));
                changed.add(timed(s));
            }
            System.out.printf("dashboard at %,d findings: first view %d ms; unchanged store p50 %d ms, p95 %d ms; "
                    + "right after a change %s ms%n", FINDINGS, first, percentile(unchanged, 50),
                    percentile(unchanged, 95), changed);
            assertThat(percentile(unchanged, 95)).isLessThan(300);
        }
    }

    private static long timed(TestingUi.Session s) {
        long t = System.nanoTime();
        TestingUi.Response r = s.get("/ui/dashboard");
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertThat(r.status()).isEqualTo(200);
        return ms;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Findings about as wide as the screening writes them (about 600 bytes a row), of every type and state. */
    private static void generate(JdbcClient jdbc) {
        long run = jdbc.sql("INSERT INTO screening_run (loaded_at, source, findings_read, findings_new, "
                + "findings_refreshed, findings_kept, lines_read, lines_new) VALUES (now(), 'bench', 0, 0, 0, 0, 0, 0) "
                + "RETURNING run_id").query(Long.class).single();
        jdbc.sql("INSERT INTO institution SELECT 'H' || lpad(i::text, 11, '0'), '某市某区人民医院' || i, '1', "
                + "(i % 4)::text, '430100' FROM generate_series(1, 2000) i").update();
        jdbc.sql("INSERT INTO settlement_month SELECT 'H' || lpad(i::text, 11, '0'), "
                + "to_char(date '2024-01-01' + m * interval '1 month', 'YYYY-MM'), 1000 + i, 900, 800, 100000, 70000 "
                + "FROM generate_series(1, 2000) i, generate_series(0, 23) m").update();
        String types = Arrays.stream(ViolationType.values()).map(v -> "'" + v.name() + "'")
                .collect(Collectors.joining(",", "ARRAY[", "]"));
        jdbc.sql("""
                INSERT INTO finding (jr_id, rule_id, rule_version, rule_name, vola_bhvr_type, grain, period, month,
                    sev_deg, action, vola_amt, vola_cont, vola_cont_en, vola_evid, psn_no, certno, mdtrt_id, setl_id,
                    feedetl_sn, fixmedins_code, hilist_code, occur_time, first_run, last_run, state, state_since,
                    due_date, pushed_at, assignee)
                SELECT md5(g::text), 'FW-' || (g %% 300), 1, '规则名称' || (g %% 300), (%s)[1 + g %% 35], 'LINE', m, m,
                    1 + g %% 3, 'WARN', round((random() * 2000)::numeric, 2), repeat('本次住院与在机构的住院时间重叠', 3),
                    repeat('overlapping stay ', 5), '医保服务协议：同一参保人同一时间只能在一家机构住院', 'P' || (g %% 200000),
                    '430' || g, 'MD' || g, 'S' || g, 'F' || g,
                    'H' || lpad((1 + (g::bigint * 7919) %% 2000)::text, 11, '0'),
                    'X' || (g %% 5000), timestamp '2024-01-01' + (g %% 700) * interval '1 day', %d, %d, st, now(),
                    CASE WHEN st IN ('PUSHED', 'RECTIFYING', 'PENALTY_NOTIFIED') THEN current_date + (g %% 20 - 10) END,
                    CASE WHEN st NOT IN ('NEW', 'DISMISSED') THEN now() END,
                    CASE WHEN g %% 3 = 0 THEN NULL ELSE 'user' || (g %% 20) END
                FROM (SELECT g, to_char(date '2024-01-01' + (g %% 24) * interval '1 month', 'YYYY-MM') AS m,
                             (ARRAY['NEW', 'NEW', 'NEW', 'NEW', 'NEW', 'NEW', 'PUSHED', 'APPEALED', 'CONFIRMED',
                                    'CLOSED', 'CLOSED', 'DISMISSED', 'RECTIFYING', 'PENALTY_NOTIFIED', 'OVERTURNED',
                                    'INVESTIGATING'])[1 + (g * 31) %% 16] AS st
                      FROM generate_series(1, %d) g) x""".formatted(types, run, run, FINDINGS)).update();
        jdbc.sql("INSERT INTO ledger_entry (fixmedins_code, month, kind, amount, booked_by, booked_at) "
                + "SELECT 'H' || lpad((1 + g % 2000)::text, 11, '0'), "
                + "to_char(date '2024-01-01' + (g % 24) * interval '1 month', 'YYYY-MM'), "
                + "(ARRAY['DEDUCTION', 'RECOVERY', 'LIQUIDATED_DAMAGES', 'FINE'])[1 + g % 4], 100, 'reviewer', now() "
                + "FROM generate_series(1, 50000) g").update();
        jdbc.sql("VACUUM ANALYZE").update();
    }
}
