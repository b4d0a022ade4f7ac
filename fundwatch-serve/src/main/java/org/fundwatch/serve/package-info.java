/**
 * {@code fundwatch serve}: the real-time review service a hospital system calls while ordering (事前提醒, national
 * 3101) and in settlement (事中审核, 3102), with the feedback interface 3103 and a Fundwatch-JSON endpoint. The
 * public surface is {@link org.fundwatch.serve.ReviewServer#start} with its {@link org.fundwatch.serve.ServeOptions};
 * the features live in their packages ({@code access}, {@code review}, {@code fsi}, {@code feedback}), wired
 * explicitly by {@link org.fundwatch.serve.ServeApplication} without classpath scanning. The evaluator itself is
 * fundwatch-core's {@link org.fundwatch.screening.InstantScreening}; no engine reaches this module.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.serve;
