package org.fundwatch.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The arithmetic a single row must satisfy (FORMAT.md): a line's amount and a settlement's split. Column positions
 * are resolved once per file, not per row.
 */
abstract class TableArithmetic {
    private static final long CENT_AT_SCALE_10 = 100_000_000L;

    /** The check for a table; tables without arithmetic get one that does nothing. */
    static TableArithmetic of(String table, RowChecker checker) {
        return switch (table) {
            case "feedetail" -> new LineAmount(checker);
            case "setl" -> new SettlementSplit(checker);
            default -> new TableArithmetic() {
                @Override
                void check(TypedRow row, List<Problem> out) {
                }
            };
        };
    }

    abstract void check(TypedRow row, List<Problem> out);

    /**
     * {@code det_item_fee_sumamt = cnt × pric} to the cent: the difference must be below one cent, which accepts
     * both rounding and truncation of the product.
     */
    private static final class LineAmount extends TableArithmetic {
        private final int cnt;
        private final int pric;
        private final int amt;

        LineAmount(RowChecker c) {
            cnt = c.slot("cnt");
            pric = c.slot("pric");
            amt = c.slot("det_item_fee_sumamt");
        }

        @Override
        void check(TypedRow row, List<Problem> out) {
            long product; // scale 4 + 6 = 10
            long amount; // scale 10
            try {
                product = Math.multiplyExact(row.numbers[cnt], row.numbers[pric]);
                amount = Math.multiplyExact(row.numbers[amt], CENT_AT_SCALE_10);
            } catch (ArithmeticException overflow) {
                BigDecimal p = BigDecimal.valueOf(row.numbers[cnt], 4)
                        .multiply(BigDecimal.valueOf(row.numbers[pric], 6));
                BigDecimal a = BigDecimal.valueOf(row.numbers[amt], 2);
                if (p.subtract(a).abs().compareTo(new BigDecimal("0.01")) >= 0) {
                    out.add(mismatch(row, p.setScale(2, RoundingMode.HALF_UP).toPlainString()));
                }
                return;
            }
            if (Math.abs(product - amount) >= CENT_AT_SCALE_10) {
                out.add(mismatch(row, BigDecimal.valueOf(product, 10).setScale(2, RoundingMode.HALF_UP)
                        .toPlainString()));
            }
        }

        private Problem mismatch(TypedRow row, String expected) {
            return new Problem(Reason.AMOUNT_MISMATCH, "det_item_fee_sumamt", "det_item_fee_sumamt "
                    + row.texts[amt] + " is not cnt " + row.texts[cnt] + " × pric " + row.texts[pric] + " = "
                    + expected);
        }
    }

    /** {@code medfee_sumamt = fund_pay_sumamt + acct_pay + psn_cash_pay} exactly. */
    private static final class SettlementSplit extends TableArithmetic {
        private final int total;
        private final int fund;
        private final int acct;
        private final int cash;

        SettlementSplit(RowChecker c) {
            total = c.slot("medfee_sumamt");
            fund = c.slot("fund_pay_sumamt");
            acct = c.slot("acct_pay");
            cash = c.slot("psn_cash_pay");
        }

        @Override
        void check(TypedRow row, List<Problem> out) {
            long parts = row.numbers[fund] + row.numbers[acct] + row.numbers[cash];
            if (parts != row.numbers[total]) {
                out.add(new Problem(Reason.SETTLEMENT_SPLIT_MISMATCH, "medfee_sumamt", "medfee_sumamt "
                        + row.texts[total] + " is not fund " + row.texts[fund] + " + account " + row.texts[acct]
                        + " + cash " + row.texts[cash] + " = " + BigDecimal.valueOf(parts, 2).toPlainString()));
            }
        }
    }
}
