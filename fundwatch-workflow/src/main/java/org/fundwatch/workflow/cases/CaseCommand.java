package org.fundwatch.workflow.cases;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request to the workflow: the action and what it needs. The factories name the requests people make;
 * {@link Cases#act} checks the values against the finding.
 *
 * @param reason       why (required where the action says so: a dismissal, a second review, a hearing record)
 * @param assignee     the user a finding is assigned to
 * @param deduction    the amount refused or recovered (拒付/追回); empty = the finding's {@code vola_amt}
 * @param damages      liquidated damages (违约金)
 * @param measures     the further agreement measures (interview, rectification, suspensions, termination)
 * @param fineMultiple the fine as a multiple of the recovered amount (1–2 × for a violation, 2–5 × for fraud)
 * @param fraud        fraud (骗保) rather than a violation, for the fine's range
 * @param referral     where a case is referred
 * @param days         working days of a rectification deadline
 * @param evidence     an appeal's files
 */
public record CaseCommand(CaseAction action, String reason, Optional<String> assignee, Optional<BigDecimal> deduction,
                          Optional<BigDecimal> damages, Set<MeasureKind> measures, Optional<BigDecimal> fineMultiple,
                          boolean fraud, Optional<Referral> referral, Optional<Integer> days, List<Evidence> evidence) {

    public CaseCommand {
        Objects.requireNonNull(action, "action is null");
        reason = reason == null ? "" : reason.strip();
        Objects.requireNonNull(assignee, "assignee is null");
        Objects.requireNonNull(deduction, "deduction is null");
        Objects.requireNonNull(damages, "damages is null");
        measures = measures.isEmpty() ? EnumSet.noneOf(MeasureKind.class) : EnumSet.copyOf(measures);
        Objects.requireNonNull(fineMultiple, "fineMultiple is null");
        Objects.requireNonNull(referral, "referral is null");
        Objects.requireNonNull(days, "days is null");
        evidence = List.copyOf(evidence);
    }

    /** An action that needs nothing but, perhaps, a reason. */
    public static CaseCommand of(CaseAction action, String reason) {
        return new CaseCommand(action, reason, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), List.of());
    }

    public static CaseCommand assign(String username, String reason) {
        return new CaseCommand(CaseAction.ASSIGN, reason, Optional.of(username), Optional.empty(), Optional.empty(),
                Set.of(), Optional.empty(), false, Optional.empty(), Optional.empty(), List.of());
    }

    public static CaseCommand appeal(String text, List<Evidence> files) {
        return new CaseCommand(CaseAction.APPEAL, text, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), files);
    }

    public static CaseCommand statement(String text, List<Evidence> files) {
        return new CaseCommand(CaseAction.STATE_DEFENCE, text, Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), Optional.empty(), false, Optional.empty(), Optional.empty(), files);
    }

    /**
     * 协议处理: refuse or recover {@code deduction} (empty = the finding's amount), liquidated damages, and the
     * further measures; a rectification needs {@code rectificationDays}.
     */
    public static CaseCommand agreement(Optional<BigDecimal> deduction, Optional<BigDecimal> damages,
                                        Set<MeasureKind> measures, Optional<Integer> rectificationDays, String reason) {
        return new CaseCommand(CaseAction.DECIDE_AGREEMENT, reason, Optional.empty(), deduction, damages, measures,
                Optional.empty(), false, Optional.empty(), rectificationDays, List.of());
    }

    /** 行政处罚事先告知 (and, with {@link CaseAction#DECIDE_PENALTY}, the decision): recovery plus a fine. */
    public static CaseCommand penalty(CaseAction action, Optional<BigDecimal> recovery, BigDecimal fineMultiple,
                                      boolean fraud, String reason) {
        return new CaseCommand(action, reason, Optional.empty(), recovery, Optional.empty(), Set.of(),
                Optional.of(fineMultiple), fraud, Optional.empty(), Optional.empty(), List.of());
    }

    public static CaseCommand refer(Referral to, String reason) {
        return new CaseCommand(CaseAction.REFER, reason, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), false, Optional.of(to), Optional.empty(), List.of());
    }
}
