package org.fundwatch.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.screening.InstantScreening;
import org.fundwatch.screening.Knowledge;
import org.fundwatch.screening.VisitHistory;

/**
 * The real service on a random loopback port, started once for the test JVM with the default pack, a small
 * catalog (amoxicillin capped at 0.20 yuan, saline at 3.00, the outpatient fee at 10.00), keys for four
 * institutions (H003's limited to 3 requests/s, H004's given as its SHA-256), a 64 KiB body limit and a planted
 * failing endpoint; and an HTTP client that calls it from outside.
 */
final class TestingServer {
    static final String H001_KEY = "h001-secret-key-0123456789";
    static final String H002_KEY = "h002-secret-key-0123456789";
    static final String H003_SLOW_KEY = "h003-secret-key-0123456789";
    static final String H004_KEY = "h004-secret-key-0123456789";
    static final long MAX_BODY = 64 * 1024;

    static final String AMOXICILLIN = "XJ01CAA040E001010101234";
    static final String SALINE = "XB05XAL035B002010100113";
    static final String OUTPATIENT_FEE = "001102000010000";

    private static TestingServer shared;

    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ReviewServer server;
    private final Path dataDir;
    private final VisitHistory history;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestingServer(ReviewServer server, Path dataDir, VisitHistory history) {
        this.server = server;
        this.dataDir = dataDir;
        this.history = history;
    }

    /** The server every test shares (one Spring context for the whole suite). */
    static synchronized TestingServer shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("fundwatch-serve-test");
                Path keys = dir.resolve("keys.csv");
                Files.writeString(keys, String.join("\n",
                        "# test keys",
                        "key_id,fixmedins_code,key,rate_limit",
                        "his-h001,H001," + H001_KEY + ",",
                        "his-h002,H002," + H002_KEY + ",",
                        "his-h003-slow,H003," + H003_SLOW_KEY + ",3",
                        "his-h004-hashed,H004,sha256:" + sha256(H004_KEY) + ","), StandardCharsets.UTF_8);
                VisitHistory history = new VisitHistory(366);
                ServeOptions options = ServeOptions.defaults().withPort(0).withBind("127.0.0.1")
                        .withKeysFile(keys).withDataDir(dir.resolve("data")).withMaxBody(MAX_BODY);
                ReviewServer server = ReviewServer.start(options, () -> screening(history),
                        List.of(TestingFaults.class));
                shared = new TestingServer(server, dir.resolve("data"), history);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    static InstantScreening screening(VisitHistory history) {
        LocalDate from = LocalDate.of(2020, 1, 1);
        Knowledge kb = new Knowledge(List.of(
                new Knowledge.CatalogEntry(AMOXICILLIN, "阿莫西林胶囊", "101", Optional.of("01"),
                        Optional.of(new BigDecimal("0.20")), from, Optional.empty()),
                new Knowledge.CatalogEntry(SALINE, "0.9%氯化钠注射液", "101", Optional.of("01"),
                        Optional.of(new BigDecimal("3.00")), from, Optional.empty()),
                new Knowledge.CatalogEntry(OUTPATIENT_FEE, "普通门诊诊查费", "201", Optional.of("01"),
                        Optional.of(new BigDecimal("10.00")), from, Optional.empty())),
                List.of(), List.of(), List.of());
        return new InstantScreening(PolicyPack.defaultPack(), kb, MedTypeSettings.defaults(), history);
    }

    VisitHistory history() {
        return history;
    }

    Path dataDir() {
        return dataDir;
    }

    URI uri() {
        return server.uri();
    }

    /** An answer: the status, the body parsed when it is JSON, the headers. */
    record Answer(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Answer post(String path, Optional<String> key, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        key.ifPresent(k -> b.header("X-API-Key", k));
        return send(b.build());
    }

    Answer post(String path, String key, String body) {
        return post(path, Optional.of(key), body.getBytes(StandardCharsets.UTF_8));
    }

    Answer post(String path, String key, JsonNode body) {
        return post(path, key, body.toString());
    }

    Answer get(String pathAndQuery, Optional<String> key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri().resolve(pathAndQuery)).timeout(Duration.ofSeconds(20))
                .GET();
        key.ifPresent(k -> b.header("X-API-Key", k));
        return send(b.build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
