package org.fundwatch.synth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.fundwatch.synth.Institutions.Institution;

/**
 * Planted violations (违规案例) of every type of DOMAIN.md §3 and near-misses that must not fire. Every case gets
 * people of its own (numbered after the background), so that a case raises its own type and nothing else; the
 * number of cases per type scales with the background population.
 */
final class Scenarios {

    private final Calendar cal;
    private final Catalog catalog;
    private final Institutions inst;
    private final Population pop;
    private final ClaimSink sink;
    private final Background background;
    private final LabelSink labels;
    private final long seed;
    private final int k;
    private long nextNumber;
    private final Visit v = new Visit();
    private int t;

    Scenarios(Calendar cal, Catalog catalog, Institutions inst, Population pop, ClaimSink sink, Background background,
              LabelSink labels, long seed, long firstNumber, int casesPerType) {
        this.cal = cal;
        this.catalog = catalog;
        this.inst = inst;
        this.pop = pop;
        this.sink = sink;
        this.background = background;
        this.labels = labels;
        this.seed = seed;
        this.nextNumber = firstNumber;
        this.k = casesPerType;
    }

    static int casesPerType(long persons) {
        return (int) Math.max(1, Math.round(persons / 2000.0));
    }

    long nextNumber() {
        return nextNumber;
    }

