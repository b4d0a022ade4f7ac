package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link ByteCsvReader} sees the lines {@link LineReader} sees, and a line {@link LineFields} splits on bytes has the
 * fields the String path's {@link RecordReader.Splitter} finds.
 */
class TestByteCsvReader {

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab,\"\n\r 张\t\u0000\uFFFD").ofMaxLength(40);
    }

    @Property(tries = 2000)
    void physicalLinesAreThoseOfTheLineReader(@ForAll("texts") String text,
                                              @ForAll @IntRange(min = 1, max = 12) int limit) throws IOException {
        LineReader expected = new LineReader(new StringReader(text), limit);
        try (ByteCsvReader bytes = new ByteCsvReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit, "test")) {
            for (String line = expected.next(); line != null; line = expected.next()) {
                assertThat(bytes.next()).isEqualTo(line);
                assertThat(bytes.lineNumber()).isEqualTo(expected.lineNumber());
                assertThat(bytes.lastWasTruncated()).isEqualTo(expected.lastWasTruncated());
                assertThat(bytes.lastWasSuspicious()).isEqualTo(expected.lastWasSuspicious());
            }
            assertThat(bytes.next()).isNull();
        }
    }

    @Property(tries = 3000)
    void aLineSplitOnBytesHasTheFieldsOfTheStringSplitter(@ForAll("texts") String text,
                                                           @ForAll @IntRange(min = 1, max = 6) int expected)
            throws IOException {
        String line = text.replace("\n", "").replace("\r", "");
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try (ByteCsvReader bytes = new ByteCsvReader(new ByteArrayInputStream(b), 1 << 20, "test")) {
            LineFields lineFields = new LineFields();
            if (bytes.peek() != ByteCsvReader.Peek.LINE
                    || !lineFields.split(bytes.buffer(), bytes.lineStart(), bytes.lineEnd(), expected)) {
                return;
            }
            RecordReader.Splitter splitter = new RecordReader.Splitter(CsvDialect.RFC4180);
            assertThat(splitter.feed(line)).isEqualTo(RecordReader.Splitter.State.COMPLETE);
            String[] fields = splitter.fields();
            assertThat(fields).hasSize(expected);
            List<String> split = new ArrayList<>();
            for (int i = 0; i < expected; i++) {
                int from = lineFields.starts()[i];
                int to = lineFields.ends()[i];
                int shape = lineFields.shapes()[i];
                String content = new String(bytes.buffer(), from, to - from, StandardCharsets.UTF_8);
                split.add((shape & LineFields.QUOTED) != 0 ? content.replace("\"\"", "\"") : content);
                assertThat((shape & LineFields.HAS_COMMA) != 0).isEqualTo(fields[i].contains(","));
                assertThat((shape & LineFields.HAS_QUOTE) != 0).isEqualTo(fields[i].contains("\""));
                assertThat((shape & LineFields.NON_ASCII) != 0).isEqualTo(fields[i].chars().anyMatch(c -> c > 0x7F));
            }
            assertThat(split).containsExactly(fields);
            assertThat(line.chars().noneMatch(c -> c < 0x20 || c == 0xFFFD)).as("no control character or U+FFFD")
                    .isTrue();
        }
    }

    @Property(tries = 20)
    void linesLongerThanABlockAreReadWhole(@ForAll @IntRange(min = 1, max = 3_000_000) int length) throws IOException {
        String text = "a,b\n" + "x".repeat(length) + "\r\nc,d";
        LineReader expected = new LineReader(new InputStreamReader(new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8), 2_000_000);
        try (ByteCsvReader bytes = new ByteCsvReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 2_000_000, "test")) {
            for (String line = expected.next(); line != null; line = expected.next()) {
                assertThat(bytes.next()).isEqualTo(line);
                assertThat(bytes.lastWasTruncated()).isEqualTo(expected.lastWasTruncated());
            }
            assertThat(bytes.next()).isNull();
        }
    }
}
