package org.fundwatch.kb;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * A knowledge point restricting one item (知识点), a {@code kb_item_limit} row without its id.
 *
 * @param hilistCode the item
 * @param type       {@code lmt_type}
 * @param value      {@code lmt_value}, in the format of its type
 * @param begndate   first day the point applies (the catalog entry's)
 * @param enddate    last day, inclusive (the catalog entry's), empty when open-ended
 * @param basis      where the point comes from (依据)
 */
public record ItemLimit(String hilistCode, LimitType type, String value, LocalDate begndate,
                        Optional<LocalDate> enddate, String basis) {

    public ItemLimit {
        Objects.requireNonNull(hilistCode, "hilistCode is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(begndate, "begndate is null");
        Objects.requireNonNull(enddate, "enddate is null");
        Objects.requireNonNull(basis, "basis is null");
    }

    /**
     * A deterministic {@code kp_id}: prefix, item code, type and first day, e.g. {@code
     * KPCXG03DAH027E001010104023-GENDER-20240101}. Unique as long as the catalog has one entry per item and first
     * day (its key) and the point one value per type.
     */
    public String kpId(String prefix) {
        return prefix + hilistCode + "-" + type.name() + "-" + begndate.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
