package org.fundwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fundwatch.duckdb.CaseFile;
import org.fundwatch.workflow.loading.FindingsLoader;
import org.fundwatch.workflow.store.DatabaseSettings;
import org.fundwatch.workflow.store.WorkflowDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load a screening run's findings into the workflow store (疑点处理), idempotently by jr_id: a "
                + "re-run never duplicates a finding and never resets one already under review.",
                "With the findings goes their case file (案卷): the persons, institutions, visits and fee lines they "
                        + "refer to, read from the dataset the run screened (run.json names it).",
                "The store is the PostgreSQL server of FUNDWATCH_DB_URL (with FUNDWATCH_DB_USER and "
                        + "FUNDWATCH_DB_PASSWORD), else an embedded PostgreSQL in DATA-DIR/workflow, the one "
                        + "`fundwatch serve --data-dir DATA-DIR` uses.",
                "Exit code 0 when loaded, 2 when the run or the store cannot be used (nothing is loaded then)."})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--findings", required = true, description = "The output directory of fundwatch screen.")
    Path findings;

    @Option(names = "--dataset", description = "The dataset the run screened. Default: the one its run.json names.")
    Path dataset;

    @Option(names = "--no-case-file", description = "Load the findings only, without their visits and lines.")
    boolean noCaseFile;

    @Option(names = "--data-dir", defaultValue = "fundwatch-serve-data",
            description = "The server's data directory; the embedded store is in its workflow/. Default: "
                    + "${DEFAULT-VALUE}.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Path ds = null;
        if (!noCaseFile) {
            ds = dataset != null ? dataset : FindingsLoader.screenedDataset(findings).orElseThrow(() ->
                    new IllegalArgumentException(findings.resolve("run.json") + " names no dataset; give --dataset "
                            + "or --no-case-file"));
        }
        load(findings, ds, DatabaseSettings.from(System.getenv(), dataDir.resolve("workflow")), w);
        return 0;
    }

    /** Loads {@code findings} and, when {@code dataset} is not null, their case file from it. */
    static FindingsLoader.LoadReport load(Path findings, Path dataset, DatabaseSettings settings, PrintWriter w)
            throws IOException {
        Optional<Path> caseFile = Optional.empty();
        Path tmp = null;
        try {
            if (dataset != null) {
                tmp = Files.createTempDirectory("fundwatch-case-file");
                CaseFile.Counts counts = CaseFile.export(dataset, findings, tmp);
                w.printf("case file from %s: %,d persons, %,d institutions, %,d visits, %,d fee lines%n", dataset,
                        counts.persons(), counts.institutions(), counts.visits(), counts.feeLines());
                caseFile = Optional.of(tmp);
            }
            try (WorkflowDatabase db = WorkflowDatabase.open(settings)) {
                w.println("workflow store: " + db.description());
                long start = System.nanoTime();
                FindingsLoader.LoadReport r = new FindingsLoader(db, Clock.systemDefaultZone()).load(findings,
                        caseFile);
                print(r, caseFile.isPresent(), (System.nanoTime() - start) / 1e9, w);
                return r;
            }
        } finally {
            if (tmp != null) {
                BenchCommand.deleteTree(tmp);
            }
        }
    }

    static void print(FindingsLoader.LoadReport r, boolean caseFile, double seconds, PrintWriter w) {
        w.printf("run %d loaded in %.2f s: %,d findings read: %,d new, %,d refreshed (still new, changed by this "
                        + "run), %,d unchanged%s; %,d already under review, kept as reviewed; %,d finding lines read, "
                        + "%,d new%n", r.runId(), seconds, r.findingsRead(), r.findingsNew(), r.findingsRefreshed(),
                r.findingsUnchanged(), r.duplicateRows() > 0 ? ", " + r.duplicateRows() + " duplicate rows" : "",
                r.findingsKept(), r.linesRead(), r.linesNew());
        if (caseFile) {
            w.printf("case file stored: %,d new persons, %,d new visits, %,d new fee lines%n", r.persons(), r.visits(),
                    r.feeLines());
        }
        if (r.indicatorRows() > 0) {
            w.printf("indicator table stored: %,d rows (replacing the rows of the same months)%n", r.indicatorRows());
        }
    }
}
