package org.fundwatch.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.fundwatch.schema.ExchangeFormat;

/**
 * Writes visits as rows of {@code mdtrt}, {@code diseinfo}, {@code setl} and {@code feedetail}, splitting every
 * settlement between fund, personal account and cash to the cent, and books pharmacy sales for the stock
 * movements. Ids derive from the person number and the person's visit sequence, so they never depend on the
 * order in which people are generated.
 *
 * <p>Given one directory per month (a split extract), a visit's rows — visit, diagnoses, settlements and fee lines —
 * go to the month of its first settlement, except a reversal settlement and its refund lines, which go to the
 * month of the reversal's settlement time. Rows are routed one by one: nothing is buffered.
 */
final class ClaimSink implements AutoCloseable {

    private final Calendar calendar;
    private final CsvTable mdtrt;
    private final CsvTable disease;
    private final CsvTable setl;
    private final CsvTable fee;
    /** Whether rows go to one file per month. */
    private final boolean split;
    /** Net units (1/10,000) sold per pharmacy, item and month. */
    final long[][][] pharmacySales;

    private final int mId, mPsn, mInst, mMedType, mInsutype, mBegin, mEnd, mDiag, mDiagName, mDoctor, mDept, mNo;
    private final int dId, dCode, dMain, dSrt, dName;
    private final int sId, sMdtrt, sPsn, sInst, sTime, sMedType, sInsutype, sMedfee, sFund, sHifp, sAcct, sCash,
            sRefd, sInit;
    private final int fSn, fMdtrt, fPsn, fSetl, fTime, fCode, fInsCode, fInsName, fCnt, fPric, fAmt, fOwn, fOver,
            fPre, fInscp, fDays, fDoctor, fDept, fRx, fInit, fTrace;

    private long[] amounts = new long[64];
    private final StringBuilder snBuf = new StringBuilder(24);
    private final StringBuilder initBuf = new StringBuilder(24);
    private final String[] rxCache = new String[8];
    private String rxVisit;

    ClaimSink(Path dir, Calendar calendar, int pharmacies) throws IOException {
        this(List.of(dir), calendar, pharmacies);
    }

    /** One directory (the whole period) or one per month of the calendar. */
    ClaimSink(List<Path> dirs, Calendar calendar, int pharmacies) throws IOException {
        if (dirs.size() != 1 && dirs.size() != calendar.months) {
            throw new IllegalArgumentException("need one directory or one per month, got " + dirs.size());
        }
        this.calendar = calendar;
        this.pharmacySales = new long[pharmacies][Item.ALL.length][calendar.months];
        this.split = dirs.size() > 1;
        mdtrt = new CsvTable(dirs, ExchangeFormat.MDTRT);
        disease = new CsvTable(dirs, ExchangeFormat.DISEINFO);
        setl = new CsvTable(dirs, ExchangeFormat.SETL);
        fee = new CsvTable(dirs, ExchangeFormat.FEEDETAIL);
        mId = mdtrt.col("mdtrt_id");
        mPsn = mdtrt.col("psn_no");
        mInst = mdtrt.col("fixmedins_code");
        mMedType = mdtrt.col("med_type");
        mInsutype = mdtrt.col("insutype");
        mBegin = mdtrt.col("begntime");
        mEnd = mdtrt.col("endtime");
        mDiag = mdtrt.col("dscg_maindiag_code");
        mDiagName = mdtrt.col("dscg_maindiag_name");
        mDoctor = mdtrt.col("atddr_no");
        mDept = mdtrt.col("dept_code");
        mNo = mdtrt.col("ipt_otp_no");
        dId = disease.col("mdtrt_id");
        dCode = disease.col("diag_code");
        dMain = disease.col("maindiag_flag");
        dSrt = disease.col("diag_srt_no");
        dName = disease.col("diag_name");
        sId = setl.col("setl_id");
        sMdtrt = setl.col("mdtrt_id");
        sPsn = setl.col("psn_no");
        sInst = setl.col("fixmedins_code");
        sTime = setl.col("setl_time");
        sMedType = setl.col("med_type");
        sInsutype = setl.col("insutype");
        sMedfee = setl.col("medfee_sumamt");
        sFund = setl.col("fund_pay_sumamt");
        sHifp = setl.col("hifp_pay");
        sAcct = setl.col("acct_pay");
        sCash = setl.col("psn_cash_pay");
        sRefd = setl.col("refd_setl_flag");
        sInit = setl.col("init_setl_id");
        fSn = fee.col("feedetl_sn");
        fMdtrt = fee.col("mdtrt_id");
        fPsn = fee.col("psn_no");
        fSetl = fee.col("setl_id");
        fTime = fee.col("fee_ocur_time");
        fCode = fee.col("med_list_codg");
        fInsCode = fee.col("medins_list_codg");
        fInsName = fee.col("medins_list_name");
        fCnt = fee.col("cnt");
        fPric = fee.col("pric");
        fAmt = fee.col("det_item_fee_sumamt");
        fOwn = fee.col("fulamt_ownpay_amt");
        fOver = fee.col("overlmt_amt");
        fPre = fee.col("preselfpay_amt");
        fInscp = fee.col("inscp_scp_amt");
        fDays = fee.col("prd_days");
        fDoctor = fee.col("bilg_dr_codg");
        fDept = fee.col("bilg_dept_codg");
        fRx = fee.col("rxno");
        fInit = fee.col("init_feedetl_sn");
        fTrace = fee.col("drug_trac_codg");
    }

