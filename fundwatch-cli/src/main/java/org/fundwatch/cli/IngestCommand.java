package org.fundwatch.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fundwatch.ingest.CsvDialect;
import org.fundwatch.ingest.Ingest;
import org.fundwatch.ingest.IngestException;
import org.fundwatch.ingest.IngestOptions;
import org.fundwatch.ingest.IngestReport;
import org.fundwatch.ingest.SourceInfo;
import org.fundwatch.ingest.SourceLayout;
import org.fundwatch.ingest.TableCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Check an extract and write it as a Dataset (Parquet per table + manifest.json).",
                "Rejected rows go to DATASET/quarantine/<table>.csv with line, reason, column and message; "
                        + "warnings to DATASET/warnings/<table>.csv. Exit code 0 when every row was accepted, "
                        + "1 when some were rejected, 2 when the extract cannot be read at all."})
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--source", required = true, description = "Extract directory: <table>.csv or .parquet.")
    Path source;

    @Option(names = "--out", required = true, description = "Dataset directory to write.")
    Path out;

    @Option(names = "--encoding", description = "Character set of the CSV files (UTF-8, GB18030, GBK, …). "
            + "Default: UTF-8 (with or without BOM), and GB18030 for a file that is not valid UTF-8.")
    String encoding;

    @Option(names = "--append", description = "Extend the dataset in --out with this extract (next month).")
    boolean append;

    @Option(names = "--overwrite", description = "Replace an existing dataset in --out.")
    boolean overwrite;

    @Option(names = "--strict", description = "Reject rows with arithmetic or cross-table mismatches instead of "
            + "keeping them with a warning.")
    boolean strict;

    @Option(names = "--dialect", defaultValue = "csv", description = "csv (RFC 4180) or warehouse "
            + "(|-separated, @|…|@ enclosed). Default: ${DEFAULT-VALUE}.")
    String dialect;

    @Option(names = "--layout", description = "A source layout file mapping another extract layout (file names, "
            + "column names, dialect) onto the format; see the README.")
    Path layout;

    @Option(names = "--max-field-chars", defaultValue = "" + IngestOptions.DEFAULT_MAX_FIELD_CHARS,
            description = "Longest field accepted; longer fields reject their row. Default: ${DEFAULT-VALUE}.")
    int maxFieldChars;

    @Option(names = "--threads", defaultValue = "0", description = "DuckDB threads (0 = all cores).")
    int threads;

    @Option(names = "--memory", defaultValue = "", description = "DuckDB memory limit, e.g. 4GB.")
    String memory;

    @Override
    public Integer call() throws Exception {
        PrintWriter outw = spec.commandLine().getOut();
        Optional<Charset> charset = Optional.empty();
        if (encoding != null) {
            try {
                charset = Optional.of(Charset.forName(encoding));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new IngestException(IngestException.Code.UNKNOWN_ENCODING, "unknown encoding " + encoding);
            }
        }
        CsvDialect d = switch (dialect) {
            case "csv" -> CsvDialect.RFC4180;
            case "warehouse" -> CsvDialect.NATIONAL_WAREHOUSE;
            default -> throw new IllegalArgumentException("--dialect must be csv or warehouse");
        };
        IngestOptions options = IngestOptions.of(source, out)
                .withEncoding(charset)
                .withAppend(append)
                .withOverwrite(overwrite)
                .withStrict(strict)
                .withLayout(layout == null ? SourceLayout.EXCHANGE.withDialect(d) : SourceLayout.read(layout))
                .withLimits(maxFieldChars, Math.max(IngestOptions.DEFAULT_MAX_RECORD_CHARS, maxFieldChars),
                        IngestOptions.DEFAULT_MAX_RECORD_LINES)
                .withEngine(threads, memory);
        IngestReport report = Ingest.run(options, common.progress());
        print(report, outw);
        return report.totalRejected() == 0 ? 0 : 1;
    }

    static void print(IngestReport report, PrintWriter out) {
        out.printf("%-14s %12s %12s %10s %10s  %s%n", "table", "read", "accepted", "rejected", "warned", "source");
        for (Map.Entry<String, TableCounts> e : report.tables().entrySet()) {
            TableCounts c = e.getValue();
            SourceInfo s = report.sources().stream().filter(x -> x.table().equals(e.getKey())).findFirst()
                    .orElseThrow();
            String enc = s.encoding() == null ? "parquet" : s.encoding() + (s.encodingDetected() ? " (detected)" : "");
            out.printf("%-14s %,12d %,12d %,10d %,10d  %s, %s%n", e.getKey(), c.read(), c.accepted(), c.rejected(),
                    c.warned(), s.file(), enc);
        }
        boolean invariant = report.tables().values().stream().allMatch(c -> c.read() == c.accepted() + c.rejected());
        out.printf("rows read %,d = accepted %,d + rejected %,d: %s%n", report.totalRead(),
                report.totalRead() - report.totalRejected(), report.totalRejected(), invariant ? "OK" : "BROKEN");
        report.period().ifPresent(p -> out.printf("period %s … %s (%d months)%n", p.get(0), p.get(p.size() - 1),
                p.size()));
        report.notes().forEach(n -> out.println("note: " + n));
        if (report.totalRejected() > 0) {
            out.println("rejected rows: " + report.dataset().resolve("quarantine"));
        }
        if (report.totalWarned() > 0) {
            out.println("warnings: " + report.dataset().resolve("warnings"));
        }
        out.printf("dataset %s written in %.1f s%n", report.dataset(), report.elapsed().toMillis() / 1000.0);
        out.flush();
    }
}
