package org.fundwatch.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    private final Set<String> diagnoses;
    private final List<LineView> lines;

    VisitView(VisitClaim claim, CareSetting setting, Knowledge kb) {
        this.claim = claim;
        this.setting = setting;
        this.setlDate = claim.setlTime().toLocalDate();
        Set<String> d = new LinkedHashSet<>();
        for (String code : claim.diagnoses()) {
            d.add(normalise(code));
        }
        claim.maindiagCode().ifPresent(c -> d.add(normalise(c)));
        this.diagnoses = Set.copyOf(d);
        List<LineView> ls = new ArrayList<>(claim.lines().size());
        for (ClaimLine line : claim.lines()) {
            if (line.cnt().signum() <= 0) {
                continue; // fully refunded: absent from fw_line
            }
            List<Knowledge.CatalogEntry> versions = kb.catalogOn(line.code(), line.feeTime().toLocalDate());
            if (versions.isEmpty()) {
                ls.add(new LineView(this, line, null));
            }
            for (Knowledge.CatalogEntry e : versions) {
                ls.add(new LineView(this, line, e));
            }
        }
        this.lines = List.copyOf(ls);
    }

    static String normalise(String diagnosis) {
        return diagnosis.replace(".", "").toUpperCase(Locale.ROOT);
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

    LocalDate begnDate() {
        return claim.begntime().toLocalDate();
    }

    /** The main diagnosis without dots, upper case, empty when unknown (the batch {@code maindiag}). */
    String mainDiagnosis() {
        return claim.maindiagCode().map(VisitView::normalise).orElse("");
    }

    Set<String> diagnoses() {
        return diagnoses;
    }

    List<LineView> lines() {
        return lines;
    }
}
