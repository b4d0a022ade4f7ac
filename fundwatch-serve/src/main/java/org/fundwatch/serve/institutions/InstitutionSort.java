package org.fundwatch.serve.institutions;

import java.util.Locale;

/** The orders of the institutions table, named by the {@code sort} parameter ({@code ?sort=per_thousand}). */
enum InstitutionSort {
    CODE("code"),
    NAME("name"),
    SETTLEMENTS("settlements DESC"),
    FUND_PAID("fund_paid DESC"),
    FINDINGS("findings DESC"),
    AMOUNT("amount DESC"),
    PER_THOUSAND("per_thousand DESC NULLS LAST"),
    DEDUCTED("deducted DESC");

    /** The ORDER BY of the table's query: SQL, fixed here; nothing a request sends becomes SQL. */
    final String orderBy;

    InstitutionSort(String orderBy) {
        this.orderBy = orderBy;
    }

    /** The parameter's value for this order. */
    String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order a parameter names; the largest finding amount first when it names none. */
    static InstitutionSort of(String param) {
        for (InstitutionSort s : values()) {
            if (s.param().equals(param)) {
                return s;
            }
        }
        return AMOUNT;
    }
}
