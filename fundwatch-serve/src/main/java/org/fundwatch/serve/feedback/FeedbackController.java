package org.fundwatch.serve.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fundwatch.serve.access.Caller;
import org.fundwatch.serve.wire.Envelope;
import org.fundwatch.serve.wire.MessageNode;
import org.fundwatch.serve.wire.Refusal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /fsi/api/3103}: feedback on warnings; {@code GET /fsi/api/3103}: the feedback stored. */
@RestController
@Tag(name = "fsi", description = "National real-time review interfaces 3101/3102 (全国统一医保信息平台 事前事中)")
@SecurityRequirement(name = "api-key")
final class FeedbackController {
    private static final int MAX_LIMIT = 10_000;

    /** The output of a 3103 answer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Stored(int stored, int alreadyStored) {
    }

    /** The output of a query. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Found(List<Feedback> feedbacks) {
    }

    private final FeedbackStore store;
    private final ObjectMapper mapper;
    private final Clock clock;

    FeedbackController(FeedbackStore store, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    @ApiResponse(responseCode = "200", description = "How many feedbacks were stored and how many were held already",
            useReturnTypeSchema = true)
    @PostMapping(path = "/fsi/api/3103", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "3103 反馈: what the doctor did with each warning",
            description = "input.data.warns[]: warn_rslt_id (a jr_id we returned), dspo_way 1 continue / 2 modify, "
                    + "dspo_way_rea required to continue. Stored append-only; a feedback sent again is stored once.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"),
                    examples = @ExampleObject(name = "3103", value = FeedbackExamples.REQUEST))))
    Envelope<Stored> feedback(@RequestBody(required = false) byte[] body,
                              @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller)
            throws IOException {
        MessageNode root = MessageNode.parse(mapper, body);
        String msgid = root.text("msgid");
        caller.noteMessage(msgid);
        root.optText("infno").filter(n -> !n.equals("3103")).ifPresent(n -> {
            throw Refusal.badField("infno", n + " sent to the endpoint of 3103");
        });
        String institution = root.text("fixmedins_code");
        caller.mayActFor(institution, "fixmedins_code");
        MessageNode data = root.object("input").object("data");
        String warnType = data.text("warn_type");
        List<MessageNode> warns = data.objects("warns");
        if (warns.isEmpty()) {
            throw Refusal.badField(data.pathOf("warns"), "empty, expected at least one warning");
        }
        String receivedAt = Envelope.TIME.format(caller.receivedAt());
        List<Feedback> feedbacks = new ArrayList<>(warns.size());
        for (MessageNode w : warns) {
            String warning = w.text("warn_rslt_id");
            String way = w.text("dspo_way");
            if (!way.equals("1") && !way.equals("2")) {
                throw Refusal.badField(w.pathOf("dspo_way"), "must be 1 (continue) or 2 (modify), not " + way);
            }
            Optional<String> reason = w.optText("dspo_way_rea");
            if (way.equals("1") && reason.isEmpty()) {
                throw Refusal.badField(w.pathOf("dspo_way_rea"), "required when dspo_way is 1 (continue)");
            }
            feedbacks.add(new Feedback(Feedback.idOf(institution, warnType, warning, way, reason.orElse(null)),
                    receivedAt, institution, caller.keyId(), msgid, warnType, warning, way, reason.orElse(null)));
        }
        int stored = 0;
        for (Feedback f : feedbacks) {
            if (store.store(f)) {
                stored++;
            }
        }
        return caller.answer(new Stored(stored, feedbacks.size() - stored), LocalDateTime.now(clock));
    }

    @ApiResponse(responseCode = "200", description = "The feedback found", useReturnTypeSchema = true)
    @GetMapping(path = "/fsi/api/3103", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The feedback stored, by warning or by institution and time",
            description = "Only the calling institution's feedback. from/to bound the time it arrived "
                    + "(yyyy-MM-dd HH:mm:ss or yyyy-MM-dd), both inclusive.")
    Envelope<Found> find(@RequestParam(name = "warn_rslt_id", required = false) String warnRsltId,
                         @RequestParam(name = "fixmedins_code", required = false) String fixmedinsCode,
                         @RequestParam(name = "from", required = false) String from,
                         @RequestParam(name = "to", required = false) String to,
                         @RequestParam(name = "limit", required = false, defaultValue = "1000") int limit,
                         @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        if (fixmedinsCode != null) {
            caller.mayActFor(fixmedinsCode, "fixmedins_code");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Refusal.badField("limit", "must be 1-" + MAX_LIMIT + ", not " + limit);
        }
        Optional<String> institution = caller.institution().or(() -> Optional.ofNullable(fixmedinsCode));
        List<Feedback> found;
        if (warnRsltId != null && !warnRsltId.isBlank()) {
            found = store.onWarning(warnRsltId.strip(), institution);
        } else {
            found = store.query(institution, QueryTime.of("from", from, false), QueryTime.of("to", to, true), limit);
        }
        return caller.answer(new Found(found.stream().limit(limit).toList()), LocalDateTime.now(clock));
    }
}