    private SplittableRandom rnd(int type, int i) {
        return new SplittableRandom(Seeds.mix(seed, 0x5CE0_0000L + type * 1_000_003L + i));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Person person(SplittableRandom rnd, int city, int age, String gend, String insutype) throws IOException {
        Person p = new Person();
        pop.planted(p, nextNumber++, city, age, gend, insutype, rnd);
        pop.enrol(p);
        return p;
    }

    private Person adult(SplittableRandom rnd, int city) throws IOException {
        return person(rnd, city, 25 + rnd.nextInt(30), rnd.nextBoolean() ? "1" : "2", rnd.nextBoolean() ? "310" : "390");
    }

    private int someDay(SplittableRandom rnd, int span) {
        return cal.firstDay + rnd.nextInt(Math.max(1, cal.days - span));
    }

    private Institution hospital(SplittableRandom rnd, int city, int level) {
        Institution[] l = inst.hospitals[city][level];
        return l[rnd.nextInt(l.length)];
    }

    private Institution pharmacy(SplittableRandom rnd, int city) {
        Institution[] l = inst.pharmaciesByCity[city];
        return l[rnd.nextInt(l.length)];
    }

    private static int daytime(SplittableRandom rnd) {
        return 9 * 3600 + rnd.nextInt(6 * 3600);
    }

    private Visit open(Person p, Institution h, String medType, int day, int sec, String... diags) {
        v.reset(p, h, medType);
        v.beginDay = day;
        v.beginSec = sec;
        for (String d : diags) {
            v.diagnose(d);
        }
        t = sec + 60;
        if (!h.isPharmacy()) {
            v.line(Item.REGISTRATION, 1, Item.REGISTRATION.capMicros, day, t);
        }
        return v;
    }

    private int add(Item it, long units, long price) {
        t += 60;
        return v.line(it, units, price, v.beginDay, t);
    }

    private long fair(Item it, int day) {
        long cap = catalog.capOn(it, day);
        return it.listType.equals("201") ? cap : Math.max(10_000, cap * 9 / 10 / 10_000 * 10_000);
    }

    private Visit close() throws IOException {
        v.setlDay = v.beginDay;
        v.setlSec = t + 300;
        sink.write(v);
        return v;
    }

    private Visit pharmacyVisit(Person p, Institution ph, int day, SplittableRandom rnd) {
        int sec = (ph.openMinute + 20) * 60 + rnd.nextInt((ph.closeMinute - ph.openMinute - 60) * 60);
        return open(p, ph, "41", day, sec);
    }

    /** A clean stay written through the background's line builder. */
    private Visit stay(Person p, Institution h, String diag, int admDay, int los, SplittableRandom rnd, Extra extra)
            throws IOException {
        v.reset(p, h, "21");
        v.diagnose(diag);
        v.beginDay = admDay;
        v.beginSec = 8 * 3600 + rnd.nextInt(8 * 3600);
        v.endDay = admDay + los;
        v.endSec = 9 * 3600 + rnd.nextInt(7200);
        background.inpatientLines(v, p, rnd, diag, los, p.age(admDay), false);
        if (extra != null) {
            extra.add(v);
        }
        sink.write(v);
        return v;
    }

    /** Extra lines for a stay. */
    interface Extra {
        void add(Visit v);
    }

    private void label(Case c) throws IOException {
        labels.label(c);
    }

    private void near(Case c, String description) throws IOException {
        labels.nearMiss(c.describe(description));
    }

    private static Case visitCase(String type, Visit v) {
        return new Case(type).mdtrt(v.mdtrtId).psn(v.person.psnNo);
    }

    private static Case lineCase(String type, Visit v, int line) {
        return new Case(type).sn(v.sn(line)).mdtrt(v.mdtrtId).psn(v.person.psnNo).item(v.item[line].code);
    }

    // ------------------------------------------------------------------------------------------------ plan

    /**
     * Chooses the institution-months of planted peer outliers (1) and near-misses (2) before the background is
     * generated, at most one of each per level and month so that the peer medians stay put.
     */
    void peerOutliers(byte[][] inflate) throws IOException {
        int wanted = (int) Math.max(3, Math.min(10, k / 5));
        SplittableRandom rnd = rnd(99, 0);
        List<int[]> slots = new ArrayList<>();
        for (int m = 0; m < cal.months; m++) {
            for (int level = 1; level <= 3; level++) {
                slots.add(new int[] {level, m});
            }
        }
        for (int i = slots.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int[] x = slots.get(i);
            slots.set(i, slots.get(j));
            slots.set(j, x);
        }
        int planted = 0;
        for (int[] slot : slots) {
            if (planted >= wanted) {
                break;
            }
            int level = slot[0];
            int m = slot[1];
            int city = rnd.nextInt(Institutions.CITIES);
            Institution[] list = inst.hospitals[city][level];
            Institution h = list[rnd.nextInt(list.length)];
            inflate[h.index][m] = 1;
            label(new Case("PEER_OUTLIER").institution(h.code).period(cal.monthText(m)));
            planted++;
            if (planted <= 2) {
                Institution[] other = inst.hospitals[(city + 1) % Institutions.CITIES][level];
                Institution n = other[rnd.nextInt(other.length)];
                inflate[n.index][m] = 2;
                near(new Case("PEER_OUTLIER").institution(n.code).period(cal.monthText(m)),
                        "every outpatient visit of the month carries one extra ECG: cost per visit up ~10%, below 1.5× the peer median");
            }
        }
    }

    void plantAll() throws IOException {
        lineTypes();
        visitTypes();
        timelineTypes();
        institutionTypes();
        groupTypes();
        badActors();
    }

    // ------------------------------------------------------------------------------------------------ bad actors

    /**
     * Bad actors (for the risk ranking, 风险排名): a few institutions — two thirds hospitals, the rest pharmacies,
     * {@code max(2, min(10, k / 10))} of them — each with {@code 5k} extra planted cases of its own, every one a
     * labelled violation on a person of its own from the institution's city: a price above the cap (超标准收费), the
     * same examination twice at the same time (重复收费) and montmorillonite above 18 bags a visit (超量开药),
     * taking turns. Ordinary visits otherwise (a registration, a fair-priced drug), so that its indicators barely
     * move. Listed in {@code bad_actors.csv}.
     */
    private void badActors() throws IOException {
        int wanted = Math.max(2, Math.min(10, k / 10));
        int hospitals = (wanted * 2 + 2) / 3;
        SplittableRandom pick = rnd(90, 0);
        List<Institution> chosen = new ArrayList<>();
        List<Institution> allHospitals = new ArrayList<>();
        for (Institution i : inst.all) {
            if (!i.isPharmacy()) {
                allHospitals.add(i);
            }
        }
        while (chosen.size() < hospitals) {
            Institution h = allHospitals.get(pick.nextInt(allHospitals.size()));
            if (!chosen.contains(h)) {
                chosen.add(h);
            }
        }
        while (chosen.size() < wanted) {
            Institution ph = inst.pharmacies.get(pick.nextInt(inst.pharmacies.size()));
            if (!chosen.contains(ph)) {
                chosen.add(ph);
            }
        }
        int perActor = 5 * k;
        for (int a = 0; a < chosen.size(); a++) {
            Institution h = chosen.get(a);
            for (int i = 0; i < perActor; i++) {
                SplittableRandom r = rnd(91 + a, i);
                Person p = adult(r, h.city);
                int day = someDay(r, 1);
                if (h.isPharmacy()) {
                    pharmacyVisit(p, h, day, r);
                } else {
                    open(p, h, "11", day, daytime(r), i % 3 == 2 ? Diagnoses.ENTERITIS : Diagnoses.BRONCHITIS);
                }
                Case cs;
                switch (i % 3) {
                    case 0 -> {
                        add(Item.AMOXICILLIN, 24, fair(Item.AMOXICILLIN, day));
                        Item over = h.isPharmacy() ? Item.IBUPROFEN : Item.BLOOD_COUNT;
                        int l = add(over, 1, catalog.capOn(over, day) + 10_000L * (1 + r.nextInt(20)));
                        close();
                        cs = lineCase("OVER_PRICE_CAP", v, l);
                    }
                    case 1 -> {
                        Item twice = h.isPharmacy() ? Item.LORATADINE : Item.BLOOD_COUNT;
                        long price = h.isPharmacy() ? fair(twice, day) : twice.capMicros;
                        int first = add(twice, 1, price);
                        int dup = v.line(twice, 1, price, day, v.sec[first]);
                        close();
                        cs = lineCase("DUPLICATE_CHARGE", v, dup);
                    }
                    default -> {
                        int l = add(Item.MONTMORILLONITE, 24, fair(Item.MONTMORILLONITE, day));
                        close();
                        cs = lineCase("QUANTITY_LIMIT", v, l);
                    }
                }
                label(cs.describe("bad actor " + h.code));
            }
            labels.badActor(h.code, perActor, (h.isPharmacy() ? "pharmacy" : "hospital level " + h.level)
                    + ": " + perActor + " planted price-cap, duplicate-charge and quantity violations");
        }
    }

    // ------------------------------------------------------------------------------------------------ §3.1

    private void lineTypes() throws IOException {
        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(1, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 1);
            if (i % 3 == 2 && day >= catalog.changeDay) {
                open(p, hospital(r, c, 2), "11", day, daytime(r), Diagnoses.HYPERTENSION);
                int l = add(Item.AMLODIPINE, 28, Item.AMLODIPINE.capMicros);
                close();
                label(lineCase("OVER_PRICE_CAP", v, l));
            } else {
                open(p, hospital(r, c, 1 + r.nextInt(3)), "11", day, daytime(r), Diagnoses.BRONCHITIS);
                add(Item.AMOXICILLIN, 24, fair(Item.AMOXICILLIN, day));
                int l = add(Item.BLOOD_COUNT, 1, Item.BLOOD_COUNT.capMicros + 1_000_000L * (1 + r.nextInt(5)));
                close();
                label(lineCase("OVER_PRICE_CAP", v, l));
            }
        }
        {
            SplittableRandom r = rnd(1, 10_000);
            Person p = adult(r, 0);
            int day = catalog.changeDay + r.nextInt(Math.max(1, cal.lastDay() - catalog.changeDay));
            open(p, hospital(r, 0, 2), "11", day, daytime(r), Diagnoses.HYPERTENSION);
            int l = add(Item.AMLODIPINE, 28, Catalog.AMLODIPINE_NEW_CAP);
            close();
            near(lineCase("OVER_PRICE_CAP", v, l), "price equal to the cap valid on the fee date (after the 集采 cut)");
            p = adult(r, 1);
            day = catalog.changeDay - 1;
            open(p, hospital(r, 1, 2), "11", day, daytime(r), Diagnoses.HYPERTENSION);
            l = add(Item.AMLODIPINE, 28, Item.AMLODIPINE.capMicros);
            close();
            near(lineCase("OVER_PRICE_CAP", v, l), "old cap charged on the last day it is valid");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(2, i);
            int c = i % Institutions.CITIES;
            boolean male = i % 2 == 0;
            Person p = person(r, c, 30 + r.nextInt(30), male ? "1" : "2", "390");
            int day = someDay(r, 1);
            open(p, hospital(r, c, 2), "11", day, daytime(r), Diagnoses.FATIGUE);
            int l = male ? add(Item.PROGESTERONE, 20, fair(Item.PROGESTERONE, day))
                    : add(Item.TAMSULOSIN, 14, fair(Item.TAMSULOSIN, day));
            close();
            label(lineCase("GENDER_LIMIT", v, l));
        }
        {
            SplittableRandom r = rnd(2, 10_000);
            Person p = person(r, 2, 40, "1", "310");
            int day = someDay(r, 1);
            approval(p, Item.PROGESTERONE, "GENDER_LIMIT", day - 30, day + 300, "特殊病种用药备案（男性乳腺癌内分泌治疗）");
            open(p, hospital(r, 2, 3), "11", day, daytime(r), Diagnoses.FATIGUE);
            int l = add(Item.PROGESTERONE, 20, fair(Item.PROGESTERONE, day));
            close();
            near(lineCase("GENDER_LIMIT", v, l), "female-only drug for a man, covered by a psn_approval");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(3, i);
            int c = i % Institutions.CITIES;
            int day = someDay(r, 1);
            int variant = i % 3;
            Person p = new Person();
            if (variant == 0) {
                p = adult(r, c);
            } else if (variant == 1) {
                pop.plantedBorn(p, nextNumber++, c, Calendar.plusYears(day, -15), "1", "390", r);
                pop.enrol(p);
            } else {
                p = person(r, c, 10, "2", "390");
            }
            open(p, hospital(r, c, 1), "11", day, daytime(r), variant == 2 ? Diagnoses.LIPIDS : Diagnoses.URTI);
            int l = variant == 2 ? add(Item.ATORVASTATIN, 14, fair(Item.ATORVASTATIN, day))
                    : add(Item.CHILD_COLD, 6, fair(Item.CHILD_COLD, day));
            close();
            label(lineCase("AGE_LIMIT", v, l).describe(variant == 1 ? "15th birthday on the fee date" : ""));
        }
        {
            SplittableRandom r = rnd(3, 10_000);
            int day = someDay(r, 1);
            Person p = new Person();
            pop.plantedBorn(p, nextNumber++, 3, Calendar.plusYears(day, -15) + 1, "2", "390", r);
            pop.enrol(p);
            open(p, hospital(r, 3, 1), "11", day, daytime(r), Diagnoses.URTI);
            int l = add(Item.CHILD_COLD, 6, fair(Item.CHILD_COLD, day));
            close();
            near(lineCase("AGE_LIMIT", v, l), "child aged 14 whose 15th birthday is the day after the fee date (AGE_MAX 14 inclusive)");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(4, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 8);
            int variant = i % 3;
            if (variant == 0) {
                open(p, hospital(r, c, 2 + r.nextInt(2)), "11", day, daytime(r), Diagnoses.PNEUMONIA);
                int l = add(Item.THYMALFASIN, 1, fair(Item.THYMALFASIN, day));
                close();
                label(lineCase("SETTING_LIMIT", v, l));
            } else if (variant == 1) {
                pharmacyVisit(p, pharmacy(r, c), day, r);
                int l = add(Item.THYMALFASIN, 1, fair(Item.THYMALFASIN, day));
                close();
                label(lineCase("SETTING_LIMIT", v, l));
            } else {
                int[] reg = new int[1];
                Visit s = stay(p, hospital(r, c, 2), Diagnoses.PNEUMONIA, day, 5, r, x -> reg[0] =
                        x.line(Item.REGISTRATION, 1, Item.REGISTRATION.capMicros, x.beginDay, x.beginSec + 60));
                label(lineCase("SETTING_LIMIT", s, reg[0]));
            }
        }
        {
            SplittableRandom r = rnd(4, 10_000);
            Person p = person(r, 4, 70, "1", "310");
            int day = someDay(r, 8);
            int[] th = new int[1];
            Visit s = stay(p, hospital(r, 4, 3), Diagnoses.PNEUMONIA, day, 6, r, x -> {
                for (int i = 0; i < x.n; i++) {
                    if (x.item[i] == Item.THYMALFASIN) {
                        th[0] = i;
                    }
                }
            });
            near(lineCase("SETTING_LIMIT", s, th[0]), "inpatient-only drug billed during an inpatient stay");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(5, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 1);
            int l;
            if (i % 3 == 2) {
                pharmacyVisit(p, pharmacy(r, c), day, r);
                l = add(Item.CEFOPERAZONE, 2, fair(Item.CEFOPERAZONE, day));
            } else {
                open(p, hospital(r, c, 1), "11", day, daytime(r), Diagnoses.PNEUMONIA);
                l = add(Item.CEFOPERAZONE, 2, fair(Item.CEFOPERAZONE, day));
                add(Item.SALINE, 1, fair(Item.SALINE, day));
                add(Item.IV_DRIP, 1, Item.IV_DRIP.capMicros);
            }
            close();
            label(lineCase("MEDINS_LEVEL_LIMIT", v, l));
        }
        {
            SplittableRandom r = rnd(5, 10_000);
            Person p = adult(r, 1);
            int day = someDay(r, 1);
            open(p, hospital(r, 1, 2), "11", day, daytime(r), Diagnoses.PNEUMONIA);
            int l = add(Item.CEFOPERAZONE, 2, fair(Item.CEFOPERAZONE, day));
            close();
            near(lineCase("MEDINS_LEVEL_LIMIT", v, l), "level-2-only drug at a level-2 hospital (MEDINS_LV_MIN 2 inclusive)");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(6, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 1);
            if (i % 4 == 3) {
                open(p, hospital(r, c, 2), "11", day, daytime(r));
            } else {
                open(p, hospital(r, c, 2), "11", day, daytime(r), Diagnoses.GASTRITIS);
            }
            int l = add(Item.CLOPIDOGREL, 14, fair(Item.CLOPIDOGREL, day));
            close();
            label(lineCase("INDICATION_LIMIT", v, l).describe(v.diagCount == 0 ? "visit without diagnosis" : ""));
        }
        {
            SplittableRandom r = rnd(6, 10_000);
            Person p = person(r, 0, 66, "1", "310");
            int day = someDay(r, 1);
            open(p, hospital(r, 0, 3), "11", day, daytime(r), Diagnoses.STROKE);
            int l = add(Item.CLOPIDOGREL, 14, fair(Item.CLOPIDOGREL, day));
            close();
            near(lineCase("INDICATION_LIMIT", v, l), "diagnosis I63.9 matches the indication prefix I63 (compared without dots)");
            p = person(r, 1, 58, "2", "310");
            approval(p, Item.CLOPIDOGREL, "INDICATION_LIMIT", day - 10, day + 170, "门诊特殊药品备案（冠脉支架术后）");
            open(p, hospital(r, 1, 3), "11", day, daytime(r), Diagnoses.GASTRITIS);
            l = add(Item.CLOPIDOGREL, 14, fair(Item.CLOPIDOGREL, day));
            close();
            near(lineCase("INDICATION_LIMIT", v, l), "indication not matched but covered by a psn_approval");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(7, i);
            int c = i % Institutions.CITIES;
            int day = someDay(r, 1);
            int l;
            if (i % 2 == 0) {
                Person p = person(r, c, 35, "1", "310");
                open(p, hospital(r, c, 3), "11", day, daytime(r), Diagnoses.CONCUSSION);
                l = add(Item.NGF, 1, fair(Item.NGF, day));
            } else {
                Person p = person(r, c, 28, "2", "390");
                open(p, hospital(r, c, 2), "11", day, daytime(r), Diagnoses.PREGNANCY);
                l = add(Item.ANTENATAL, 1, Item.ANTENATAL.capMicros);
            }
            close();
            label(lineCase("INSUTYPE_LIMIT", v, l));
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(8, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int l;
            if (i % 2 == 0) {
                int day = catalog.changeDay + r.nextInt(Math.max(1, cal.lastDay() - catalog.changeDay));
                open(p, hospital(r, c, 2), "11", day, daytime(r), Diagnoses.HEADACHE);
                l = add(Item.BRAIN_PROTEIN, 30, fair(Item.BRAIN_PROTEIN, day));
            } else {
                int day = someDay(r, 1);
                pharmacyVisit(p, pharmacy(r, c), day, r);
                l = add(Item.VITAMIN, 60, fair(Item.VITAMIN, day));
                v.fulamt[l] = 0;
            }
            close();
            label(lineCase("NOT_COVERED", v, l).describe(i % 2 == 0 ? "item removed from the catalog" : "丙类 not self-paid"));
        }
        {
            SplittableRandom r = rnd(8, 10_000);
            Person p = adult(r, 2);
            int day = catalog.changeDay - 1;
            open(p, hospital(r, 2, 2), "11", day, daytime(r), Diagnoses.HEADACHE);
            int l = add(Item.BRAIN_PROTEIN, 30, fair(Item.BRAIN_PROTEIN, day));
            close();
            near(lineCase("NOT_COVERED", v, l), "item billed on the last day of its catalog validity (enddate inclusive)");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(9, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 1);
            open(p, hospital(r, c, 1 + r.nextInt(3)), "11", day, daytime(r), Diagnoses.ENTERITIS);
            Case cs;
            if (i % 2 == 0) {
                int l = add(Item.MONTMORILLONITE, 24, fair(Item.MONTMORILLONITE, day));
                close();
                cs = lineCase("QUANTITY_LIMIT", v, l);
            } else {
                add(Item.MONTMORILLONITE, 12, fair(Item.MONTMORILLONITE, day));
                int l = add(Item.MONTMORILLONITE, 12, fair(Item.MONTMORILLONITE, day));
                close();
                cs = lineCase("QUANTITY_LIMIT", v, l);
            }
            label(cs);
        }
        {
            SplittableRandom r = rnd(9, 10_000);
            Person p = adult(r, 3);
            int day = someDay(r, 1);
            open(p, hospital(r, 3, 1), "11", day, daytime(r), Diagnoses.ENTERITIS);
            int l = add(Item.MONTMORILLONITE, 18, fair(Item.MONTMORILLONITE, day));
            close();
            near(lineCase("QUANTITY_LIMIT", v, l), "quantity equal to the per-visit maximum (18)");
            p = adult(r, 4);
            open(p, hospital(r, 4, 1), "11", day, daytime(r), Diagnoses.ENTERITIS);
            add(Item.MONTMORILLONITE, 9, fair(Item.MONTMORILLONITE, day));
            l = add(Item.MONTMORILLONITE, 9, fair(Item.MONTMORILLONITE, day));
            close();
            near(lineCase("QUANTITY_LIMIT", v, l), "two lines adding up to exactly the maximum (9 + 9)");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(10, i);
            int c = i % Institutions.CITIES;
            Person p = person(r, c, 62 + r.nextInt(15), r.nextBoolean() ? "1" : "2", "310");
            int day = sameYearDay(r, 17);
            List<Integer> late = new ArrayList<>();
            Visit s = stay(p, hospital(r, c, 2 + r.nextInt(2)), Diagnoses.STROKE, day, 16, r,
                    x -> infrared(x, 16, late));
            Case cs = visitCase("COURSE_LIMIT", s).item(Item.INFRARED.code);
            cs.mdtrts.clear();
            for (int l : late) {
                cs.sn(s.sn(l));
            }
            cs.mdtrt(s.mdtrtId);
            label(cs);
        }
        {
            SplittableRandom r = rnd(10, 10_000);
            Person p = person(r, 2, 70, "2", "310");
            int day = sameYearDay(r, 15);
            Visit s = stay(p, hospital(r, 2, 3), Diagnoses.STROKE, day, 14, r, x -> infrared(x, 14, new ArrayList<>()));
            near(visitCase("COURSE_LIMIT", s).item(Item.INFRARED.code),
                    "item billed on exactly the yearly maximum of 14 distinct days");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(11, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 1);
            open(p, hospital(r, c, 1 + r.nextInt(3)), "11", day, daytime(r), Diagnoses.FATIGUE);
            int l = add(Item.XIYANGSHEN, 70, fair(Item.XIYANGSHEN, day));
            v.rx[l] = 2;
            close();
            label(lineCase("HERBAL_SINGLE", v, l));
        }
        {
            SplittableRandom r = rnd(11, 10_000);
            Person p = adult(r, 1);
            int day = someDay(r, 1);
            open(p, hospital(r, 1, 2), "11", day, daytime(r), Diagnoses.FATIGUE);
            int l = add(Item.XIYANGSHEN, 42, fair(Item.XIYANGSHEN, day));
            v.rx[add(Item.HUANGQI, 70, fair(Item.HUANGQI, day))] = 2;
            v.rx[add(Item.GANCAO, 42, fair(Item.GANCAO, day))] = 2;
            v.rx[l] = 2;
            close();
            near(lineCase("HERBAL_SINGLE", v, l), "not-payable-alone herb together with two other herbs in one prescription");
        }
    }

    private int sameYearDay(SplittableRandom r, int span) {
        for (int tries = 0; tries < 50; tries++) {
            int d = someDay(r, span);
            if (Calendar.year(d) == Calendar.year(d + span)) {
                return d;
            }
        }
        return cal.firstDay;
    }

    private static void infrared(Visit x, int days, List<Integer> late) {
        for (int d = 0; d < days; d++) {
            int l = x.line(Item.INFRARED, 1, Item.INFRARED.capMicros, x.beginDay + d,
                    d == 0 ? x.beginSec + 3000 : 15 * 3600);
            if (d >= 14) {
                late.add(l);
            }
        }
    }

    private void approval(Person p, Item item, String type, int begin, int end, String reason) throws IOException {
        approvals.add(new String[] {"BA" + p.psnNo.substring(2) + String.format("%02d", approvals.size() % 100),
            p.psnNo, item == null ? "" : item.code, type == null ? "" : type, Calendar.dateText(begin),
            Calendar.dateText(end), reason});
    }

    /** Approvals (psn_approval rows) of planted near-misses: approval number, person, item, type, from, to, reason. */
    final List<String[]> approvals = new ArrayList<>();

    // ------------------------------------------------------------------------------------------------ §3.2

    private void visitTypes() throws IOException {
        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(12, i);
            int c = i % Institutions.CITIES;
            if (i % 3 != 2) {
                Person p = adult(r, c);
                int day = someDay(r, 1);
                open(p, hospital(r, c, 2 + r.nextInt(2)), "11", day, daytime(r), Diagnoses.BRONCHITIS);
                add(Item.AMOXICILLIN, 24, fair(Item.AMOXICILLIN, day));
                int first = add(Item.BLOOD_COUNT, 1, Item.BLOOD_COUNT.capMicros);
                int dup = v.line(Item.BLOOD_COUNT, 1, Item.BLOOD_COUNT.capMicros, day, v.sec[first]);
                close();
                label(lineCase("DUPLICATE_CHARGE", v, dup));
            } else {
                Person p = person(r, c, 65 + r.nextInt(15), "1", "310");
                int day = someDay(r, 8);
                int[] bp = new int[1];
                Visit s = stay(p, hospital(r, c, 3), Diagnoses.STROKE, day, 7, r,
                        x -> bp[0] = x.line(Item.BP_MONITOR, 1, Item.BP_MONITOR.capMicros, x.beginDay + 1, 16 * 3600));
                label(lineCase("DUPLICATE_CHARGE", s, bp[0]).describe("EXCLUSIVE pair 一级护理 ⊃ 无创血压监测, same day"));
            }
        }
        {
            SplittableRandom r = rnd(12, 10_000);
            Person p = adult(r, 0);
            int day = someDay(r, 1);
            open(p, hospital(r, 0, 2), "11", day, 9 * 3600, Diagnoses.BRONCHITIS);
            int a = add(Item.BLOOD_COUNT, 1, Item.BLOOD_COUNT.capMicros);
            t += 2400;
            add(Item.BLOOD_COUNT, 1, Item.BLOOD_COUNT.capMicros);
            close();
            near(lineCase("DUPLICATE_CHARGE", v, a), "same item twice in one visit at different times (a repeat test)");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(13, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 1);
            open(p, hospital(r, c, 1 + r.nextInt(3)), "11", day, daytime(r), Diagnoses.FATTY_LIVER);
            int a = add(Item.ALT, 1, Item.ALT.capMicros);
            int b = add(Item.AST, 1, Item.AST.capMicros);
            int tb = i % 2 == 0 ? add(Item.TBIL, 1, Item.TBIL.capMicros) : -1;
            close();
            Case cs = visitCase("UNBUNDLING", v).sn(v.sn(a)).sn(v.sn(b)).item(Item.LIVER_PANEL.code);
            if (tb >= 0) {
                cs.sn(v.sn(tb));
            }
            label(cs);
        }
        {
            SplittableRandom r = rnd(13, 10_000);
            Person p = adult(r, 2);
            int day = someDay(r, 1);
            open(p, hospital(r, 2, 1), "11", day, daytime(r), Diagnoses.FATTY_LIVER);
            add(Item.ALT, 1, Item.ALT.capMicros);
            close();
            near(visitCase("UNBUNDLING", v), "a single component of a bundle billed alone");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(14, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 8);
            if (i % 2 == 0) {
                open(p, hospital(r, c, 1 + r.nextInt(3)), "11", day, daytime(r), Diagnoses.BRONCHITIS);
                add(Item.SALINE, 2, fair(Item.SALINE, day));
                int l = add(Item.IV_DRIP, 2, Item.IV_DRIP.capMicros);
                close();
                label(lineCase("FREQUENCY_LIMIT", v, l));
            } else {
                int[] extra = new int[1];
                Visit s = stay(p, hospital(r, c, 2), Diagnoses.PNEUMONIA, day, 4, r,
                        x -> extra[0] = x.line(Item.BED, 2, Item.BED.capMicros, x.endDay, x.endSec - 1200));
                label(lineCase("FREQUENCY_LIMIT", s, extra[0]).describe("6 bed-days billed for a 4-night stay"));
            }
        }
        {
            SplittableRandom r = rnd(14, 10_000);
            Person p = adult(r, 3);
            Visit s = stay(p, hospital(r, 3, 2), Diagnoses.PNEUMONIA, someDay(r, 8), 5, r, null);
            near(visitCase("FREQUENCY_LIMIT", s), "bed-days equal to the length of stay; one IV a day");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(15, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 1);
            open(p, hospital(r, c, 2 + r.nextInt(2)), "11", day, daytime(r), Diagnoses.APPENDICITIS);
            int l = add(Item.ANAESTHESIA, 1, Item.ANAESTHESIA.capMicros);
            add(Item.CEFTRIAXONE, 1, fair(Item.CEFTRIAXONE, day));
            close();
            label(lineCase("MISSING_ASSOCIATION", v, l));
        }
        {
            SplittableRandom r = rnd(15, 10_000);
            Person p = adult(r, 4);
            int day = someDay(r, 1);
            open(p, hospital(r, 4, 3), "11", day, daytime(r), Diagnoses.APPENDICITIS);
            int l = add(Item.ANAESTHESIA, 1, Item.ANAESTHESIA.capMicros);
            add(Item.APPENDECTOMY, 1, Item.APPENDECTOMY.capMicros);
            close();
            near(lineCase("MISSING_ASSOCIATION", v, l), "anaesthesia with the surgery it requires (day surgery)");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(16, i);
            int c = i % Institutions.CITIES;
            Person p = person(r, c, 50 + r.nextInt(20), r.nextBoolean() ? "1" : "2", "310");
            int day = someDay(r, 1);
            open(p, hospital(r, c, 2 + r.nextInt(2)), "14", day, daytime(r), Diagnoses.DIABETES);
            int l = add(Item.SITAGLIPTIN, 28, fair(Item.SITAGLIPTIN, day));
            close();
            label(lineCase("SECOND_LINE", v, l));
        }
        {
            SplittableRandom r = rnd(16, 10_000);
            Person p = person(r, 0, 60, "2", "310");
            int day = someDay(r, 22);
            open(p, hospital(r, 0, 3), "14", day, daytime(r), Diagnoses.DIABETES);
            add(Item.METFORMIN, 60, fair(Item.METFORMIN, day));
            close();
            open(p, hospital(r, 0, 3), "14", day + 20, daytime(r), Diagnoses.DIABETES);
            int l = add(Item.SITAGLIPTIN, 28, fair(Item.SITAGLIPTIN, day + 20));
            close();
            near(lineCase("SECOND_LINE", v, l), "second-line drug 20 days after the first-line drug");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(17, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 1);
            open(p, hospital(r, c, 1 + r.nextInt(3)), "11", day, daytime(r), Diagnoses.URTI, Diagnoses.LIPIDS);
            int a = add(Item.CLARITHROMYCIN, 12, fair(Item.CLARITHROMYCIN, day));
            int b = add(Item.SIMVASTATIN, 28, fair(Item.SIMVASTATIN, day));
            close();
            label(visitCase("DRUG_INTERACTION", v).sn(v.sn(a)).sn(v.sn(b)).item(Item.CLARITHROMYCIN.code)
                    .item(Item.SIMVASTATIN.code));
        }
        {
            SplittableRandom r = rnd(17, 10_000);
            Person p = adult(r, 1);
            int day = someDay(r, 6);
            open(p, hospital(r, 1, 2), "11", day, daytime(r), Diagnoses.URTI);
            add(Item.CLARITHROMYCIN, 12, fair(Item.CLARITHROMYCIN, day));
            close();
            Case cs = visitCase("DRUG_INTERACTION", v);
            open(p, hospital(r, 1, 2), "11", day + 5, daytime(r), Diagnoses.LIPIDS);
            add(Item.SIMVASTATIN, 28, fair(Item.SIMVASTATIN, day + 5));
            close();
            near(cs.mdtrt(v.mdtrtId), "contraindicated drugs in two different visits five days apart");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(18, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 1);
            Case cs = new Case("SPLIT_PRESCRIPTION").psn(p.psnNo);
            if (i % 2 == 0) {
                Institution h = hospital(r, c, 1);
                open(p, h, "11", day, 9 * 3600 + r.nextInt(3600), Diagnoses.GASTRITIS);
                int l = add(Item.OMEPRAZOLE, 14, fair(Item.OMEPRAZOLE, day));
                close();
                cs.mdtrt(v.mdtrtId).sn(v.sn(l)).item(Item.OMEPRAZOLE.code);
                open(p, h, "11", day, 14 * 3600 + r.nextInt(3600), Diagnoses.GASTRITIS);
                l = add(Item.OMEPRAZOLE, 14, fair(Item.OMEPRAZOLE, day));
                close();
                cs.mdtrt(v.mdtrtId).sn(v.sn(l));
            } else {
                Institution ph = pharmacy(r, c);
                open(p, ph, "41", day, (ph.openMinute + 30) * 60);
                int l = add(Item.IBUPROFEN, 20, fair(Item.IBUPROFEN, day));
                close();
                cs.mdtrt(v.mdtrtId).sn(v.sn(l)).item(Item.IBUPROFEN.code);
                open(p, ph, "41", day, (ph.closeMinute - 60) * 60);
                l = add(Item.IBUPROFEN, 20, fair(Item.IBUPROFEN, day));
                close();
                cs.mdtrt(v.mdtrtId).sn(v.sn(l));
            }
            label(cs);
        }
        {
            SplittableRandom r = rnd(18, 10_000);
            Person p = adult(r, 2);
            int day = someDay(r, 1);
            Institution[] l1 = inst.hospitals[2][1];
            open(p, l1[0], "11", day, 9 * 3600, Diagnoses.GASTRITIS);
            add(Item.OMEPRAZOLE, 14, fair(Item.OMEPRAZOLE, day));
            close();
            Case cs = visitCase("SPLIT_PRESCRIPTION", v);
            open(p, inst.hospitals[2][2][0], "11", day, 15 * 3600, Diagnoses.GASTRITIS);
            add(Item.OMEPRAZOLE, 14, fair(Item.OMEPRAZOLE, day));
            close();
            near(cs.mdtrt(v.mdtrtId), "same drug on one day at two different institutions");
        }
    }

