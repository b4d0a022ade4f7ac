package org.fundwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundwatch.serve.TestingMessages.encounter;
import static org.fundwatch.serve.TestingMessages.order;
import static org.fundwatch.serve.TestingMessages.review;
import static org.fundwatch.serve.TestingServer.AMOXICILLIN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fundwatch.screening.VisitHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo mode: no keys, loopback only; and a bureau's dictionary codes in the national answer. */
class InsecureLocalTest {

    @Test
    void servesWithoutKeysOnLoopbackAndAnswersInTheBureausCodes(@TempDir Path dir) throws Exception {
        Path mapping = dir.resolve("codes.properties");
        Files.writeString(mapping, "vola_bhvr_type.OVER_PRICE_CAP=0101\nsev_deg.1=01\n", StandardCharsets.UTF_8);
        ServeOptions options = ServeOptions.defaults().withPort(0).withInsecureLocal(true)
                .withDataDir(dir.resolve("data")).withCodeMapping(mapping);

        try (ReviewServer server = ReviewServer.start(options, TestingServer.screening(new VisitHistory(30)))) {
            assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
            HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/fsi/api/3102"))
                    .POST(HttpRequest.BodyPublishers.ofString(review("3102", "IL-1", 7, "P-IL-1",
                            encounter("MD-IL-1", order("F1", AMOXICILLIN, "36", "0.35"))).toString())).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode result = TestingServer.JSON.readTree(response.body()).at("/output/result/0");
            assertThat(result.get("vola_bhvr_type").asText()).isEqualTo("0101");
            assertThat(result.get("sev_deg").asText()).isEqualTo("01");
        }
    }
}
