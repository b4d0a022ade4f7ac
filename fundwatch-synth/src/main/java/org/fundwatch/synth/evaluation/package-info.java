/**
 * 评估: measures a screening run against the generator's planted cases — recall and precision per violation type
 * of a {@code findings.csv} (FORMAT.md §Findings) against {@code labels.csv} and {@code near_misses.csv}
 * (FORMAT.md §Labels).
 *
 * <p>The public API is {@link org.fundwatch.synth.evaluation.Evaluation} (with its
 * {@link org.fundwatch.synth.evaluation.Evaluation.Options}), the
 * {@link org.fundwatch.synth.evaluation.EvaluationReport} it returns and
 * {@link org.fundwatch.synth.evaluation.EvaluationException}; everything else is package-private. The matching rule
 * is documented once, on {@link org.fundwatch.synth.evaluation.Evaluation}.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.synth.evaluation;