    // ------------------------------------------------------------------------------------------------ §3.3

    private void timelineTypes() throws IOException {
        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(20, i);
            int c = i % Institutions.CITIES;
            Person p = person(r, c, 60 + r.nextInt(20), r.nextBoolean() ? "1" : "2", "310");
            int gap = 1 + r.nextInt(15);
            int day = someDay(r, 9 + gap);
            Institution h = hospital(r, c, 2 + r.nextInt(2));
            String diag = i % 2 == 0 ? Diagnoses.STROKE : Diagnoses.CORONARY;
            Visit first = stay(p, h, diag, day, 4, r, null);
            String firstId = first.mdtrtId;
            Visit again = stay(p, h, i % 4 == 0 ? Diagnoses.STROKE_OCCLUSION : diag, day + 4 + gap, 4, r, null);
            label(visitCase("SPLIT_ADMISSION", again).describe("readmission " + gap + " days after discharge of " + firstId));
        }
        {
            SplittableRandom r = rnd(20, 10_000);
            Person p = person(r, 3, 72, "1", "310");
            int day = someDay(r, 25);
            Institution h = hospital(r, 3, 3);
            stay(p, h, Diagnoses.STROKE, day, 4, r, null);
            Visit again = stay(p, h, Diagnoses.STROKE, day + 4 + 16, 4, r, null);
            near(visitCase("SPLIT_ADMISSION", again), "readmission with the same diagnosis on day 16 after discharge");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(21, i);
            int c = i % Institutions.CITIES;
            Person p = person(r, c, 55 + r.nextInt(25), r.nextBoolean() ? "1" : "2", "310");
            int day = someDay(r, 10);
            Visit a = stay(p, hospital(r, c, 2), Diagnoses.PNEUMONIA, day, 6, r, null);
            String aId = a.mdtrtId;
            Visit b = stay(p, hospital(r, c, 3), Diagnoses.CORONARY, day + 3, 5, r, null);
            label(visitCase("OVERLAPPING_ADMISSION", b).mdtrt(aId));
        }
        {
            SplittableRandom r = rnd(21, 10_000);
            Person p = person(r, 4, 68, "2", "310");
            int day = someDay(r, 12);
            Visit a = stay(p, inst.hospitals[4][2][0], Diagnoses.STROKE, day, 5, r, null);
            String aId = a.mdtrtId;
            v.reset(p, inst.hospitals[4][3][0], "21");
            v.diagnose(Diagnoses.STROKE);
            v.beginDay = day + 5;
            v.beginSec = 14 * 3600;
            v.endDay = day + 10;
            v.endSec = 10 * 3600;
            background.inpatientLines(v, p, r, Diagnoses.STROKE, 5, p.age(day), false);
            sink.write(v);
            near(visitCase("OVERLAPPING_ADMISSION", v).mdtrt(aId), "same-day transfer between two hospitals");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(22, i);
            int c = i % Institutions.CITIES;
            Person p = person(r, c, 50 + r.nextInt(25), r.nextBoolean() ? "1" : "2", "310");
            int day = someDay(r, 8);
            Visit s = stay(p, hospital(r, c, 2), Diagnoses.PNEUMONIA, day, 6, r, null);
            String stayId = s.mdtrtId;
            if (i % 2 == 0) {
                pharmacyVisit(p, pharmacy(r, c), day + 3, r);
                add(Item.GANMAOLING, 6, fair(Item.GANMAOLING, day + 3));
            } else {
                open(p, hospital(r, c, 1), "11", day + 2, daytime(r), Diagnoses.GASTRITIS);
                add(Item.OMEPRAZOLE, 14, fair(Item.OMEPRAZOLE, day + 2));
            }
            close();
            label(visitCase("CLAIM_DURING_ADMISSION", v).mdtrt(stayId));
        }
        {
            SplittableRandom r = rnd(22, 10_000);
            Person p = person(r, 0, 66, "1", "310");
            int day = someDay(r, 8);
            v.reset(p, hospital(r, 0, 2), "21");
            v.diagnose(Diagnoses.PNEUMONIA);
            v.beginDay = day;
            v.beginSec = 15 * 3600;
            v.endDay = day + 5;
            v.endSec = 9 * 3600;
            background.inpatientLines(v, p, r, Diagnoses.PNEUMONIA, 5, 66, false);
            sink.write(v);
            Institution ph = pharmacy(r, 0);
            open(p, ph, "41", day, (ph.openMinute + 30) * 60);
            add(Item.GANMAOLING, 6, fair(Item.GANMAOLING, day));
            close();
            near(visitCase("CLAIM_DURING_ADMISSION", v), "pharmacy purchase on the admission day, before admission");
            open(p, ph, "41", day + 5, 16 * 3600);
            add(Item.GANMAOLING, 6, fair(Item.GANMAOLING, day + 5));
            close();
            near(visitCase("CLAIM_DURING_ADMISSION", v), "pharmacy purchase on the discharge day, after discharge");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(23, i);
            int c = i % Institutions.CITIES;
            Person p = person(r, c, 70 + r.nextInt(15), r.nextBoolean() ? "1" : "2", "310");
            int die = someDay(r, 12);
            pop.died(p, die, "公安户籍");
            int day = die + 1 + r.nextInt(10);
            if (i % 2 == 0) {
                pharmacyVisit(p, pharmacy(r, c), day, r);
                add(Item.AMLODIPINE, 28, Catalog.AMLODIPINE_NEW_CAP);
            } else {
                open(p, hospital(r, c, 1), "11", day, daytime(r), Diagnoses.HYPERTENSION);
                add(Item.BP_MONITOR, 1, Item.BP_MONITOR.capMicros);
            }
            close();
            label(visitCase("CLAIM_AFTER_DEATH", v).certno(p.certno));
        }
        {
            SplittableRandom r = rnd(23, 10_000);
            Person p = person(r, 1, 80, "2", "310");
            int die = someDay(r, 2);
            pop.died(p, die, "民政殡葬");
            open(p, hospital(r, 1, 1), "11", die, 8 * 3600 + 1800, Diagnoses.HYPERTENSION);
            add(Item.BP_MONITOR, 1, Item.BP_MONITOR.capMicros);
            close();
            near(visitCase("CLAIM_AFTER_DEATH", v).certno(p.certno), "visit on the day of death");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(24, i);
            int c = i % Institutions.CITIES;
            Person p = person(r, c, 25 + r.nextInt(30), "1", r.nextBoolean() ? "310" : "390");
            int day = someDay(r, 2);
            int begin = day - 5 - r.nextInt(100);
            pop.custody(p, begin, i % 3 == 0 ? Integer.MAX_VALUE : day + 1 + r.nextInt(60));
            open(p, hospital(r, c, 1 + r.nextInt(2)), "11", day, daytime(r), Diagnoses.LOW_BACK_PAIN);
            add(Item.IBUPROFEN, 20, fair(Item.IBUPROFEN, day));
            close();
            label(visitCase("CLAIM_IN_CUSTODY", v).certno(p.certno));
        }
        {
            SplittableRandom r = rnd(24, 10_000);
            Person p = person(r, 2, 33, "1", "390");
            int day = someDay(r, 2);
            pop.custody(p, day - 90, day - 1);
            open(p, hospital(r, 2, 1), "11", day, daytime(r), Diagnoses.LOW_BACK_PAIN);
            add(Item.IBUPROFEN, 20, fair(Item.IBUPROFEN, day));
            close();
            near(visitCase("CLAIM_IN_CUSTODY", v).certno(p.certno), "visit on the day after release from custody");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(25, i);
            int c = i % Institutions.CITIES;
            Person p = person(r, c, 60 + r.nextInt(25), r.nextBoolean() ? "1" : "2", r.nextBoolean() ? "310" : "390");
            int day = someDay(r, 8);
            ghostStay(p, hospital(r, c, 1 + r.nextInt(2)), day, 6, 5, r);
            label(visitCase("GHOST_BED", v));
        }
        {
            SplittableRandom r = rnd(25, 10_000);
            Person p = person(r, 3, 75, "2", "390");
            ghostStay(p, hospital(r, 3, 1), someDay(r, 8), 6, 2, r);
            near(visitCase("GHOST_BED", v), "stay with only two consecutive days of routine lines");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(26, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int m = (i / Institutions.CITIES) % cal.months;
            frequentVisits(p, r, m, 12);
            label(new Case("HIGH_FREQUENCY").psn(p.psnNo).period(cal.monthText(m)));
        }
        {
            SplittableRandom r = rnd(26, 10_000);
            Person p = adult(r, 4);
            int m = cal.months - 1;
            frequentVisits(p, r, m, 11);
            near(new Case("HIGH_FREQUENCY").psn(p.psnNo).period(cal.monthText(m)), "11 outpatient/pharmacy settlements within 30 days");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(27, i);
            int c = i % Institutions.CITIES;
            Person p = person(r, c, 45 + r.nextInt(30), r.nextBoolean() ? "1" : "2", "310");
            hoard(p, r, c, new int[] {30, 30, 30, 30, 30});
            label(new Case("DRUG_HOARDING").psn(p.psnNo).item(Item.AMLODIPINE.code));
        }
        {
            SplittableRandom r = rnd(27, 10_000);
            Person p = person(r, 0, 66, "1", "310");
            hoard(p, r, 0, new int[] {30, 30, 30, 30, 15});
            near(new Case("DRUG_HOARDING").psn(p.psnNo).item(Item.AMLODIPINE.code),
                    "135 days of supply within 90 days: exactly 1.5 × 90, not above");
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(28, i);
            int c = i % Institutions.CITIES;
            Person p = adult(r, c);
            int day = someDay(r, 1);
            Institution h = hospital(r, c, 2);
            Institution far = farPharmacy(r, h);
            open(p, h, "11", day, 9 * 3600, Diagnoses.GASTRITIS);
            add(Item.OMEPRAZOLE, 14, fair(Item.OMEPRAZOLE, day));
            close();
            int firstSettle = v.setlSec;
            open(p, far, "41", day, firstSettle + 3600 + r.nextInt(1800));
            add(Item.GANMAOLING, 6, fair(Item.GANMAOLING, day));
            close();
            label(visitCase("IMPOSSIBLE_TRAVEL", v).describe(String.format("%.0f km within 2 hours",
                    Institutions.distanceKm(h, far))));
        }
        {
            SplittableRandom r = rnd(28, 10_000);
            Person p = adult(r, 1);
            int day = someDay(r, 1);
            Institution h = hospital(r, 1, 2);
            Institution far = farPharmacy(r, h);
            open(p, h, "11", day, 9 * 3600, Diagnoses.GASTRITIS);
            add(Item.OMEPRAZOLE, 14, fair(Item.OMEPRAZOLE, day));
            close();
            int firstSettle = v.setlSec;
            open(p, far, "41", day, firstSettle + 3 * 3600 + 600);
            add(Item.GANMAOLING, 6, fair(Item.GANMAOLING, day));
            close();
            near(visitCase("IMPOSSIBLE_TRAVEL", v), "two cities more than 100 km apart, 3 hours between settlements");
        }
    }

