package org.fundwatch.synth;

import java.io.IOException;
import java.util.SplittableRandom;

import org.fundwatch.synth.Institutions.Institution;

/**
 * The clean background: one person's visits over the whole period, built so that no rule of DOMAIN.md §3 fires.
 * Inpatient stays come first and are at least 31 days apart; outpatient and pharmacy visits avoid every stay day
 * (admission and discharge included), take at most one day each and at most four a month; chronic patients get
 * 60-day supplies at their home hospital every 56–70 days or 30-day supplies at a pharmacy every 28–35 days, so
 * no 90-day window holds more than 120 days of a drug; restricted items are billed only where they are allowed.
 *
 * <p>About 7.7 fee lines per person-month: a stay (median 8 nights, longer from age 70) bills every night a bed,
 * nursing, the ward round and two to eight drug, infusion and consumable lines (twice-a-day drugs once per dose),
 * blood tests on admission and every second or third day, examinations in the first days, a surgery or a coronary
 * stent for some stays and take-home drugs on discharge, about 210 lines in all; an outpatient visit the
 * registration plus three to ten drug, test and treatment lines, a chronic visit seven or so, a pharmacy purchase
 * one to five drugs. No item with a knowledge point is added beyond where it was already billed cleanly, no item
 * repeats at the same time in a visit and no component of the liver-panel bundle is billed beside another.
 */
final class Background {

    private static final Item[] HERBS = {Item.HUANGQI, Item.DANGGUI, Item.GANCAO, Item.DANGSHEN, Item.FULING,
        Item.BAIZHU, Item.XIYANGSHEN};
    private static final Item[] PHARMACY_BASKET = {Item.GANMAOLING, Item.BANLANGEN, Item.HUOXIANG, Item.IBUPROFEN,
        Item.OMEPRAZOLE, Item.MONTMORILLONITE, Item.VITAMIN, Item.DANSHEN, Item.LIANHUA, Item.LIQUORICE,
        Item.LORATADINE, Item.ORS, Item.HYDROTALCITE, Item.AMBROXOL_ORAL, Item.DICLOFENAC_GEL};

    private final Calendar cal;
    private final Catalog catalog;
    private final Institutions institutions;
    private final ClaimSink sink;
    /** {@code inflate[institution][month]}: 1 planted peer outlier (expensive imaging), 2 near-miss (an ECG). */
    private final byte[][] inflate;
    private final Visit v = new Visit();

    private final int[] stayStamp;
    private final int[] usedStamp;
    private final int[] monthCount;
    private int token;
    private final int[] stayBegin = new int[64];
    private final int[] stayEnd = new int[64];
    private int stays;
    private boolean reversedOnce;
    private int infraredYear;
    private int infraredCount;
    private int lastMetformin;

    Background(Calendar cal, Catalog catalog, Institutions institutions, ClaimSink sink, byte[][] inflate) {
        this.cal = cal;
        this.catalog = catalog;
        this.institutions = institutions;
        this.sink = sink;
        this.inflate = inflate;
        this.stayStamp = new int[cal.days];
        this.usedStamp = new int[cal.days];
        this.monthCount = new int[cal.months];
    }

    void generate(Person p, SplittableRandom rnd) throws IOException {
        token++;
        stays = 0;
        reversedOnce = false;
        infraredYear = 0;
        infraredCount = 0;
        lastMetformin = Integer.MIN_VALUE;
        java.util.Arrays.fill(monthCount, 0);
        int age = p.age(cal.firstDay);
        double years = cal.months / 12.0;

        int admissions = poisson(rnd, years * (age < 5 ? 0.15 : age < 15 ? 0.07 : age < 45 ? 0.12 : age < 60 ? 0.19
                : age < 75 ? 0.45 : 0.7));
        for (int i = 0; i < admissions; i++) {
            stay(p, rnd, age);
        }
        if (p.chronic != 0 && age >= 40) {
            chronic(p, rnd);
        }
        int outpatient = poisson(rnd, years * (age < 5 ? 7 : age < 15 ? 5 : age < 45 ? 3.5 : age < 60 ? 5 : 7));
        for (int i = 0; i < outpatient; i++) {
            int d = freeDay(p, rnd);
            if (d >= 0) {
                outpatient(p, rnd, d);
            }
        }
        int pharmacy = poisson(rnd, years * (age < 15 ? 1 : age < 60 ? 2.8 : 4.5));
        for (int i = 0; i < pharmacy; i++) {
            int d = freeDay(p, rnd);
            if (d >= 0) {
                pharmacy(p, rnd, d);
            }
        }
    }

    private static int poisson(SplittableRandom rnd, double lambda) {
        double l = Math.exp(-lambda);
        int k = 0;
        double prod = rnd.nextDouble();
        while (prod > l) {
            k++;
            prod *= rnd.nextDouble();
        }
        return k;
    }

    private boolean free(Person p, int d) {
        return d >= 0 && d < cal.days && stayStamp[d] != token && usedStamp[d] != token
                && monthCount[cal.monthOf(cal.firstDay + d)] < 4 && p.active(cal.firstDay + d);
    }

    private int freeDay(Person p, SplittableRandom rnd) {
        for (int t = 0; t < 4; t++) {
            int d = rnd.nextInt(cal.days);
            if (free(p, d)) {
                return d;
            }
        }
        return -1;
    }

    private void use(int d) {
        usedStamp[d] = token;
        monthCount[cal.monthOf(cal.firstDay + d)]++;
    }

    private static Institution pick(Institution[] list, SplittableRandom rnd) {
        return list[rnd.nextInt(list.length)];
    }

