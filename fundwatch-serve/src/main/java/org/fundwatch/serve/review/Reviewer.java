package org.fundwatch.serve.review;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.findings.Finding;
import org.fundwatch.rules.Action;
import org.fundwatch.rules.Moment;
import org.fundwatch.screening.InstantScreening;
import org.fundwatch.screening.VisitClaim;

/**
 * Reviews one visit at a moment and, in a settlement scene, settles it: a visit whose review raises no BLOCK
 * finding is accepted into the history (idempotent by {@code mdtrt_id}, so a retried call never counts twice). An
 * admission (scene 3) registers the stay, so that claims made during it are judged against it.
 * Which rules decide, and how, is the evaluator's business.
 */
public final class Reviewer {

    /**
     * A review's result.
     *
     * @param block    some finding's action is BLOCK: the settlement should not go through as is
     * @param accepted the visit settled (a settlement scene and no BLOCK finding) and is in the history; a retried
     *                 call answers the same and records nothing twice
     */
    public record Outcome(InstantScreening.Review review, boolean block, boolean accepted) {
    }

    private final InstantScreening screening;

    public Reviewer(InstantScreening screening) {
        this.screening = Objects.requireNonNull(screening, "screening is null");
    }

    /**
     * Reviews {@code claim} with the rules of {@code moment} ({@code ruleIds} empty = all of them); the scene, when
     * given, must be of that moment.
     */
    public Outcome review(VisitClaim claim, Moment moment, Optional<Scene> scene, Set<String> ruleIds) {
        if (scene.isPresent() && scene.get().moment() != moment) {
            throw new IllegalArgumentException("scene " + scene.get().code() + " is not of moment " + moment);
        }
        InstantScreening.Review review = screening.review(claim, moment, ruleIds);
        boolean block = review.findings().stream().map(Finding::action).anyMatch(Action.BLOCK.name()::equals);
        boolean accepted = scene.map(Scene::settles).orElse(false) && !block;
        if (accepted) {
            screening.accept(claim);
        } else if (scene.filter(Scene.ADMISSION::equals).isPresent() && !block) {
            // A stay known from its admission: claims elsewhere during the stay are caught before it settles.
            screening.admit(claim);
        }
        return new Outcome(review, block, accepted);
    }
}
