package org.fundwatch.serve;

import java.io.IOException;
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
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fundwatch.duckdb.CaseFile;
import org.fundwatch.duckdb.ScreenOptions;
import org.fundwatch.duckdb.Screening;
import org.fundwatch.ingest.Ingest;
import org.fundwatch.ingest.IngestOptions;
import org.fundwatch.progress.Progress;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.serve.rules.TrialRun;
import org.fundwatch.screening.VisitHistory;
import org.fundwatch.synth.Generator;
import org.fundwatch.synth.GeneratorConfig;
import org.fundwatch.workflow.loading.FindingsLoader;
import org.fundwatch.workflow.store.DatabaseSettings;
import org.fundwatch.workflow.store.WorkflowDatabase;

/**
 * The supervisors' UI as a newcomer gets it: a generated extract (20,000 persons × 2 months) ingested, screened with
 * the default pack, loaded with its case file into an embedded PostgreSQL, and the server started over it with
 * its demo accounts. One for the test JVM; {@link #login} gives a browser-like session (cookies, CSRF token).
 */
public final class TestingUi {
    private static TestingUi shared;

    private final ReviewServer server;
    private final Map<String, String> passwords;
    private final WorkflowDatabase store;

    private TestingUi(ReviewServer server, Map<String, String> passwords, WorkflowDatabase store) {
        this.server = server;
        this.passwords = passwords;
        this.store = store;
    }

    public static synchronized TestingUi shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("fundwatch-ui-test");
                Path extract = dir.resolve("extract");
                Path dataset = dir.resolve("dataset");
                Path findings = dir.resolve("findings");
                new Generator(new GeneratorConfig(20_000, 2, 7, YearMonth.of(2026, 1),
                        GeneratorConfig.OutputFormat.CSV, false)).generate(extract, Progress.NONE);
                Ingest.run(IngestOptions.of(extract, dataset), Progress.NONE);
                Screening.run(ScreenOptions.of(dataset, findings), Progress.NONE);
                Path caseFile = dir.resolve("case-file");
                CaseFile.export(dataset, findings, caseFile);
                DatabaseSettings settings = DatabaseSettings.embedded(dir.resolve("serve/workflow"));
                try (WorkflowDatabase db = WorkflowDatabase.open(settings)) {
                    new FindingsLoader(db, Clock.systemDefaultZone()).load(findings, Optional.of(caseFile));
                }
                ServeOptions options = ServeOptions.defaults().withPort(0).withInsecureLocal(true)
                        .withDataDir(dir.resolve("serve")).withWorkflow(settings);
                TrialRun trial = new TrialRun() {
                    @Override
                    public Map<String, Hits> screen(PolicyPack.PackText pack) throws IOException {
                        Map<String, Hits> hits = new LinkedHashMap<>();
                        Screening.trial(dataset, pack).rules().forEach(r -> hits.put(r.ruleId(),
                                new Hits(r.findings(), r.amount(), r.status())));
                        return hits;
                    }

                    @Override
                    public String dataset() {
                        return dataset.toString();
                    }
                };
                ReviewServer server = ReviewServer.start(options, () -> TestingServer.screening(
                        new VisitHistory(366)), new Workbench(PolicyPack.defaultPackText(), Optional.of(trial)));
                WorkflowDatabase store = server.workflowDatabase().orElseThrow();
                shared = new TestingUi(server, server.demoAccounts(), store);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    try (var files = Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    } catch (IOException e) {
                        // a temporary directory left behind is harmless
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public URI uri() {
        return server.uri();
    }

    /** The store under the server (the same pool), for a test to look at what a page did. */
    public WorkflowDatabase store() {
        return store;
    }

    /** A demo account's password. */
    public String password(String username) {
        return passwords.get(username);
    }

    /** A signed-in session of a demo account. */
    public Session login(String username) {
        Session s = new Session(uri());
        Response r = s.login(username, password(username));
        if (r.status() != 302 || r.location().contains("error")) {
            throw new IllegalStateException("login of " + username + " failed: " + r.status() + " " + r.location());
        }
        return s;
    }

    /** An answer: status, body and the redirect target (empty when none). */
    public record Response(int status, String body, String location, Map<String, List<String>> headers) {
    }

    /** A browser-like session: keeps cookies, follows no redirects, sends the page's CSRF token with forms. */
    public static final class Session {
        private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
        private final URI base;
        private final HttpClient client;
        private String csrf = "";

        public Session(URI base) {
            this.base = base;
            this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        }

        Response login(String username, String password) {
            get("/login");
            return post("/login", Map.of("username", username, "password", password));
        }

        public Response get(String path) {
            return send(HttpRequest.newBuilder(base.resolve(path)).GET());
        }

        public byte[] getBytes(String path) {
            try {
                return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** A form post with the session's CSRF token (the one of the last page read). */
        public Response post(String path, Map<String, String> form) {
            Map<String, String> all = new LinkedHashMap<>(form);
            all.putIfAbsent("_csrf", csrf);
            return postRaw(path, all);
        }

        /** The CSRF token of the last page read. */
        public String csrf() {
            return csrf;
        }

        /** A form post of {@code form} plus an already encoded part (repeated fields such as {@code ids=a&ids=b}). */
        public Response postEncoded(String path, Map<String, String> form, String encoded) {
            String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&")) + "&" + encoded;
            return send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        /** A form post exactly as given (no token added). */
        public Response postRaw(String path, Map<String, String> form) {
            String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        /** A multipart form post (fields and one file) with the session's CSRF token. */
        public Response postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
                                      String contentType, byte[] content) {
            String boundary = "----fundwatch" + System.nanoTime();
            var out = new java.io.ByteArrayOutputStream();
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.putIfAbsent("_csrf", csrf);
            try {
                for (var e : all.entrySet()) {
                    out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                            + "\"\r\n\r\n" + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                        + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(content);
                out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
        }

        private Response send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Matcher m = CSRF.matcher(r.body());
                if (m.find()) {
                    csrf = m.group(1);
                }
                return new Response(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(""),
                        r.headers().map());
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
