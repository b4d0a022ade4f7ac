/**
 * 风险排名: the risk ranking of institutions, physicians and insured persons from their findings, their indicators'
 * robust z-scores and their confirmed history, engine-independent (plain Java over aggregated facts), used by the
 * batch ({@code ranking.csv}) and by the workflow UI alike.
 */
package org.fundwatch.ranking;
