package org.fundwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundwatch.serve.TestingMessages.encounter;
import static org.fundwatch.serve.TestingMessages.order;
import static org.fundwatch.serve.TestingMessages.review;
import static org.fundwatch.serve.TestingServer.AMOXICILLIN;
import static org.fundwatch.serve.TestingServer.H001_KEY;
import static org.fundwatch.serve.TestingServer.H002_KEY;
import static org.fundwatch.serve.TestingServer.H003_SLOW_KEY;
import static org.fundwatch.serve.TestingServer.H004_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The edge: keys (401), an institution's own data only (403), the body limit (413) and the rate limit (429). */
class AccessTest {
    private final TestingServer server = TestingServer.shared();

    private static ObjectNode message(String msgid) {
        return review("3102", msgid, 7, "P-AC", encounter("MD-AC-" + msgid, order("F1", AMOXICILLIN, "1", "0.20")));
    }

    @Test
    void refusesAnUnknownKeyWith401AndTheEnvelope() {
        TestingServer.Answer answer = server.post("/fsi/api/3102", "not-a-key-of-this-service", message("AC-1"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("infcode").asInt()).isEqualTo(-1);
        assertThat(answer.json().get("err_msg").asText()).isEqualTo("X-API-Key: unknown key");
        assertThat(answer.json().get("err_code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void refusesARequestWithoutKeyWith401() {
        TestingServer.Answer answer = server.post("/fsi/api/3102", Optional.empty(),
                message("AC-2").toString().getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("err_msg").asText()).startsWith("X-API-Key: missing");
    }

    @Test
    void refusesAnotherInstitutionsMessageWith403() {
        // the message is H001's; the key is H002's
        TestingServer.Answer answer = server.post("/fsi/api/3102", H002_KEY, message("AC-3"));

        assertThat(answer.status()).isEqualTo(403);
        JsonNode json = answer.json();
        assertThat(json.get("infcode").asInt()).isEqualTo(-1);
        assertThat(json.get("err_msg").asText()).startsWith("fixmedins_code: institution H001 is not the "
                + "institution of this API key (H002)");
        assertThat(json.get("inf_refmsgid").asText()).hasSize(30);
    }

    @Test
    void refusesAnotherInstitutionsVisitInsideOwnMessageWith403NamingTheField() {
        ObjectNode message = message("AC-4");
        ((ObjectNode) message.at("/input/data/patient_dtos/0/fsi_encounter_dtos/0")).put("medins_id", "H002");

        TestingServer.Answer answer = server.post("/fsi/api/3102", H001_KEY, message);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("err_msg").asText())
                .startsWith("input.data.patient_dtos[0].fsi_encounter_dtos[0].medins_id: institution H002");
    }

    @Test
    void acceptsAKeyListedByItsSha256() {
        ObjectNode message = message("AC-5");
        message.put("fixmedins_code", "H004");
        ((ObjectNode) message.at("/input/data/patient_dtos/0/fsi_encounter_dtos/0")).put("medins_id", "H004");

        assertThat(server.post("/fsi/api/3102", H004_KEY, message).status()).isEqualTo(200);
    }

    @Test
    void refusesABodyAboveTheLimitWith413BeforeParsingIt() {
        byte[] body = new byte[(int) TestingServer.MAX_BODY + 1024];
        Arrays.fill(body, (byte) '{'); // not JSON: a 400 would mean it was parsed

        TestingServer.Answer answer = server.post("/fsi/api/3102", Optional.of(H001_KEY), body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("infcode").asInt()).isEqualTo(-1);
        assertThat(answer.json().get("err_msg").asText()).contains("above the limit of 65536 bytes");
    }

    @Test
    void refusesAStreamedBodyWithoutLengthWith413ByCountingIt() {
        byte[] body = new byte[(int) TestingServer.MAX_BODY + 1024];
        Arrays.fill(body, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/fsi/api/3102"))
                .header("X-API-Key", H001_KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        TestingServer.Answer answer = server.send(request);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("err_msg").asText()).contains("more than 65536 bytes");
    }

    @Test
    void refusesRequestsAboveTheKeysRateWith429() {
        List<Integer> statuses = new ArrayList<>();
        TestingServer.Answer limited = null;
        for (int i = 0; i < 12; i++) {
            TestingServer.Answer a = server.post("/fsi/api/noop", Optional.of(H003_SLOW_KEY), new byte[0]);
            statuses.add(a.status());
            if (a.status() == 429) {
                limited = a;
            }
        }

        assertThat(statuses).startsWith(200, 200, 200).contains(429);
        assertThat(limited.json().get("infcode").asInt()).isEqualTo(-1);
        assertThat(limited.json().get("err_code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void answersTheNoopBaselineWithAnEmptyEnvelope() {
        TestingServer.Answer answer = server.post("/fsi/api/noop", Optional.of(H001_KEY), new byte[0]);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("infcode").asInt()).isZero();
        assertThat(answer.json().get("output").isEmpty()).isTrue();
    }

    @Test
    void servesTheOpenApiDescriptionWithoutKey() {
        TestingServer.Answer answer = server.get("/v3/api-docs", Optional.empty());

        assertThat(answer.status()).isEqualTo(200);
        JsonNode paths = answer.json().get("paths");
        assertThat(paths.has("/fsi/api/3101")).isTrue();
        assertThat(paths.has("/fsi/api/3102")).isTrue();
        assertThat(paths.has("/fsi/api/3103")).isTrue();
        assertThat(paths.has("/api/v1/review")).isTrue();
        assertThat(answer.json().at("/components/securitySchemes/api-key/name").asText()).isEqualTo("X-API-Key");
    }
}
