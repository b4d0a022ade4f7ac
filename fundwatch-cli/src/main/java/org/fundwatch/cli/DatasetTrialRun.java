package org.fundwatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fundwatch.duckdb.ScreenReport;
import org.fundwatch.duckdb.Screening;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.serve.rules.TrialRun;

/** Trial runs of the UI's rule management on the embedded engine, over the dataset `serve` was given. */
record DatasetTrialRun(Path directory) implements TrialRun {
    @Override
    public Map<String, Hits> screen(PolicyPack.PackText pack) throws IOException {
        return hits(Screening.trial(directory, pack));
    }

    static Map<String, Hits> hits(ScreenReport report) {
        Map<String, Hits> hits = new LinkedHashMap<>();
        report.rules().forEach(r -> hits.put(r.ruleId(), new Hits(r.findings(), r.amount(), r.status())));
        return hits;
    }

    @Override
    public String dataset() {
        return directory.toString();
    }
}
