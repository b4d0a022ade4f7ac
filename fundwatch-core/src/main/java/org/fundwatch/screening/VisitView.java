package org.fundwatch.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import org.fundwatch.schema.CareSetting;

/**
 * A claim as the batch engine's shared relations see it: its care setting, its settlement day, its diagnoses
 * normalised ({@code fw_diag}) and its lines joined to the catalog versions valid on their fee date ({@code
 * fw_p_line}: a line with no valid version appears once, without catalog values).
 */
final class VisitView {
    private final VisitClaim claim;
    private final CareSetting setting;
    private final LocalDate setlDate;
    private Set<String> diagnoses;
    private final List<LineView> lines;
    /** The limit types on the visit's lines, one bit each ({@link #typeBit}). */
    private final long limitTypes;
    private final boolean anyPair;

    VisitView(VisitClaim claim, CareSetting setting, Knowledge kb) {
        this.claim = claim;
        this.setting = setting;
        this.setlDate = claim.setlTime().toLocalDate();
        List<LineView> ls = new ArrayList<>(claim.lines().size());
        long types = 0;
        boolean pairs = false;
        for (ClaimLine line : claim.lines()) {
            if (line.cnt().signum() <= 0) {
                continue; // fully refunded: absent from fw_line
            }
            LocalDate day = line.feeTime().toLocalDate();
            Knowledge.Item item = kb.item(line.code());
            List<Knowledge.CatalogEntry> versions = Knowledge.validVersions(item.versions(), day);
            List<Knowledge.LimitPoint> points = Knowledge.validLimits(item.limits(), day);
            List<Knowledge.PairPoint> asB = item.asB();
            for (Knowledge.LimitPoint k : points) {
                types |= typeBit(k.lmtType());
            }
            pairs |= !asB.isEmpty();
            if (versions.isEmpty()) {
                ls.add(new LineView(this, line, null, points, asB));
            }
            for (Knowledge.CatalogEntry e : versions) {
                ls.add(new LineView(this, line, e, points, asB));
            }
        }
        this.lines = java.util.Collections.unmodifiableList(ls);
        this.limitTypes = types;
        this.anyPair = pairs;
    }

    static String normalise(String diagnosis) {
        String plain = diagnosis.indexOf('.') < 0 ? diagnosis : diagnosis.replace(".", "");
        for (int i = 0; i < plain.length(); i++) {
            if (Character.isLowerCase(plain.charAt(i))) {
                return plain.toUpperCase(Locale.ROOT);
            }
        }
        return plain;
    }

    VisitClaim claim() {
        return claim;
    }

    CareSetting setting() {
        return setting;
    }

    LocalDate setlDate() {
        return setlDate;
    }

    /**
     * A stay registered at its admission that has neither settled nor a discharge date yet: it lasts until further
     * notice. Batch data never has one (a visit there ends on its start day when its end is unknown).
     */
    boolean open() {
        return claim.endtime().isEmpty() && claim.setlId().isEmpty();
    }

    LocalDate begnDate() {
        return claim.begntime().toLocalDate();
    }

    /** The main diagnosis without dots, upper case, empty when unknown (the batch {@code maindiag}). */
    String mainDiagnosis() {
        return claim.maindiagCode().map(VisitView::normalise).orElse("");
    }

    /** Whether a line of the visit carries a limit point of this type (most visits carry none of most types). */
    boolean hasLimitType(String lmtType) {
        return (limitTypes & typeBit(lmtType)) != 0;
    }

    private static final java.util.Map<String, Long> TYPE_BITS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A bit per limit type seen (the first 63 each get their own; any later ones share the last, checked anyway). */
    private static long typeBit(String lmtType) {
        Long bit = TYPE_BITS.get(lmtType);
        if (bit == null) {
            bit = TYPE_BITS.computeIfAbsent(lmtType, t -> 1L << Math.min(TYPE_BITS.size(), 63));
        }
        return bit;
    }

    /** Lines by the limit types their points carry, indexed when first asked (most rules read one type). */
    private Map<String, List<LineView>> byLimitType;

    /** The lines with a point of this type valid on their fee date, in line order. */
    List<LineView> linesWithLimit(String lmtType) {
        if (!hasLimitType(lmtType)) {
            return List.of();
        }
        Map<String, List<LineView>> index = byLimitType;
        if (index == null) {
            index = new java.util.HashMap<>();
            for (LineView l : lines) {
                String last = null;
                for (Knowledge.LimitPoint k : l.points()) {
                    if (!k.lmtType().equals(last)) {
                        List<LineView> of = index.computeIfAbsent(k.lmtType(), t -> new ArrayList<>(2));
                        if (of.isEmpty() || of.get(of.size() - 1) != l) {
                            of.add(l);
                        }
                        last = k.lmtType();
                    }
                }
            }
            byLimitType = index;
        }
        return index.getOrDefault(lmtType, List.of());
    }

    /** Whether a line of the visit is the b of some pair point. */
    boolean anyPair() {
        return anyPair;
    }

    /** Every diagnosis of the visit without dots, upper case ({@code fw_diag}); computed when first asked. */
    Set<String> diagnoses() {
        if (diagnoses == null) {
            Set<String> d = new java.util.HashSet<>();
            for (String code : claim.diagnoses()) {
                d.add(normalise(code));
            }
            claim.maindiagCode().ifPresent(c -> d.add(normalise(c)));
            diagnoses = d;
        }
        return diagnoses;
    }

    List<LineView> lines() {
        return lines;
    }
}
