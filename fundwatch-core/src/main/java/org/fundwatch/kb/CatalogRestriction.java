package org.fundwatch.kb;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One catalog entry (医保目录, a {@code med_list} row) with its restriction text 限定支付范围.
 *
 * @param hilistCode {@code hilist_code}
 * @param hilistName {@code hilist_name}
 * @param text       {@code lmt_usescp}, as written in the catalog; empty when the item is not restricted
 * @param begndate   first day the entry is valid
 * @param enddate    last day the entry is valid (inclusive), empty when open-ended
 */
public record CatalogRestriction(String hilistCode, String hilistName, String text, LocalDate begndate,
                                 Optional<LocalDate> enddate) {

    public CatalogRestriction {
        Objects.requireNonNull(hilistCode, "hilistCode is null");
        Objects.requireNonNull(hilistName, "hilistName is null");
        Objects.requireNonNull(text, "text is null");
        Objects.requireNonNull(begndate, "begndate is null");
        Objects.requireNonNull(enddate, "enddate is null");
    }

    /** Whether the catalog states a restriction (the text is not blank). */
    public boolean restricted() {
        return !text.isBlank();
    }
}
