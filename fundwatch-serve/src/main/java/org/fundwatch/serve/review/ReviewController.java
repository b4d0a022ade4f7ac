package org.fundwatch.serve.review;

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
import org.fundwatch.serve.access.Caller;
import org.fundwatch.serve.wire.MessageNode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/review}: one visit in Fundwatch JSON, its findings back. */
@RestController
@Tag(name = "review", description = "Real-time review in Fundwatch JSON (事前提醒/事中审核)")
@SecurityRequirement(name = "api-key")
final class ReviewController {
    private final Reviewer reviewer;
    private final ObjectMapper mapper;
    private final Clock clock;

    ReviewController(Reviewer reviewer, ObjectMapper mapper, Clock clock) {
        this.reviewer = reviewer;
        this.mapper = mapper;
        this.clock = clock;
    }

    @ApiResponse(responseCode = "200", description = "The findings, whether to block, whether the visit was accepted",
            useReturnTypeSchema = true)
    @PostMapping(path = "/api/v1/review", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Review one visit at a moment (PRE 事前 or DURING 事中)",
            description = "The visit is reviewed against the enabled rules of the moment (or only rule_ids). "
                    + "block is true when some finding's action is BLOCK. With a settlement scene (6, 8, 10) and "
                    + "no BLOCK finding the visit is accepted into the history the look-back rules read. Errors "
                    + "answer with the national envelope (infcode -1, err_msg naming the field).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"),
                    examples = @ExampleObject(name = "price cap", value = ReviewExamples.REQUEST))))
    ReviewAnswer review(@RequestBody(required = false) byte[] body,
                        @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        ReviewRequest request = ReviewRequest.read(MessageNode.parse(mapper, body), LocalDateTime.now(clock));
        caller.mayActFor(request.claim().institution().code(), "institution.fixmedins_code");
        Reviewer.Outcome outcome = reviewer.review(request.claim(), request.moment(), request.scene(),
                request.ruleIds());
        caller.noteFindings(outcome.review().findings().size());
        return new ReviewAnswer(outcome.review().findings().stream().map(FindingView::of).toList(),
                outcome.review().notEvaluated(), outcome.block(), outcome.accepted());
    }
}
