package org.fundwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundwatch.serve.TestingMessages.encounter;
import static org.fundwatch.serve.TestingMessages.order;
import static org.fundwatch.serve.TestingMessages.review;
import static org.fundwatch.serve.TestingServer.AMOXICILLIN;
import static org.fundwatch.serve.TestingServer.H001_KEY;
import static org.fundwatch.serve.TestingServer.OUTPATIENT_FEE;
import static org.fundwatch.serve.TestingServer.SALINE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** 3101 事前 and 3102 事中 over HTTP: the national answer with each finding, its rule, amount and detail lines. */
class NationalReviewTest {
    private final TestingServer server = TestingServer.shared();

    @Test
    void answers3102WithThePlantedPriceCapFindingItsRuleAmountAndDetailLines() {
        // 36 capsules at 0.35 yuan, the cap is 0.20: 5.40 yuan above the cap; the outpatient fee is within its cap
        ObjectNode message = review("3102", "H001-NR-1", 7, "P-NR-1", encounter("MD-NR-1",
                order("F1", OUTPATIENT_FEE, "1", "10.00"), order("F2", AMOXICILLIN, "36", "0.35")));

        TestingServer.Answer answer = server.post("/fsi/api/3102", H001_KEY, message);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("infcode").asInt()).isZero();
        assertThat(json.get("err_msg").isNull()).isTrue();
        assertThat(json.get("inf_refmsgid").asText()).hasSize(30).startsWith("FW");
        assertThat(json.get("refmsg_time").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        JsonNode results = json.at("/output/result");
        assertThat(results).hasSize(1);
        JsonNode r = results.get(0);
        assertThat(r.get("rule_id").asText()).isEqualTo("FW-101");
        assertThat(r.get("rule_name").asText()).isEqualTo("药品超医保支付价格上限");
        assertThat(r.get("vola_bhvr_type").asText()).isEqualTo("OVER_PRICE_CAP");
        assertThat(r.get("sev_deg").asText()).isEqualTo("1");
        assertThat(r.get("vola_amt").decimalValue()).isEqualByComparingTo("5.40");
        assertThat(r.get("vola_amt_stas").asText()).isEqualTo("1");
        assertThat(r.get("vola_cont").asText()).isNotBlank();
        assertThat(r.get("vola_evid").asText()).isNotBlank();
        assertThat(r.get("jr_id").asText()).matches("[0-9a-f]{32}");
        assertThat(r.get("task_id").asText()).isEqualTo("T-H001-NR-1");
        assertThat(r.get("patn_id").asText()).isEqualTo("P-NR-1");
        assertThat(r.get("mdtrt_id").asText()).isEqualTo("MD-NR-1");
        JsonNode details = r.get("judge_result_detail_dtos");
        assertThat(details).hasSize(1);
        JsonNode d = details.get(0);
        assertThat(d.get("jrd_id").asText()).isEqualTo(r.get("jr_id").asText() + "-1");
        assertThat(d.get("rx_id").asText()).isEqualTo("F2");
        assertThat(d.get("vola_item_type").asText()).isEqualTo("1");
        assertThat(d.get("vola_amt").decimalValue()).isEqualByComparingTo(new BigDecimal("5.40"));
        assertThat(d.get("patn_id").asText()).isEqualTo("P-NR-1");
        assertThat(d.get("mdtrt_id").asText()).isEqualTo("MD-NR-1");
    }

    @Test
    void answers3101InAnOrderingSceneWithTheSameFindingBeforeSettlement() {
        ObjectNode message = review("3101", "H001-NR-2", 2, "P-NR-2", encounter("MD-NR-2",
                order("F1", AMOXICILLIN, "36", "0.35")));

        JsonNode json = server.post("/fsi/api/3101", H001_KEY, message).json();

        assertThat(json.get("infcode").asInt()).isZero();
        assertThat(json.at("/output/result/0/rule_id").asText()).isEqualTo("FW-101");
    }

