package org.fundwatch.synth;

/** One insured person while their claims are generated; reused from one person to the next. */
final class Person {
    static final int HYPERTENSION = 1;
    static final int DIABETES = 2;
    static final int LIPIDS = 4;
    static final int CORONARY = 8;

    long number;
    String psnNo;
    String certno;
    String name;
    /** "1" male, "2" female. */
    String gend;
    int birthDay;
    String insutype;
    int insuBegin;
    int city;
    String addr;
    /** Death date (epoch day), or Integer.MAX_VALUE. */
    int dieDay;
    /** Custody period, or begin = Integer.MAX_VALUE. */
    int custodyBegin;
    int custodyEnd;
    int chronic;
    boolean chronicAtPharmacy;
    Item hypertensionDrug;
    Item lipidDrug;
    Item secondLineDrug;
    Institutions.Institution home;
    int visitSeq;

    boolean male() {
        return gend.equals("1");
    }

    int age(int day) {
        return Calendar.age(birthDay, day);
    }

    boolean active(int day) {
        return day < dieDay && (day < custodyBegin || day > custodyEnd);
    }
}
