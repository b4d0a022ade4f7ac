package org.fundwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundwatch.serve.TestingMessages.fundwatchReview;
import static org.fundwatch.serve.TestingServer.AMOXICILLIN;
import static org.fundwatch.serve.TestingServer.H001_KEY;
import static org.fundwatch.serve.TestingServer.H002_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundwatch.findings.Finding;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/review}: Fundwatch JSON in, every finding column out, BLOCK and acceptance decided. */
class ReviewApiTest {
    private final TestingServer server = TestingServer.shared();

    @Test
    void answersThePriceCapFindingWithEveryFindingColumnAndBlocks() {
        ObjectNode request = fundwatchReview("DURING", "P-RA-1", "MD-RA-1", AMOXICILLIN, "36", "0.35");

        TestingServer.Answer answer = server.post("/api/v1/review", H001_KEY, request);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("block").asBoolean()).isTrue();
        assertThat(json.get("accepted").asBoolean()).isFalse();
        assertThat(json.get("not_evaluated").isArray()).isTrue();
        JsonNode f = json.at("/findings/0");
        for (String column : Finding.COLUMNS) {
            assertThat(f.has(column)).as(column).isTrue();
        }
        assertThat(f.get("rule_id").asText()).isEqualTo("FW-101");
        assertThat(f.get("action").asText()).isEqualTo("BLOCK");
        assertThat(f.get("grain").asText()).isEqualTo("LINE");
        assertThat(f.get("vola_amt").decimalValue()).isEqualByComparingTo("5.40");
        assertThat(f.get("vola_amt_stas").asInt()).isEqualTo(1);
        assertThat(f.get("psn_no").asText()).isEqualTo("P-RA-1");
        assertThat(f.get("feedetl_sn").asText()).isEqualTo("MD-RA-1-1");
        assertThat(f.get("hilist_code").asText()).isEqualTo(AMOXICILLIN);
        assertThat(f.get("period").asText()).isEqualTo("2026-03-02");
        assertThat(f.at("/lines/0/vola_item_type").asInt()).isEqualTo(1);
        assertThat(f.at("/lines/0/vola_amt").decimalValue()).isEqualByComparingTo("5.40");
    }

    @Test
    void answersNoFindingAndAcceptsACleanSettlementInScene6() {
        ObjectNode request = fundwatchReview("DURING", "P-RA-2", "MD-RA-2", AMOXICILLIN, "12", "0.20");
        request.put("scene", 6);
        // settled now, like every accepted visit of the suite: the history ages visits by settlement time
        ((ObjectNode) request.get("visit")).remove("setl_time");
        long before = server.history().visits();

        JsonNode json = server.post("/api/v1/review", H001_KEY, request).json();

        assertThat(json.get("findings")).isEmpty();
        assertThat(json.get("block").asBoolean()).isFalse();
        assertThat(json.get("accepted").asBoolean()).isTrue();
        assertThat(server.history().visits()).isEqualTo(before + 1);
    }

    @Test
    void reviewsOnlyTheRulesAskedFor() {
        ObjectNode request = fundwatchReview("DURING", "P-RA-3", "MD-RA-3", AMOXICILLIN, "36", "0.35");
        request.putArray("rule_ids").add("FW-171");

        JsonNode json = server.post("/api/v1/review", H001_KEY, request).json();

        assertThat(json.get("findings")).isEmpty();
        assertThat(json.get("block").asBoolean()).isFalse();
    }

    @Test
    void refusesAPostMoment() {
        ObjectNode request = fundwatchReview("POST", "P-RA-4", "MD-RA-4", AMOXICILLIN, "1", "0.20");

        TestingServer.Answer answer = server.post("/api/v1/review", H001_KEY, request);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("err_msg").asText()).startsWith("moment: must be PRE (事前) or DURING (事中)");
    }

    @Test
    void refusesASceneOfTheOtherMoment() {
        ObjectNode request = fundwatchReview("PRE", "P-RA-5", "MD-RA-5", AMOXICILLIN, "1", "0.20");
        request.put("scene", 8);

        assertThat(server.post("/api/v1/review", H001_KEY, request).json().get("err_msg").asText())
                .isEqualTo("scene: scene 8 belongs to moment DURING, not PRE");
    }

    @Test
    void refusesAMissingLineFieldNamingIt() {
        ObjectNode request = fundwatchReview("DURING", "P-RA-6", "MD-RA-6", AMOXICILLIN, "1", "0.20");
        ((ObjectNode) request.at("/lines/0")).remove("fee_ocur_time");

        TestingServer.Answer answer = server.post("/api/v1/review", H001_KEY, request);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("err_msg").asText()).isEqualTo("lines[0].fee_ocur_time: missing");
    }

    @Test
    void refusesAnotherInstitutionsVisit() {
        ObjectNode request = fundwatchReview("DURING", "P-RA-7", "MD-RA-7", AMOXICILLIN, "1", "0.20");

        TestingServer.Answer answer = server.post("/api/v1/review", H002_KEY, request);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("err_msg").asText()).startsWith("institution.fixmedins_code: institution H001");
    }
}