    /**
     * A drug or consumable price a little under the cap valid on the day: each institution has its own tender
     * price per item (hospitals sell at purchase price, 零差率; pharmacies set their own); service items at the cap.
     */
    private long price(Item it, int day, Visit visit) {
        long cap = catalog.capOn(it, day);
        if (it.isService()) {
            return cap;
        }
        int spread = visit.inst.isPharmacy() ? 21 : 13;
        int pct = (visit.inst.isPharmacy() ? 80 : 88)
                + (int) Long.remainderUnsigned(Seeds.mix(visit.inst.index, it.ordinal()), spread);
        return Math.max(10_000, cap * pct / 100 / 10_000 * 10_000);
    }

    // ---------------------------------------------------------------- inpatient

    private void stay(Person p, SplittableRandom rnd, int age) throws IOException {
        String diag;
        int r = rnd.nextInt(100);
        if (age < 15) {
            diag = r < 70 ? Diagnoses.PNEUMONIA : Diagnoses.ENTERITIS;
        } else if (age < 60) {
            diag = r < 25 ? Diagnoses.PNEUMONIA : r < 45 ? Diagnoses.APPENDICITIS : r < 55 ? Diagnoses.CORONARY
                    : r < 65 ? Diagnoses.STROKE : r < 75 ? Diagnoses.DIABETES : r < 85 ? Diagnoses.CKD
                    : r < 93 ? Diagnoses.CONCUSSION : Diagnoses.ENTERITIS;
        } else {
            diag = r < 30 ? Diagnoses.PNEUMONIA : r < 55 ? Diagnoses.STROKE : r < 75 ? Diagnoses.CORONARY
                    : r < 85 ? Diagnoses.DIABETES : r < 95 ? Diagnoses.CKD : Diagnoses.APPENDICITIS;
        }
        int los = switch (diag) {
            case Diagnoses.PNEUMONIA -> age < 15 ? 5 + rnd.nextInt(5) : 6 + rnd.nextInt(7);
            case Diagnoses.APPENDICITIS -> 5 + rnd.nextInt(4);
            case Diagnoses.STROKE -> 10 + rnd.nextInt(8);
            case Diagnoses.CORONARY -> 6 + rnd.nextInt(6);
            case Diagnoses.DIABETES -> 7 + rnd.nextInt(6);
            case Diagnoses.CKD -> 7 + rnd.nextInt(8);
            case Diagnoses.CONCUSSION -> 4 + rnd.nextInt(5);
            default -> 3 + rnd.nextInt(4);
        };
        if (age >= 70) {
            los += rnd.nextInt(4);
        }
        int a = rnd.nextInt(cal.days);
        int dis = a + los;
        if (dis >= cal.days || !p.active(cal.firstDay + a) || cal.firstDay + dis >= p.dieDay
                || (p.custodyBegin <= cal.firstDay + dis && p.custodyEnd >= cal.firstDay + a)) {
            return;
        }
        for (int i = 0; i < stays; i++) {
            if (a <= stayEnd[i] + 31 && dis + 31 >= stayBegin[i]) {
                return;
            }
        }
        for (int d = a; d <= dis; d++) {
            if (usedStamp[d] == token) {
                return;
            }
        }
        if (stays == stayBegin.length) {
            return;
        }
        stayBegin[stays] = a;
        stayEnd[stays] = dis;
        stays++;
        for (int d = a; d <= dis; d++) {
            stayStamp[d] = token;
        }
        int level;
        if (diag.equals(Diagnoses.APPENDICITIS)) {
            level = 2 + rnd.nextInt(2);
        } else {
            int l = rnd.nextInt(100);
            level = l < 40 ? 3 : l < 85 ? 2 : 1;
        }
        Institution h = pick(institutions.hospitals[p.city][level], rnd);
        int admSec = 8 * 3600 + rnd.nextInt(12 * 3600);
        int disSec = 9 * 3600 + rnd.nextInt(150 * 60);
        inpatient(p, rnd, h, diag, cal.firstDay + a, admSec, los, disSec, age);
    }

    /** Writes a clean inpatient stay: bed and nursing each night, a drug every day, exams, surgery if any. */
    void inpatient(Person p, SplittableRandom rnd, Institution h, String diag, int admDay, int admSec, int los,
                   int disSec, int age) throws IOException {
        v.reset(p, h, "21");
        v.diagnose(diag);
        v.beginDay = admDay;
        v.beginSec = admSec;
        v.endDay = admDay + los;
        v.endSec = disSec;
        inpatientLines(v, p, rnd, diag, los, age, true);
        sink.write(v);
    }

    /** The visit, day, first second and next slot of the lines {@link #add} writes (one day of a stay at a time). */
    private Visit lv;
    private int lDay;
    private int lBase;
    private int lSlot;

    /** Whether a twice-a-day item of the current day is billed per dose (a full day inside the stay). */
    private boolean lPerDose;

    /**
     * A twice-a-day item: one line per dose, morning and afternoon, on a full day of the stay, else one line of two
     * units (the two doses are eight hours apart, so they never share a time with each other).
     */
    private void twice(Item it) {
        if (!lPerDose) {
            add(it, 2);
            return;
        }
        int s = lBase + 120 * lSlot++;
        long price = price(it, lDay, lv);
        lv.line(it, 1, price, lDay, s);
        lv.line(it, 1, price, lDay, s + 8 * 3600);
    }

    /** A line of the current day of a stay, two minutes after the previous one, at the institution's price. */
    private int add(Item it, long units) {
        return lv.line(it, units, price(it, lDay, lv), lDay, lBase + 120 * lSlot++);
    }

