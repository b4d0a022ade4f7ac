/**
 * The suspicious-point workflow (疑点处理) on PostgreSQL: the store and its migrations ({@code store}), findings
 * loaded idempotently from a screening run ({@code loading}), the review state machine with its deadlines and audit
 * log ({@code cases}), the working-day calendar ({@code calendar}), the money ledger ({@code ledger}) and the users
 * ({@code users}). Plain SQL through Spring's {@code JdbcClient}; no ORM.
 */
package org.fundwatch.workflow;
