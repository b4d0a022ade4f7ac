package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The byte path's parsers and writers agree with the String path's: {@link ByteFieldParser} gives FieldParser's value
 * for every spelling FieldParser accepts and {@link ByteFieldParser#FAIL} for every one it rejects, {@link ChunkLine}
 * writes {@link CanonicalText}'s bytes, and the UTF-8 check refuses what a strict decoder refuses.
 */
class TestByteFieldParser {

    private interface StringParser {
        long parse(String s) throws BadValue;
    }

    private interface ByteParser {
        long parse(byte[] b, int from, int to);
    }

    /** Strings built from the characters the spellings are made of, so that near misses are frequent. */
    @Provide
    Arbitrary<String> spellings() {
        Arbitrary<String> random = Arbitraries.strings().withChars("0123456789-/:. T+Z9").ofMinLength(0)
                .ofMaxLength(28);
        Arbitrary<String> dateLike = Combinators.combine(
                Arbitraries.integers().between(1890, 3005), Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, 32), Arbitraries.of("-", "/", ""),
                Arbitraries.of("", " ", "T", " 00:00:00", " 00:00", "T00:00:00", "  ", " 12:30", " 23:59:59",
                        " 24:00:00", " 07:05:09.5", " 07:05:09.123456", " 07:05:09.1234567", "000000", "235960",
                        " 7:05", " 07:5", "x", " 00:00:00 ", " 07:05:09.")).as((y, m, d, sep, tail) ->
                String.format("%04d%s%02d%s%02d%s", y, sep, m, sep, d, tail));
        Arbitrary<String> decimalLike = Combinators.combine(Arbitraries.of("", "-", "+", "--"),
                Arbitraries.strings().numeric().ofMaxLength(18), Arbitraries.of("", ".", ".."),
                Arbitraries.strings().numeric().ofMaxLength(9)).as((s, i, p, f) -> s + i + p + f);
        return Arbitraries.oneOf(random, dateLike, decimalLike);
    }

    @Property(tries = 3000)
    void decimalsAgreeWithFieldParser(@ForAll("spellings") String s, @ForAll @IntRange(min = 0, max = 6) int scale) {
        assertAgree(s, t -> FieldParser.decimal(t, scale, 16),
                (b, f, z) -> ByteFieldParser.decimal(b, f, z, scale, 16));
        assertAgree(s, t -> FieldParser.decimal(t, 6, 9), (b, f, z) -> ByteFieldParser.decimal(b, f, z, 6, 9));
        assertAgree(s, FieldParser::integer, ByteFieldParser::integer);
    }

    @Property(tries = 3000)
    void datesTimestampsAndClockTimesAgreeWithFieldParser(@ForAll("spellings") String s) {
        assertAgree(s, FieldParser::date, ByteFieldParser::date);
        assertAgree(s, FieldParser::timestamp, ByteFieldParser::timestamp);
        assertAgree(s, FieldParser::clockTime, ByteFieldParser::clockTime);
        assertAgree(s.length() > 4 ? s.substring(s.length() - 5) : s, FieldParser::clockTime,
                ByteFieldParser::clockTime);
    }

    @Property(tries = 1000)
    void everyValidTimestampReadsBack(@ForAll @LongRange(min = -2208988800L, max = 32503679999L) long epochSecond,
                                      @ForAll @IntRange(min = 0, max = 999_999) int micros) throws BadValue {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, micros * 1000, ZoneOffset.UTC);
        String s = t.toString().replace('T', ' ');
        assertAgree(s, FieldParser::timestamp, ByteFieldParser::timestamp);
        assertAgree(t.toLocalDate().toString(), FieldParser::date, ByteFieldParser::date);
        StringBuilder canonical = new StringBuilder();
        CanonicalText.timestamp(canonical, FieldParser.timestamp(s));
        ChunkLine line = new ChunkLine();
        line.timestamp(ByteFieldParser.timestamp(bytes(s), 0, bytes(s).length));
        assertThat(written(line)).isEqualTo(canonical.toString());
    }

    @Property(tries = 2000)
    void chunkLinesWriteWhatCanonicalTextWrites(@ForAll @LongRange(min = -9_999_999_999_999_999L,
            max = 9_999_999_999_999_999L) long unscaled, @ForAll @IntRange(min = 0, max = 6) int scale,
                                               @ForAll @IntRange(min = -25567, max = 401767) int epochDay,
                                               @ForAll @LongRange(min = 0, max = 86_400_000_000L) long dayMicros) {
        StringBuilder expected = new StringBuilder();
        ChunkLine line = new ChunkLine();
        CanonicalText.decimal(expected, unscaled, scale);
        line.decimal(unscaled, scale);
        expected.append(',');
        line.add((byte) ',');
        CanonicalText.date(expected, epochDay);
        line.date(epochDay);
        expected.append(',');
        line.add((byte) ',');
        CanonicalText.time(expected, dayMicros);
        line.time(dayMicros);
        expected.append(',').append(unscaled);
        line.add((byte) ',');
        line.number(unscaled);
        assertThat(written(line)).isEqualTo(expected.toString());
    }

    @Property(tries = 2000)
    void textIsQuotedAsCanonicalTextQuotesIt(@ForAll("texts") String s) {
        StringBuilder expected = new StringBuilder();
        CanonicalText.text(expected, s);
        ChunkLine line = new ChunkLine();
        byte[] b = bytes(s);
        if (s.contains("\"") || s.contains(",")) {
            line.quote(b, 0, b.length);
        } else {
            line.copy(b, 0, b.length);
        }
        assertThat(written(line)).isEqualTo(expected.toString());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab,\" 张三é").ofMinLength(1).ofMaxLength(12);
    }

    @Property(tries = 3000)
    void theUtf8CheckRefusesWhatAStrictDecoderRefuses(@ForAll("byteRuns") byte[] b) {
        boolean decodes;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            decodes = true;
        } catch (CharacterCodingException e) {
            decodes = false;
        }
        boolean checks = true;
        try {
            for (int i = 0; i < b.length; ) {
                if (b[i] >= 0) {
                    i++;
                } else {
                    int len = LineFields.utf8(b, i, b.length);
                    i += len == 0 ? 3 : len;
                }
            }
        } catch (MalformedInputException e) {
            checks = false;
        }
        assertThat(checks).as("%s", java.util.HexFormat.of().formatHex(b)).isEqualTo(decodes);
    }

    @Provide
    Arbitrary<byte[]> byteRuns() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) 0x41, (byte) 0x80, (byte) 0x8F, (byte) 0x90,
                (byte) 0x9F, (byte) 0xA0, (byte) 0xBF, (byte) 0xBD, (byte) 0xC0, (byte) 0xC1, (byte) 0xC2,
                (byte) 0xDF, (byte) 0xE0, (byte) 0xE4, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4,
                (byte) 0xF5, (byte) 0xFF);
        return Arbitraries.oneOf(interesting, Arbitraries.bytes()).array(byte[].class).ofMaxSize(8);
    }

    @Test
    void markUPlusFffdForTheStringPath() throws MalformedInputException {
        byte[] b = "\uFFFD".getBytes(StandardCharsets.UTF_8);
        assertThat(LineFields.utf8(b, 0, b.length)).isZero();
        byte[] han = "张".getBytes(StandardCharsets.UTF_8);
        assertThat(LineFields.utf8(han, 0, han.length)).isEqualTo(3);
        assertThatThrownBy(() -> LineFields.utf8(han, 0, 2)).isInstanceOf(MalformedInputException.class);
    }

    private static void assertAgree(String s, StringParser strings, ByteParser bytes) {
        // the byte path parses inside a line buffer: put the field between other bytes
        byte[] field = bytes(s);
        byte[] line = new byte[field.length + 4];
        line[0] = 'x';
        line[1] = ',';
        System.arraycopy(field, 0, line, 2, field.length);
        line[line.length - 2] = ',';
        line[line.length - 1] = '9';
        long expected;
        try {
            expected = strings.parse(s);
        } catch (BadValue e) {
            expected = ByteFieldParser.FAIL;
        }
        assertThat(bytes.parse(line, 2, 2 + field.length)).as("'%s'", s).isEqualTo(expected);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String written(ChunkLine line) {
        return new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
    }
}
