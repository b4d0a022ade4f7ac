package org.fundwatch.serve.review;

import java.util.Optional;
import org.fundwatch.rules.Moment;

/**
 * The national trigger scene {@code trig_scen} of a review: scenes 1–5 happen while ordering (事前, 3101), 6–10
 * in settlement (事中, 3102). A settlement scene (6 outpatient settlement, 8 inpatient settlement, 10 purchase)
 * with no blocking finding settles the visit, which then enters the history.
 */
public enum Scene {
    /** 1 门诊挂号. */
    OUTPATIENT_REGISTRATION(1, Moment.PRE, false),
    /** 2 门诊收费登记. */
    OUTPATIENT_CHARGE(2, Moment.PRE, false),
    /** 3 住院登记. */
    ADMISSION(3, Moment.PRE, false),
    /** 4 住院收费登记. */
    INPATIENT_CHARGE(4, Moment.PRE, false),
    /** 5 住院执行医嘱. */
    INPATIENT_ORDER(5, Moment.PRE, false),
    /** 6 门诊结算. */
    OUTPATIENT_SETTLEMENT(6, Moment.DURING, true),
    /** 7 门诊预结算. */
    OUTPATIENT_PRESETTLEMENT(7, Moment.DURING, false),
    /** 8 住院结算. */
    INPATIENT_SETTLEMENT(8, Moment.DURING, true),
    /** 9 住院预结算. */
    INPATIENT_PRESETTLEMENT(9, Moment.DURING, false),
    /** 10 购药. */
    PURCHASE(10, Moment.DURING, true);

    private final int code;
    private final Moment moment;
    private final boolean settles;

    Scene(int code, Moment moment, boolean settles) {
        this.code = code;
        this.moment = moment;
        this.settles = settles;
    }

    /** The scene of a {@code trig_scen} code, empty when it is not 1–10. */
    public static Optional<Scene> of(int code) {
        return code >= 1 && code <= values().length ? Optional.of(values()[code - 1]) : Optional.empty();
    }

    public int code() {
        return code;
    }

    public Moment moment() {
        return moment;
    }

    /** Whether a visit reviewed in this scene without a blocking finding is settled. */
    public boolean settles() {
        return settles;
    }
}
