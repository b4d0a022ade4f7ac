package org.fundwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundwatch.serve.TestingMessages.feedback;
import static org.fundwatch.serve.TestingMessages.warn;
import static org.fundwatch.serve.TestingServer.H001_KEY;
import static org.fundwatch.serve.TestingServer.H002_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** 3103: feedback validated, stored append-only once however often it is sent, and queryable. */
class FeedbackTest {
    private final TestingServer server = TestingServer.shared();

    @Test
    void refusesContinuingWithoutAReason() {
        ObjectNode message = feedback("FB-1", warn("jr-fb-1", "2", null), warn("jr-fb-2", "1", null));

        TestingServer.Answer answer = server.post("/fsi/api/3103", H001_KEY, message);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("err_msg").asText())
                .isEqualTo("input.data.warns[1].dspo_way_rea: required when dspo_way is 1 (continue)");
        assertThat(server.get("/fsi/api/3103?warn_rslt_id=jr-fb-1", Optional.of(H001_KEY)).json()
                .at("/output/feedbacks")).as("nothing of a refused message is stored").isEmpty();
    }

    @Test
    void refusesAnUnknownDisposal() {
        TestingServer.Answer answer = server.post("/fsi/api/3103", H001_KEY, feedback("FB-2",
                warn("jr-fb-3", "3", "x")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("err_msg").asText()).startsWith("input.data.warns[0].dspo_way: must be 1");
    }

    @Test
    void storesAResentFeedbackOnceAndFindsItByWarning() throws Exception {
        ObjectNode message = feedback("FB-3", warn("jr-fb-4", "1", "患者病情需要，已告知自费"), warn("jr-fb-5", "2", null));

        JsonNode first = server.post("/fsi/api/3103", H001_KEY, message).json();
        JsonNode again = server.post("/fsi/api/3103", H001_KEY, message).json();

        assertThat(first.get("infcode").asInt()).isZero();
        assertThat(first.at("/output/stored").asInt()).isEqualTo(2);
        assertThat(again.at("/output/stored").asInt()).isZero();
        assertThat(again.at("/output/already_stored").asInt()).isEqualTo(2);
        long lines = Files.readAllLines(server.dataDir().resolve("feedback.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("\"jr-fb-4\"")).count();
        assertThat(lines).isEqualTo(1);

        JsonNode found = server.get("/fsi/api/3103?warn_rslt_id=jr-fb-4", Optional.of(H001_KEY)).json()
                .at("/output/feedbacks");
        assertThat(found).hasSize(1);
        JsonNode f = found.get(0);
        assertThat(f.get("warn_rslt_id").asText()).isEqualTo("jr-fb-4");
        assertThat(f.get("dspo_way").asText()).isEqualTo("1");
        assertThat(f.get("dspo_way_rea").asText()).isEqualTo("患者病情需要，已告知自费");
        assertThat(f.get("fixmedins_code").asText()).isEqualTo("H001");
        assertThat(f.get("key_id").asText()).isEqualTo("his-h001");
        assertThat(f.get("msgid").asText()).isEqualTo("FB-3");
    }

    @Test
    void findsFeedbackByInstitutionAndTimeRangeAndHidesItFromOtherInstitutions() {
        server.post("/fsi/api/3103", H001_KEY, feedback("FB-4", warn("jr-fb-6", "2", null)));
        String today = LocalDate.now().toString();
        String tomorrow = LocalDate.now().plusDays(1).toString();

        JsonNode todays = server.get("/fsi/api/3103?fixmedins_code=H001&from=" + today + "&to=" + today,
                Optional.of(H001_KEY)).json().at("/output/feedbacks");
        JsonNode future = server.get("/fsi/api/3103?from=" + tomorrow, Optional.of(H001_KEY)).json()
                .at("/output/feedbacks");
        JsonNode othersView = server.get("/fsi/api/3103?warn_rslt_id=jr-fb-6", Optional.of(H002_KEY)).json()
                .at("/output/feedbacks");
        TestingServer.Answer othersQuery = server.get("/fsi/api/3103?fixmedins_code=H001", Optional.of(H002_KEY));

        assertThat(todays).extracting(f -> f.get("warn_rslt_id").asText()).contains("jr-fb-6");
        assertThat(future).isEmpty();
        assertThat(othersView).isEmpty();
        assertThat(othersQuery.status()).isEqualTo(403);
    }
}