    /**
     * The lines of a clean stay of {@code los} nights already set on {@code v}: every night a bed, nursing, the
     * ward round, the main drug and the drugs of the diagnosis with their infusion groups and consumables; blood
     * tests on admission and every third day; examinations in the first days; a surgery with anaesthesia for
     * appendicitis and a coronary stent for some coronary stays at level-3 hospitals; take-home drugs on the
     * discharge day. Each item at most once a day, so no line repeats another's item and time.
     */
    void inpatientLines(Visit v, Person p, SplittableRandom rnd, String diagnosis, int los, int age,
                        boolean mayRefund) {
        String diag = diagnosis.startsWith("I63") ? Diagnoses.STROKE : diagnosis;
        int admDay = v.beginDay;
        int level = v.inst.level;
        Item main = switch (diag) {
            case Diagnoses.PNEUMONIA -> level >= 2 ? Item.CEFOPERAZONE : Item.CEFTRIAXONE;
            case Diagnoses.STROKE, Diagnoses.CORONARY -> Item.CLOPIDOGREL;
            case Diagnoses.DIABETES -> Item.METFORMIN;
            case Diagnoses.CKD -> Item.OMEPRAZOLE;
            case Diagnoses.APPENDICITIS -> Item.CEFTRIAXONE;
            case Diagnoses.CONCUSSION -> Item.IBUPROFEN;
            default -> Item.MONTMORILLONITE;
        };
        long mainPerDay = main == Item.CEFOPERAZONE ? 2 : main == Item.METFORMIN ? 3 : main == Item.MONTMORILLONITE ? 2
                : main == Item.OMEPRAZOLE || main == Item.IBUPROFEN ? 2 : 1;
        boolean intensive = diag.equals(Diagnoses.STROKE) || diag.equals(Diagnoses.CORONARY);
        boolean appendicitis = diag.equals(Diagnoses.APPENDICITIS);
        boolean stent = diag.equals(Diagnoses.CORONARY) && level == 3 && los >= 3 && rnd.nextInt(100) < 35;
        int surgeryK = appendicitis ? (v.beginSec <= 16 * 3600 ? 0 : 1) : stent ? 1 : -1;
        lv = v;
        int mainDay1 = -1;
        for (int k = 0; k <= los; k++) {
            int day = admDay + k;
            lDay = day;
            lBase = k == 0 ? v.beginSec + 300 : k == los ? v.endSec - 3600 : 8 * 3600;
            lSlot = 0;
            boolean night = k < los || los == 0;
            lPerDose = night && k > 0;
            if (night) {
                add(Item.BED, 1);
                add(intensive && k < 3 ? Item.NURSING_1 : Item.NURSING_2, 1);
                add(Item.WARD_ROUND, 1);
                if (main != Item.MONTMORILLONITE || k < 4) {
                    int li = add(main, mainPerDay);
                    if (k == 1) {
                        mainDay1 = li;
                    }
                }
                int saline = 1 + rnd.nextInt(2);
                for (int i = 0; i < saline; i++) {
                    add(Item.SALINE, 1);
                }
                int extra = dailyDrugs(diag, k, surgeryK, age, rnd);
                if (k < 3 && (intensive || diag.equals(Diagnoses.PNEUMONIA))) {
                    add(Item.SPO2, k == 0 ? 12 : 24);
                }
                for (int i = 0; i < extra; i++) {
                    add(Item.GLUCOSE_5, 1);
                }
                int groups = saline + extra;
                add(Item.IV_DRIP, 1);
                if (groups > 1) {
                    add(Item.IV_DRIP_MORE, groups - 1);
                }
                add(Item.INFUSION_SET, 1);
                add(Item.INFUSION_PATCH, groups);
                add(Item.NEEDLE, groups);
                add(Item.SWAB, 1);
                add(Item.SYRINGE, groups > 2 ? 3 : 2);
                if (intensive && k < 5 || age >= 75) {
                    twice(Item.ORAL_CARE);
                }
                if (k % 3 == 0) {
                    add(Item.IV_CANNULA, 1);
                }
                if (diag.equals(Diagnoses.DIABETES)) {
                    add(Item.GLUCOSE, 1 + rnd.nextInt(3));
                }
                if (k <= 6 ? k % 2 == 0 : k % 3 == 0) {
                    labs(diag, k);
                }
            } else {
                Item home = main == Item.OMEPRAZOLE ? Item.IBUPROFEN : Item.OMEPRAZOLE;
                add(home, 14);
                if (intensive) {
                    add(Item.ASPIRIN, 14);
                }
                if (surgeryK >= 0 && appendicitis) {
                    add(Item.DRESSING, 1);
                }
            }
            if (k == 0) {
                add(Item.ECG, 1);
                if (diag.equals(Diagnoses.PNEUMONIA)) {
                    add(Item.CT_CHEST, 1);
                } else {
                    add(Item.CHEST_DR, 1);
                    if (diag.equals(Diagnoses.STROKE) || diag.equals(Diagnoses.CONCUSSION)) {
                        add(Item.CT_HEAD, 1);
                    } else if (appendicitis) {
                        add(Item.ABD_US, 1);
                    }
                }
            }
            if (k == 1 && k < los) {
                add(Item.LIVER_PANEL, 1);
                if (diag.equals(Diagnoses.STROKE)) {
                    add(Item.MRI, 1);
                } else if (diag.equals(Diagnoses.CORONARY)) {
                    add(Item.ECHO, 1);
                } else if (diag.equals(Diagnoses.DIABETES) || diag.equals(Diagnoses.CKD)) {
                    add(Item.ABD_US, 1);
                }
            }
            if (k == 2 && k < los && diag.equals(Diagnoses.STROKE)) {
                add(Item.CAROTID_US, 1);
                add(Item.ECHO, 1);
            }
            if (diag.equals(Diagnoses.PNEUMONIA) && age >= 65 && k >= 1 && k <= 3 && k < los) {
                add(Item.THYMALFASIN, 1);
            }
            if (k == surgeryK) {
                int t = k == 0 ? v.beginSec + 2 * 3600 : 10 * 3600;
                if (appendicitis) {
                    v.line(Item.ANAESTHESIA, 1, Item.ANAESTHESIA.capMicros, day, t);
                    v.line(Item.ANAES_MONITOR, 2, Item.ANAES_MONITOR.capMicros, day, t + 60);
                    v.line(Item.APPENDECTOMY, 1, Item.APPENDECTOMY.capMicros, day, t + 1800);
                    v.line(Item.SUTURE, 2, price(Item.SUTURE, day, v), day, t + 3000);
                } else {
                    v.line(Item.LOCAL_ANAES, 1, Item.LOCAL_ANAES.capMicros, day, t);
                    v.line(Item.ANGIOGRAPHY, 1, Item.ANGIOGRAPHY.capMicros, day, t + 600);
                    v.line(Item.PCI, 1, Item.PCI.capMicros, day, t + 1800);
                    v.line(Item.STENT, 1, price(Item.STENT, day, v), day, t + 1800);
                }
            }
        }
        if (mayRefund && mainDay1 >= 0 && rnd.nextInt(100) < 5 && v.cnt[mainDay1] >= 20_000) {
            int r = v.lineE4(main, -10_000, v.price[mainDay1], v.endDay, v.endSec - 300);
            v.price[r] = v.price[mainDay1];
            v.refundOf[r] = mainDay1;
        }
        lv = null;
    }

