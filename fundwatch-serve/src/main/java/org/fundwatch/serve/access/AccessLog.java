package org.fundwatch.serve.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The structured access log: one JSON line per request with {@code time} (UTC), {@code key_id} (never the key),
 * {@code fixmedins_code} of the key, {@code method}, {@code endpoint}, {@code status}, {@code latency_us},
 * {@code findings} and, for unexpected failures, {@code error_id}. It carries no personal data: no person number,
 * certificate number or name ever reaches it. Lines are written by one background thread so a request never waits
 * on the disk; when the queue is full a line is dropped and counted rather than slowing the answers.
 */
final class AccessLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final String STOP = "";

    /** One request as the log records it. */
    record Entry(Instant time, Optional<String> keyId, Optional<String> institution, String method,
                 String endpoint, int status, long latencyMicros, Optional<Integer> findings,
                 Optional<String> errorId) {
    }

    private final ObjectMapper mapper;
    private final Path file;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(65_536);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;

    AccessLog(ObjectMapper mapper, Path file) throws IOException {
        this.mapper = mapper;
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.writer = new Thread(() -> drain(out), "fundwatch-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void record(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("key_id", e.keyId().orElse(null));
        m.put("fixmedins_code", e.institution().orElse(null));
        m.put("method", e.method());
        m.put("endpoint", e.endpoint());
        m.put("status", e.status());
        m.put("latency_us", e.latencyMicros());
        m.put("findings", e.findings().orElse(null));
        e.errorId().ifPresent(id -> m.put("error_id", id));
        try {
            if (!queue.offer(mapper.writeValueAsString(m))) {
                dropped.incrementAndGet();
            }
        } catch (JsonProcessingException ex) {
            LOG.warn("access log line not written: {}", ex.getOriginalMessage());
        }
    }

    /** Lines dropped because the writer fell behind. */
    long dropped() {
        return dropped.get();
    }

    private void drain(Writer out) {
        List<String> batch = new ArrayList<>();
        try (out) {
            while (true) {
                String first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                boolean stop = false;
                for (String line : batch) {
                    if (line == STOP) {
                        stop = true;
                        continue;
                    }
                    out.write(line);
                    out.write('\n');
                }
                out.flush();
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.error("access log {} cannot be written; requests are no longer logged: {}", file, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dropped.get() > 0) {
            LOG.warn("{} access log lines were dropped because the writer fell behind", dropped.get());
        }
    }
}
