package org.fundwatch.rules;

import java.util.List;

/**
 * The key a finding is reported on (FORMAT.md "Findings"). The key columns, in the order of the findings file,
 * make the finding's identity together with the rule and the period; {@code hilist_code} is part of the visit and
 * person keys so that two items of one visit or person give two findings.
 */
public enum Grain {
    LINE(List.of("feedetl_sn")),
    VISIT(List.of("mdtrt_id", "hilist_code")),
    PERSON(List.of("psn_no", "hilist_code")),
    CERTNO(List.of("certno")),
    INSTITUTION(List.of("fixmedins_code")),
    INSTITUTION_ITEM(List.of("fixmedins_code", "hilist_code")),
    INSTITUTION_DAY(List.of("fixmedins_code")),
    INSTITUTION_MONTH(List.of("fixmedins_code")),
    /** An institution's month on one monitored indicator (指标异常): one finding per indicator. */
    INSTITUTION_INDICATOR(List.of("fixmedins_code", "indicator")),
    GROUP(List.of("psn_no"));

    private final List<String> keyColumns;

    Grain(List<String> keyColumns) {
        this.keyColumns = keyColumns;
    }

    /** Columns of the findings file that identify a finding of this grain, in file order. */
    public List<String> keyColumns() {
        return keyColumns;
    }
}
