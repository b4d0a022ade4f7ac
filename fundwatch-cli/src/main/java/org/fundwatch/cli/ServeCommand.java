package org.fundwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.Callable;
import org.fundwatch.duckdb.InstantData;
import org.fundwatch.rules.Moment;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.rules.Rule;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.screening.InstantScreening;
import org.fundwatch.screening.Knowledge;
import org.fundwatch.screening.VisitHistory;
import org.fundwatch.serve.ReviewServer;
import org.fundwatch.serve.ServeOptions;
import org.fundwatch.serve.Workbench;
import org.fundwatch.workflow.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the real-time review service (事前提醒 3101 / 事中审核 3102 / 反馈 3103, and "
                + "POST /api/v1/review) and the supervisors' web UI (疑点处理: /ui) until stopped with Ctrl-C.",
                "The UI works on the workflow store: the PostgreSQL server of FUNDWATCH_DB_URL (with "
                        + "FUNDWATCH_DB_USER and FUNDWATCH_DB_PASSWORD), else an embedded PostgreSQL in "
                        + "DATA-DIR/workflow (where `fundwatch load` and `fundwatch demo` put the findings). On a "
                        + "store without accounts, one demo account per role is created and its password printed "
                        + "once.",
                "Every request needs the calling institution's X-API-Key from --keys. The OpenAPI description is at "
                        + "/v3/api-docs, the UI at /swagger-ui.html. Exit code 2 when the options, the keys, the "
                        + "rule pack or the dataset cannot be used, or the port is taken."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "" + ServeOptions.DEFAULT_PORT, description = "HTTP port (0 = any free "
            + "port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", description = "Address to listen on. Default: every interface (loopback with "
            + "--insecure-local).")
    String bind;

    @Option(names = "--dataset", description = "Dataset directory written by `fundwatch ingest`: its catalog, "
            + "knowledge points and approvals, and its visits as the history the look-back rules read.")
    Path dataset;

    @Option(names = "--rules", description = "Policy pack directory (pack.properties + rules.csv). "
            + "Default: the pack shipped with Fundwatch (policy/default/).")
    Path rules;

    @Option(names = "--med-types", description = "The bureau's med_type → setting table (prefix,setting), "
            + "extending the default one.")
    Path medTypes;

    @Option(names = "--keys", description = "API keys file, UTF-8 CSV with the header key_id,fixmedins_code,key "
            + "[,rate_limit]; key is the key or sha256:<hex of its SHA-256>.")
    Path keys;

    @Option(names = "--insecure-local", description = "No API keys, for demos: any request may speak for any "
            + "institution, and the server listens on 127.0.0.1 only.")
    boolean insecureLocal;

    @Option(names = "--data-dir", defaultValue = "fundwatch-serve-data", description = "Where the 3103 feedback "
            + "(feedback.jsonl), the access log (access.log) and the server log (serve.log) go. "
            + "Default: ./${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--rate-limit", defaultValue = "" + ServeOptions.DEFAULT_RATE_LIMIT, description = "Requests "
            + "per second per API key (a key's rate_limit column overrides it). Default: ${DEFAULT-VALUE}.")
    int rateLimit;

    @Option(names = "--max-body", defaultValue = "" + ServeOptions.DEFAULT_MAX_BODY, description = "Largest request "
            + "body in bytes; larger ones are refused with 413 before parsing. Default: ${DEFAULT-VALUE}.")
    long maxBody;

    @Option(names = "--code-mapping", description = "The bureau's dictionary codes for vola_bhvr_type and sev_deg "
            + "in 3101/3102 answers, UTF-8 properties (vola_bhvr_type.OVER_PRICE_CAP=0101, sev_deg.1=01). "
            + "Default: Fundwatch's codes.")
    Path codeMapping;

    @Option(names = "--review-only", description = "Only the machine API (3101/3102/3103, /api/v1/review): no "
            + "UI and no workflow store, for the server that sits in the settlement path.")
    boolean reviewOnly;

    @Option(names = "--history-days", description = "Days of settled visits held for the look-back rules. "
            + "Default: the longest window an enabled rule needs plus the longest stay allowed for (546 for the "
            + "default pack).")
    Integer historyDays;

    @Override
    public Integer call() throws Exception {
        ServeOptions options = ServeOptions.defaults().withPort(port).withDataDir(dataDir).withRateLimit(rateLimit)
                .withMaxBody(maxBody).withInsecureLocal(insecureLocal);
        if (bind != null) {
            options = options.withBind(bind);
        }
        if (keys != null) {
            options = options.withKeysFile(keys);
        }
        if (codeMapping != null) {
            options = options.withCodeMapping(codeMapping);
        }
        if (!reviewOnly) {
            options = options.withWorkflow(DatabaseSettings.from(System.getenv(), dataDir.resolve("workflow")));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyPack.PackText startPack = rules == null ? PolicyPack.defaultPackText()
                : new PolicyPack.PackText(Files.readString(rules.resolve("pack.properties")),
                        Files.readString(rules.resolve("rules.csv")));
        Workbench workbench = new Workbench(startPack, Optional.ofNullable(dataset).map(DatasetTrialRun::new));
        try (ReviewServer server = ReviewServer.start(options, () -> screening(out, err), workbench)) {
            out.printf("listening on %s:%d (OpenAPI %s/v3/api-docs, API explorer %s/swagger-ui.html); feedback and "
                    + "logs in %s%n", server.options().address(), server.port(), server.uri(), server.uri(),
                    dataDir.toAbsolutePath());
            server.workflowDatabase().ifPresent(db -> out.printf("supervisors' UI: %s/ui (workflow store: %s)%n",
                    server.uri(), db.description()));
            if (!server.demoAccounts().isEmpty()) {
                out.println("demo accounts, created now; the passwords are shown this once (stored as bcrypt "
                        + "hashes only):");
                server.demoAccounts().forEach((user, password) -> out.printf("  %-12s %s%n", user, password));
            }
            out.flush();
            server.awaitStop();
        }
        return 0;
    }

    /** The evaluator: the pack, the knowledge and history of the dataset, if any; printed as loaded. */
    private InstantScreening screening(PrintWriter out, PrintWriter err) throws IOException {
        PolicyPack pack = rules == null ? PolicyPack.defaultPack() : PolicyPack.load(rules);
        MedTypeSettings settings = medTypes == null ? MedTypeSettings.defaults()
                : MedTypeSettings.defaultsWith(medTypes);
        Knowledge kb = dataset == null ? Knowledge.empty() : InstantData.knowledge(dataset);
        int days = historyDays == null ? InstantScreening.retentionDays(pack) : historyDays;
        VisitHistory history = new VisitHistory(days);
        // The evaluator first: it tells the history what to keep of older visits.
        InstantScreening screening = new InstantScreening(pack, kb, settings, history);
        if (dataset != null) {
            InstantData.loadHistory(dataset, history);
        }
        out.printf("rule pack %s %s: %d rules decide in real time (%d PRE 事前, %d DURING 事中)%n", pack.id(),
                pack.version(), screening.instantRuleIds().size(), count(pack, screening, Moment.PRE),
                count(pack, screening, Moment.DURING));
        out.printf("knowledge: %,d catalog versions, knowledge points, approvals and register entries; history: %,d visits of %,d "
                + "persons (%d days)%n", kb.size(), history.visits(), history.persons(), days);
        out.flush();
        if (kb.size() == 0) {
            err.println("warning: no --dataset, so no catalog or knowledge points: only the rules that need none "
                    + "decide (the others are listed as not_evaluated in every answer)");
        }
        if (insecureLocal) {
            err.println("warning: --insecure-local: no API keys, any caller on this machine may speak for any "
                    + "institution");
        }
        err.flush();
        return screening;
    }

    private static long count(PolicyPack pack, InstantScreening screening, Moment moment) {
        List<String> instant = screening.instantRuleIds();
        return pack.enabledRules().stream().filter(r -> r.moments().contains(moment)).map(Rule::id)
                .filter(instant::contains).count();
    }
}
