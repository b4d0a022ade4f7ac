package org.fundwatch.schema;

/** Where care happened, derived from {@code med_type} by {@link MedTypeSettings}. */
public enum CareSetting {
    /** 住院 */
    INPATIENT,
    /** 门诊 */
    OUTPATIENT,
    /** 药店购药: counts as outpatient for setting limits. */
    PHARMACY;

    /** Pharmacy purchases count as outpatient wherever a knowledge point limits the setting. */
    public boolean isOutpatientLike() {
        return this != INPATIENT;
    }
}
