package org.fundwatch.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.fundwatch.schema.ExchangeFormat;

/**
 * The insured (参保人员): an age pyramid close to China's 2020 census, employee (310) and resident (390) schemes
 * by age, households of three sharing an address, ID numbers with a valid check digit, the death registry
 * (公安/民政) and the custody registry. Writes {@code psn_info}, {@code ext_death} and {@code ext_custody}.
 */
final class Population implements AutoCloseable {

    /** Share (per mille) of each five-year age band 0–4 … 85+. */
    private static final int[] PYRAMID = {55, 64, 62, 53, 53, 63, 83, 69, 66, 80, 84, 71, 51, 53, 36, 22, 14, 10};
    private static final int PYRAMID_TOTAL;

    static {
        int s = 0;
        for (int p : PYRAMID) {
            s += p;
        }
        PYRAMID_TOTAL = s;
    }

    private static final String SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高谢唐邓曹彭曾田萧潘袁蒋蔡";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文辉海燕波鹏";
    private static final int[] CHECK_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CODES = "10X98765432".toCharArray();

    private final long seed;
    private final Calendar calendar;
    private final Institutions institutions;
    private final LongSet certnos = new LongSet(1 << 16);
    final CsvTable psnInfo;
    final CsvTable death;
    final CsvTable custody;
    private final int cPsn;
    private final int cCert;
    private final int cName;
    private final int cGend;
    private final int cBrdy;
    private final int cInsutype;
    private final int cStas;
    private final int cBegin;
    private final int cEnd;
    private final int cAdmdvs;
    private final int cAddr;

    Population(Path dir, long seed, Calendar calendar, Institutions institutions) throws IOException {
        this.seed = seed;
        this.calendar = calendar;
        this.institutions = institutions;
        this.psnInfo = new CsvTable(dir, ExchangeFormat.PSN_INFO);
        this.death = new CsvTable(dir, ExchangeFormat.EXT_DEATH);
        this.custody = new CsvTable(dir, ExchangeFormat.EXT_CUSTODY);
        cPsn = psnInfo.col("psn_no");
        cCert = psnInfo.col("certno");
        cName = psnInfo.col("psn_name");
        cGend = psnInfo.col("gend");
        cBrdy = psnInfo.col("brdy");
        cInsutype = psnInfo.col("insutype");
        cStas = psnInfo.col("psn_insu_stas");
        cBegin = psnInfo.col("insu_begndate");
        cEnd = psnInfo.col("insu_enddate");
        cAdmdvs = psnInfo.col("insuplc_admdvs");
        cAddr = psnInfo.col("addr");
    }

    static String psnNo(long number) {
        StringBuilder b = new StringBuilder(14).append("43");
        String n = Long.toString(number);
        for (int i = n.length(); i < 10; i++) {
            b.append('0');
        }
        return b.append(n).toString();
    }

