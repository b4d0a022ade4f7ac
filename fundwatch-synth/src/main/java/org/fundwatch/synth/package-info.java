/**
 * 模拟数据生成: a deterministic, streaming generator of synthetic claims in the Fundwatch exchange format, with
 * planted violations of every type of DOMAIN.md §3, their labels and near-misses that must not fire.
 * The public API is {@link org.fundwatch.synth.Generator}, {@link org.fundwatch.synth.GeneratorConfig} and
 * {@link org.fundwatch.synth.GenerationSummary}; everything else is package-private.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.synth;
