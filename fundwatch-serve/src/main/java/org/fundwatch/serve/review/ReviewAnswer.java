package org.fundwatch.serve.review;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer of {@code /api/v1/review}.
 *
 * @param notEvaluated the rules asked for that cannot decide in real time (they need the whole population)
 * @param block        some finding's action is BLOCK
 * @param accepted     the visit settled (a settlement scene, no BLOCK finding) and is in the history
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ReviewAnswer(List<FindingView> findings, List<String> notEvaluated, boolean block, boolean accepted) {
}
