package org.fundwatch.serve.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop HTTP/1.1 load generator: requests are due at a fixed arrival rate whatever the server does, and
 * each latency runs from the moment the request was due, not from when a connection got free, so a slow server
 * cannot hide its queueing (no coordinated omission). At most {@code connections} keep-alive connections carry
 * the requests; a request waits in the queue while all are busy, and that wait counts.
 */
public final class LoadGenerator {

    /** One request to send: method POST, a path, headers and a body. */
    public record Request(String path, List<String> headers, byte[] body) {
    }

    /**
     * @param achievedPerSecond completed requests per second of the run
     * @param errors            responses other than 2xx, and failed connections
     */
    public record Result(String name, double targetPerSecond, double achievedPerSecond, long sent, long errors,
                         double p50Millis, double p99Millis, double p999Millis, double maxMillis) {
    }

    private record Due(long dueNanos, Request request) {
    }

    private final String host;
    private final int port;
    private final int connections;

    public LoadGenerator(String host, int port, int connections) {
        this.host = host;
        this.port = port;
        this.connections = connections;
    }

    /** Sends {@code requests} (cycled) at {@code perSecond} for {@code seconds}; the first second warms up. */
    public Result run(String name, List<Request> requests, double perSecond, int seconds) throws InterruptedException {
        BlockingQueue<Due> queue = new LinkedBlockingQueue<>();
        long total = (long) (perSecond * seconds);
        long[] latencies = new long[(int) total];
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long interval = (long) (1e9 / perSecond);
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> work(queue, start, latencies, done, errors), "load-" + c);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            queue.add(new Due(due, requests.get((int) (i % requests.size()))));
        }
        for (int c = 0; c < connections; c++) {
            queue.add(new Due(-1, null));
        }
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        long end = System.nanoTime();
        int n = (int) Math.min(done.get(), latencies.length);
        // The first second is warm-up: its latencies are left out of the percentiles.
        int skip = (int) Math.min(n, (long) perSecond);
        long[] measured = Arrays.copyOfRange(latencies, skip, n);
        Arrays.sort(measured);
        return new Result(name, perSecond, done.get() / ((end - start) / 1e9), total, errors.get(),
                at(measured, 0.50), at(measured, 0.99), at(measured, 0.999),
                measured.length == 0 ? 0 : measured[measured.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    private void work(BlockingQueue<Due> queue, long start, long[] latencies, AtomicLong done, AtomicLong errors) {
        Connection conn = null;
        try {
            while (true) {
                Due d = queue.take();
                if (d.request() == null) {
                    return;
                }
                int status;
                try {
                    if (conn == null) {
                        conn = new Connection(host, port);
                    }
                    status = conn.post(host, d.request());
                    if (!conn.open) {
                        conn.close();
                        conn = null;
                    }
                } catch (IOException e) {
                    status = -1;
                    if (conn != null) {
                        conn.close();
                    }
                    conn = null;
                }
                long latency = System.nanoTime() - d.dueNanos();
                long i = done.getAndIncrement();
                if (i < latencies.length) {
                    latencies[(int) i] = latency;
                }
                if (status < 200 || status > 299) {
                    errors.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (conn != null) {
                conn.close();
            }
        }
    }

    /** A keep-alive HTTP/1.1 connection that reads responses by Content-Length (or chunked). */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        /** False once the server said it closes the connection after this response. */
        boolean open = true;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        int post(String host, Request r) throws IOException {
            StringBuilder head = new StringBuilder("POST ").append(r.path()).append(" HTTP/1.1\r\nHost: ").append(host)
                    .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(r.body().length).append("\r\n");
            for (String h : r.headers()) {
                head.append(h).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(r.body());
            out.flush();
            String status = line();
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                throw new IOException("bad status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            open = !closing;
            return code;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long s = in.skip(n);
                if (s <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in a body");
                    }
                    s = 1;
                }
                n -= s;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int len = b.length();
                    return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
                }
                b.append((char) c);
            }
            return b.length() == 0 ? null : b.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
