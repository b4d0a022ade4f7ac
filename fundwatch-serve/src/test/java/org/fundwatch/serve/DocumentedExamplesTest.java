package org.fundwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundwatch.serve.TestingServer.H001_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every request example of the OpenAPI description is accepted, and the review examples find their violation. */
class DocumentedExamplesTest {
    private final TestingServer server = TestingServer.shared();

    @Test
    void everyDocumentedRequestExampleIsAcceptedAndTheReviewsFindThePriceCap() {
        JsonNode paths = server.get("/v3/api-docs", Optional.empty()).json().get("paths");
        List<String> tried = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            JsonNode examples = path.getValue().at("/post/requestBody/content/application~1json/examples");
            for (Iterator<JsonNode> ex = examples.elements(); ex.hasNext(); ) {
                JsonNode value = ex.next().get("value");
                String body = value.isTextual() ? value.asText() : value.toString();

                TestingServer.Answer answer = server.post(path.getKey(), H001_KEY, body);

                assertThat(answer.status()).as(path.getKey() + ": " + answer.body()).isEqualTo(200);
                if (!path.getKey().equals("/fsi/api/3103")) {
                    assertThat(answer.body()).as(path.getKey()).contains("\"rule_id\":\"FW-101\"");
                }
                tried.add(path.getKey());
            }
        }
        assertThat(tried).contains("/fsi/api/3101", "/fsi/api/3102", "/fsi/api/3103", "/api/v1/review");
    }

    @Test
    void everyOperationDocumentsItsRefusalsAsTheNationalEnvelope() {
        JsonNode paths = server.get("/v3/api-docs", Optional.empty()).json().get("paths");
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                JsonNode responses = op.getValue().get("responses");
                for (String code : List.of("400", "401", "403", "413", "429", "500")) {
                    assertThat(responses.at("/" + code + "/content/application~1json/schema/$ref").asText())
                            .as(op.getKey() + " " + path.getKey() + " " + code).isEqualTo("#/components/schemas/Envelope");
                }
                operations.add(op.getKey() + " " + path.getKey());
            }
        }
        assertThat(operations).contains("post /fsi/api/3102", "get /fsi/api/3103", "post /api/v1/review");
    }
}
