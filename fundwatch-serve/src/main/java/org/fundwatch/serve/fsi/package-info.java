/**
 * The national platform's real-time review interfaces (全国统一医保信息平台 事前事中 接口): 3101 事前提醒 and 3102
 * 事中审核 read the national message ({@code input.data.patient_dtos[].fsi_encounter_dtos[]…}), review each current
 * encounter and answer {@code output.result[]} with {@code judge_result_detail_dtos[]}; a bureau's own dictionary
 * codes for {@code vola_bhvr_type} and {@code sev_deg} come from a mapping file. {@code /fsi/api/noop} answers an
 * empty envelope and is the benchmark baseline.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional} or documented as nullable.
 */
package org.fundwatch.serve.fsi;