    static String lineSn(String mdtrtId, int line) {
        return appendSn(new StringBuilder(22), mdtrtId, line).toString();
    }

    /** Appends the line number {@code FD…} of line {@code line} of the visit. */
    private static StringBuilder appendSn(StringBuilder b, String mdtrtId, int line) {
        b.append("FD").append(mdtrtId, 2, mdtrtId.length());
        if (line < 1000) {
            b.append('0');
        }
        if (line < 100) {
            b.append('0');
        }
        if (line < 10) {
            b.append('0');
        }
        return b.append(line);
    }

    static String traceCode(String sn) {
        return "81" + sn.substring(2);
    }

    /** The file (month index, or 0 when not split) of rows settled on {@code epochDay}. */
    private int part(int epochDay) {
        return split ? calendar.monthOf(epochDay) : 0;
    }

    long rows(String table) {
        switch (table) {
            case "mdtrt": return mdtrt.rows();
            case "diseinfo": return disease.rows();
            case "setl": return setl.rows();
            case "feedetail": return fee.rows();
            default: return 0;
        }
    }

    /** Writes the visit; afterwards {@link Visit#mdtrtId} and {@link Visit#sn} identify its rows. */
    void write(Visit v) throws IOException {
        Person p = v.person;
        int seq = ++p.visitSeq;
        if (seq > 999) {
            throw new IllegalStateException("person " + p.psnNo + " has more than 999 visits");
        }
        StringBuilder idb = new StringBuilder(15).append("MD");
        String num = Long.toString(p.number);
        for (int i = num.length(); i < 10; i++) {
            idb.append('0');
        }
        idb.append(num);
        if (seq < 100) {
            idb.append('0');
        }
        if (seq < 10) {
            idb.append('0');
        }
        String id = idb.append(seq).toString();
        v.mdtrtId = id;
        String digits = id.substring(2);
        String doctor = "D" + v.inst.code.substring(1) + (char) ('0' + (int) (p.number % 7));
        String dept = v.inst.isPharmacy() ? null : v.inpatient() ? "A03.01" : deptOf(v);

        int n0 = v.n;
        if (n0 > amounts.length) {
            amounts = new long[Math.max(n0, amounts.length * 2)];
        }
        for (int i = 0; i < n0; i++) {
            amounts[i] = Visit.amount(v.cnt[i], v.price[i]);
        }
        int firstSetlDay = v.inpatient() ? v.endDay : v.setlDay;
        int firstSetlSec = v.inpatient() ? v.endSec : v.setlSec;
        int part = part(firstSetlDay);
        String s1 = "ST" + digits + "1";
        v.setlId = s1;
        for (int i = 0; i < n0; i++) {
            writeLine(v, id, i, s1, v.cnt[i], amounts[i], v.day[i], v.sec[i], v.refundOf[i], doctor, dept, false, i,
                    part);
        }
        settlement(v, s1, id, firstSetlDay, firstSetlSec, n0, 1, null, part);
        int endDay = firstSetlDay;
        int endSec = firstSetlSec;
        if (v.mode != Visit.SETTLED) {
            int revSec = firstSetlSec + 600 + (int) (p.number % 1200);
            String s2 = "ST" + digits + "2";
            int revPart = part(firstSetlDay);
            for (int i = 0; i < n0; i++) {
                writeLine(v, id, n0 + i, s2, -v.cnt[i], -amounts[i], firstSetlDay, revSec, i, doctor, dept, true, i,
                        revPart);
            }
            settlement(v, s2, id, firstSetlDay, revSec, n0, -1, s1, revPart);
            endSec = revSec;
            if (v.mode == Visit.RESETTLED) {
                int againSec = revSec + 180;
                String s3 = "ST" + digits + "3";
                for (int i = 0; i < n0; i++) {
                    writeLine(v, id, 2 * n0 + i, s3, v.cnt[i], amounts[i], firstSetlDay, againSec - 60, -1, doctor,
                            dept, true, i, part);
                }
                settlement(v, s3, id, firstSetlDay, againSec, n0, 1, null, part);
                endSec = againSec;
            }
        }
        if (v.inpatient()) {
            endDay = v.endDay;
            endSec = v.endSec;
        }

        mdtrt.str(mId, id).str(mPsn, p.psnNo).str(mInst, v.inst.code).str(mMedType, v.medType)
                .str(mInsutype, v.insutype).time(mBegin, v.beginDay, v.beginSec).time(mEnd, endDay, endSec);
        if (v.diagCount > 0) {
            mdtrt.str(mDiag, v.diag[0]).str(mDiagName, Diagnoses.name(v.diag[0]));
        }
        if (!v.inst.isPharmacy()) {
            mdtrt.str(mDoctor, doctor).str(mDept, dept);
        }
        mdtrt.str(mNo, digits).end(part);
        for (int i = 0; i < v.diagCount; i++) {
            disease.str(dId, id).str(dCode, v.diag[i]).str(dMain, i == 0 ? "1" : "0").num(dSrt, i + 1)
                    .str(dName, Diagnoses.name(v.diag[i])).end(part);
        }
    }

