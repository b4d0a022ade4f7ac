package org.fundwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.fundwatch.schema.CodeSet;
import org.fundwatch.schema.Column;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Reference;
import org.fundwatch.schema.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the exchange format (every table, column, type, code and key) as Markdown, "
                + "straight from the declarations the ingest validates against.")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Exchange format version " + ExchangeFormat.VERSION + ". `*` = required; types: STRING, DATE "
                + "`yyyy-MM-dd`, TIMESTAMP `yyyy-MM-dd HH:mm:ss` (local, no zone), AMOUNT DECIMAL(16,2), "
                + "PRICE DECIMAL(16,6), QUANTITY DECIMAL(16,4), INTEGER, COORDINATE DECIMAL(9,6), "
                + "CLOCK_TIME `HH:mm`.");
        for (Table t : ExchangeFormat.TABLES) {
            out.println();
            out.println("#### `" + t.name() + "` — " + t.rowIs() + (t.required() ? "" : " (optional table)"));
            out.println();
            out.println("Key: " + (t.key().isEmpty() ? "none" : "(" + String.join(", ", t.key()) + ")")
                    + ". References: " + (t.references().isEmpty() ? "none" : t.references().stream()
                    .map(SchemaCommand::reference).collect(Collectors.joining("; "))) + ".");
            if (!t.reversal().isEmpty()) {
                out.println("Negative values allowed only when " + t.reversal().stream()
                        .map(r -> "`" + r.column() + "`" + r.value().map(v -> " = " + v).orElse(" is set"))
                        .collect(Collectors.joining(" and ")) + ".");
            }
            out.println();
            out.println("| column | type | meaning | values |");
            out.println("|---|---|---|---|");
            for (Column c : t.columns()) {
                out.println("| `" + c.name() + "`" + (c.required() ? "*" : "") + " | " + c.type() + " | "
                        + c.description() + " | " + values(c) + " |");
            }
        }
        out.flush();
        return 0;
    }

    private static String reference(Reference r) {
        return "`" + String.join(",", r.columns()) + "` → `" + r.table() + "." + String.join(",", r.targetColumns())
                + "` (" + (r.mandatory() ? "rejected when missing" : "warning when missing") + ")";
    }

    private static String values(Column c) {
        StringBuilder sb = new StringBuilder();
        if (c.codes().isPresent()) {
            CodeSet cs = c.codes().get();
            sb.append(cs.labels().entrySet().stream().map(e -> "`" + e.getKey() + "` " + e.getValue())
                    .collect(Collectors.joining(", ")));
            sb.append(cs.onUnknown() == CodeSet.Unknown.REJECT ? " (others rejected)" : " (others warned)");
        }
        if (c.has(Column.Check.NOT_NEGATIVE)) {
            sb.append(sb.length() > 0 ? "; " : "").append("never negative");
        }
        if (c.has(Column.Check.NEGATIVE_ONLY_WHEN_REVERSING)) {
            sb.append(sb.length() > 0 ? "; " : "").append("negative only on reversing rows");
        }
        if (c.has(Column.Check.NOT_FUTURE)) {
            sb.append(sb.length() > 0 ? "; " : "").append("not after the day of ingestion");
        }
        return sb.toString();
    }
}