    private Institution farPharmacy(SplittableRandom r, Institution from) {
        for (int tries = 0; tries < 100; tries++) {
            int c = (from.city + 1 + r.nextInt(Institutions.CITIES - 1)) % Institutions.CITIES;
            Institution ph = pharmacy(r, c);
            if (Institutions.distanceKm(from, ph) > 110 && ph.openMinute <= 8 * 60 + 30) {
                return ph;
            }
        }
        throw new IllegalStateException("no pharmacy more than 110 km away from " + from.code);
    }

    private void ghostStay(Person p, Institution h, int day, int los, int routineDays, SplittableRandom r)
            throws IOException {
        v.reset(p, h, "21");
        v.diagnose(Diagnoses.PNEUMONIA);
        v.beginDay = day;
        v.beginSec = 10 * 3600 + r.nextInt(4 * 3600);
        v.endDay = day + los;
        v.endSec = 9 * 3600 + r.nextInt(3600);
        for (int d = 0; d <= los; d++) {
            int base = d == 0 ? v.beginSec + 300 : d == los ? v.endSec - 3600 : 8 * 3600;
            if (d < los) {
                v.line(Item.BED, 1, Item.BED.capMicros, day + d, base);
                v.line(Item.NURSING_2, 1, Item.NURSING_2.capMicros, day + d, base + 120);
            }
            boolean routineOnly = d >= 1 && d <= routineDays;
            if (!routineOnly) {
                v.line(Item.CEFTRIAXONE, 1, fair(Item.CEFTRIAXONE, day + d), day + d, base + 240);
                if (d == 0) {
                    v.line(Item.BLOOD_COUNT, 1, Item.BLOOD_COUNT.capMicros, day, base + 360);
                }
            }
        }
        sink.write(v);
    }

