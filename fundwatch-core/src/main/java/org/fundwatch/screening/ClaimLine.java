package org.fundwatch.screening;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A fee line (费用明细) of a {@link VisitClaim}, net of its refunds.
 *
 * @param code      the national catalog code {@code med_list_codg} (= {@code hilist_code})
 * @param listName  the institution's own name for the item, used when the catalog does not know the code
 * @param amt       the line amount {@code det_item_fee_sumamt}
 * @param exposed   the fund's exposure: {@code inscp_scp_amt} when given, else the line amount
 * @param ownpay    the fully self-paid part {@code fulamt_ownpay_amt}, when the caller gave it
 */
public record ClaimLine(String feedetlSn, String code, Optional<String> listName, LocalDateTime feeTime,
                        BigDecimal cnt, BigDecimal pric, BigDecimal amt, BigDecimal exposed,
                        Optional<BigDecimal> ownpay, Optional<String> rxno) {

    public ClaimLine {
        Objects.requireNonNull(feedetlSn, "feedetlSn is null");
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(feeTime, "feeTime is null");
        Objects.requireNonNull(cnt, "cnt is null");
        Objects.requireNonNull(pric, "pric is null");
        Objects.requireNonNull(amt, "amt is null");
        Objects.requireNonNull(exposed, "exposed is null");
    }
}