    private static String deptOf(Visit v) {
        return v.medType.equals("14") ? "A03.02" : "A03";
    }

    private void writeLine(Visit v, String id, int index, String setlId, long cnt, long amount, int day, int sec,
                           int refundOf, String doctor, String dept, boolean generated, int source, int part)
            throws IOException {
        Item it = v.item[source];
        StringBuilder sn = snBuf;
        sn.setLength(0);
        appendSn(sn, id, index);
        long own = it.notCovered() ? amount : 0;
        if (!generated && v.fulamt[source] != Long.MIN_VALUE) {
            own = v.fulamt[source];
        } else if (generated && v.fulamt[source] != Long.MIN_VALUE) {
            own = Long.signum(amount) * Math.abs(v.fulamt[source]);
        }
        long pre = it.partlyCovered ? half(amount, 10) : 0;
        fee.chars(fSn, null, sn, 0).str(fMdtrt, id).str(fPsn, v.person.psnNo).str(fSetl, setlId).time(fTime, day, sec)
                .str(fCode, it.code).str(fInsCode, it.insCode)
                .str(fInsName, it.label).qty(fCnt, cnt).micros(fPric, v.price[source]).cents(fAmt, amount)
                .cents(fOwn, own).cents(fOver, 0).cents(fPre, pre).cents(fInscp, amount - own);
        if (it.isDrug() && v.rx[source] > 0) {
            long days = dailyDays(it, cnt);
            if (days > 0) {
                fee.num(fDays, days);
            }
        }
        fee.str(fDoctor, doctor).str(fDept, dept);
        if (v.rx[source] > 0) {
            int rx = v.rx[source];
            fee.chars(fRx, null, rxText(id, rx), 0);
        }
        int init = generated ? (refundOf >= 0 ? refundOf : -1) : refundOf;
        if (init >= 0) {
            StringBuilder b = initBuf;
            b.setLength(0);
            fee.chars(fInit, null, appendSn(b, id, init), 0);
        }
        if (v.inst.isPharmacy() && it.isDrug() && cnt > 0) {
            if (!generated && v.trace[source] != null) {
                fee.str(fTrace, v.trace[source]);
            } else {
                fee.chars(fTrace, "81", sn, 2);
            }
        }
        fee.end(part);
        if (v.inst.isPharmacy()) {
            pharmacySales[v.inst.pharmacyIndex][it.ordinal()][calendar.monthOf(day)] += cnt;
        }
    }