    /**
     * Draws background person {@code number} (1-based, households of three) and writes their enrolment and
     * registry rows.
     */
    void background(Person p, long number, SplittableRandom rnd) throws IOException {
        long household = (number - 1) / 3;
        p.number = number;
        p.psnNo = psnNo(number);
        p.city = (int) Long.remainderUnsigned(Seeds.mix(seed, household * 31 + 7), Institutions.CITIES);
        p.addr = address(p.city, household);
        int band = band(rnd);
        int age = band * 5 + rnd.nextInt(band == PYRAMID.length - 1 ? 15 : 5);
        p.birthDay = calendar.firstDay - 1 - age * 365 - rnd.nextInt(365) - age / 4;
        p.gend = rnd.nextInt(1000) < 512 ? "1" : "2";
        fill(p, rnd);
        int ageNow = p.age(calendar.firstDay);
        boolean employee = ageNow >= 18 && rnd.nextInt(100) < (ageNow < 60 ? 45 : 30);
        p.insutype = employee ? "310" : "390";
        int earliest = Math.max(p.birthDay, Calendar.day(2010, 1, 1));
        if (employee) {
            int from = Math.max(Calendar.plusYears(p.birthDay, 18), Calendar.day(1999, 1, 1));
            p.insuBegin = from + rnd.nextInt(Math.max(1, calendar.firstDay - 30 - from));
            if (rnd.nextInt(100) < 20 && p.insuBegin - earliest > 400) {
                int priorBegin = earliest + rnd.nextInt(p.insuBegin - earliest - 200);
                enrolment(p, "390", priorBegin, p.insuBegin - 1, "4");
            }
        } else {
            p.insuBegin = p.birthDay >= earliest
                    ? Math.min(p.birthDay + rnd.nextInt(90), calendar.firstDay - 1)
                    : earliest + rnd.nextInt(Math.max(1, calendar.firstDay - 30 - earliest));
        }
        p.dieDay = Integer.MAX_VALUE;
        p.custodyBegin = Integer.MAX_VALUE;
        p.custodyEnd = Integer.MAX_VALUE;
        int perMille = ageNow < 60 ? 2 : ageNow < 75 ? 15 : 60;
        double dieChance = perMille / 1000.0 * calendar.months / 12.0;
        if (rnd.nextDouble() < dieChance) {
            p.dieDay = calendar.firstDay + 1 + rnd.nextInt(calendar.days);
        } else if (rnd.nextInt(1000) < 3) {
            p.dieDay = calendar.firstDay - 1 - rnd.nextInt(300);
        }
        if (p.dieDay < p.insuBegin + 1) {
            p.dieDay = Integer.MAX_VALUE;
        }
        if (p.dieDay != Integer.MAX_VALUE && p.dieDay <= calendar.lastDay()) {
            enrolment(p, p.insutype, p.insuBegin, p.dieDay, "4");
            death.str(death.col("certno"), p.certno).date(death.col("die_date"), p.dieDay)
                    .str(death.col("src"), rnd.nextBoolean() ? "公安户籍" : "民政殡葬").end();
        } else {
            p.dieDay = Integer.MAX_VALUE;
            enrolment(p, p.insutype, p.insuBegin, -1, "1");
        }
        if (ageNow >= 18 && ageNow < 60 && rnd.nextInt(10_000) < 8) {
            int begin = calendar.firstDay - 200 + rnd.nextInt(calendar.days + 150);
            int end = rnd.nextInt(4) == 0 ? Integer.MAX_VALUE : begin + 30 + rnd.nextInt(300);
            if (begin <= calendar.lastDay() - 1) {
                custody(p, begin, end);
            }
        }
        chronic(p, rnd, ageNow);
    }

    /** A person of a planted case or near-miss, with a household of their own. */
    void planted(Person p, long number, int city, int age, String gend, String insutype, SplittableRandom rnd) {
        plantedBorn(p, number, city, calendar.firstDay - 1 - age * 365 - age / 4 - rnd.nextInt(300), gend, insutype,
                rnd);
    }

    void plantedBorn(Person p, long number, int city, int birthDay, String gend, String insutype,
                     SplittableRandom rnd) {
        p.number = number;
        p.psnNo = psnNo(number);
        p.city = city;
        p.addr = address(city, 50_000_000L + number);
        p.birthDay = birthDay;
        p.gend = gend;
        fill(p, rnd);
        p.insutype = insutype;
        p.insuBegin = Math.max(p.birthDay, calendar.firstDay - 400 - rnd.nextInt(2000));
        p.dieDay = Integer.MAX_VALUE;
        p.custodyBegin = Integer.MAX_VALUE;
        p.custodyEnd = Integer.MAX_VALUE;
        p.chronic = 0;
        p.home = institutions.hospitals[city][2][0];
        p.visitSeq = 0;
    }

    /** Writes the active enrolment of a planted person (after its fields were adjusted). */
    void enrol(Person p) throws IOException {
        enrolment(p, p.insutype, p.insuBegin, -1, "1");
    }

    void enrolment(Person p, String insutype, int begin, int end, String status) throws IOException {
        psnInfo.str(cPsn, p.psnNo).str(cCert, p.certno).str(cName, p.name).str(cGend, p.gend).date(cBrdy, p.birthDay)
                .str(cInsutype, insutype).str(cStas, status).date(cBegin, begin);
        if (end >= 0) {
            psnInfo.date(cEnd, end);
        }
        psnInfo.str(cAdmdvs, Institutions.CITY[p.city].admdvs()).str(cAddr, p.addr).end();
    }

    void died(Person p, int day, String source) throws IOException {
        p.dieDay = day;
        death.str(death.col("certno"), p.certno).date(death.col("die_date"), day).str(death.col("src"), source).end();
    }

