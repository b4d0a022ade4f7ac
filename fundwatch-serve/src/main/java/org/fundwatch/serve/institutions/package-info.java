/**
 * The institutions (定点机构) in the bureau's eyes: the table of all with their settlements, findings, finding rate
 * and deductions, and each institution's profile (机构画像), which the institution's own users see too, limited to
 * what was pushed to them.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.serve.institutions;
