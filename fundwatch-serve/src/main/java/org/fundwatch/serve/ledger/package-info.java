/**
 * The ledger (扣款台账): the money the decided measures booked against the institutions — refused or deducted
 * (拒付/扣款), recovered (追回), liquidated damages (违约金) and fines (罚款) — per institution and month, and the
 * entries behind each sum; {@link org.fundwatch.serve.ledger.LedgerKind} names the kinds for the other pages.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.serve.ledger;