    @Test
    void refuses3101InASettlementScene() {
        ObjectNode message = review("3101", "H001-NR-3", 6, "P-NR-3", encounter("MD-NR-3",
                order("F1", AMOXICILLIN, "36", "0.35")));

        TestingServer.Answer answer = server.post("/fsi/api/3101", H001_KEY, message);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("infcode").asInt()).isEqualTo(-1);
        assertThat(answer.json().get("err_msg").asText()).startsWith("input.data.trig_scen: 6 is a 事中 scene");
        assertThat(answer.json().get("output").isNull()).isTrue();
    }

    @Test
    void refuses3102InAnOrderingScene() {
        ObjectNode message = review("3102", "H001-NR-4", 3, "P-NR-4", encounter("MD-NR-4"));

        TestingServer.Answer answer = server.post("/fsi/api/3102", H001_KEY, message);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("err_msg").asText()).startsWith("input.data.trig_scen: 3 is a 事前 scene");
    }

    @Test
    void answersAnEmptyResultForAVisitWithinEveryCap() {
        ObjectNode message = review("3102", "H001-NR-5", 7, "P-NR-5", encounter("MD-NR-5",
                order("F1", AMOXICILLIN, "12", "0.20"), order("F2", SALINE, "2", "2.80")));

        JsonNode json = server.post("/fsi/api/3102", H001_KEY, message).json();

        assertThat(json.get("infcode").asInt()).isZero();
        assertThat(json.at("/output/result")).isEmpty();
    }

    @Test
    void reviewsOnlyTheEncounterNamedByCurrMdtrtId() {
        ObjectNode message = review("3102", "H001-NR-6", 7, "P-NR-6",
                encounter("MD-NR-6A", order("F1", AMOXICILLIN, "36", "0.35")),
                encounter("MD-NR-6B", order("F1", SALINE, "1", "9.00")));
        ((ObjectNode) message.at("/input/data/patient_dtos/0")).put("curr_mdtrt_id", "MD-NR-6B");

        JsonNode results = server.post("/fsi/api/3102", H001_KEY, message).json().at("/output/result");

        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("mdtrt_id").asText()).isEqualTo("MD-NR-6B");
        assertThat(results.get(0).get("vola_amt").decimalValue()).isEqualByComparingTo("6.00");
    }

    @Test
    void reviewsEveryEncounterWithoutCurrMdtrtId() {
        ObjectNode message = review("3102", "H001-NR-7", 7, "P-NR-7",
                encounter("MD-NR-7A", order("F1", AMOXICILLIN, "36", "0.35")),
                encounter("MD-NR-7B", order("F1", SALINE, "1", "9.00")));

        JsonNode results = server.post("/fsi/api/3102", H001_KEY, message).json().at("/output/result");

        assertThat(results).extracting(r -> r.get("mdtrt_id").asText()).containsExactly("MD-NR-7A", "MD-NR-7B");
    }

    @Test
    void reviewsOnlyTheRulesAskedForInRuleIds() {
        ObjectNode message = review("3102", "H001-NR-8", 7, "P-NR-8", encounter("MD-NR-8",
                order("F1", AMOXICILLIN, "36", "0.35")));
        ((ObjectNode) message.at("/input/data")).put("rule_ids", "FW-171,FW-201");

        JsonNode json = server.post("/fsi/api/3102", H001_KEY, message).json();

        assertThat(json.get("infcode").asInt()).isZero();
        assertThat(json.at("/output/result")).isEmpty();
    }

    @Test
    void answersTheSameInfRefmsgidToARetriedMessage() {
        ObjectNode message = review("3102", "H001-NR-9", 7, "P-NR-9", encounter("MD-NR-9",
                order("F1", AMOXICILLIN, "36", "0.35")));

        JsonNode first = server.post("/fsi/api/3102", H001_KEY, message).json();
        JsonNode again = server.post("/fsi/api/3102", H001_KEY, message).json();

        assertThat(again.get("inf_refmsgid")).isEqualTo(first.get("inf_refmsgid"));
        assertThat(again.at("/output/result")).isEqualTo(first.at("/output/result"));
    }
}
