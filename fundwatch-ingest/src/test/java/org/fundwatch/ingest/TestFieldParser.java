package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestFieldParser {

    private static final int AMOUNT_SCALE = 2;
    private static final int PRICE_SCALE = 6;
    private static final int PRECISION = 16;

    @ParameterizedTest
    @CsvSource({
            "12.34, 1234",
            "-12.34, -1234",
            "+7, 700",
            "-0, 0",
            "0007.5, 750",
            ".5, 50",
            "-.05, -5",
            "5., 500",
            "1.2300000, 123",
            "99999999999999.99, 9999999999999999",
            "00000000000000000000001, 100"})
    void readsPlainDecimalsAsUnscaledCents(String text, long cents) throws BadValue {
        assertThat(FieldParser.decimal(text, AMOUNT_SCALE, PRECISION)).isEqualTo(cents);
    }

    @Test
    void keepsSixDecimalsOfAPrice() throws BadValue {
        assertThat(FieldParser.decimal("4.500001", PRICE_SCALE, PRECISION)).isEqualTo(4_500_001L);
        assertThat(FieldParser.decimal("0.000001", PRICE_SCALE, PRECISION)).isEqualTo(1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.234", "0.001", "-9.999", "1.2301"})
    void refusesDecimalsBeyondTheScaleAsPrecisionLoss(String text) {
        assertReason(() -> FieldParser.decimal(text, AMOUNT_SCALE, PRECISION), Reason.PRECISION_LOSS);
    }

    @Test
    void refusesMoreIntegerDigitsThanTheColumnHolds() {
        assertReason(() -> FieldParser.decimal("100000000000000", AMOUNT_SCALE, PRECISION), Reason.BAD_TYPE);
        assertReason(() -> FieldParser.decimal("12345678901", PRICE_SCALE, PRECISION), Reason.BAD_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e5", "1E-2", "12,50", "¥12", "12元", "--1", "+-1", "-", "+", ".", "1.2.3", "0x10",
            "NaN", "Infinity", "1 000", "１２"})
    void refusesExponentsAndGarbageAsBadType(String text) {
        assertReason(() -> FieldParser.decimal(text, AMOUNT_SCALE, PRECISION), Reason.BAD_TYPE);
    }

    @Test
    void readsWholeNumbersAndRefusesOnesTooLargeForAnInt() throws BadValue {
        assertThat(FieldParser.integer("2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(FieldParser.integer("-12")).isEqualTo(-12);
        assertReason(() -> FieldParser.integer("2147483648"), Reason.BAD_TYPE);
        assertReason(() -> FieldParser.integer("1.5"), Reason.PRECISION_LOSS);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-01-05, 2026-01-05",
            "20260105, 2026-01-05",
            "2026/01/05, 2026-01-05",
            "2024-02-29, 2024-02-29",
            "2026-01-05 00:00:00, 2026-01-05",
            "1900-01-01, 1900-01-01"})
    void readsDates(String text, LocalDate expected) throws BadValue {
        assertThat(FieldParser.date(text)).isEqualTo(expected.toEpochDay());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "20260431", "1800-01-01",
            "1899-12-31", "3000-01-01"})
    void refusesDatesThatCannotBeAsImpossible(String text) {
        assertReason(() -> FieldParser.date(text), Reason.IMPOSSIBLE_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-1-5", "05/01/2026", "2026-01-05 10:30:00", "2026-01-05x", "yesterday",
            "2026.01.05", "2026-01/05", "202601"})
    void refusesTextThatIsNotADateAsBadType(String text) {
        assertReason(() -> FieldParser.date(text), Reason.BAD_TYPE);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-01-05 10:30:00, 2026-01-05T10:30:00",
            "2026-01-05T10:30:00, 2026-01-05T10:30:00",
            "2026-01-05 10:30, 2026-01-05T10:30:00",
            "2026-01-05 10:30:00.5, 2026-01-05T10:30:00.5",
            "2026-01-05 10:30:00.123456, 2026-01-05T10:30:00.123456",
            "2026-01-05, 2026-01-05T00:00:00",
            "20260105, 2026-01-05T00:00:00",
            "20260105103000, 2026-01-05T10:30:00",
            "2026/01/05 23:59:59, 2026-01-05T23:59:59"})
    void readsTimestampsAsLocalWallClockMicros(String text, LocalDateTime expected) throws BadValue {
        long micros = expected.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + expected.getNano() / 1_000;
        assertThat(FieldParser.timestamp(text)).isEqualTo(micros);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-05 25:00:00", "2026-01-05 24:00:00", "2026-01-05 10:60:00",
            "2026-01-05 10:30:61", "2026-02-30 10:00:00", "1800-01-01 00:00:00"})
    void refusesTimesThatCannotBeAsImpossible(String text) {
        assertReason(() -> FieldParser.timestamp(text), Reason.IMPOSSIBLE_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-05 9:00:00", "2026-01-05 10:30:00Z", "2026-01-05 10:30:00+08:00",
            "2026-01-05 10:30:00.1234567", "2026-01-05 10:30:00.", "2026-01-05_10:30:00", "2026-01-05 10",
            "202601051030", "now"})
    void refusesTextThatIsNotATimestampAsBadType(String text) {
        assertReason(() -> FieldParser.timestamp(text), Reason.BAD_TYPE);
    }

    @Test
    void readsClockTimesUpToMidnightClosing() throws BadValue {
        assertThat(FieldParser.clockTime("00:00")).isZero();
        assertThat(FieldParser.clockTime("08:30")).isEqualTo((8 * 60 + 30) * 60_000_000L);
        assertThat(FieldParser.clockTime("23:59:59")).isEqualTo(86_399_000_000L);
        assertThat(FieldParser.clockTime("24:00")).isEqualTo(86_400_000_000L);
        assertThat(FieldParser.clockTime("24:00:00")).isEqualTo(86_400_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:01", "24:00:01", "25:00", "12:60", "8:30", "0830", "08:30pm", "ab:cd"})
    void refusesClockTimesThatAreNotTimesOfDay(String text) {
        assertReason(() -> FieldParser.clockTime(text), Reason.BAD_TYPE);
    }

    @Test
    void abbreviatesLongValuesInMessages() {
        String huge = "9".repeat(1000) + "x";
        assertThatThrownBy(() -> FieldParser.decimal(huge, AMOUNT_SCALE, PRECISION))
                .isInstanceOf(BadValue.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
    }

    private static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BadValue.class, e -> assertThat(e.reason())
                .as(e.getMessage()).isEqualTo(reason));
    }
}
