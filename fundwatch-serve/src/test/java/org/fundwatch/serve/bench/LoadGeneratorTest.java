package org.fundwatch.serve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    private HttpServer server;

    @BeforeEach
    void startAServerThatTakesTenMillisecondsARequest() throws IOException {
        // Without it the JDK server's small writes wait for delayed acknowledgements (about 40 ms a response).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestHeaders().containsKey("X-Fail") ? 500 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void keepsTheArrivalRateWhenTheServerKeepsUp() throws InterruptedException {
        LoadGenerator load = new LoadGenerator("127.0.0.1", server.getAddress().getPort(), 4);
        LoadGenerator.Result r = load.run("slow", List.of(request(false)), 50, 2);

        assertThat(r.sent()).isEqualTo(100);
        assertThat(r.errors()).isZero();
        assertThat(r.achievedPerSecond()).isBetween(40.0, 60.0);
        assertThat(r.p50Millis()).isGreaterThanOrEqualTo(10.0);
    }

    @Test
    void countsTheQueueingOfRequestsThatFindEveryConnectionBusyInTheirLatency() throws InterruptedException {
        // One connection, 10 ms a request, 200 requests/s due: the server does 100/s at best, so each request waits
        // longer than the one before; a closed-loop client would report about 10 ms for all of them.
        LoadGenerator load = new LoadGenerator("127.0.0.1", server.getAddress().getPort(), 1);
        LoadGenerator.Result r = load.run("slow", List.of(request(false)), 200, 2);

        assertThat(r.achievedPerSecond()).isLessThan(150.0);
        assertThat(r.p99Millis()).isGreaterThan(500.0);
    }

    @Test
    void countsAnswersOtherThan2xxAsErrors() throws InterruptedException {
        LoadGenerator load = new LoadGenerator("127.0.0.1", server.getAddress().getPort(), 2);
        LoadGenerator.Result r = load.run("failing", List.of(request(true)), 20, 1);

        assertThat(r.errors()).isEqualTo(r.sent());
    }

    private static LoadGenerator.Request request(boolean fail) {
        return new LoadGenerator.Request("/slow", fail ? List.of("X-Fail: 1") : List.of(),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }
}
