package org.fundwatch.serve;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.fundwatch.workflow.store.DatabaseSettings;

/**
 * How {@code fundwatch serve} runs.
 *
 * @param port           the HTTP port; 0 = any free port
 * @param bind           the address to listen on; empty = every interface (loopback only with
 *                       {@code insecureLocal})
 * @param keysFile       the API keys file (key id, institution, key); required unless {@code insecureLocal}
 * @param insecureLocal  no keys, for demos: every request may speak for any institution, and the server listens on
 *                       the loopback interface only
 * @param dataDir        where the 3103 feedback ({@code feedback.jsonl}), the access log ({@code access.log}) and
 *                       the server log ({@code serve.log}) go
 * @param rateLimit      requests per second per key (token bucket; a key's own limit in the keys file overrides)
 * @param maxBody        the largest request body, in bytes, refused with 413 before it is parsed
 * @param codeMapping    a bureau's dictionary codes for {@code vola_bhvr_type} and {@code sev_deg}; empty = the
 *                       codes of DOMAIN.md §3 and §6
 * @param workflow       the workflow store behind the supervisors' UI; empty = a review-only server (the machine
 *                       API and nothing else)
 */
public record ServeOptions(int port, Optional<String> bind, Optional<Path> keysFile, boolean insecureLocal,
                           Path dataDir, int rateLimit, long maxBody, Optional<Path> codeMapping,
                           Optional<DatabaseSettings> workflow) {

    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("fundwatch-serve-data");
    public static final int DEFAULT_RATE_LIMIT = 2000;
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;

    public ServeOptions {
        Objects.requireNonNull(bind, "bind is null");
        Objects.requireNonNull(keysFile, "keysFile is null");
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(codeMapping, "codeMapping is null");
        Objects.requireNonNull(workflow, "workflow is null");
    }

    /** Port 8080 on every interface, no keys yet, data in {@code ./fundwatch-serve-data}, 2000 requests/s, 1 MiB. */
    public static ServeOptions defaults() {
        return new ServeOptions(DEFAULT_PORT, Optional.empty(), Optional.empty(), false, DEFAULT_DATA_DIR,
                DEFAULT_RATE_LIMIT, DEFAULT_MAX_BODY, Optional.empty(), Optional.empty());
    }

    public ServeOptions withPort(int p) {
        return new ServeOptions(p, bind, keysFile, insecureLocal, dataDir, rateLimit, maxBody, codeMapping, workflow);
    }

    public ServeOptions withBind(String address) {
        return new ServeOptions(port, Optional.of(address), keysFile, insecureLocal, dataDir, rateLimit, maxBody,
                codeMapping, workflow);
    }

    public ServeOptions withKeysFile(Path file) {
        return new ServeOptions(port, bind, Optional.of(file), insecureLocal, dataDir, rateLimit, maxBody, codeMapping, workflow);
    }

    public ServeOptions withInsecureLocal(boolean local) {
        return new ServeOptions(port, bind, keysFile, local, dataDir, rateLimit, maxBody, codeMapping, workflow);
    }

    public ServeOptions withDataDir(Path dir) {
        return new ServeOptions(port, bind, keysFile, insecureLocal, dir, rateLimit, maxBody, codeMapping, workflow);
    }

    public ServeOptions withRateLimit(int perSecond) {
        return new ServeOptions(port, bind, keysFile, insecureLocal, dataDir, perSecond, maxBody, codeMapping, workflow);
    }

    public ServeOptions withMaxBody(long bytes) {
        return new ServeOptions(port, bind, keysFile, insecureLocal, dataDir, rateLimit, bytes, codeMapping, workflow);
    }

    public ServeOptions withCodeMapping(Path file) {
        return new ServeOptions(port, bind, keysFile, insecureLocal, dataDir, rateLimit, maxBody, Optional.of(file), workflow);
    }

    /** With the supervisors' UI over the workflow store of {@code settings}. */
    public ServeOptions withWorkflow(DatabaseSettings settings) {
        return new ServeOptions(port, bind, keysFile, insecureLocal, dataDir, rateLimit, maxBody, codeMapping,
                Optional.of(settings));
    }

    /** The address the server listens on: the given one, loopback for {@code insecureLocal}, else every interface. */
    public String address() {
        return bind.orElse(insecureLocal ? "127.0.0.1" : "0.0.0.0");
    }

    public Path feedbackFile() {
        return dataDir.resolve("feedback.jsonl");
    }

    public Path accessLog() {
        return dataDir.resolve("access.log");
    }

    public Path serverLog() {
        return dataDir.resolve("serve.log");
    }

    /** Refuses contradictory or out-of-range options ({@code BAD_OPTION}); {@link ReviewServer#start} calls it. */
    public void check() {
        if (port < 0 || port > 65_535) {
            throw bad("--port must be 0-65535, not " + port);
        }
        if (rateLimit < 1) {
            throw bad("--rate-limit must be at least 1 request/s, not " + rateLimit);
        }
        if (maxBody < 1) {
            throw bad("--max-body must be at least 1 byte, not " + maxBody);
        }
        if (insecureLocal && keysFile.isPresent()) {
            throw bad("--insecure-local runs without keys; leave out --keys, or --insecure-local");
        }
        if (!insecureLocal && keysFile.isEmpty()) {
            throw bad("no API keys: give --keys FILE (key_id,fixmedins_code,key), or --insecure-local for a demo "
                    + "on the loopback interface only");
        }
        if (insecureLocal && !isLoopback(address())) {
            throw bad("--insecure-local listens on the loopback interface only, not " + address());
        }
    }

    private static boolean isLoopback(String address) {
        return address.equals("localhost") || address.startsWith("127.") || address.equals("::1")
                || address.equals("[::1]");
    }

    private static ServeException bad(String message) {
        return new ServeException(ServeException.Code.BAD_OPTION, message);
    }
}
