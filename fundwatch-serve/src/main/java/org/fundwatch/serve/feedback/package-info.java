/**
 * 3103, the caller's feedback on warnings (事前事中 反馈): what the doctor did with each result we returned
 * ({@code warn_rslt_id} = our {@code jr_id}; {@code dspo_way} 1 continued, with a reason, or 2 modified). Stored
 * append-only, each distinct feedback once, and queryable by warning or by institution and time.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.serve.feedback;
