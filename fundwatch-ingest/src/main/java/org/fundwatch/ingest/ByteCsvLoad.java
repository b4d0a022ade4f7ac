package org.fundwatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.fundwatch.progress.Progress;

/**
 * Loads an RFC 4180 UTF-8 CSV file on the byte path: a row that {@link ByteRowChecker} accepts goes to the staging
 * chunk as bytes and never becomes a String; the header, and every record with a problem or a shape the byte path
 * does not take, go through {@link RecordReader}, {@link RowChecker} and the sink exactly as on the String path, so
 * quarantine and warnings are the same to the byte.
 */
final class ByteCsvLoad {
    /**
     * The byte path leaves the file to the String path, which reads it again from the start: it is not UTF-8
     * somewhere, or its header is refused. Either way the String path's answer is the one that counts — whether it
     * falls back to GB18030 before or after judging the header depends on how far it had decoded ahead.
     */
    static final class Declined extends IOException {
        private static final long serialVersionUID = 1L;

        Declined(Exception cause) {
            super(cause);
        }
    }

    /** Rows accepted on the byte path since the JVM started, so tests can tell that the byte path did the work. */
    static final AtomicLong ACCEPTED_AS_BYTES = new AtomicLong();

    private final SourceFile file;
    private final Staging staging;
    private final IngestOptions options;
    private final Progress progress;

    ByteCsvLoad(SourceFile file, Staging staging, IngestOptions options, Progress progress) {
        this.file = file;
        this.staging = staging;
        this.options = options;
        this.progress = progress;
    }

    /** Reads {@code in} (past any BOM) to its end; {@code info} describes the source once it has been read. */
    TableLoader.Loaded load(InputStream in, Supplier<SourceInfo> info) throws IOException, SQLException {
        try (ByteCsvReader bytes = new ByteCsvReader(in, options.maxRecordChars(), file.table().name())) {
            return load(bytes, info);
        } catch (CharacterCodingException | IngestException e) {
            throw new Declined(e);
        }
    }

    private TableLoader.Loaded load(ByteCsvReader bytes, Supplier<SourceInfo> info) throws IOException, SQLException {
        RecordReader records = new RecordReader(bytes, CsvDialect.RFC4180, options.maxRecordLines(),
                options.maxRecordChars());
        List<String> notes = new ArrayList<>();
        RecordReader.Record header = records.next();
        if (header == null) {
            notes.add(file.fileName() + " is empty: no header, no rows");
            staging.createTable(file.table(), List.of());
            return new TableLoader.Loaded(info.get(), 0, 0, List.of(), notes);
        }
        if (!header.ok()) {
            throw new IngestException(IngestException.Code.MISSING_COLUMN, "the header (line " + header.line()
                    + ") cannot be read: " + header.message());
        }
        int fields = header.fields().length;
        records.expectFields(fields);
        List<String> names = new ArrayList<>();
        for (String f : header.fields()) {
            names.add(options.layout().columnOf(file.table(), RowChecker.normalizeHeader(f, names.size())));
        }
        RowChecker checker = new RowChecker(file.table(), names, options.maxFieldChars(), options.today(),
                options.strict());
        ByteRowChecker byteChecker = ByteRowChecker.of(file.table(), checker, fields, options.maxFieldChars(),
                options.today().toEpochDay()).orElse(null);
        staging.createTable(file.table(), checker.extraColumns());
        long read = 0;
        long asBytes = 0;
        long blank = 0;
        long reported = 0;
        TypedRow row = new TypedRow(checker.columns().length, checker.extraColumns().size());
        LineFields split = new LineFields();
        ChunkLine line = new ChunkLine();
        List<Problem> rejections = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        try (Staging.Sink sink = staging.sink(file.table(), checker.extraColumns())) {
            while (true) {
                if ((read & 0xFFFF) == 0) {
                    progress.advance(bytes.consumed() - reported);
                    reported = bytes.consumed();
                }
                if (byteChecker != null && !records.hasPending()) {
                    ByteCsvReader.Peek next = bytes.peek();
                    if (next == ByteCsvReader.Peek.END) {
                        break;
                    }
                    if (next == ByteCsvReader.Peek.BLANK) {
                        bytes.take();
                        blank++;
                        continue;
                    }
                    if (next == ByteCsvReader.Peek.LINE
                            && split.split(bytes.buffer(), bytes.lineStart(), bytes.lineEnd(), fields)
                            && byteChecker.accept(bytes.buffer(), split, bytes.lineNumber() + 1, line)) {
                        bytes.take();
                        read++;
                        asBytes++;
                        sink.row(line);
                        continue;
                    }
                }
                RecordReader.Record r = records.next();
                if (r == null) {
                    break;
                }
                read++;
                TableLoader.accept(r, checker, row, rejections, warnings, sink);
            }
        }
        progress.advance(bytes.consumed() - reported);
        ACCEPTED_AS_BYTES.addAndGet(asBytes);
        return new TableLoader.Loaded(info.get(), read, blank + records.blankLines(), names, notes);
    }
}
