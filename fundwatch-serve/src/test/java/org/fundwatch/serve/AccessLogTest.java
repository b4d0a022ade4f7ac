package org.fundwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundwatch.serve.TestingMessages.encounter;
import static org.fundwatch.serve.TestingMessages.order;
import static org.fundwatch.serve.TestingMessages.review;
import static org.fundwatch.serve.TestingServer.AMOXICILLIN;
import static org.fundwatch.serve.TestingServer.H001_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The access log: one JSON line per request, with the key id, never the key or personal data. */
class AccessLogTest {
    private final TestingServer server = TestingServer.shared();

    @Test
    void logsEveryRequestAsJsonWithoutPersonNumberNameCertificateOrKey() throws Exception {
        ObjectNode message = review("3102", "H001-AL-1", 7, "PSN-SECRET-4711", encounter("MD-AL-1",
                order("F1", AMOXICILLIN, "36", "0.35")));
        assertThat(server.post("/fsi/api/3102", H001_KEY, message).status()).isEqualTo(200);
        server.post("/fsi/api/3102", "wrong-key-of-nobody", message);
        // a marker request whose line comes after the two above
        server.get("/fsi/api/access-log-marker", java.util.Optional.of(H001_KEY));

        String log = TestingFiles.eventually(server.dataDir().resolve("access.log"), "access-log-marker");

        assertThat(log).doesNotContain("PSN-SECRET-4711").doesNotContain("王秘密")
                .doesNotContain("430101199001011234").doesNotContain(H001_KEY).doesNotContain("wrong-key-of-nobody");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            lines.add(TestingServer.JSON.readTree(line));
        }
        JsonNode reviewed = lines.stream().filter(l -> l.get("endpoint").asText().equals("/fsi/api/3102")
                && l.get("status").asInt() == 200 && l.get("findings").asInt() == 1).reduce((a, b) -> b).orElseThrow();
        assertThat(reviewed.get("key_id").asText()).isEqualTo("his-h001");
        assertThat(reviewed.get("fixmedins_code").asText()).isEqualTo("H001");
        assertThat(reviewed.get("method").asText()).isEqualTo("POST");
        assertThat(reviewed.get("latency_us").asLong()).isPositive();
        assertThat(reviewed.get("time").asText()).endsWith("Z");
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.get("status").asInt()).isEqualTo(401);
            assertThat(l.get("key_id").isNull()).isTrue();
        });
    }
}