    /** The drugs and treatments of night {@code k} that depend on the diagnosis; returns the extra infusion groups. */
    private int dailyDrugs(String diag, int k, int surgeryK, int age, SplittableRandom rnd) {
        int extra = 0;
        switch (diag) {
            case Diagnoses.PNEUMONIA -> {
                if (k < 7) {
                    twice(Item.AMBROXOL_INJ);
                    extra++;
                }
                add(Item.LIQUORICE, 9);
                if (age >= 15 && k < 5) {
                    add(Item.AZITHROMYCIN_INJ, 1);
                    extra++;
                }
                if (k < 5) {
                    twice(Item.NEBULIZER);
                    twice(Item.BUDESONIDE_NEB);
                    if (k == 0) {
                        add(Item.NEB_MASK, 1);
                    }
                }
                if (k < 3) {
                    add(Item.OXYGEN, 8 + rnd.nextInt(13));
                    if (k == 0) {
                        add(Item.OXYGEN_TUBE, 1);
                    }
                }
            }
            case Diagnoses.STROKE -> {
                add(Item.ASPIRIN, 1);
                add(Item.ROSUVASTATIN, 1);
                if (k < 14) {
                    twice(Item.EDARAVONE);
                    extra++;
                }
                if (k < 5) {
                    add(Item.PANTOPRAZOLE_INJ, 1);
                    extra++;
                }
                if (k < 3) {
                    add(Item.ECG_MONITOR, k == 0 ? 12 : 24);
                } else {
                    add(Item.REHAB, 1);
                    add(Item.HEMIPLEGIA, 1);
                    add(Item.SWALLOW, 1);
                }
            }
            case Diagnoses.CORONARY -> {
                add(Item.ASPIRIN, 1);
                add(Item.ISOSORBIDE, 2);
                add(Item.ROSUVASTATIN, 1);
                add(Item.METOPROLOL, 2);
                if (k < 5) {
                    twice(Item.ENOXAPARIN);
                    twice(Item.SUBCUT);
                }
                if (k < 3) {
                    add(Item.PANTOPRAZOLE_INJ, 1);
                    extra++;
                    add(Item.ECG_MONITOR, k == 0 ? 12 : 24);
                }
            }
            case Diagnoses.DIABETES -> {
                add(Item.FINGER_GLUCOSE, 4);
                add(Item.SUBCUT, 3);
                add(Item.ACARBOSE, 3);
                if (k % 4 == 0) {
                    add(Item.INSULIN, 1);
                }
            }
            case Diagnoses.CKD -> {
                add(Item.KETOACID, 12);
                add(Item.SODIUM_BICARB, 6);
                add(Item.FUROSEMIDE, 2);
                if (k % 3 == 1) {
                    add(Item.EPO, 1);
                    add(Item.SUBCUT, 1);
                }
            }
            case Diagnoses.APPENDICITIS -> {
                if (k < 4) {
                    twice(Item.METRONIDAZOLE);
                    extra += 2;
                }
                if (k < 3) {
                    add(Item.PANTOPRAZOLE_INJ, 1);
                    extra++;
                }
                if (k > surgeryK && (k - surgeryK) % 2 == 0) {
                    add(Item.DRESSING, 1);
                }
            }
            case Diagnoses.CONCUSSION -> {
                if (k < 3) {
                    twice(Item.MANNITOL);
                    extra += 2;
                }
                add(Item.CITICOLINE, 1);
                extra++;
            }
            default -> {
                add(Item.ORS, 3);
                if (k < 3) {
                    add(Item.POTASSIUM, 1);
                    extra++;
                }
            }
        }
        return extra;
    }

