/**
 * The risk ranking (风险排名) over the workflow store: the facts {@link org.fundwatch.ranking.RiskRanking} ranks,
 * read from the findings, the case file's visits, the indicator table, the states the workflow reached and the
 * ledger.
 */
package org.fundwatch.workflow.ranking;
