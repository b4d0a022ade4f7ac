package org.fundwatch.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.duckdb.DuckDBConnection;
import org.fundwatch.progress.Progress;

/**
 * Reads one source file into its staging table: splits records (on a reader thread, so decoding and splitting
 * overlap with checking and appending), checks each row and appends it, or records its rejection or warnings.
 * A BOM-less CSV file that turns out not to be valid UTF-8 is read again as GB18030 unless an encoding was given.
 * An RFC 4180 file read as UTF-8 (detected, not given) takes the byte path, {@link ByteCsvLoad}, which turns only
 * the rows with a problem into Strings; should the file turn out not to be UTF-8 there, or its header be refused, it
 * is read again here.
 */
final class TableLoader {
    static final Charset GB18030 = Charset.forName("GB18030");
    /** A CSV file that turned out not to be valid UTF-8, with how far it was read as UTF-8. */
    private static final class NotUtf8 extends IOException {
        private static final long serialVersionUID = 1L;
        final long line;

        NotUtf8(CharacterCodingException cause, long line) {
            super(cause);
            this.line = line;
        }

        @Override
        public synchronized CharacterCodingException getCause() {
            return (CharacterCodingException) super.getCause();
        }
    }
    private static final int BATCH = 2048;
    /**
     * Reads every CSV file on the String path, never on the byte path ({@link ByteCsvLoad}); for the differential
     * tests of the two paths, and a way back should the byte path ever be in doubt.
     */
    static volatile boolean stringPathOnly = Boolean.getBoolean("fundwatch.ingest.stringPath");

    /** What loading one file produced. */
    record Loaded(SourceInfo info, long read, long blankLines, List<String> header, List<String> notes) {
    }

    private final Staging staging;
    private final IngestOptions options;
    private final LocalDate today;
    private final Progress progress;

    TableLoader(Staging staging, IngestOptions options, Progress progress) {
        this.staging = staging;
        this.options = options;
        this.today = options.today();
        this.progress = progress;
    }

    Loaded load(SourceFile file) throws IOException, SQLException {
        try {
            return file.kind() == SourceFile.Kind.CSV ? loadCsv(file) : loadParquet(file);
        } catch (IngestException e) {
            throw e.inFile(file.fileName());
        }
    }

    // ---------------------------------------------------------------- CSV

    private Loaded loadCsv(SourceFile file) throws IOException, SQLException {
        long size = Files.size(file.path());
        boolean detect = options.encoding().isEmpty();
        Charset charset = options.encoding().orElse(StandardCharsets.UTF_8);
        boolean fellBack = false;
        boolean utf8WithErrors = false;
        boolean bytePath = !stringPathOnly;
        String fellBackNote = null;
        while (true) {
            progress.start("ingest " + file.fileName(), size);
            try {
                Loaded loaded = readCsv(file, charset, detect && !fellBack, fellBack && !utf8WithErrors, bytePath);
                progress.finish();
                if (fellBackNote != null) {
                    loaded.notes().add(fellBackNote);
                }
                return loaded;
            } catch (ByteCsvLoad.Declined declined) {
                // the String path meets the same bytes and decides, as it always has, what they mean
                progress.finish();
                staging.reset(file.table(), List.of());
                bytePath = false;
            } catch (NotUtf8 notUtf8) {
                if (!detect || fellBack) {
                    throw notUtf8.getCause();
                }
                progress.finish();
                staging.reset(file.table(), List.of());
                fellBack = true;
                Utf8Census census = Utf8Census.of(file.path());
                if (census.mostlyUtf8()) {
                    // a UTF-8 file with some broken bytes, not a GB18030 file: keep UTF-8, reject the broken rows
                    utf8WithErrors = true;
                    fellBackNote = file.fileName() + " is UTF-8 with some bytes that are not (" + census
                            + "): read as UTF-8, rows with broken bytes rejected as BAD_ENCODING";
                } else {
                    charset = GB18030;
                    fellBackNote = file.fileName() + " is not valid UTF-8 (line " + notUtf8.line
                            + "): read as GB18030";
                }
            }
        }
    }

    private record Batch(List<RecordReader.Record> records, long bytes, Throwable error, long blankLines,
                         boolean end) {
    }

