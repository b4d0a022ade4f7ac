package org.fundwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fundwatch.kb.ItemLimit;
import org.fundwatch.kb.LimitType;
import org.fundwatch.kb.ParsedRestriction;
import org.fundwatch.kb.RestrictionParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "parse-catalog", mixinStandardHelpOptions = true,
        description = {"Read the catalog's restriction texts (限定支付范围, med_list.lmt_usescp) into knowledge points "
                + "(kb_item_limit.csv): gender, age, institution level, setting, insurance type, days, quantities "
                + "and indications (disease names to ICD-10 prefixes through the built-in table).",
                "Clauses that cannot be read give no point: the report lists them, most frequent first, and "
                        + "--unparsed writes them with their items. Exit code 0 when every restriction was read "
                        + "completely, 1 when some clauses were not (the points that were read are still written), "
                        + "2 when the catalog cannot be read."})
final class ParseCatalogCommand implements Callable<Integer> {

    static final String KB_ITEM_LIMIT_HEADER = "kp_id,hilist_code,lmt_type,lmt_value,begndate,enddate,basis";
    static final String UNPARSED_HEADER = "hilist_code,hilist_name,lmt_usescp,unparsed_clause";

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, description = "The catalog, a med_list.csv with a header row.")
    Path in;

    @Option(names = "--out", required = true, description = "The kb_item_limit.csv to write.")
    Path out;

    @Option(names = "--unparsed", description = "Also write the clauses that could not be read "
            + "(hilist_code,hilist_name,lmt_usescp,unparsed_clause) to this CSV file.")
    Path unparsed;

    @Option(names = "--encoding", description = "Character set of the catalog (UTF-8, GB18030, GBK, …). "
            + "Default: UTF-8 (with or without BOM), and GB18030 for a file that is not valid UTF-8.")
    String encoding;

    @Option(names = "--kp-prefix", defaultValue = "KPC", description = "Prefix of the knowledge point ids "
            + "(prefix + hilist_code + -lmt_type-begndate). Default: ${DEFAULT-VALUE}.")
    String kpPrefix;

    @Override
    public Integer call() throws IOException {
        Optional<Charset> charset = Optional.empty();
        if (encoding != null) {
            try {
                charset = Optional.of(Charset.forName(encoding));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new MedListCsv.Unreadable("KB-CSV-001", in, 0, "unknown encoding " + encoding);
            }
        }
        MedListCsv.Catalog catalog = MedListCsv.read(in, charset);
        RestrictionParser parser = RestrictionParser.standard();
        List<ParsedRestriction> parsed = new ArrayList<>();
        for (MedListCsv.Entry e : catalog.entries()) {
            parsed.add(parser.parse(e.restriction()));
        }
        writeLimits(parsed);
        if (unparsed != null) {
            writeUnparsed(parsed);
        }
        Report report = Report.of(parsed);
        report.print(catalog, this, spec.commandLine().getOut());
        return report.unparsedClauses().isEmpty() ? 0 : 1;
    }

    private void writeLimits(List<ParsedRestriction> parsed) throws IOException {
        try (Writer w = writer(out)) {
            w.write(KB_ITEM_LIMIT_HEADER + "\n");
            for (ParsedRestriction p : parsed) {
                for (ItemLimit l : p.limits()) {
                    w.write(row(l.kpId(kpPrefix), l.hilistCode(), l.type().name(), l.value(), l.begndate().toString(),
                            l.enddate().map(Object::toString).orElse(""), l.basis()));
                }
            }
        }
    }

    private void writeUnparsed(List<ParsedRestriction> parsed) throws IOException {
        try (Writer w = writer(unparsed)) {
            w.write(UNPARSED_HEADER + "\n");
            for (ParsedRestriction p : parsed) {
                for (String clause : p.unparsed()) {
                    w.write(row(p.entry().hilistCode(), p.entry().hilistName(), p.entry().text(), clause));
                }
            }
        }
    }

    private static Writer writer(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** One CSV line; a field is quoted when it holds a comma, a quote or a line break. */
    static String row(String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String f = fields[i];
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        return b.append('\n').toString();
    }

    /** What a run read and wrote. */
    record Report(long entries, long restricted, long fullyParsed, long partiallyParsed, long notParsed,
                  Map<LimitType, Long> pointsPerType, Map<String, Long> unparsedClauses) {

        static Report of(List<ParsedRestriction> parsed) {
            long restricted = 0;
            long fullyParsed = 0;
            long partiallyParsed = 0;
            long notParsed = 0;
            Map<LimitType, Long> perType = new EnumMap<>(LimitType.class);
            Map<String, Long> clauses = new LinkedHashMap<>();
            for (ParsedRestriction p : parsed) {
                switch (p.outcome()) {
                    case NO_RESTRICTION -> { }
                    case PARSED -> fullyParsed++;
                    case PARTIALLY_PARSED -> partiallyParsed++;
                    case NOT_PARSED -> notParsed++;
                    default -> throw new IllegalStateException(p.outcome().name());
                }
                if (p.entry().restricted()) {
                    restricted++;
                }
                p.limits().forEach(l -> perType.merge(l.type(), 1L, Long::sum));
                p.unparsed().forEach(c -> clauses.merge(c, 1L, Long::sum));
            }
            Map<String, Long> byCount = new LinkedHashMap<>();
            // stable sort: equally frequent clauses keep the catalog's order
            clauses.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> byCount.put(e.getKey(), e.getValue()));
            return new Report(parsed.size(), restricted, fullyParsed, partiallyParsed, notParsed, perType, byCount);
        }

        void print(MedListCsv.Catalog catalog, ParseCatalogCommand command, PrintWriter w) {
            w.printf("catalog %s (%s%s)%n", catalog.file(), catalog.charset().name(),
                    catalog.detected() ? ", detected" : "");
            w.printf("%-34s %,10d%n", "entries read", entries);
            w.printf("%-34s %,10d%n", "entries with a restriction", restricted);
            w.printf("%-34s %,10d%n", "  fully parsed", fullyParsed);
            w.printf("%-34s %,10d%n", "  partially parsed", partiallyParsed);
            w.printf("%-34s %,10d%n", "  not parsed", notParsed);
            long points = pointsPerType.values().stream().mapToLong(Long::longValue).sum();
            w.printf("%-34s %,10d  %s%n", "knowledge points written", points, command.out);
            pointsPerType.forEach((type, n) -> w.printf("  %-32s %,10d%n", type.name(), n));
            long clauses = unparsedClauses.values().stream().mapToLong(Long::longValue).sum();
            w.printf("%-34s %,10d  (%,d distinct)%s%n", "unparsed clauses", clauses, unparsedClauses.size(),
                    command.unparsed == null ? "" : "  " + command.unparsed);
            unparsedClauses.forEach((clause, n) -> w.printf("  %,8d  %s%n", n, clause));
            w.flush();
        }
    }
}