    /** Blood and urine tests of a lab day (admission, then every third day), with the draw and its tubes. */
    private void labs(String diag, int k) {
        int tubes = 2;
        add(Item.VENIPUNCTURE, 1);
        add(Item.BLOOD_COUNT, 1);
        add(Item.ELECTROLYTES, 1);
        add(Item.CREATININE, 1);
        boolean infection = diag.equals(Diagnoses.PNEUMONIA) || diag.equals(Diagnoses.APPENDICITIS);
        if (k == 0) {
            add(Item.UREA, 1);
            add(Item.COAG, 1);
            add(Item.CRP, 1);
            add(Item.URINE, 1);
            tubes++;
            if (diag.equals(Diagnoses.ENTERITIS) || diag.equals(Diagnoses.APPENDICITIS)) {
                add(Item.STOOL, 1);
            }
            if (diag.equals(Diagnoses.PNEUMONIA)) {
                add(Item.PCT, 1);
                add(Item.BLOOD_GAS, 1);
                add(Item.SPUTUM_CULTURE, 1);
            }
            if (diag.equals(Diagnoses.STROKE) || diag.equals(Diagnoses.CORONARY)) {
                add(Item.D_DIMER, 1);
            }
            if (diag.equals(Diagnoses.CORONARY)) {
                add(Item.BNP, 1);
            }
            if (diag.equals(Diagnoses.APPENDICITIS)) {
                add(Item.PRE_TRANSFUSION, 1);
                tubes++;
            }
            if (diag.equals(Diagnoses.STROKE) || diag.equals(Diagnoses.CORONARY) || diag.equals(Diagnoses.DIABETES)) {
                add(Item.LIPID_PANEL, 1);
            }
            if (diag.equals(Diagnoses.CORONARY)) {
                add(Item.TROPONIN, 1);
            }
            if (diag.equals(Diagnoses.DIABETES)) {
                add(Item.HBA1C, 1);
                tubes++;
            }
        } else if (infection) {
            add(Item.CRP, 1);
        }
        add(Item.BLOOD_TUBE, tubes);
    }

    // ---------------------------------------------------------------- chronic

    private void chronic(Person p, SplittableRandom rnd) throws IOException {
        boolean atPharmacy = p.chronicAtPharmacy;
        int min = atPharmacy ? 28 : 56;
        int spread = atPharmacy ? 8 : 15;
        int target = rnd.nextInt(min);
        while (target < cal.days) {
            int d = -1;
            for (int s = 0; s <= 7 && target + s < cal.days; s++) {
                if (free(p, target + s)) {
                    d = target + s;
                    break;
                }
            }
            if (d < 0) {
                target += 8;
                continue;
            }
            if (atPharmacy) {
                chronicPharmacy(p, rnd, d);
            } else {
                chronicVisit(p, rnd, d);
            }
            target = d + min + rnd.nextInt(spread);
        }
    }

    private void chronicVisit(Person p, SplittableRandom rnd, int d) throws IOException {
        use(d);
        int day = cal.firstDay + d;
        Institution h = p.home;
        v.reset(p, h, "14");
        int begin = 8 * 3600 + rnd.nextInt(8 * 3600 + 1800);
        v.beginDay = day;
        v.beginSec = begin;
        int t = begin + 60;
        v.line(Item.REGISTRATION, 1, Item.REGISTRATION.capMicros, day, t);
        if ((p.chronic & Person.HYPERTENSION) != 0) {
            v.diagnose(Diagnoses.HYPERTENSION);
            v.line(p.hypertensionDrug, 60, price(p.hypertensionDrug, day, v), day, t += 60);
            v.line(Item.BP_MONITOR, 1, Item.BP_MONITOR.capMicros, day, t += 60);
            if (rnd.nextInt(100) < 40) {
                t = op(Item.METOPROLOL, 120, day, t);
            }
        }
        if ((p.chronic & Person.DIABETES) != 0) {
            v.diagnose(Diagnoses.DIABETES);
            Item second = p.secondLineDrug;
            if (second != null && lastMetformin != Integer.MIN_VALUE && day - lastMetformin <= 90
                    && catalog.validOn(second, day)) {
                v.line(second, 60, price(second, day, v), day, t += 60);
            }
            v.line(Item.METFORMIN, 180, price(Item.METFORMIN, day, v), day, t += 60);
            v.line(Item.GLUCOSE, 1, Item.GLUCOSE.capMicros, day, t += 60);
            if (rnd.nextInt(100) < 40) {
                t = op(Item.ACARBOSE, 180, day, t);
            }
            lastMetformin = day;
        }
        if ((p.chronic & Person.LIPIDS) != 0) {
            v.diagnose(Diagnoses.LIPIDS);
            Item drug = (p.chronic & Person.CORONARY) != 0 ? Item.ATORVASTATIN : p.lipidDrug;
            v.line(drug, 60, price(drug, day, v), day, t += 60);
            if (rnd.nextInt(5) == 0) {
                v.line(Item.LIVER_PANEL, 1, Item.LIVER_PANEL.capMicros, day, t += 60);
            }
        }
        if ((p.chronic & Person.CORONARY) != 0) {
            v.diagnose(Diagnoses.CORONARY);
            v.line(Item.CLOPIDOGREL, 60, price(Item.CLOPIDOGREL, day, v), day, t += 60);
            if (!v.has(Item.ATORVASTATIN)) {
                v.line(Item.ATORVASTATIN, 60, price(Item.ATORVASTATIN, day, v), day, t += 60);
            }
            t = op(Item.ASPIRIN, 60, day, t);
            t = op(Item.ISOSORBIDE, 60, day, t);
            if (rnd.nextInt(4) == 0) {
                v.line(Item.ECG, 1, Item.ECG.capMicros, day, t += 60);
            }
        }
        t = chronicTests(p, rnd, day, t);
        finishOutpatient(p, rnd, day, t);
    }

    /** Follow-up tests of a chronic visit: kidney function, HbA1c, lipids, urine, an ECG, with the blood draw. */
    private int chronicTests(Person p, SplittableRandom rnd, int day, int t) {
        boolean blood = v.has(Item.GLUCOSE) || v.has(Item.LIVER_PANEL);
        if (rnd.nextInt(100) < 40) {
            t = op(Item.CREATININE, 1, day, t);
            t = op(Item.UREA, 1, day, t);
            t = op(Item.ELECTROLYTES, 1, day, t);
            blood = true;
        }
        if ((p.chronic & Person.DIABETES) != 0) {
            if (rnd.nextBoolean()) {
                t = op(Item.HBA1C, 1, day, t);
                blood = true;
            }
            if (rnd.nextInt(100) < 30) {
                t = op(Item.URINE, 1, day, t);
            }
        }
        if ((p.chronic & (Person.LIPIDS | Person.CORONARY)) != 0 && rnd.nextInt(100) < 60) {
            t = op(Item.LIPID_PANEL, 1, day, t);
            blood = true;
        }
        if ((p.chronic & Person.HYPERTENSION) != 0 && !v.has(Item.ECG) && rnd.nextInt(100) < 25) {
            t = op(Item.ECG, 1, day, t);
        }
        return blood ? draw(day, t, 2) : t;
    }