    /** The prescription number {@code RX…nn} of prescription {@code rx} of the visit, built once per visit. */
    private CharSequence rxText(String id, int rx) {
        if (id != rxVisit) {
            rxVisit = id;
            java.util.Arrays.fill(rxCache, null);
        }
        if (rx >= rxCache.length) {
            return "RX" + id.substring(2) + (char) ('0' + rx / 10) + (char) ('0' + rx % 10);
        }
        String s = rxCache[rx];
        if (s == null) {
            s = "RX" + id.substring(2) + (char) ('0' + rx / 10) + (char) ('0' + rx % 10);
            rxCache[rx] = s;
        }
        return s;
    }

    private static long dailyDays(Item it, long cntE4) {
        long units = Math.abs(cntE4) / 10_000;
        switch (it) {
            case METFORMIN: return units / 3;
            case AMLODIPINE: case NIFEDIPINE: case ATORVASTATIN: case SIMVASTATIN: case SITAGLIPTIN:
            case DAPAGLIFLOZIN: case CLOPIDOGREL: return units;
            default: return 0;
        }
    }

    /** {@code amount × percent / 100} rounded half away from zero. */
    static long half(long amount, int percent) {
        long a = Math.abs(amount) * percent;
        long r = a / 100 + (a % 100 >= 50 ? 1 : 0);
        return amount < 0 ? -r : r;
    }

    private void settlement(Visit v, String id, String mdtrtId, int day, int sec, int n, int sign, String init,
                            int part) throws IOException {
        long medfee = 0;
        long own = 0;
        long pre = 0;
        for (int i = 0; i < n; i++) {
            long a = amounts[i];
            medfee += a;
            Item it = v.item[i];
            long o = v.fulamt[i] != Long.MIN_VALUE ? v.fulamt[i] : it.notCovered() ? a : 0;
            own += o;
            pre += it.partlyCovered ? half(a, 10) : 0;
        }
        long payable = Math.max(0, medfee - own - pre);
        boolean employee = v.insutype.equals("310");
        long fund;
        long acct;
        if (v.inst.isPharmacy()) {
            fund = 0;
            acct = employee ? medfee : 0;
        } else if (v.inpatient()) {
            int level = v.inst.level;
            long deductible = level == 3 ? 90_000 : level == 2 ? 60_000 : 30_000;
            int rate = employee ? (level == 3 ? 80 : level == 2 ? 85 : 90) : (level == 3 ? 65 : level == 2 ? 75 : 85);
            fund = payable > deductible ? (payable - deductible) * rate / 100 : 0;
            acct = 0;
        } else {
            fund = payable * (employee ? 60 : 50) / 100;
            acct = employee ? (medfee - fund) * 70 / 100 : 0;
        }
        long cash = medfee - fund - acct;
        setl.str(sId, id).str(sMdtrt, mdtrtId).str(sPsn, v.person.psnNo).str(sInst, v.inst.code).time(sTime, day, sec)
                .str(sMedType, v.medType).str(sInsutype, v.insutype).cents(sMedfee, sign * medfee)
                .cents(sFund, sign * fund).cents(sHifp, sign * fund).cents(sAcct, sign * acct)
                .cents(sCash, sign * cash).str(sRefd, sign < 0 ? "1" : "0");
        if (init != null) {
            setl.str(sInit, init);
        }
        setl.end(part);
    }

    @Override
    public void close() throws IOException {
        mdtrt.close();
        disease.close();
        setl.close();
        fee.close();
    }
}
