package org.fundwatch.serve.fsi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fundwatch.findings.Finding;
import org.fundwatch.rules.Moment;
import org.fundwatch.serve.access.Caller;
import org.fundwatch.serve.review.Reviewer;
import org.fundwatch.serve.wire.Envelope;
import org.fundwatch.serve.wire.MessageNode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /fsi/api/3101} (事前提醒, scenes 1–5), {@code POST /fsi/api/3102} (事中审核, scenes 6–10) and the
 * benchmark baseline {@code POST /fsi/api/noop}.
 */
@RestController
@Tag(name = "fsi", description = "National real-time review interfaces 3101/3102 (全国统一医保信息平台 事前事中)")
@SecurityRequirement(name = "api-key")
final class FsiController {
    private static final Map<String, Object> NOTHING = Map.of();

    private final Reviewer reviewer;
    private final CodeMapping codes;
    private final ObjectMapper mapper;
    private final Clock clock;

    FsiController(Reviewer reviewer, CodeMapping codes, ObjectMapper mapper, Clock clock) {
        this.reviewer = reviewer;
        this.codes = codes;
        this.mapper = mapper;
        this.clock = clock;
    }

    @ApiResponse(responseCode = "200", description = "The national answer with output.result[]",
            useReturnTypeSchema = true)
    @PostMapping(path = "/fsi/api/3101", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "3101 事前提醒: review the orders of a visit (trig_scen 1-5)",
            description = "Reviews the encounter named by each patient's curr_mdtrt_id (each encounter when "
                    + "absent) against the PRE rules and answers output.result[] with judge_result_detail_dtos[].",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"),
                    examples = @ExampleObject(name = "3101", value = FsiExamples.REQUEST_3101))))
    Envelope<JudgeResult.Output> review3101(
            @RequestBody(required = false) byte[] body,
            @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return review("3101", Moment.PRE, body, caller);
    }

    @ApiResponse(responseCode = "200", description = "The national answer with output.result[]",
            useReturnTypeSchema = true)
    @PostMapping(path = "/fsi/api/3102", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "3102 事中审核: review a visit in settlement (trig_scen 6-10)",
            description = "Reviews against the DURING rules. In a settlement scene (6 outpatient, 8 inpatient, "
                    + "10 purchase) a visit without a BLOCK finding is accepted into the history (idempotent by "
                    + "mdtrt_id).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"),
                    examples = @ExampleObject(name = "3102, drug above its price cap",
                            value = FsiExamples.REQUEST_3102))))
    Envelope<JudgeResult.Output> review3102(
            @RequestBody(required = false) byte[] body,
            @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return review("3102", Moment.DURING, body, caller);
    }

    @ApiResponse(responseCode = "200", description = "An empty envelope", useReturnTypeSchema = true)
    @PostMapping(path = "/fsi/api/noop", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Benchmark baseline: authenticated, parses nothing, answers an empty envelope")
    Envelope<Map<String, Object>> noop(@Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return caller.answer(NOTHING, LocalDateTime.now(clock));
    }

    private Envelope<JudgeResult.Output> review(String infno, Moment moment, byte[] body, Caller caller) {
        FsiMessage message = FsiMessage.read(MessageNode.parse(mapper, body), infno, caller);
        ReviewData data = ReviewData.read(message.data(), infno, moment, caller, caller.receivedAt());
        List<JudgeResult> results = new ArrayList<>();
        for (ReviewData.Encounter e : data.encounters()) {
            Reviewer.Outcome outcome = reviewer.review(e.claim(), moment, Optional.of(data.scene()), data.ruleIds());
            for (Finding f : outcome.review().findings()) {
                results.add(JudgeResult.of(f, e.patnId(), e.claim().mdtrtId(), data.taskId(), codes));
            }
        }
        caller.noteFindings(results.size());
        return caller.answer(new JudgeResult.Output(results), LocalDateTime.now(clock));
    }
}