    private void chronicPharmacy(Person p, SplittableRandom rnd, int d) throws IOException {
        use(d);
        int day = cal.firstDay + d;
        Institution ph = pick(institutions.pharmaciesByCity[p.city], rnd);
        startPharmacy(p, rnd, ph, day);
        int t = v.beginSec;
        if ((p.chronic & Person.HYPERTENSION) != 0) {
            v.line(p.hypertensionDrug, 30, price(p.hypertensionDrug, day, v), day, t);
        }
        if ((p.chronic & Person.DIABETES) != 0) {
            v.line(Item.METFORMIN, 90, price(Item.METFORMIN, day, v), day, t);
        }
        if ((p.chronic & Person.LIPIDS) != 0) {
            v.line(p.lipidDrug, 30, price(p.lipidDrug, day, v), day, t);
        }
        if (rnd.nextInt(100) < 40) {
            Item it = PHARMACY_BASKET[rnd.nextInt(PHARMACY_BASKET.length)];
            v.line(it, basketUnits(it, rnd), price(it, day, v), day, t);
        }
        finishPharmacy(rnd);
    }

    // ---------------------------------------------------------------- acute outpatient

    private void outpatient(Person p, SplittableRandom rnd, int d) throws IOException {
        use(d);
        int day = cal.firstDay + d;
        int age = p.age(day);
        int l = rnd.nextInt(100);
        int level = l < 50 ? 1 : l < 80 ? 2 : 3;
        Institution h = pick(institutions.hospitals[p.city][level], rnd);
        v.reset(p, h, "11");
        int begin = 8 * 3600 + rnd.nextInt(8 * 3600 + 1800);
        v.beginDay = day;
        v.beginSec = begin;
        int t = begin + 60;
        v.line(Item.REGISTRATION, 1, Item.REGISTRATION.capMicros, day, t);
        String diag = acuteDiagnosis(p, rnd, age);
        v.diagnose(diag);
        switch (diag) {
            case Diagnoses.URTI -> {
                if (age <= 14) {
                    v.line(Item.CHILD_COLD, 6 + rnd.nextInt(7), price(Item.CHILD_COLD, day, v), day, t += 60);
                } else {
                    int c = rnd.nextInt(3);
                    Item drug = c == 0 ? Item.GANMAOLING : c == 1 ? Item.AMOXICILLIN : Item.CLARITHROMYCIN;
                    long units = drug == Item.GANMAOLING ? 6 + rnd.nextInt(4) : drug == Item.AMOXICILLIN ? 24 : 12;
                    v.line(drug, units, price(drug, day, v), day, t += 60);
                }
            }
            case Diagnoses.BRONCHITIS -> {
                v.line(Item.AMOXICILLIN, 24 + 12 * rnd.nextInt(2), price(Item.AMOXICILLIN, day, v), day,
                        t += 60);
                v.line(Item.BLOOD_COUNT, 1, Item.BLOOD_COUNT.capMicros, day, t += 60);
                if (age >= 18 && rnd.nextInt(5) == 0) {
                    v.line(Item.CT_CHEST, 1, Item.CT_CHEST.capMicros, day, t += 60);
                }
            }
            case Diagnoses.GASTRITIS -> {
                v.line(Item.OMEPRAZOLE, 14 + 14 * rnd.nextInt(2), price(Item.OMEPRAZOLE, day, v), day,
                        t += 60);
                if (rnd.nextInt(100) < 15) {
                    t = herbal(rnd, day, t);
                }
            }
            case Diagnoses.ENTERITIS -> {
                v.line(Item.MONTMORILLONITE, 6 + rnd.nextInt(13), price(Item.MONTMORILLONITE, day, v), day,
                        t += 60);
                if (rnd.nextBoolean()) {
                    v.line(Item.BLOOD_COUNT, 1, Item.BLOOD_COUNT.capMicros, day, t += 60);
                }
            }
            case Diagnoses.LOW_BACK_PAIN -> {
                v.line(Item.IBUPROFEN, 20, price(Item.IBUPROFEN, day, v), day, t += 60);
                int year = Calendar.year(day);
                if (year != infraredYear) {
                    infraredYear = year;
                    infraredCount = 0;
                }
                if (infraredCount < 10) {
                    infraredCount++;
                    v.line(Item.INFRARED, 1, Item.INFRARED.capMicros, day, t += 60);
                }
                if (rnd.nextBoolean()) {
                    v.line(Item.ACUPUNCTURE, 1, Item.ACUPUNCTURE.capMicros, day, t += 60);
                }
                if (rnd.nextInt(5) == 0) {
                    t = herbal(rnd, day, t);
                }
            }
            case Diagnoses.HEADACHE -> {
                v.line(Item.IBUPROFEN, 10 + 10 * rnd.nextInt(2), price(Item.IBUPROFEN, day, v), day, t += 60);
                if (rnd.nextInt(10) < 3) {
                    v.line(Item.CT_HEAD, 1, Item.CT_HEAD.capMicros, day, t += 60);
                }
                if (age >= 60 && catalog.validOn(Item.BRAIN_PROTEIN, day)) {
                    v.line(Item.BRAIN_PROTEIN, 30, price(Item.BRAIN_PROTEIN, day, v), day, t += 60);
                }
            }
            case Diagnoses.FATTY_LIVER -> {
                Item test = rnd.nextInt(10) < 3 ? Item.ALT : Item.LIVER_PANEL;
                v.line(test, 1, test.capMicros, day, t += 60);
            }
            case Diagnoses.PROSTATE -> v.line(Item.TAMSULOSIN, 14 + 14 * rnd.nextInt(2),
                    price(Item.TAMSULOSIN, day, v), day, t += 60);
            case Diagnoses.MENORRHAGIA -> v.line(Item.PROGESTERONE, 10 + 10 * rnd.nextInt(2),
                    price(Item.PROGESTERONE, day, v), day, t += 60);
            default -> t = herbal(rnd, day, t);
        }
        t = acuteExtras(rnd, diag, age, day, t);
        if (rnd.nextInt(100) < 30) {
            t = op(Item.RECORD_BOOK, 1, day, t);
        }
        if ((p.chronic & Person.HYPERTENSION) != 0) {
            v.diagnose(Diagnoses.HYPERTENSION);
            v.line(Item.BP_MONITOR, 1, Item.BP_MONITOR.capMicros, day, t += 60);
        }
        if (!reversedOnce && rnd.nextInt(1000) < 3) {
            reversedOnce = true;
            v.mode = rnd.nextInt(3) == 0 ? Visit.CANCELLED : Visit.RESETTLED;
        }
        finishOutpatient(p, rnd, day, t);
    }

