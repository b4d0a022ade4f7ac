package org.fundwatch.serve.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.fundwatch.serve.wire.Envelope;

/**
 * The feedback file: JSON Lines, append-only, one {@link Feedback} a line, each distinct feedback once (a re-sent
 * one is recognised by its id and not written again). Every line is forced to disk before the caller is answered.
 * The file is read back at start-up and held in memory for queries. Thread-safe.
 */
public final class FeedbackStore implements AutoCloseable {
    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final Path file;
    private final FileChannel out;
    private final Map<String, Feedback> byId = new LinkedHashMap<>();
    private final Map<String, List<Feedback>> byWarning = new HashMap<>();

    private FeedbackStore(Path file, FileChannel out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens (or creates) the feedback file and reads what it holds; an {@link IllegalArgumentException} names the
     * file and line of a line that is not a feedback.
     */
    public static FeedbackStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FeedbackStore store = new FeedbackStore(file, FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                Feedback f;
                try {
                    f = store.mapper.readValue(lines.get(i), Feedback.class);
                } catch (JsonProcessingException e) {
                    store.close();
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a feedback record: "
                            + e.getOriginalMessage());
                }
                if (f.feedbackId() == null || f.receivedAt() == null || f.fixmedinsCode() == null
                        || f.warnRsltId() == null || f.dspoWay() == null) {
                    store.close();
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a feedback record: "
                            + "feedback_id, received_at, fixmedins_code, warn_rslt_id and dspo_way are required");
                }
                store.hold(f);
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Stores a feedback unless one with its id is held; false when it was already stored. */
    synchronized boolean store(Feedback f) throws IOException {
        if (byId.containsKey(f.feedbackId())) {
            return false;
        }
        byte[] line = (mapper.writeValueAsString(f) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        out.force(false);
        hold(f);
        return true;
    }

    /** The feedbacks on one warning, oldest first, of one institution when given. */
    synchronized List<Feedback> onWarning(String warnRsltId, Optional<String> institution) {
        return byWarning.getOrDefault(warnRsltId, List.of()).stream()
                .filter(f -> institution.map(f.fixmedinsCode()::equals).orElse(true)).toList();
    }

    /**
     * The feedbacks of an institution (every one when empty) received in {@code [from, to]}, oldest first, at most
     * {@code limit}.
     */
    synchronized List<Feedback> query(Optional<String> institution, Optional<LocalDateTime> from,
                                      Optional<LocalDateTime> to, int limit) {
        Predicate<Feedback> keep = f -> institution.map(f.fixmedinsCode()::equals).orElse(true);
        List<Feedback> out = new ArrayList<>();
        for (Feedback f : byId.values()) {
            if (out.size() >= limit) {
                break;
            }
            if (!keep.test(f)) {
                continue;
            }
            LocalDateTime at = LocalDateTime.parse(f.receivedAt(), Envelope.TIME);
            if (from.map(at::isBefore).orElse(false) || to.map(at::isAfter).orElse(false)) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    synchronized int size() {
        return byId.size();
    }

    private void hold(Feedback f) {
        if (byId.putIfAbsent(f.feedbackId(), f) == null) {
            byWarning.computeIfAbsent(f.warnRsltId(), k -> new ArrayList<>(1)).add(f);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
