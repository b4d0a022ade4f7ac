/**
 * What every endpoint shares on the wire: the national answer envelope ({@code infcode}, {@code err_msg},
 * {@code inf_refmsgid}, …), the refusals with their HTTP status and code, the strict JSON reader that names the
 * field of every error ({@code input.data.patient_dtos[0].fsi_encounter_dtos[0].fsi_order_dtos[2].cnt: not a
 * number}) and the handler that turns any failure into an envelope, never a stack trace.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional} or documented as nullable.
 */
package org.fundwatch.serve.wire;