    /** A line {@code t + 60} seconds into an outpatient visit at the institution's price; returns its time. */
    private int op(Item it, long units, int day, int t) {
        v.line(it, units, price(it, day, v), day, t + 60);
        return t + 60;
    }

    /** An outpatient infusion of one drug in saline, with its set and patch. */
    private int drip(Item drug, long units, int day, int t) {
        t = op(drug, units, day, t);
        t = op(Item.SALINE, 1, day, t);
        t = op(Item.IV_DRIP, 1, day, t);
        t = op(Item.INFUSION_SET, 1, day, t);
        return op(Item.INFUSION_PATCH, 1, day, t);
    }

    /** The blood draw and tubes of an outpatient visit that had blood tests. */
    private int draw(int day, int t, int tubes) {
        t = op(Item.VENIPUNCTURE, 1, day, t);
        return op(Item.BLOOD_TUBE, tubes, day, t);
    }

    /**
     * The rest of an acute outpatient visit: a second or third drug, the tests and treatments of the diagnosis.
     * No component of the liver panel and no item with a knowledge point is added here.
     */
    private int acuteExtras(SplittableRandom rnd, String diag, int age, int day, int t) {
        boolean blood = v.has(Item.BLOOD_COUNT);
        switch (diag) {
            case Diagnoses.URTI -> {
                if (age <= 14) {
                    t = op(Item.AMBROXOL_ORAL, 10, day, t);
                } else {
                    t = op(Item.LIANHUA, 24, day, t);
                    if (rnd.nextBoolean()) {
                        t = op(Item.LIQUORICE, 30, day, t);
                    }
                }
                if (age > 14 && rnd.nextInt(100) < 30) {
                    t = op(Item.LORATADINE, 6, day, t);
                }
                if (rnd.nextInt(100) < 60) {
                    t = op(Item.BLOOD_COUNT, 1, day, t);
                    t = op(Item.CRP, 1, day, t);
                    blood = true;
                }
                if (age > 14 && rnd.nextInt(100) < 20) {
                    t = drip(Item.CEFTRIAXONE, 1, day, t);
                }
            }
            case Diagnoses.BRONCHITIS -> {
                t = op(Item.AMBROXOL_ORAL, 30, day, t);
                t = op(Item.LIQUORICE, 30, day, t);
                t = op(Item.CRP, 1, day, t);
                if (rnd.nextInt(100) < 30) {
                    t = op(Item.NEBULIZER, 1, day, t);
                    t = op(Item.BUDESONIDE_NEB, 1, day, t);
                    t = op(Item.NEB_MASK, 1, day, t);
                }
                if (!v.has(Item.CT_CHEST) && rnd.nextInt(100) < 30) {
                    t = op(Item.CHEST_DR, 1, day, t);
                }
                if (age > 14 && rnd.nextInt(100) < 25) {
                    t = drip(Item.AMBROXOL_INJ, 1, day, t);
                }
            }
            case Diagnoses.GASTRITIS -> {
                t = op(Item.MOSAPRIDE, 21, day, t);
                t = op(Item.HYDROTALCITE, 24, day, t);
                if (rnd.nextInt(100) < 40) {
                    t = op(Item.UREA_BREATH, 1, day, t);
                }
                if (rnd.nextInt(100) < 30) {
                    t = op(Item.ABD_US, 1, day, t);
                }
            }
            case Diagnoses.ENTERITIS -> {
                t = op(Item.ORS, 6, day, t);
                t = op(Item.STOOL, 1, day, t);
                if (rnd.nextInt(100) < 25) {
                    t = op(Item.SALINE, 2, day, t);
                    t = op(Item.GLUCOSE_5, 1, day, t);
                    t = op(Item.POTASSIUM, 1, day, t);
                    t = op(Item.IV_DRIP, 1, day, t);
                    t = op(Item.IV_DRIP_MORE, 2, day, t);
                    t = op(Item.INFUSION_SET, 1, day, t);
                }
            }
            case Diagnoses.LOW_BACK_PAIN -> {
                t = op(Item.DICLOFENAC_GEL, 1, day, t);
                if (rnd.nextBoolean()) {
                    t = op(Item.MID_FREQ, 1, day, t);
                }
            }
            case Diagnoses.HEADACHE -> {
                if (rnd.nextInt(100) < 40) {
                    t = op(Item.BLOOD_COUNT, 1, day, t);
                    blood = true;
                }
                if (age >= 40 && rnd.nextInt(100) < 30) {
                    t = op(Item.CAROTID_US, 1, day, t);
                }
            }
            case Diagnoses.FATTY_LIVER -> {
                t = op(Item.ABD_US, 1, day, t);
                t = op(Item.LIPID_PANEL, 1, day, t);
                t = op(Item.GLUCOSE, 1, day, t);
                blood = true;
            }
            case Diagnoses.PROSTATE -> {
                t = op(Item.URINE, 1, day, t);
                if (rnd.nextBoolean()) {
                    t = op(Item.ABD_US, 1, day, t);
                }
            }
            case Diagnoses.MENORRHAGIA -> {
                t = op(Item.BLOOD_COUNT, 1, day, t);
                t = op(Item.PELVIC_US, 1, day, t);
                blood = true;
            }
            default -> {
                t = op(Item.BLOOD_COUNT, 1, day, t);
                if (rnd.nextBoolean()) {
                    t = op(Item.GLUCOSE, 1, day, t);
                }
                blood = true;
            }
        }
        return blood ? draw(day, t, 2) : t;
    }

