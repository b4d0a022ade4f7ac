package org.fundwatch.synth.evaluation;

import java.util.List;

/** The keys a finding and a case can share, most specific first (DOMAIN.md §3 grain column). */
enum MatchKey {
    FEEDETL_SN("feedetl_sn"),
    MDTRT_ID("mdtrt_id"),
    PSN_NO("psn_no"),
    CERTNO("certno"),
    FIXMEDINS_CODE("fixmedins_code");

    static final List<MatchKey> MOST_SPECIFIC_FIRST = List.of(values());

    final String column;

    MatchKey(String column) {
        this.column = column;
    }
}
