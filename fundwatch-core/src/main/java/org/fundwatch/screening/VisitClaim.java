package org.fundwatch.screening;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One visit (就诊) as the in-JVM evaluator sees it: the person, the institution, the visit and its diagnoses, and
 * its fee lines net of refunds. It carries what the batch engine reads from {@code fw_visit} and {@code fw_line}:
 * a real-time caller (3101/3102) builds it from the national message, the batch replay from a dataset.
 *
 * @param setlTime   the settlement time, which decides the finding's period; for an order not yet settled, the
 *                   time of the request
 * @param fundAmt    what the fund and the personal account paid for the visit (0 before settlement)
 * @param diagnoses  every diagnosis code of the visit, as given (dots and case are normalised when read)
 */
public record VisitClaim(Person person, Institution institution, String mdtrtId, String medType, String insutype,
                         LocalDateTime begntime, Optional<LocalDateTime> endtime, Optional<String> setlId,
                         LocalDateTime setlTime, BigDecimal fundAmt, Optional<String> maindiagCode,
                         List<String> diagnoses, List<ClaimLine> lines) {

    public VisitClaim {
        Objects.requireNonNull(person, "person is null");
        Objects.requireNonNull(institution, "institution is null");
        Objects.requireNonNull(mdtrtId, "mdtrtId is null");
        Objects.requireNonNull(medType, "medType is null");
        Objects.requireNonNull(insutype, "insutype is null");
        Objects.requireNonNull(begntime, "begntime is null");
        Objects.requireNonNull(setlTime, "setlTime is null");
        Objects.requireNonNull(fundAmt, "fundAmt is null");
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
    }

    /** The insured person (参保人). */
    public record Person(String psnNo, Optional<String> certno, Optional<String> gend, Optional<LocalDate> brdy) {
        public Person {
            Objects.requireNonNull(psnNo, "psnNo is null");
        }
    }

    /**
     * The institution (定点医药机构) as registered.
     *
     * @param type  {@code fixmedins_type}: 1 medical institution, 2 pharmacy
     * @param level {@code medins_lv}: 1, 2, 3 (or absent for pharmacies and unrated clinics)
     */
    public record Institution(String code, Optional<String> type, Optional<String> level) {
        public Institution {
            Objects.requireNonNull(code, "code is null");
        }
    }

    /**
     * The stay as known when it begins (入院登记): its dates and diagnoses, no fees, not settled. Recorded in the
     * history, it lets claims made during the stay be judged before the stay settles.
     */
    public VisitClaim atAdmission() {
        return new VisitClaim(person, institution, mdtrtId, medType, insutype, begntime, endtime, Optional.empty(),
                begntime, BigDecimal.ZERO, maindiagCode, diagnoses, List.of());
    }

    /** The day the visit ends (its discharge, else its start), as the batch engine's {@code end_date}. */
    public LocalDate endDate() {
        return endtime.orElse(begntime).toLocalDate();
    }
}
