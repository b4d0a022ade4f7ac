package org.fundwatch.screening;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A fee line joined to its visit and to one catalog version valid on its fee date ({@code fw_p_line}), with the
 * item's limit points valid on that date and the pair points naming it as b, looked up once for all rules.
 */
record LineView(VisitView visit, ClaimLine line, Knowledge.CatalogEntry catalog, List<Knowledge.LimitPoint> points,
                List<Knowledge.PairPoint> pairsAsB) {

    /** The item's limit points of one type valid on the fee date. */
    List<Knowledge.LimitPoint> limits(String lmtType) {
        if (points.isEmpty()) {
            return List.of();
        }
        List<Knowledge.LimitPoint> out = new java.util.ArrayList<>(1);
        for (Knowledge.LimitPoint k : points) {
            if (k.lmtType().equals(lmtType)) {
                out.add(k);
            }
        }
        return out;
    }

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
        return types.isEmpty() || catalog != null && catalog.listType() != null && types.contains(catalog.listType());
    }
}