    private String acuteDiagnosis(Person p, SplittableRandom rnd, int age) {
        int r = rnd.nextInt(100);
        if (age < 15) {
            return r < 50 ? Diagnoses.URTI : r < 70 ? Diagnoses.ENTERITIS : r < 90 ? Diagnoses.BRONCHITIS
                    : Diagnoses.FATIGUE;
        }
        if (r < 20) {
            return Diagnoses.URTI;
        } else if (r < 30) {
            return Diagnoses.BRONCHITIS;
        } else if (r < 45) {
            return Diagnoses.GASTRITIS;
        } else if (r < 53) {
            return Diagnoses.ENTERITIS;
        } else if (r < 65) {
            return Diagnoses.LOW_BACK_PAIN;
        } else if (r < 73) {
            return Diagnoses.HEADACHE;
        } else if (r < 80) {
            return Diagnoses.FATTY_LIVER;
        } else if (r < 88) {
            return Diagnoses.FATIGUE;
        } else if (p.male() && age >= 50) {
            return Diagnoses.PROSTATE;
        } else if (!p.male() && age >= 18 && age <= 50) {
            return Diagnoses.MENORRHAGIA;
        }
        return Diagnoses.URTI;
    }

    /** A herbal prescription of four to six different herbs, seven doses. */
    private int herbal(SplittableRandom rnd, int day, int t) {
        int k = 4 + rnd.nextInt(3);
        int start = rnd.nextInt(HERBS.length);
        for (int i = 0; i < k; i++) {
            Item herb = HERBS[(start + i) % HERBS.length];
            int li = v.line(herb, (6 + rnd.nextInt(10)) * 7L, price(herb, day, v), day, t += 60);
            v.rx[li] = 2;
        }
        return t;
    }

    private void finishOutpatient(Person p, SplittableRandom rnd, int day, int lastLine) throws IOException {
        Institution h = v.inst;
        if (inflate != null) {
            int m = cal.monthOf(day);
            if (inflate[h.index][m] == 1) {
                v.line(Item.MRI, 1, Item.MRI.capMicros, day, lastLine += 60);
                v.line(Item.CT_CHEST, 1, Item.CT_CHEST.capMicros, day, lastLine += 60);
            } else if (inflate[h.index][m] == 2 && !v.has(Item.ECG)) {
                v.line(Item.ECG, 1, Item.ECG.capMicros, day, lastLine += 60);
            }
        }
        v.setlDay = day;
        v.setlSec = lastLine + 300 + rnd.nextInt(1800);
        sink.write(v);
    }

    // ---------------------------------------------------------------- pharmacy

    private void pharmacy(Person p, SplittableRandom rnd, int d) throws IOException {
        use(d);
        int day = cal.firstDay + d;
        Institution ph = pick(institutions.pharmaciesByCity[p.city], rnd);
        startPharmacy(p, rnd, ph, day);
        int k = 1 + rnd.nextInt(5);
        int start = rnd.nextInt(PHARMACY_BASKET.length);
        for (int i = 0; i < k; i++) {
            Item it = PHARMACY_BASKET[(start + i * 3) % PHARMACY_BASKET.length];
            v.line(it, basketUnits(it, rnd), price(it, day, v), day, v.beginSec);
        }
        finishPharmacy(rnd);
    }

    /** The units of one over-the-counter purchase. */
    private static long basketUnits(Item it, SplittableRandom rnd) {
        return switch (it) {
            case GANMAOLING, BANLANGEN -> 6 + rnd.nextInt(10);
            case HUOXIANG -> 10;
            case IBUPROFEN -> 20;
            case OMEPRAZOLE -> 14;
            case MONTMORILLONITE -> 6 + rnd.nextInt(5);
            case VITAMIN -> 30 + 30 * rnd.nextInt(2);
            case LIANHUA -> 24 + 12 * rnd.nextInt(2);
            case LIQUORICE -> 100;
            case LORATADINE -> 6 + 6 * rnd.nextInt(2);
            case ORS -> 6;
            case HYDROTALCITE -> 20;
            case AMBROXOL_ORAL -> 20;
            case DICLOFENAC_GEL -> 1;
            default -> 1 + rnd.nextInt(2);
        };
    }

    private void startPharmacy(Person p, SplittableRandom rnd, Institution ph, int day) {
        v.reset(p, ph, "41");
        int minute = ph.openMinute + rnd.nextInt(ph.closeMinute - ph.openMinute - 10);
        v.beginDay = day;
        v.beginSec = minute * 60 + rnd.nextInt(60);
    }

    private void finishPharmacy(SplittableRandom rnd) throws IOException {
        v.setlDay = v.beginDay;
        v.setlSec = v.beginSec + 60 + rnd.nextInt(240);
        sink.write(v);
    }

}
