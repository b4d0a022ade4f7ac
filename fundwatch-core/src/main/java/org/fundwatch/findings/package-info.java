/**
 * Findings (疑点) as FORMAT.md defines them: the finding with its deterministic {@code jr_id}, and the fee lines it
 * names. Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.findings;
