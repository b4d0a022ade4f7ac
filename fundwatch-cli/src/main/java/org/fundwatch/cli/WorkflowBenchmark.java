package org.fundwatch.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fundwatch.findings.Finding;
import org.fundwatch.findings.FindingId;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.screening.InstantScreening;
import org.fundwatch.screening.Knowledge;
import org.fundwatch.screening.VisitHistory;
import org.fundwatch.serve.ReviewServer;
import org.fundwatch.serve.ServeOptions;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseCommand;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.loading.FindingsLoader;
import org.fundwatch.workflow.users.Role;
import org.fundwatch.workflow.store.DatabaseSettings;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.postgresql.PGConnection;

/**
 * The workflow benchmark: a million findings of a province-sized city (700 institutions, 12 months, 300,000
 * persons, a visit and three fee lines per finding) written as {@code fundwatch screen} writes them, loaded into
 * the workflow store, then the UI's pages timed over HTTP. Baselines in the same process: a bare {@code COPY} of
 * the same findings file into an unindexed table (for the load), and the login page, which reads no data (for the
 * pages).
 */
final class WorkflowBenchmark {
    private static final String[][] RULES = {
            {"FW-101", "OVER_PRICE_CAP", "药品超医保支付价格上限"}, {"FW-111", "GENDER_LIMIT", "限性别用药"},
            {"FW-112", "AGE_LIMIT", "限儿童用药"}, {"FW-121", "MEDINS_LEVEL_LIMIT", "限医疗机构级别"},
            {"FW-131", "INDICATION_LIMIT", "限适应症"}, {"FW-141", "NOT_COVERED", "超目录范围"},
            {"FW-201", "QUANTITY_LIMIT", "超用量"}, {"FW-211", "DUPLICATE_CHARGE", "重复收费"},
            {"FW-221", "UNBUNDLING", "分解收费"}, {"FW-231", "FREQUENCY_LIMIT", "超频次"},
            {"FW-301", "SPLIT_ADMISSION", "分解住院"}, {"FW-311", "CLAIM_DURING_ADMISSION", "住院期间门诊"},
            {"FW-321", "CLAIM_AFTER_DEATH", "死亡人员就医"}, {"FW-331", "GHOST_BED", "挂床住院"},
            {"FW-341", "HIGH_FREQUENCY", "高频就诊"}, {"FW-351", "DRUG_HOARDING", "超量开药"}};

    private final PrintWriter out;
    private final Path dir;
    private final int findings;
    private final int requests;

    WorkflowBenchmark(PrintWriter out, Path dir, int findings, int requests) {
        this.out = out;
        this.dir = dir;
        this.findings = findings;
        this.requests = requests;
    }

