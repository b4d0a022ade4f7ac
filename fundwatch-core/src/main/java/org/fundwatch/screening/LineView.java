package org.fundwatch.screening;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/** A fee line joined to its visit and to one catalog version valid on its fee date ({@code fw_p_line}). */
record LineView(VisitView visit, ClaimLine line, Knowledge.CatalogEntry catalog) {

    String sn() {
        return line.feedetlSn();
    }

    String code() {
        return line.code();
    }

    LocalDateTime feeTime() {
        return line.feeTime();
    }

    LocalDate feeDate() {
        return line.feeTime().toLocalDate();
    }

    BigDecimal cnt() {
        return line.cnt();
    }

    BigDecimal pric() {
        return line.pric();
    }

    BigDecimal exposed() {
        return line.exposed();
    }

    boolean inCatalog() {
        return catalog != null;
    }

    /** The catalog's name, else the institution's. */
    String hilistName() {
        return catalog != null ? catalog.hilistName() : line.listName().orElse(null);
    }

    Optional<String> listType() {
        return catalog == null ? Optional.empty() : Optional.ofNullable(catalog.listType());
    }

    Optional<BigDecimal> cap() {
        return catalog == null ? Optional.empty() : catalog.cap();
    }

    boolean listTypeIn(java.util.Set<String> types) {
        return types.isEmpty() || listType().map(types::contains).orElse(false);
    }
}
