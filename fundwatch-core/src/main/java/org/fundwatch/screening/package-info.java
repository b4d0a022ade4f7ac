/**
 * The batch compiler: rules of a policy pack become SQL through a {@link org.fundwatch.screening.SqlDialect}, in a
 * few shared passes over the dataset (a line pass, a duplicate pass, a day pass) whose number does not grow with
 * the number of rules, plus one small query per rule over the pass results. Engines (DuckDB now, Spark later) run
 * the {@link org.fundwatch.screening.ScreeningPlan} and hand the rows to {@link
 * org.fundwatch.screening.FindingAssembler}, which turns them into explained findings with their ids.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.screening;
