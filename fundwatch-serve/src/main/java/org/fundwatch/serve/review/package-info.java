/**
 * Real-time review (事前提醒/事中审核): one visit reviewed against the rules of its moment by the in-JVM evaluator
 * of fundwatch-core, whether it arrives as Fundwatch JSON ({@code POST /api/v1/review}) or as a national 3101/3102
 * message; the trigger scene decides the moment and whether a clean settlement is accepted into the history the
 * look-back rules read.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.serve.review;