    private void frequentVisits(Person p, SplittableRandom r, int month, int count) throws IOException {
        int first = cal.monthStart[month];
        int len = Math.min(28, cal.monthStart[month + 1] - first);
        boolean[] chosen = new boolean[len];
        int picked = 0;
        while (picked < count) {
            int d = r.nextInt(len);
            if (!chosen[d]) {
                chosen[d] = true;
                picked++;
            }
        }
        int n = 0;
        for (int d = 0; d < len; d++) {
            if (!chosen[d]) {
                continue;
            }
            int day = first + d;
            Item[] drugs = {Item.GANMAOLING, Item.BANLANGEN, Item.HUOXIANG, Item.IBUPROFEN, Item.OMEPRAZOLE};
            Item drug = drugs[n++ % drugs.length];
            if (n % 2 == 0) {
                pharmacyVisit(p, pharmacy(r, p.city), day, r);
            } else {
                open(p, hospital(r, p.city, 1), "11", day, 8 * 3600 + r.nextInt(9 * 3600), Diagnoses.URTI);
            }
            add(drug, 6, fair(drug, day));
            close();
        }
    }

    private void hoard(Person p, SplittableRandom r, int c, int[] supplies) throws IOException {
        int day = someDay(r, 5 * supplies.length);
        for (int i = 0; i < supplies.length; i++) {
            int d = day + i * 5;
            if (i == 2) {
                open(p, hospital(r, c, 1), "11", d, daytime(r), Diagnoses.HYPERTENSION);
            } else {
                pharmacyVisit(p, inst.pharmaciesByCity[c][i % inst.pharmaciesByCity[c].length], d, r);
            }
            add(Item.AMLODIPINE, supplies[i], Catalog.AMLODIPINE_NEW_CAP);
            close();
        }
    }

