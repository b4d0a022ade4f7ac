package org.fundwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundwatch.serve.TestingMessages.encounter;
import static org.fundwatch.serve.TestingMessages.order;
import static org.fundwatch.serve.TestingMessages.review;
import static org.fundwatch.serve.TestingServer.AMOXICILLIN;
import static org.fundwatch.serve.TestingServer.H001_KEY;
import static org.fundwatch.serve.TestingServer.SALINE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whatever is wrong with a message, the answer is 400 with the national envelope naming the field. */
class MalformedMessageTest {
    private final TestingServer server = TestingServer.shared();

    private static ObjectNode threeOrders(String msgid) {
        return review("3102", msgid, 7, "P-MM", encounter("MD-MM-" + msgid, order("F1", AMOXICILLIN, "1", "0.20"),
                order("F2", SALINE, "1", "2.00"), order("F3", AMOXICILLIN, "2", "0.20")));
    }

    private JsonNode refused(String path, String body) {
        TestingServer.Answer answer = server.post(path, H001_KEY, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode json = answer.json();
        assertThat(json.get("infcode").asInt()).isEqualTo(-1);
        assertThat(json.get("err_code").asText()).isEqualTo("BAD_MESSAGE");
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.");
        return json;
    }

    @Test
    void refusesMalformedJsonWith400AndWhereItBroke() {
        JsonNode json = refused("/fsi/api/3102", "{\"infno\": \"3102\", \"msgid\": ");

        assertThat(json.get("err_msg").asText()).startsWith("request body: malformed JSON at line 1, column")
                .doesNotContain("Source");
    }

    @Test
    void refusesAFormPostWith415() {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/fsi/api/3102"))
                .header("X-API-Key", H001_KEY).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(threeOrders("MM-8").toString())).build();

        TestingServer.Answer answer = server.send(request);

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().get("err_msg").asText()).endsWith("send the message as application/json");
    }

    @Test
    void pointsAnUnclosedObjectToWhereItOpened() {
        JsonNode json = refused("/fsi/api/3102", "{\"infno\": \"3102\",\n \"input\": {\"data\": {}}");

        assertThat(json.get("err_msg").asText()).startsWith("request body: malformed JSON at line 2")
                .endsWith("(opened at line 1, column 1)");
    }

    @Test
    void refusesAnEmptyBody() {
        assertThat(refused("/fsi/api/3102", "").get("err_msg").asText()).startsWith("request body: empty");
    }

    @Test
    void refusesAMissingFieldNamingItsPath() {
        ObjectNode message = threeOrders("MM-1");
        ((ObjectNode) message.at("/input/data/patient_dtos/0/fsi_encounter_dtos/0")).remove("mdtrt_id");

        assertThat(refused("/fsi/api/3102", message.toString()).get("err_msg").asText())
                .isEqualTo("input.data.patient_dtos[0].fsi_encounter_dtos[0].mdtrt_id: missing");
    }

    @Test
    void refusesAQuantityThatIsNotANumberNamingTheOrder() {
        ObjectNode message = threeOrders("MM-2");
        ((ObjectNode) message.at("/input/data/patient_dtos/0/fsi_encounter_dtos/0/fsi_order_dtos/2"))
                .put("cnt", "two");

        assertThat(refused("/fsi/api/3102", message.toString()).get("err_msg").asText())
                .isEqualTo("input.data.patient_dtos[0].fsi_encounter_dtos[0].fsi_order_dtos[2].cnt: not a number");
    }

    @Test
    void refusesAnImpossibleDate() {
        ObjectNode message = threeOrders("MM-3");
        ((ObjectNode) message.at("/input/data/patient_dtos/0/fsi_encounter_dtos/0")).put("adm_date",
                "2026-02-30 08:00:00");

        assertThat(refused("/fsi/api/3102", message.toString()).get("err_msg").asText())
                .startsWith("input.data.patient_dtos[0].fsi_encounter_dtos[0].adm_date: not a date-time");
    }

    @Test
    void refusesAWronglyTypedObject() {
        ObjectNode message = threeOrders("MM-4");
        ((ObjectNode) message.at("/input/data")).put("patient_dtos", "P1");

        assertThat(refused("/fsi/api/3102", message.toString()).get("err_msg").asText())
                .isEqualTo("input.data.patient_dtos: not an array");
    }

    @Test
    void refusesAnAbsurdAmount() {
        ObjectNode message = threeOrders("MM-5");
        ((ObjectNode) message.at("/input/data/patient_dtos/0/fsi_encounter_dtos/0/fsi_order_dtos/0"))
                .put("pric", "1e400");

        assertThat(refused("/fsi/api/3102", message.toString()).get("err_msg").asText())
                .startsWith("input.data.patient_dtos[0].fsi_encounter_dtos[0].fsi_order_dtos[0].pric: out of range");
    }

    @Test
    void refusesARepeatedOrderId() {
        ObjectNode message = review("3102", "MM-6", 7, "P-MM", encounter("MD-MM-6",
                order("F1", AMOXICILLIN, "1", "0.20"), order("F1", SALINE, "1", "2.00")));

        assertThat(refused("/fsi/api/3102", message.toString()).get("err_msg").asText())
                .isEqualTo("input.data.patient_dtos[0].fsi_encounter_dtos[0].fsi_order_dtos[1].rx_id: repeats "
                        + "input.data.patient_dtos[0].fsi_encounter_dtos[0].fsi_order_dtos[0].rx_id");
    }

    @Test
    void refusesADuplicateJsonKey() {
        assertThat(refused("/fsi/api/3102", "{\"msgid\": \"a\", \"msgid\": \"b\"}").get("err_msg").asText())
                .contains("Duplicate field 'msgid'");
    }

    @Test
    void refusesAMessageSentToTheWrongInterface() {
        ObjectNode message = threeOrders("MM-7");

        assertThat(refused("/fsi/api/3101", message.toString()).get("err_msg").asText())
                .isEqualTo("infno: 3102 sent to the endpoint of 3101");
    }

    @Test
    void answersAnUnknownPathWith404Envelope() {
        TestingServer.Answer answer = server.post("/fsi/api/9999", H001_KEY, "{}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("infcode").asInt()).isEqualTo(-1);
        assertThat(answer.json().get("err_code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void answersAWrongMethodWith405Envelope() {
        TestingServer.Answer answer = server.get("/fsi/api/3102", Optional.of(H001_KEY));

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.json().get("infcode").asInt()).isEqualTo(-1);
    }

    @Test
    void answersAnUnexpectedFailureWith500AndAnErrorIdThatIsInTheLog() throws Exception {
        TestingServer.Answer answer = server.post("/api/test/fail", H001_KEY, "{}");

        assertThat(answer.status()).isEqualTo(500);
        JsonNode json = answer.json();
        assertThat(json.get("infcode").asInt()).isEqualTo(-1);
        String errorId = json.get("error_id").asText();
        assertThat(errorId).matches("E[0-9a-f]{16}");
        assertThat(json.get("err_msg").asText()).contains(errorId).doesNotContain("planted");
        assertThat(answer.body()).doesNotContain("IllegalStateException").doesNotContain("secret internals");
        assertThat(TestingFiles.eventually(server.dataDir().resolve("serve.log"), errorId))
                .contains("planted failure");
    }
}
