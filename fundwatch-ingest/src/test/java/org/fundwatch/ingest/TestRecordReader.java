package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestRecordReader {

    @Test
    void splitsQuotedFieldsWithSeparatorsAndDoubledQuotes() throws IOException {
        List<RecordReader.Record> rs = read("a,b,c\nx,\"1,2\",\"say \"\"hi\"\"\"\n\"\",,\"\"\"\"\n");

        assertThat(rs).allMatch(RecordReader.Record::ok);
        assertThat(rs.get(1).fields()).containsExactly("x", "1,2", "say \"hi\"");
        assertThat(rs.get(2).fields()).containsExactly("", "", "\"");
    }

    @Test
    void keepsAQuoteInsideAnUnquotedFieldAsText() throws IOException {
        List<RecordReader.Record> rs = read("a,b\n5\"7,x\"y\n");

        assertThat(rs.get(1).ok()).isTrue();
        assertThat(rs.get(1).fields()).containsExactly("5\"7", "x\"y");
    }

    @Test
    void acceptsAnEmbeddedNewlineAndNumbersRecordsByTheirFirstLine() throws IOException {
        List<RecordReader.Record> rs = read("id,note\n1,\"first\nsecond\n\nfourth\"\n2,plain\n3,\"x\r\ny\"\n4,z\n");

        assertThat(rs).allMatch(RecordReader.Record::ok);
        assertThat(rs.get(1).line()).isEqualTo(2);
        assertThat(rs.get(1).fields()).containsExactly("1", "first\nsecond\n\nfourth");
        assertThat(rs.get(1).raw()).isEqualTo("1,\"first\nsecond\n\nfourth\"");
        assertThat(rs.get(2).line()).isEqualTo(6);
        assertThat(rs.get(2).fields()).containsExactly("2", "plain");
        assertThat(rs.get(3).line()).isEqualTo(7);
        assertThat(rs.get(3).fields()).containsExactly("3", "x\ny");
        assertThat(rs.get(4).line()).isEqualTo(9);
    }

    @Test
    void readsCrLfRecordsWithoutTheCr() throws IOException {
        List<RecordReader.Record> rs = read("a,b\r\n1,2\r\n\"3\",\"4\"\r\n");

        assertThat(rs.get(1).fields()).containsExactly("1", "2");
        assertThat(rs.get(2).fields()).containsExactly("3", "4");
        assertThat(rs.get(2).line()).isEqualTo(3);
    }

    @Test
    void skipsAndCountsBlankLinesButKeepsLineNumbers() throws IOException {
        RecordReader r = reader("a,b\n\n1,2\n\r\n\n3,4\n\n", 1000, 100);

        List<RecordReader.Record> rs = all(r);

        assertThat(rs).extracting(RecordReader.Record::line).containsExactly(1L, 3L, 6L);
        assertThat(r.blankLines()).isEqualTo(4);
    }

    @Test
    void rejectsARecordWithTheWrongFieldCount() throws IOException {
        List<RecordReader.Record> rs = read("a,b,c\n1,2\n1,2,3,4\n1,2,3\n");

        assertThat(rs.get(1).problem()).isEqualTo(Reason.COLUMN_COUNT);
        assertThat(rs.get(1).line()).isEqualTo(2);
        assertThat(rs.get(1).raw()).isEqualTo("1,2");
        assertThat(rs.get(1).message()).contains("2 fields", "3");
        assertThat(rs.get(2).problem()).isEqualTo(Reason.COLUMN_COUNT);
        assertThat(rs.get(3).ok()).isTrue();
    }

    @Test
    void rejectsTextAfterAClosingQuote() throws IOException {
        List<RecordReader.Record> rs = read("a,b\n\"x\"y,1\n1,\"2\" \n3,4\n");

        assertThat(rs.get(1).problem()).isEqualTo(Reason.BAD_QUOTING);
        assertThat(rs.get(1).message()).contains("field 1");
        assertThat(rs.get(2).problem()).isEqualTo(Reason.BAD_QUOTING);
        assertThat(rs.get(2).message()).contains("field 2");
        assertThat(rs.get(3).fields()).containsExactly("3", "4");
    }

    @Test
    void anUnbalancedQuoteCostsOnlyItsOwnLine() throws IOException {
        List<RecordReader.Record> rs = read("a,b\n1,\"broken\n2,two\n3,three\n4,four\n");

        assertThat(rs).hasSize(5);
        assertThat(rs.get(1).line()).isEqualTo(2);
        assertThat(rs.get(1).problem()).isEqualTo(Reason.BAD_QUOTING);
        assertThat(rs.get(1).raw()).isEqualTo("1,\"broken");
        assertThat(rs.get(1).message()).contains("never closed", "read again");
        assertThat(rs.subList(2, 5)).allMatch(RecordReader.Record::ok);
        assertThat(rs.subList(2, 5)).extracting(RecordReader.Record::line).containsExactly(3L, 4L, 5L);
        assertThat(rs.get(4).fields()).containsExactly("4", "four");
    }

    @Test
    void aStrayQuoteThatClosesOnALaterLineIntoTheWrongShapeCostsOnlyTheFirstLine() throws IOException {
        // the quote of line 2 closes on line 3, and the merged record has 3 fields instead of 2
        List<RecordReader.Record> rs = read("a,b\n1,\"x\n2,y\",z\n3,w\n");

        assertThat(rs.get(1).problem()).isEqualTo(Reason.BAD_QUOTING);
        assertThat(rs.get(1).line()).isEqualTo(2);
        assertThat(rs.get(2).line()).isEqualTo(3);
        assertThat(rs.get(2).problem()).isEqualTo(Reason.COLUMN_COUNT);
        assertThat(rs.get(3).fields()).containsExactly("3", "w");
    }

    @Test
    void reportsAQuoteStillOpenAtTheEndOfTheFile() throws IOException {
        List<RecordReader.Record> rs = read("a,b\n1,ok\n2,\"never closed");

        assertThat(rs).hasSize(3);
        assertThat(rs.get(2).problem()).isEqualTo(Reason.BAD_QUOTING);
        assertThat(rs.get(2).line()).isEqualTo(3);
        assertThat(rs.get(2).message()).contains("end of the file");
    }

    @Test
    void givesUpOnAnEnclosureAfterTheLineLimitAndRereadsTheLines() throws IOException {
        StringBuilder s = new StringBuilder("a,b\n1,\"open\n");
        for (int i = 0; i < 10; i++) {
            s.append(i).append(",v\n");
        }
        List<RecordReader.Record> rs = all(reader(s.toString(), 1000, 3));

        assertThat(rs.get(1).problem()).isEqualTo(Reason.BAD_QUOTING);
        assertThat(rs.get(1).message()).contains("within 3 lines");
        assertThat(rs.subList(2, rs.size())).hasSize(10).allMatch(RecordReader.Record::ok);
        assertThat(rs.get(2).line()).isEqualTo(3);
    }

    @Test
    void rejectsALineLongerThanTheRecordLimitAndGoesOn() throws IOException {
        List<RecordReader.Record> rs = all(reader("a,b\n1," + "x".repeat(5000) + "\n2,y\n", 100, 10));

        assertThat(rs.get(1).problem()).isEqualTo(Reason.RECORD_TOO_LONG);
        assertThat(rs.get(1).line()).isEqualTo(2);
        assertThat(rs.get(1).raw()).hasSize(100);
        assertThat(rs.get(2).fields()).containsExactly("2", "y");
        assertThat(rs.get(2).line()).isEqualTo(3);
    }

    @Test
    void givesUpOnAnEnclosureThatGrowsBeyondTheRecordLimit() throws IOException {
        List<RecordReader.Record> rs = all(reader("a,b\n1,\"" + "x".repeat(60) + "\n" + "y".repeat(60)
                + "\"\n2,z\n", 100, 10));

        assertThat(rs.get(1).problem()).isEqualTo(Reason.BAD_QUOTING);
        assertThat(rs.get(2).line()).isEqualTo(3);
        assertThat(rs.get(3).fields()).containsExactly("2", "z");
    }

    @Test
    void readsTheNationalWarehouseDialect() throws IOException {
        String text = "@|mdtrt_id|@|@|note|@|plain\r\n"
                + "@|M001|@|@|a|b, \"c\"|@|x\r\n"
                + "@||@|@|two\r\nlines|@|y\r\n"
                + "M003|@|a||@|z\r\n";
        List<RecordReader.Record> rs = all(new RecordReader(new LineReader(new StringReader(text), 1000),
                CsvDialect.NATIONAL_WAREHOUSE, 100, 1000));

        assertThat(rs).allMatch(RecordReader.Record::ok);
        assertThat(rs.get(0).fields()).containsExactly("mdtrt_id", "note", "plain");
        assertThat(rs.get(1).fields()).containsExactly("M001", "a|b, \"c\"", "x");
        assertThat(rs.get(2).fields()).containsExactly("", "two\nlines", "y");
        assertThat(rs.get(3).line()).isEqualTo(5);
        assertThat(rs.get(3).fields()).containsExactly("M003", "a|", "z");
    }

    @Test
    void rejectsTextAfterAWarehouseEnclosureAndAnUnclosedOne() throws IOException {
        RecordReader r = new RecordReader(new LineReader(new StringReader("a|b\n@|x|@y|1\n@|open|2\n3|4\n"),
                1000), CsvDialect.NATIONAL_WAREHOUSE, 100, 1000);
        r.expectFields(2);

        List<RecordReader.Record> rs = all(r);

        assertThat(rs.get(1).problem()).isEqualTo(Reason.BAD_QUOTING);
        assertThat(rs.get(2).problem()).isEqualTo(Reason.BAD_QUOTING);
        assertThat(rs.get(2).line()).isEqualTo(3);
        assertThat(rs.get(3).fields()).containsExactly("3", "4");
        assertThat(rs.get(3).line()).isEqualTo(4);
    }

    /** Reads all records, expecting the header's field count from the second record on, as the loader does. */
    private static List<RecordReader.Record> read(String text) throws IOException {
        return all(reader(text, 1 << 20, 1000));
    }

    private static RecordReader reader(String text, int maxChars, int maxLines) {
        return new RecordReader(new LineReader(new StringReader(text), maxChars), CsvDialect.RFC4180, maxLines,
                maxChars);
    }

    private static List<RecordReader.Record> all(RecordReader r) throws IOException {
        List<RecordReader.Record> out = new ArrayList<>();
        for (RecordReader.Record rec = r.next(); rec != null; rec = r.next()) {
            if (out.isEmpty() && rec.ok()) {
                r.expectFields(rec.fields().length);
            }
            out.add(rec);
        }
        return out;
    }
}