    // ------------------------------------------------------------------------------------------------ §3.4

    private void institutionTypes() throws IOException {
        List<int[]> pairs = new ArrayList<>();
        for (Institution ph : inst.pharmacies) {
            for (int m = 0; m < cal.months; m++) {
                pairs.add(new int[] {ph.pharmacyIndex, m});
            }
        }
        SplittableRandom shuffle = rnd(30, 0);
        for (int i = pairs.size() - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int[] x = pairs.get(i);
            pairs.set(i, pairs.get(j));
            pairs.set(j, x);
        }
        int offHours = Math.min(k, pairs.size() - 1);
        for (int i = 0; i < offHours; i++) {
            SplittableRandom r = rnd(30, i + 1);
            Institution ph = inst.pharmacies.get(pairs.get(i)[0]);
            int m = pairs.get(i)[1];
            for (int j = 0; j < 3; j++) {
                Person p = adult(r, ph.city);
                int day = cal.monthStart[m] + r.nextInt(cal.monthStart[m + 1] - cal.monthStart[m]);
                int minute = ph.closeMinute + 30 + r.nextInt(Math.max(1, 23 * 60 + 50 - ph.closeMinute - 30));
                open(p, ph, "41", day, minute * 60);
                add(Item.IBUPROFEN, 20, fair(Item.IBUPROFEN, day));
                v.setlDay = day;
                v.setlSec = Math.min(t + 60, 86_399);
                sink.write(v);
            }
            label(new Case("OFF_HOURS_SETTLEMENT").institution(ph.code).period(cal.monthText(m)));
        }
        {
            SplittableRandom r = rnd(30, 10_000);
            Institution ph = inst.pharmacies.get(pairs.get(pairs.size() - 1)[0]);
            int m = pairs.get(pairs.size() - 1)[1];
            Person p = adult(r, ph.city);
            int day = cal.monthStart[m];
            v.reset(p, ph, "41");
            v.beginDay = day;
            v.beginSec = (ph.closeMinute - 2) * 60;
            v.line(Item.IBUPROFEN, 20, fair(Item.IBUPROFEN, day), day, v.beginSec);
            v.setlDay = day;
            v.setlSec = ph.closeMinute * 60;
            sink.write(v);
            near(new Case("OFF_HOURS_SETTLEMENT").institution(ph.code).period(cal.monthText(m)).mdtrt(v.mdtrtId),
                    "settlement in the closing minute (close_time still open)");
        }

        List<int[]> days = new ArrayList<>();
        for (int i = 0; i < k + 1; i++) {
            SplittableRandom r = rnd(31, i);
            int[] pd;
            do {
                pd = new int[] {r.nextInt(inst.pharmacies.size()), someDay(r, 1)};
            } while (contains(days, pd));
            days.add(pd);
            Institution ph = inst.pharmacies.get(pd[0]);
            boolean planted = i < k;
            int cards = planted ? 12 : 9;
            long bottles = planted ? 2 : 4;
            Case cs = new Case("CARD_COLLECTION").institution(ph.code).period(Calendar.dateText(pd[1]));
            for (int j = 0; j < cards; j++) {
                Person p = adult(r, ph.city);
                open(p, ph, "41", pd[1], 14 * 3600 + j * 45);
                add(Item.DANSHEN, bottles, 24_600_000 + r.nextInt(81) * 10_000L);
                v.setlDay = pd[1];
                v.setlSec = t + 20;
                sink.write(v);
            }
            if (planted) {
                label(cs);
            } else {
                near(cs, "9 cards with near-identical amounts within 10 minutes (threshold 10)");
            }
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(32, i);
            int c = i % Institutions.CITIES;
            Person a = adult(r, c);
            int day = someDay(r, 12);
            pharmacyVisit(a, pharmacy(r, c), day, r);
            int la = add(Item.IBUPROFEN, 20, fair(Item.IBUPROFEN, day));
            close();
            String snA = v.sn(la);
            String code = ClaimSink.traceCode(snA);
            Person b = i % 2 == 0 ? adult(r, c) : a;
            int day2 = day + 1 + r.nextInt(10);
            pharmacyVisit(b, pharmacy(r, c), day2, r);
            int lb = add(Item.IBUPROFEN, 20, fair(Item.IBUPROFEN, day2));
            v.trace[lb] = code;
            close();
            label(new Case("TRACE_CODE_REUSE").sn(snA).sn(v.sn(lb)).psn(a.psnNo).psn(b.psnNo)
                    .item(Item.IBUPROFEN.code).describe("traceability code " + code));
        }
        {
            SplittableRandom r = rnd(32, 10_000);
            Person a = adult(r, 3);
            int day = someDay(r, 1);
            pharmacyVisit(a, pharmacy(r, 3), day, r);
            int l1 = add(Item.IBUPROFEN, 10, fair(Item.IBUPROFEN, day));
            int l2 = add(Item.IBUPROFEN, 10, fair(Item.IBUPROFEN, day));
            String shared = "82" + String.format("%018d", a.number);
            v.trace[l1] = shared;
            v.trace[l2] = shared;
            close();
            near(new Case("TRACE_CODE_REUSE").sn(v.sn(l1)).sn(v.sn(l2)).psn(a.psnNo),
                    "one traceability code on two lines of the same settlement (one box split over two lines)");
        }

        for (int i = 0; i < k + 1; i++) {
            SplittableRandom r = rnd(33, i);
            int c = i % Institutions.CITIES;
            // private level-2 hospitals first, spread over hospitals and months so that no institution-month
            // takes more than a few planted admissions on top of its own
            Institution[] l2 = inst.hospitals[c][2];
            List<Institution> privateFirst = new ArrayList<>();
            for (Institution x : l2) {
                if (x.nature.equals("2")) {
                    privateFirst.add(x);
                }
            }
            for (Institution x : l2) {
                if (!x.nature.equals("2")) {
                    privateFirst.add(x);
                }
            }
            int round = i / Institutions.CITIES;
            Institution h = privateFirst.get(round % privateFirst.size());
            boolean planted = i < k;
            int people = planted ? 6 : 4;
            int m = round % cal.months;
            int monthLength = cal.monthStart[m + 1] - cal.monthStart[m];
            int day = cal.monthStart[m] + r.nextInt(Math.max(1, monthLength - 9));
            String home = "湖南省" + Institutions.CITY[c].name() + "市" + Institutions.CITY[c].districts()[i % 3]
                    + "福寿" + (i + 1) + "号敬老院";
            Case cs = new Case("INDUCED_ADMISSION").institution(h.code).period(cal.monthText(cal.monthOf(day)));
            for (int j = 0; j < people; j++) {
                Person p = new Person();
                pop.planted(p, nextNumber++, c, 65 + r.nextInt(20), r.nextBoolean() ? "1" : "2", "390", r);
                p.addr = home;
                pop.enrol(p);
                stay(p, h, j % 2 == 0 ? Diagnoses.PNEUMONIA : Diagnoses.CORONARY, day + j % 2, 3 + r.nextInt(4), r,
                        null);
            }
            if (planted) {
                label(cs);
            } else {
                near(cs, "4 people aged 60+ from one address admitted within 2 days (threshold 5)");
            }
        }
    }

