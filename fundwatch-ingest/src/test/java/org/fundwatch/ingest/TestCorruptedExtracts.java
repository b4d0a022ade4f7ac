package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.fundwatch.progress.Progress;

/**
 * Random damage to a valid extract never makes the ingest crash or lose a row: it either fails with an
 * {@link IngestException} because a header was damaged, or it accounts for every record (read = accepted +
 * rejected, each rejected line once in quarantine, the accepted rows in the Parquet file).
 */
class TestCorruptedExtracts {

    enum Kind {
        DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, FLIP_BYTE, INSERT_QUOTE, INSERT_COMMA, INSERT_NUL,
        INSERT_INVALID_UTF8, INSERT_LINE_BREAK, TRUNCATE
    }

    /** One damage to one table file; positions are fractions of its lines or bytes, so they shrink well. */
    record Corruption(String table, Kind kind, double at, double other, int value) {
        byte[] apply(byte[] file) {
            int pos = (int) (at * file.length);
            return switch (kind) {
                case DELETE_LINE, DUPLICATE_LINE, SWAP_LINES -> lines(file);
                case FLIP_BYTE -> {
                    byte[] b = file.clone();
                    if (b.length > 0) {
                        b[Math.min(pos, b.length - 1)] ^= (byte) value;
                    }
                    yield b;
                }
                case INSERT_QUOTE -> insert(file, pos, new byte[] {'"'});
                case INSERT_COMMA -> insert(file, pos, new byte[] {','});
                case INSERT_NUL -> insert(file, pos, new byte[] {0});
                case INSERT_INVALID_UTF8 -> insert(file, pos, new byte[] {(byte) 0xC3, (byte) (value & 0x7F),
                        (byte) 0xFF});
                case INSERT_LINE_BREAK -> insert(file, pos, value % 2 == 0 ? new byte[] {'\n'}
                        : new byte[] {'\r', '\n'});
                case TRUNCATE -> Arrays.copyOf(file, pos);
            };
        }

        private byte[] lines(byte[] file) {
            List<byte[]> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < file.length; i++) {
                if (file[i] == '\n') {
                    lines.add(Arrays.copyOfRange(file, start, i + 1));
                    start = i + 1;
                }
            }
            if (start < file.length) {
                lines.add(Arrays.copyOfRange(file, start, file.length));
            }
            if (lines.isEmpty()) {
                return file;
            }
            int i = Math.min((int) (at * lines.size()), lines.size() - 1);
            int j = Math.min((int) (other * lines.size()), lines.size() - 1);
            switch (kind) {
                case DELETE_LINE -> lines.remove(i);
                case DUPLICATE_LINE -> lines.add(j, lines.get(i));
                default -> {
                    byte[] t = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, t);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            lines.forEach(out::writeBytes);
            return out.toByteArray();
        }

        private static byte[] insert(byte[] file, int pos, byte[] what) {
            byte[] b = new byte[file.length + what.length];
            System.arraycopy(file, 0, b, 0, pos);
            System.arraycopy(what, 0, b, pos, what.length);
            System.arraycopy(file, pos, b, pos + what.length, file.length - pos);
            return b;
        }
    }

    @Provide
    Arbitrary<List<Corruption>> corruptions() {
        List<String> tables = new ArrayList<>(TestingExtract.REQUIRED_TABLES);
        tables.addAll(List.of("diseinfo", "kb_item_limit", "inv_io"));
        Arbitrary<Corruption> one = Combinators.combine(
                Arbitraries.of(tables),
                Arbitraries.of(Kind.class),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 255)).as(Corruption::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 30, shrinking = ShrinkingMode.BOUNDED)
    void damageIsQuarantinedLineByLineOrRefusedAtTheHeader(@ForAll("corruptions") List<Corruption> damage)
            throws IOException {
        Path tmp = Files.createTempDirectory("fundwatch-corrupt");
        try {
            TestingExtract x = TestingExtract.writeAll(tmp.resolve("src"));
            Map<String, byte[]> original = new java.util.HashMap<>();
            for (Corruption c : damage) {
                original.putIfAbsent(c.table(), x.bytes(c.table()));
                x.writeBytes(c.table(), c.apply(x.bytes(c.table())));
            }
            Path out = tmp.resolve("ds");

            IngestReport report;
            try {
                report = Ingest.run(x.options(out), Progress.NONE);
            } catch (IngestException e) {
                String file = e.getMessage().replaceFirst("^\\[\\w+\\] ", "").replaceFirst(":.*", "")
                        .replaceFirst("\\.csv$", "");
                assertThat(original).as("%s names a damaged file", e.getMessage()).containsKey(file);
                assertThat(headerOf(x.bytes(file))).as("%s: the header was damaged", e.getMessage())
                        .isNotEqualTo(headerOf(original.get(file)));
                return;
            }

            TestingDataset ds = TestingDataset.at(out);
            ds.assertCountsAddUp(report);
            for (Map.Entry<String, TableCounts> e : report.tables().entrySet()) {
                String t = e.getKey();
                assertThat(ds.rows(t)).as(t).isEqualTo(e.getValue().accepted());
                long physicalLines = physicalLines(x.bytes(t));
                assertThat(ds.quarantine(t)).as(t).allSatisfy(r ->
                        assertThat(r.line()).isBetween(2L, physicalLines));
                assertThat(ds.quarantine(t)).as(t).allSatisfy(r ->
                        assertThat(r.reason()).isIn(Arrays.stream(Reason.values()).filter(Reason::rejects)
                                .map(Reason::name).toList()));
            }
        } finally {
            DatasetFiles.deleteRecursively(tmp);
        }
    }

    private static byte[] headerOf(byte[] file) {
        int end = 0;
        while (end < file.length && file[end] != '\n') {
            end++;
        }
        return Arrays.copyOf(file, end);
    }

    private static long physicalLines(byte[] file) {
        long n = 0;
        for (byte b : file) {
            if (b == '\n') {
                n++;
            }
        }
        return file.length > 0 && file[file.length - 1] != '\n' ? n + 1 : n;
    }
}
