package org.fundwatch.synth;

import java.util.Arrays;

/**
 * A visit (就诊) being assembled: institution, times, diagnoses and fee lines. Reused from one visit to the next;
 * {@link ClaimSink} turns it into rows. Times are epoch days and seconds of the day.
 */
final class Visit {
    /** One settlement covering every line. */
    static final int SETTLED = 0;
    /** Settled, reversed (冲销) and settled again. */
    static final int RESETTLED = 1;
    /** Settled and reversed: the visit nets to zero. */
    static final int CANCELLED = 2;

    Person person;
    Institutions.Institution inst;
    String medType;
    String insutype;
    int beginDay;
    int beginSec;
    /** Discharge (inpatient) or the end of the visit; outpatient visits end at their last settlement. */
    int endDay;
    int endSec;
    int setlDay;
    int setlSec;
    int mode;
    final String[] diag = new String[4];
    int diagCount;

    int n;
    Item[] item = new Item[16];
    long[] cnt = new long[16];
    long[] price = new long[16];
    int[] day = new int[16];
    int[] sec = new int[16];
    int[] rx = new int[16];
    int[] refundOf = new int[16];
    long[] fulamt = new long[16];
    String[] trace = new String[16];

    /** Set by {@link ClaimSink#write}: the visit id and the prefix of its line numbers. */
    String mdtrtId;
    String setlId;

    Visit reset(Person p, Institutions.Institution i, String medType) {
        this.person = p;
        this.inst = i;
        this.medType = medType;
        this.insutype = p.insutype;
        this.mode = SETTLED;
        this.diagCount = 0;
        this.n = 0;
        this.mdtrtId = null;
        this.setlId = null;
        return this;
    }

    boolean inpatient() {
        return medType.startsWith("2") || medType.startsWith("52");
    }

    Visit diagnose(String code) {
        for (int i = 0; i < diagCount; i++) {
            if (diag[i].equals(code)) {
                return this;
            }
        }
        if (diagCount < diag.length) {
            diag[diagCount++] = code;
        }
        return this;
    }

    boolean has(Item it) {
        for (int i = 0; i < n; i++) {
            if (item[i] == it) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds a fee line of {@code units} whole units at {@code priceMicros} and returns its index. A price whose
     * amount would end exactly on half a cent is lowered by 0.0001 so that the amount does not depend on the
     * reader's rounding mode.
     */
    int line(Item it, long units, long priceMicros, int d, int s) {
        return lineE4(it, units * 10_000, priceMicros, d, s);
    }

    int lineE4(Item it, long cntE4, long priceMicros, int d, int s) {
        if (n == item.length) {
            grow();
        }
        long p = priceMicros;
        while (p > 100 && Math.abs(cntE4 * p) % 100_000_000L == 50_000_000L) {
            p -= 100;
        }
        item[n] = it;
        cnt[n] = cntE4;
        price[n] = p;
        day[n] = d;
        sec[n] = s;
        rx[n] = it.isDrug() || it.isHerbal() ? 1 : 0;
        refundOf[n] = -1;
        fulamt[n] = Long.MIN_VALUE;
        trace[n] = null;
        return n++;
    }

    /** Amount of a line in cents: cnt × price rounded half away from zero (ties never occur, see line). */
    static long amount(long cntE4, long priceMicros) {
        long product = cntE4 * priceMicros;
        long cents = Math.abs(product) / 100_000_000L;
        if (Math.abs(product) % 100_000_000L >= 50_000_000L) {
            cents++;
        }
        return product < 0 ? -cents : cents;
    }

    private void grow() {
        int m = item.length * 2;
        item = Arrays.copyOf(item, m);
        cnt = Arrays.copyOf(cnt, m);
        price = Arrays.copyOf(price, m);
        day = Arrays.copyOf(day, m);
        sec = Arrays.copyOf(sec, m);
        rx = Arrays.copyOf(rx, m);
        refundOf = Arrays.copyOf(refundOf, m);
        fulamt = Arrays.copyOf(fulamt, m);
        trace = Arrays.copyOf(trace, m);
    }

    /** The line number (feedetl_sn) of line i, after write. */
    String sn(int i) {
        return ClaimSink.lineSn(mdtrtId, i);
    }
}
