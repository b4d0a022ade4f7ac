package org.fundwatch.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.synth.Institutions.Institution;

/**
 * Pharmacy stock movements (进销存, {@code inv_io}) written after all sales are known: an opening stocktake, monthly
 * purchases that cover the month's sales with a margin, a few purchase returns inside that margin, and the monthly
 * sales. For the planted STOCK_MISMATCH cases the purchases fall short of the sales; for the near-miss they match
 * the sales exactly. A split extract gets each movement in the month of its {@code io_time}.
 */
final class Inventory {

    private static final long UNIT = 10_000;

    private Inventory() {
    }

    static long write(Path dir, Calendar cal, Institutions inst, long[][][] sales, LabelSink labels, int cases,
                      long seed) throws IOException {
        return write(List.of(dir), cal, inst, sales, labels, cases, seed);
    }

    /**
     * Writes to one directory, or to one per month of the calendar: each movement then goes to the month of its
     * {@code io_time}.
     */
    static long write(List<Path> dirs, Calendar cal, Institutions inst, long[][][] sales, LabelSink labels,
                      int cases, long seed) throws IOException {
        boolean split = dirs.size() > 1;
        List<int[]> candidates = new ArrayList<>();
        for (Institution ph : inst.pharmacies) {
            for (Item it : Item.ALL) {
                if (total(sales[ph.pharmacyIndex][it.ordinal()]) >= 20 * UNIT) {
                    candidates.add(new int[] {ph.pharmacyIndex, it.ordinal()});
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, 0x57_0C_CAL));
        for (int i = candidates.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int[] x = candidates.get(i);
            candidates.set(i, candidates.get(j));
            candidates.set(j, x);
        }
        byte[][] role = new byte[inst.pharmacies.size()][Item.ALL.length];
        int planted = Math.min(cases, Math.max(0, candidates.size() - 1));
        for (int i = 0; i < candidates.size() && i <= planted; i++) {
            int[] c = candidates.get(i);
            role[c[0]][c[1]] = (byte) (i < planted ? 1 : 2);
        }
        try (CsvTable t = new CsvTable(dirs, ExchangeFormat.INV_IO)) {
            int code = t.col("fixmedins_code");
            int item = t.col("med_list_codg");
            int type = t.col("inv_type");
            int cnt = t.col("cnt");
            int time = t.col("io_time");
            for (Institution ph : inst.pharmacies) {
                SplittableRandom r = new SplittableRandom(Seeds.mix(seed, 0x1170_0000L + ph.pharmacyIndex));
                for (Item it : Item.ALL) {
                    long[] monthly = sales[ph.pharmacyIndex][it.ordinal()];
                    long total = total(monthly);
                    if (total <= 0) {
                        continue;
                    }
                    byte kind = role[ph.pharmacyIndex][it.ordinal()];
                    long[] purchases = new long[cal.months];
                    long opening;
                    if (kind == 0) {
                        opening = units(total / 5) + 5 * UNIT;
                        for (int m = 0; m < cal.months; m++) {
                            purchases[m] = monthly[m] > 0 ? units(monthly[m]) + 5 * UNIT : 0;
                        }
                    } else {
                        opening = 0;
                        long target = kind == 1 ? total - Math.max(UNIT, units(total / 5)) : total;
                        long assigned = 0;
                        for (int m = 0; m < cal.months; m++) {
                            purchases[m] = Math.max(0, monthly[m] * target / total / UNIT * UNIT);
                            assigned += purchases[m];
                        }
                        purchases[cal.months - 1] += target - assigned;
                        Case c = new Case("STOCK_MISMATCH").institution(ph.code).item(it.code);
                        if (kind == 1) {
                            labels.label(c.describe("fee lines " + total / UNIT + " units, stock in " + target / UNIT));
                        } else {
                            labels.nearMiss(c.describe("units sold equal to opening stock plus purchases ("
                                    + total / UNIT + ")"));
                        }
                    }
                    if (opening > 0) {
                        t.str(code, ph.code).str(item, it.code).str(type, "3501").qty(cnt, opening)
                                .time(time, cal.firstDay, 0).end(split ? cal.monthOf(cal.firstDay) : 0);
                    }
                    for (int m = 0; m < cal.months; m++) {
                        if (purchases[m] > 0) {
                            t.str(code, ph.code).str(item, it.code).str(type, "3503").qty(cnt, purchases[m])
                                    .time(time, cal.monthStart[m], 7 * 3600 + r.nextInt(3600))
                                    .end(split ? cal.monthOf(cal.monthStart[m]) : 0);
                        }
                        if (kind == 0 && m == 0 && purchases[m] > 0 && r.nextInt(10) == 0) {
                            t.str(code, ph.code).str(item, it.code).str(type, "3504").qty(cnt, 3 * UNIT)
                                    .time(time, cal.monthStart[m] + 2, 10 * 3600)
                                    .end(split ? cal.monthOf(cal.monthStart[m] + 2) : 0);
                        }
                        if (monthly[m] > 0) {
                            t.str(code, ph.code).str(item, it.code).str(type, "3505").qty(cnt, monthly[m])
                                    .time(time, cal.monthStart[m + 1] - 1, 23 * 3600 + 59 * 60)
                                    .end(split ? cal.monthOf(cal.monthStart[m + 1] - 1) : 0);
                        }
                    }
                }
            }
            return t.rows();
        }
    }

    private static long total(long[] monthly) {
        long s = 0;
        for (long x : monthly) {
            s += x;
        }
        return s;
    }

    /** Rounded up to whole units. */
    private static long units(long e4) {
        return (e4 + UNIT - 1) / UNIT * UNIT;
    }
}