    void run() throws Exception {
        Path run = dir.resolve("findings");
        Path caseFile = dir.resolve("case-file");
        long t0 = System.nanoTime();
        write(run, caseFile);
        out.printf("wrote %,d findings, their lines and case file in %.1f s (%s)%n", findings, seconds(t0), dir);
        out.flush();
        DatabaseSettings settings = DatabaseSettings.from(System.getenv(), dir.resolve("serve/workflow"));
        try (WorkflowDatabase db = WorkflowDatabase.open(settings)) {
            out.println("workflow store: " + db.description());
            long bare = System.nanoTime();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE bare_copy (" + String.join(" text, ", Finding.COLUMNS) + " text)");
                try (var in = Files.newBufferedReader(run.resolve("findings.csv"), StandardCharsets.UTF_8)) {
                    in.readLine();
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bare_copy FROM STDIN (FORMAT csv)", in);
                }
            }
            double bareSeconds = seconds(bare);
            FindingsLoader loader = new FindingsLoader(db, Clock.systemDefaultZone());
            long load = System.nanoTime();
            FindingsLoader.LoadReport first = loader.load(run, Optional.empty());
            double loadSeconds = seconds(load);
            long again = System.nanoTime();
            FindingsLoader.LoadReport second = loader.load(run, Optional.of(caseFile));
            double againSeconds = seconds(again);
            out.println();
            out.println("| load | seconds | findings/s | ratio to the bare COPY |");
            out.println("|---|---|---|---|");
            out.printf("| bare COPY of findings.csv into an unindexed table (baseline) | %.2f | %,.0f | 1.00 |%n",
                    bareSeconds, findings / bareSeconds);
            out.printf("| fundwatch load, %,d new findings and %,d lines | %.2f | %,.0f | %.2f |%n",
                    first.findingsNew(), first.linesNew(), loadSeconds, findings / loadSeconds,
                    loadSeconds / bareSeconds);
            out.printf("| the same run again (%,d refreshed) with its case file (%,d visits, %,d fee lines) | %.2f "
                    + "| %,.0f | %.2f |%n", second.findingsRefreshed(), second.visits(), second.feeLines(),
                    againSeconds, findings / againSeconds, againSeconds / bareSeconds);
            out.flush();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE");
            }
        }
        ServeOptions options = ServeOptions.defaults().withPort(0).withInsecureLocal(true)
                .withDataDir(dir.resolve("serve")).withWorkflow(settings);
        InstantScreening screening = new InstantScreening(PolicyPack.defaultPack(), Knowledge.empty(),
                MedTypeSettings.defaults(), new VisitHistory(30));
        try (ReviewServer server = ReviewServer.start(options, screening)) {
            String password = server.demoAccounts().get("auditor");
            if (password == null) {
                throw new IllegalStateException(dir + " holds accounts from an earlier run: give a new --dir");
            }
            Session auditor = new Session(server.uri());
            auditor.login("auditor", password);
            List<String> ids;
            try (var lines = Files.lines(run.resolve("findings.csv"))) {
                ids = lines.skip(1).limit(findings).filter(l -> l.hashCode() % 97 == 0).limit(5_000)
                        .map(l -> l.substring(0, 32)).toList();
            }
            Random random = new Random(7);
            String[] institutions = new String[50];
            for (int i = 0; i < institutions.length; i++) {
                institutions[i] = institution(random.nextInt(700));
            }
            List<Page> pages = List.of(
                    new Page("login page, no data (baseline)", r -> "/login"),
                    new Page("queue, no filter", r -> "/ui/findings"),
                    new Page("queue, type + month", r -> "/ui/findings?type=" + RULES[r.nextInt(RULES.length)][1]
                            + "&month=2026-" + String.format("%02d", 1 + r.nextInt(12))),
                    new Page("queue, state NEW + severity 1, by time", r -> "/ui/findings?state=NEW&severity=1"
                            + "&sort=time"),
                    new Page("queue, institution + minimum amount", r -> "/ui/findings?institution="
                            + institutions[r.nextInt(institutions.length)] + "&minAmount=100"),
                    new Page("finding detail", r -> "/ui/findings/" + ids.get(r.nextInt(ids.size()))),
                    new Page("dashboard", r -> "/ui/dashboard"),
                    new Page("risk ranking, institutions", r -> "/ui/ranking"),
                    new Page("risk ranking, insured persons", r -> "/ui/ranking?kind=person"),
                    new Page("institution profile", r -> "/ui/institutions/"
                            + institutions[r.nextInt(institutions.length)]));
            out.println();
            out.printf("| page (%d requests each, one client, after %d warm-up) | p50 ms | p95 ms | max ms | ratio of "
                    + "p95 to the login page |%n", requests, requests / 5);
            out.println("|---|---|---|---|---|");
            double baseline = 0;
            for (Page page : pages) {
                for (int i = 0; i < requests / 5; i++) {
                    auditor.get(page.path().apply(random));
                }
                double[] ms = new double[requests];
                for (int i = 0; i < requests; i++) {
                    long s = System.nanoTime();
                    int status = auditor.get(page.path().apply(random));
                    ms[i] = (System.nanoTime() - s) / 1e6;
                    if (status != 200) {
                        throw new IllegalStateException(page.name() + " answered " + status);
                    }
                }
                Arrays.sort(ms);
                double p95 = ms[(int) Math.ceil(0.95 * ms.length) - 1];
                if (baseline == 0) {
                    baseline = p95;
                }
                out.printf("| %s | %.1f | %.1f | %.1f | %.1f |%n", page.name(), ms[ms.length / 2], p95,
                        ms[ms.length - 1], p95 / baseline);
                out.flush();
            }
            // the dashboard keeps its figures until the store changes: the view right after a workflow action
            // computes them again, which is what a supervisor working through the queue sees
            Cases cases = new Cases(server.workflowDatabase().orElseThrow(), Clock.systemDefaultZone());
            Actor auditor1 = Actor.of("auditor", Role.AUDITOR);
            int after = Math.max(5, requests / 20);
            double[] ms = new double[after];
            for (int i = 0; i < after; i++) {
                cases.act(auditor1, ids.get(i), CaseCommand.assign("auditor", "bench"));
                long s = System.nanoTime();
                auditor.get("/ui/dashboard");
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(ms);
            out.printf("| dashboard right after a workflow action (%d requests) | %.1f | %.1f | %.1f | %.1f |%n", after,
                    ms[ms.length / 2], ms[(int) Math.ceil(0.95 * ms.length) - 1], ms[ms.length - 1],
                    ms[(int) Math.ceil(0.95 * ms.length) - 1] / baseline);
            out.flush();
        }
    }

    private record Page(String name, java.util.function.Function<Random, String> path) {
    }

    private static String institution(int i) {
        return String.format("H%05d", i);
    }

    /** The screening output and case file of {@link #findings} synthetic findings. */
    private void write(Path run, Path caseFile) throws IOException {
        Files.createDirectories(run);
        Files.createDirectories(caseFile);
        Random r = new Random(20261202);
        try (BufferedWriter f = Files.newBufferedWriter(run.resolve("findings.csv"), StandardCharsets.UTF_8);
             BufferedWriter l = Files.newBufferedWriter(run.resolve("finding_lines.csv"), StandardCharsets.UTF_8);
             BufferedWriter v = Files.newBufferedWriter(caseFile.resolve("visit.csv"), StandardCharsets.UTF_8);
             BufferedWriter d = Files.newBufferedWriter(caseFile.resolve("fee_line.csv"), StandardCharsets.UTF_8)) {
            f.write(String.join(",", Finding.COLUMNS));
            f.newLine();
            l.write(String.join(",", Finding.LINE_COLUMNS));
            l.newLine();
            v.write(String.join(",", FindingsLoader.VISIT_COLUMNS));
            v.newLine();
            d.write(String.join(",", FindingsLoader.FEE_LINE_COLUMNS));
            d.newLine();
            for (int i = 0; i < findings; i++) {
                String[] rule = RULES[Math.min(RULES.length - 1, (int) Math.abs(r.nextGaussian() * 5))];
                // a few institutions hold most findings, as in the seeds
                String inst = institution((int) Math.min(699, Math.abs(r.nextGaussian() * 150)));
                int month = 1 + r.nextInt(12);
                int day = 1 + r.nextInt(28);
                String period = String.format("2026-%02d-%02d", month, day);
                String visit = "MD" + i;
                String line = "FD" + i + "01";
                String psn = "P" + r.nextInt(300_000);
                String amount = String.format("%d.%02d", r.nextInt(2_000), r.nextInt(100));
                String jrId = FindingId.of(rule[0], "LINE", List.of(line), period);
                String time = period + String.format(" %02d:%02d:00", 8 + r.nextInt(10), r.nextInt(60));
                f.write(String.join(",", jrId, rule[0], "1", rule[2], rule[1], "LINE", period,
                        String.valueOf(1 + r.nextInt(3)), r.nextBoolean() ? "WARN" : "BLOCK", amount,
                        "项目【注射用头孢曲松钠】单价" + amount + "元，超过医保支付价格上限，数量1，超出金额" + amount + "元",
                        "\"Item billed above its price cap, " + amount + " yuan\"", "医保目录支付价格上限；《医疗保障基金使用监督管理条例》第十五条",
                        "", psn, "", visit, "", line, inst, "XJ01DDA117B001010100000", time));
                f.newLine();
                l.write(jrId + "," + line + ",1," + amount);
                l.newLine();
                v.write(String.join(",", visit, psn, inst, "11", time, time, "J06.9", "急性上呼吸道感染", "120.00",
                        "84.00", "D" + inst.substring(1) + (i % 7)));
                v.newLine();
                for (int k = 1; k <= 3; k++) {
                    d.write(String.join(",", "FD" + i + "0" + k, visit, time, "XJ01DDA117B001010100000",
                            "注射用头孢曲松钠", "1.0000", "40.000000", "40.00"));
                    d.newLine();
                }
            }
        }
        try (BufferedWriter p = Files.newBufferedWriter(caseFile.resolve("person.csv"), StandardCharsets.UTF_8);
             BufferedWriter in = Files.newBufferedWriter(caseFile.resolve("institution.csv"), StandardCharsets.UTF_8);
             BufferedWriter s = Files.newBufferedWriter(caseFile.resolve("settlement_month.csv"),
                     StandardCharsets.UTF_8)) {
            p.write(String.join(",", FindingsLoader.PERSON_COLUMNS));
            p.newLine();
            for (int i = 0; i < 300_000; i++) {
                p.write("P" + i + "," + String.format("4301021970%02d%02d%04d", 1 + i % 12, 1 + i % 28, i % 10_000)
                        + ",张" + (char) ('一' + i % 200) + "," + (1 + i % 2) + ",1970-01-01");
                p.newLine();
            }
            in.write(String.join(",", FindingsLoader.INSTITUTION_COLUMNS));
            in.newLine();
            s.write(String.join(",", FindingsLoader.SETTLEMENT_MONTH_COLUMNS));
            s.newLine();
            for (int i = 0; i < 700; i++) {
                in.write(institution(i) + ",演示医疗机构" + i + "," + (i < 150 ? "1" : "2") + "," + (i % 4) + ",430100");
                in.newLine();
                for (int m = 1; m <= 12; m++) {
                    s.write(String.format("%s,2026-%02d,%d,%d,%d,%d.00,%d.00", institution(i), m, 4000 + i, 3900 + i,
                            3000 + i, 800_000 + i, 560_000 + i));
                    s.newLine();
                }
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** A signed-in HTTP session: cookies, the CSRF token of the login page, no redirects followed. */
    private static final class Session {
        private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
        private final URI base;
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        Session(URI base) {
            this.base = base;
        }

        void login(String user, String password) throws IOException, InterruptedException {
            String page = client.send(HttpRequest.newBuilder(base.resolve("/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = CSRF.matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on the login page");
            }
            String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.headers().firstValue("Location").orElse("").contains("error")) {
                throw new IllegalStateException("login failed");
            }
        }

        int get(String path) {
            try {
                return client.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
