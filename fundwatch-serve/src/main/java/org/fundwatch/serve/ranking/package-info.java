/**
 * The risk ranking (风险排名) page: whom to inspect first, institutions, physicians and insured persons ranked by
 * {@link org.fundwatch.ranking.RiskRanking} over the workflow store, with each part of the score.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.serve.ranking;
