package org.fundwatch.serve;

import java.util.Objects;
import java.util.Optional;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.serve.rules.TrialRun;

/**
 * What the UI's rule management starts from: the pack the server was started with (it becomes the store's live
 * pack when the store has none) and, when a dataset was given, the engine for trial runs.
 */
public record Workbench(PolicyPack.PackText startPack, Optional<TrialRun> trialRun) {
    public Workbench {
        Objects.requireNonNull(startPack, "startPack is null");
        Objects.requireNonNull(trialRun, "trialRun is null");
    }

    /** The default pack, no trial runs. */
    public static Workbench defaults() {
        return new Workbench(PolicyPack.defaultPackText(), Optional.empty());
    }
}
