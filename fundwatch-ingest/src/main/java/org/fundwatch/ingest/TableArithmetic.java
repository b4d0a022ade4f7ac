package org.fundwatch.ingest;

import java.math.BigDecimal;
import java.util.List;

/** The arithmetic a single row must satisfy (FORMAT.md): a line's amount and a settlement's split. */
final class TableArithmetic {
    private static final long CENT_AT_SCALE_10 = 100_000_000L;

    private TableArithmetic() {
    }

    static void check(String table, RowChecker checker, TypedRow row, List<Problem> out, boolean strict) {
        switch (table) {
            case "feedetail" -> lineAmount(checker, row, out);
            case "setl" -> settlementSplit(checker, row, out);
            default -> {
            }
        }
    }

    /**
     * {@code det_item_fee_sumamt = cnt × pric} to the cent: the difference must be below one cent, which accepts
     * both rounding and truncation of the product.
     */
    private static void lineAmount(RowChecker c, TypedRow row, List<Problem> out) {
        int cnt = c.slot("cnt");
        int pric = c.slot("pric");
        int amt = c.slot("det_item_fee_sumamt");
        long product; // scale 4 + 6 = 10
        long amount; // scale 10
        try {
            product = Math.multiplyExact(row.numbers[cnt], row.numbers[pric]);
            amount = Math.multiplyExact(row.numbers[amt], CENT_AT_SCALE_10);
        } catch (ArithmeticException overflow) {
            BigDecimal p = BigDecimal.valueOf(row.numbers[cnt], 4).multiply(BigDecimal.valueOf(row.numbers[pric], 6));
            BigDecimal a = BigDecimal.valueOf(row.numbers[amt], 2);
            if (p.subtract(a).abs().compareTo(new BigDecimal("0.01")) >= 0) {
                out.add(mismatch(row, cnt, pric, amt, p.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()));
            }
            return;
        }
        if (Math.abs(product - amount) >= CENT_AT_SCALE_10) {
            out.add(mismatch(row, cnt, pric, amt,
                    BigDecimal.valueOf(product, 10).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()));
        }
    }

    private static Problem mismatch(TypedRow row, int cnt, int pric, int amt, String expected) {
        return new Problem(Reason.AMOUNT_MISMATCH, "det_item_fee_sumamt", "det_item_fee_sumamt "
                + row.texts[amt] + " is not cnt " + row.texts[cnt] + " × pric " + row.texts[pric] + " = " + expected);
    }

    /** {@code medfee_sumamt = fund_pay_sumamt + acct_pay + psn_cash_pay} exactly. */
    private static void settlementSplit(RowChecker c, TypedRow row, List<Problem> out) {
        int total = c.slot("medfee_sumamt");
        int fund = c.slot("fund_pay_sumamt");
        int acct = c.slot("acct_pay");
        int cash = c.slot("psn_cash_pay");
        long parts = row.numbers[fund] + row.numbers[acct] + row.numbers[cash];
        if (parts != row.numbers[total]) {
            out.add(new Problem(Reason.SETTLEMENT_SPLIT_MISMATCH, "medfee_sumamt", "medfee_sumamt "
                    + row.texts[total] + " is not fund " + row.texts[fund] + " + account " + row.texts[acct]
                    + " + cash " + row.texts[cash] + " = " + BigDecimal.valueOf(parts, 2).toPlainString()));
        }
    }
}
