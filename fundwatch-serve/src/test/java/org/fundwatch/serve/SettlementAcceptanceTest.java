package org.fundwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundwatch.serve.TestingMessages.encounter;
import static org.fundwatch.serve.TestingMessages.order;
import static org.fundwatch.serve.TestingMessages.review;
import static org.fundwatch.serve.TestingServer.AMOXICILLIN;
import static org.fundwatch.serve.TestingServer.H001_KEY;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * A 3102 in a settlement scene without a BLOCK finding enters the history the look-back rules read, once. Every
 * accepted visit of the suite is settled now (no {@code setl_time}), as the history ages visits by settlement time.
 */
class SettlementAcceptanceTest {
    private final TestingServer server = TestingServer.shared();

    @Test
    void acceptedSettlementInScene6EntersTheHistoryOnceEvenWhenRetried() {
        ObjectNode message = review("3102", "H001-SA-1", 6, "P-SA-1", encounter("MD-SA-1",
                order("F1", AMOXICILLIN, "12", "0.20")));
        long before = server.history().visits();

        TestingServer.Answer first = server.post("/fsi/api/3102", H001_KEY, message);
        long afterFirst = server.history().visits();
        TestingServer.Answer retried = server.post("/fsi/api/3102", H001_KEY, message);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(afterFirst).isEqualTo(before + 1);
        assertThat(server.history().visits()).isEqualTo(afterFirst);
    }

    @Test
    void preSettlementInScene7DoesNotEnterTheHistory() {
        ObjectNode message = review("3102", "H001-SA-2", 7, "P-SA-2", encounter("MD-SA-2",
                order("F1", AMOXICILLIN, "12", "0.20")));
        long before = server.history().visits();

        assertThat(server.post("/fsi/api/3102", H001_KEY, message).status()).isEqualTo(200);

        assertThat(server.history().visits()).isEqualTo(before);
    }

    @Test
    void settlementWithABlockingFindingDoesNotEnterTheHistory() {
        // FW-101 (price cap) is a BLOCK rule
        ObjectNode message = review("3102", "H001-SA-3", 8, "P-SA-3", encounter("MD-SA-3",
                order("F1", AMOXICILLIN, "36", "0.35")));
        long before = server.history().visits();

        TestingServer.Answer answer = server.post("/fsi/api/3102", H001_KEY, message);

        assertThat(answer.json().at("/output/result")).hasSize(1);
        assertThat(server.history().visits()).isEqualTo(before);
    }

    @Test
    void anAdmissionRegistersTheStaySoAnOutpatientSettlementDuringItIsFlagged() {
        ObjectNode stay = encounter("MD-SA-4", order("F1", AMOXICILLIN, "12", "0.20"));
        stay.put("med_type", "21");
        stay.put("adm_date", "2026-03-01 08:00:00");
        ObjectNode admission = review("3101", "H001-SA-4", 3, "P-SA-4", stay);
        ObjectNode outpatient = review("3102", "H001-SA-5", 6, "P-SA-4", encounter("MD-SA-5",
                order("F1", AMOXICILLIN, "12", "0.20")));

        assertThat(server.post("/fsi/api/3101", H001_KEY, admission).json().at("/output/result")).isEmpty();
        TestingServer.Answer answer = server.post("/fsi/api/3102", H001_KEY, outpatient);

        assertThat(answer.json().at("/output/result")).singleElement().satisfies(r -> {
            assertThat(r.get("rule_id").asText()).isEqualTo("FW-303");
            assertThat(r.get("vola_cont").asText()).contains("MD-SA-4").contains("2026-03-01至今");
        });
    }
}