    private static boolean contains(List<int[]> list, int[] x) {
        for (int[] y : list) {
            if (y[0] == x[0] && y[1] == x[1]) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ §3.5

    private void groupTypes() throws IOException {
        for (int i = 0; i < k + 1; i++) {
            SplittableRandom r = rnd(40, i);
            boolean planted = i < k;
            int c = i % Institutions.CITIES;
            Institution h = planted ? hospital(r, c, 2) : hospital(r, c, 3);
            int slot = 8 * 3600 + ((i / Institutions.CITIES) % 6) * 4800;
            int people = planted ? 6 : 4;
            int[] days = new int[3];
            for (int d = 0; d < 3; d++) {
                int day;
                do {
                    day = someDay(r, 1);
                } while (day == days[0] || day == days[1]);
                days[d] = day;
            }
            Case cs = new Case("GROUP_VISITS");
            Person[] members = new Person[people];
            for (int j = 0; j < people; j++) {
                members[j] = adult(r, c);
                cs.psn(members[j].psnNo);
            }
            for (int day : days) {
                for (int j = 0; j < people; j++) {
                    open(members[j], h, "11", day, slot + j * 300, Diagnoses.LOW_BACK_PAIN);
                    add(Item.IBUPROFEN, 20, fair(Item.IBUPROFEN, day));
                    v.setlDay = day;
                    v.setlSec = t + 600;
                    sink.write(v);
                }
            }
            if (planted) {
                label(cs.institution(h.code));
            } else {
                near(cs.institution(h.code), "4 people settling together on 3 days (a group needs 5)");
            }
        }

        for (int i = 0; i < k; i++) {
            SplittableRandom r = rnd(41, i);
            int c = i % Institutions.CITIES;
            Person a = new Person();
            pop.planted(a, nextNumber++, c, 30 + r.nextInt(25), r.nextBoolean() ? "1" : "2", "310", r);
            pop.enrol(a);
            Person b = new Person();
            b.number = nextNumber++;
            b.psnNo = Population.psnNo(b.number);
            b.certno = a.certno;
            b.name = a.name;
            b.gend = a.gend;
            b.birthDay = a.birthDay;
            b.city = i % 2 == 0 ? a.city : (a.city + 2) % Institutions.CITIES;
            b.addr = a.addr;
            int begin = cal.firstDay - 30 - r.nextInt(300);
            pop.enrolment(b, i % 2 == 0 ? "390" : "310", begin, -1, "1");
            label(new Case("DUPLICATE_ENROLLMENT").certno(a.certno).psn(a.psnNo).psn(b.psnNo)
                    .describe(i % 2 == 0 ? "310 and 390 both active" : "two active 310 enrolments under two psn_no"));
        }
        {
            SplittableRandom r = rnd(41, 10_000);
            Person a = new Person();
            pop.planted(a, nextNumber++, 2, 40, "1", "310", r);
            int switchDay = cal.firstDay - 200;
            a.insuBegin = switchDay;
            pop.enrolment(a, "390", Math.max(a.birthDay, switchDay - 2000), switchDay - 1, "4");
            pop.enrol(a);
            near(new Case("DUPLICATE_ENROLLMENT").certno(a.certno).psn(a.psnNo),
                    "resident enrolment ended the day before the employee enrolment began");
            Person b = new Person();
            pop.planted(b, nextNumber++, 3, 50, "2", "310", r);
            pop.enrol(b);
            pop.enrolment(b, "320", b.insuBegin, -1, "1");
            near(new Case("DUPLICATE_ENROLLMENT").certno(b.certno).psn(b.psnNo),
                    "employee scheme with the civil-servant subsidy (320) beside it");
        }
    }
}