    private Loaded readCsv(SourceFile file, Charset requested, boolean strictUtf8, boolean fellBack,
                           boolean bytePath) throws IOException, SQLException {
        MessageDigest sha = sha256();
        CountingStream counted;
        Charset charset = requested;
        InputStream in = new BufferedInputStream(
                counted = new CountingStream(new DigestInputStream(Files.newInputStream(file.path()), sha)), 1 << 16);
        boolean bom = false;
        in.mark(4);
        byte[] head = in.readNBytes(3);
        if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            bom = true;
            charset = StandardCharsets.UTF_8;
        } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            bom = true;
            charset = StandardCharsets.UTF_16LE;
            in.reset();
            in.skip(2);
        } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            bom = true;
            charset = StandardCharsets.UTF_16BE;
            in.reset();
            in.skip(2);
        } else {
            in.reset();
        }
        // the byte path knows UTF-8 and RFC 4180 only, and leaves broken bytes and a refused header to the String path
        if (bytePath && strictUtf8 && charset.equals(StandardCharsets.UTF_8)
                && options.dialect().equals(CsvDialect.RFC4180)) {
            try {
                Charset utf8 = charset;
                return new ByteCsvLoad(file, staging, options, progress).load(in,
                        () -> info(file, utf8, fellBack, sha, counted.count()));
            } finally {
                in.close();
            }
        }
        CodingErrorAction onBad = strictUtf8 && !bom ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(onBad).onUnmappableCharacter(onBad);
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(16);
        RecordReader records = new RecordReader(new LineReader(new InputStreamReader(in, decoder),
                options.maxRecordChars()), options.dialect(), options.maxRecordLines(), options.maxRecordChars());
        Thread reader = new Thread(() -> produce(records, counted, queue), "fundwatch-read-" + file.table().name());
        reader.setDaemon(true);
        reader.start();
        List<String> notes = new ArrayList<>();
        try {
            Batch first = take(queue);
            if (first.records().isEmpty()) {
                notes.add(file.fileName() + " is empty: no header, no rows");
                staging.createTable(file.table(), List.of());
                drain(queue, first);
                return new Loaded(info(file, charset, fellBack, sha, counted.count()), 0, 0, List.of(), notes);
            }
            RecordReader.Record header = first.records().get(0);
            if (!header.ok()) {
                throw new IngestException(IngestException.Code.MISSING_COLUMN, "the header (line " + header.line()
                        + ") cannot be read: " + header.message());
            }
            List<String> names = new ArrayList<>();
            for (String f : header.fields()) {
                names.add(options.layout().columnOf(file.table(), RowChecker.normalizeHeader(f, names.size())));
            }
            RowChecker checker = new RowChecker(file.table(), names, options.maxFieldChars(), today,
                    options.strict());
            staging.createTable(file.table(), checker.extraColumns());
            long read = 0;
            long blank = 0;
            long reported = 0;
            TypedRow row = new TypedRow(checker.columns().length, checker.extraColumns().size());
            List<Problem> rejections = new ArrayList<>();
            List<Problem> warnings = new ArrayList<>();
            try (Staging.Sink sink = staging.sink(file.table(), checker.extraColumns())) {
                for (Batch b = take(queue); !b.end(); b = take(queue)) {
                    for (RecordReader.Record r : b.records()) {
                        read++;
                        accept(r, checker, row, rejections, warnings, sink);
                    }
                    progress.advance(b.bytes() - reported);
                    reported = b.bytes();
                    blank = b.blankLines();
                }
            }
            return new Loaded(info(file, charset, fellBack, sha, counted.count()), read, blank, names, notes);
        } finally {
            reader.interrupt();
            in.close();
        }
    }

    static void accept(RecordReader.Record r, RowChecker checker, TypedRow row, List<Problem> rejections,
                               List<Problem> warnings, Staging.Sink sink) throws SQLException, IOException {
        if (!r.ok()) {
            sink.rejected(r.line(), List.of(new Problem(r.problem(), "", r.message())), r.raw());
            return;
        }
        rejections.clear();
        warnings.clear();
        checker.check(r.fields(), r.suspicious(), row, rejections, warnings);
        if (!rejections.isEmpty()) {
            sink.rejected(r.line(), rejections, r.raw());
            return;
        }
        sink.row(r.line(), row);
        if (!warnings.isEmpty()) {
            sink.warned(r.line(), warnings);
        }
    }

    /** The reader thread: the header alone in the first batch, then batches of records, then an end marker. */
    private static void produce(RecordReader records, CountingStream counted, BlockingQueue<Batch> queue) {
        try {
            RecordReader.Record header = records.next();
            if (header == null) {
                queue.put(new Batch(List.of(), counted.count(), null, 0, false));
                queue.put(new Batch(List.of(), counted.count(), null, 0, true));
                return;
            }
            if (header.ok()) {
                records.expectFields(header.fields().length);
            }
            queue.put(new Batch(List.of(header), counted.count(), null, 0, false));
            List<RecordReader.Record> batch = new ArrayList<>(BATCH);
            for (RecordReader.Record r = records.next(); r != null; r = records.next()) {
                batch.add(r);
                if (batch.size() == BATCH) {
                    queue.put(new Batch(batch, counted.count(), null, records.blankLines(), false));
                    batch = new ArrayList<>(BATCH);
                }
            }
            queue.put(new Batch(batch, counted.count(), null, records.blankLines(), false));
            queue.put(new Batch(List.of(), counted.count(), null, records.blankLines(), true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            Throwable error = e instanceof CharacterCodingException cce
                    ? new NotUtf8(cce, records.lineNumber() + 1) : e;
            try {
                queue.put(new Batch(List.of(), 0, error, 0, true));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Batch take(BlockingQueue<Batch> queue) throws IOException {
        try {
            Batch b = queue.take();
            if (b.error() != null) {
                if (b.error() instanceof IOException io) {
                    throw io;
                }
                if (b.error() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(b.error());
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void drain(BlockingQueue<Batch> queue, Batch current) throws IOException {
        for (Batch b = current; !b.end(); b = take(queue)) {
            // nothing but the end marker follows an empty file
        }
    }

    // ---------------------------------------------------------------- Parquet

    private Loaded loadParquet(SourceFile file) throws IOException, SQLException {
        MessageDigest sha = sha256();
        long bytes;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file.path()), sha)) {
            bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String path = "'" + file.path().toAbsolutePath().toString().replace("'", "''") + "'";
        List<String> names = new ArrayList<>();
        List<String> sourceNames = new ArrayList<>();
        long rows;
        try (DuckDBConnection reader = (DuckDBConnection) ((DuckDBConnection) staging.connection()).duplicate();
             Statement st = reader.createStatement()) {
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + path + ")")) {
                while (rs.next()) {
                    sourceNames.add(rs.getString(1));
                    names.add(options.layout().columnOf(file.table(), RowChecker.normalizeHeader(rs.getString(1))));
                }
            } catch (SQLException e) {
                throw new IngestException(IngestException.Code.UNREADABLE, "not a readable Parquet file: "
                        + e.getMessage(), e);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet(" + path + ")")) {
                rs.next();
                rows = rs.getLong(1);
            }
            RowChecker checker = new RowChecker(file.table(), names, options.maxFieldChars(), today,
                    options.strict());
            staging.createTable(file.table(), checker.extraColumns());
            StringBuilder select = new StringBuilder("SELECT ");
            for (int i = 0; i < sourceNames.size(); i++) {
                if (i > 0) {
                    select.append(", ");
                }
                select.append("CAST(\"").append(sourceNames.get(i).replace("\"", "\"\"")).append("\" AS VARCHAR)");
            }
            select.append(" FROM read_parquet(").append(path).append(")");
            progress.start("ingest " + file.fileName(), rows);
            long read = 0;
            TypedRow row = new TypedRow(checker.columns().length, checker.extraColumns().size());
            List<Problem> rejections = new ArrayList<>();
            List<Problem> warnings = new ArrayList<>();
            String[] fields = new String[sourceNames.size()];
            try (Staging.Sink sink = staging.sink(file.table(), checker.extraColumns());
                 ResultSet rs = st.executeQuery(select.toString())) {
                while (rs.next()) {
                    read++;
                    StringBuilder raw = null;
                    for (int i = 0; i < fields.length; i++) {
                        String v = rs.getString(i + 1);
                        fields[i] = v == null ? "" : v;
                    }
                    rejections.clear();
                    warnings.clear();
                    checker.check(fields, row, rejections, warnings);
                    if (!rejections.isEmpty()) {
                        raw = new StringBuilder();
                        for (int i = 0; i < fields.length; i++) {
                            raw.append(i == 0 ? "" : ",").append(CsvText.quote(fields[i]));
                        }
                        sink.rejected(read, rejections, raw.toString());
                    } else {
                        sink.row(read, row);
                        if (!warnings.isEmpty()) {
                            sink.warned(read, warnings);
                        }
                    }
                    if ((read & 0xFFFF) == 0) {
                        progress.advance(0x10000);
                    }
                }
            }
            progress.finish();
            return new Loaded(new SourceInfo(file.table().name(), file.fileName(), "parquet", null, false,
                    HexFormat.of().formatHex(sha.digest()), bytes), read, 0, names, List.of());
        }
    }

    private static SourceInfo info(SourceFile file, Charset charset, boolean detected, MessageDigest sha,
                                   long bytes) {
        return new SourceInfo(file.table().name(), file.fileName(), "csv", charset.name(), detected,
                HexFormat.of().formatHex(sha.digest()), bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Counts the bytes read, for progress and the manifest. */
    private static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
