package org.fundwatch.serve.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import org.fundwatch.rules.PolicyPack;

/**
 * A trial screening (政策仿真) of a rule pack on a dataset, before the pack goes live. The server has no engine of
 * its own (none reaches its classpath); the command line that starts it hands one in, on the dataset it was given.
 */
public interface TrialRun {
    /** Per rule id what the pack (its two files) finds on the dataset. */
    Map<String, Hits> screen(PolicyPack.PackText pack) throws IOException;

    /** The dataset the trial runs on, as the page names it. */
    String dataset();

    /** A rule's hits: findings, their amount, and RAN or NOT_RUN (its data absent). */
    record Hits(long findings, BigDecimal amount, String status) {
    }
}