    void custody(Person p, int begin, int end) throws IOException {
        p.custodyBegin = begin;
        p.custodyEnd = end;
        custody.str(custody.col("certno"), p.certno).date(custody.col("begndate"), begin);
        if (end != Integer.MAX_VALUE) {
            custody.date(custody.col("enddate"), end);
        }
        custody.str(custody.col("src"), "公安看守所/监狱").end();
    }

    private void fill(Person p, SplittableRandom rnd) {
        p.name = "" + SURNAMES.charAt(rnd.nextInt(SURNAMES.length())) + GIVEN.charAt(rnd.nextInt(GIVEN.length()))
                + (rnd.nextInt(3) == 0 ? "" : String.valueOf(GIVEN.charAt(rnd.nextInt(GIVEN.length()))));
        p.certno = certno(p, rnd);
        p.visitSeq = 0;
    }

    private String certno(Person p, SplittableRandom rnd) {
        Institutions.City city = Institutions.CITY[p.city];
        String area = city.districtCodes()[rnd.nextInt(city.districtCodes().length)];
        String birth = Calendar.dateText(p.birthDay).replace("-", "");
        int seq = rnd.nextInt(500) * 2 + (p.male() ? 1 : 0);
        long prefix = Long.parseLong(area + birth) * 1000;
        for (int tries = 0; ; tries++) {
            long candidate = prefix + seq;
            if (certnos.add(candidate)) {
                break;
            }
            seq = (seq + 2) % 1000;
            if (tries > 500) {
                prefix += 1_000_000_000L;
                tries = 0;
            }
        }
        String digits17 = Long.toString(prefix + seq);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (digits17.charAt(i) - '0') * CHECK_WEIGHTS[i];
        }
        return digits17 + CHECK_CODES[sum % 11];
    }

    private static String address(int city, long household) {
        Institutions.City c = Institutions.CITY[city];
        String district = c.districts()[(int) (household % c.districts().length)];
        long h = household;
        String street = Institutions.STREETS[(int) (h % 20)];
        long no = h / 20 % 400 + 1;
        long building = h / 8_000 % 40 + 1;
        long unit = h / 320_000 % 6 + 1;
        long room = 101 + h / 1_920_000 % 30 * 100 + h / 57_600_000;
        return "湖南省" + c.name() + "市" + district + street + no + "号" + building + "栋" + unit + "单元" + room + "室";
    }

    private static int band(SplittableRandom rnd) {
        int r = rnd.nextInt(PYRAMID_TOTAL);
        for (int i = 0; i < PYRAMID.length; i++) {
            r -= PYRAMID[i];
            if (r < 0) {
                return i;
            }
        }
        return PYRAMID.length - 1;
    }

    private void chronic(Person p, SplittableRandom rnd, int age) {
        p.chronic = 0;
        if (age >= 40) {
            boolean old = age >= 60;
            if (rnd.nextInt(100) < (old ? 35 : 15)) {
                p.chronic |= Person.HYPERTENSION;
            }
            if (rnd.nextInt(100) < (old ? 15 : 6)) {
                p.chronic |= Person.DIABETES;
            }
            if (rnd.nextInt(100) < (old ? 15 : 8)) {
                p.chronic |= Person.LIPIDS;
            }
            if (rnd.nextInt(100) < (old ? 8 : 2)) {
                p.chronic |= Person.CORONARY;
            }
        }
        p.chronicAtPharmacy = (p.chronic & Person.CORONARY) == 0 && rnd.nextInt(100) < 40;
        p.hypertensionDrug = rnd.nextInt(10) < 7 ? Item.AMLODIPINE : Item.NIFEDIPINE;
        p.lipidDrug = rnd.nextInt(10) < 7 ? Item.ATORVASTATIN : Item.SIMVASTATIN;
        int s = rnd.nextInt(10);
        p.secondLineDrug = s < 2 ? Item.SITAGLIPTIN : s < 3 ? Item.DAPAGLIFLOZIN : null;
        Institutions.Institution[] homes = institutions.hospitals[p.city][2 + rnd.nextInt(2)];
        p.home = homes[rnd.nextInt(homes.length)];
    }

    @Override
    public void close() throws IOException {
        psnInfo.close();
        death.close();
        custody.close();
    }
}
