package org.fundwatch.serve.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackStoreTest {
    @TempDir
    Path dir;

    private static Feedback feedback(String warning, String receivedAt) {
        return new Feedback(Feedback.idOf("H001", "1", warning, "2", null), receivedAt, "H001", "his-h001", "M1",
                "1", warning, "2", null);
    }

    @Test
    void readsBackWhatItStoredAndStillStoresEachFeedbackOnce() throws IOException {
        Path file = dir.resolve("feedback.jsonl");
        try (FeedbackStore store = FeedbackStore.open(file)) {
            assertThat(store.store(feedback("jr-1", "2026-03-02 10:00:00.000"))).isTrue();
            assertThat(store.store(feedback("jr-1", "2026-03-02 10:05:00.000"))).isFalse();
            assertThat(store.store(feedback("jr-2", "2026-03-03 10:00:00.000"))).isTrue();
        }

        try (FeedbackStore reopened = FeedbackStore.open(file)) {
            assertThat(reopened.size()).isEqualTo(2);
            assertThat(reopened.store(feedback("jr-2", "2026-03-04 10:00:00.000"))).isFalse();
            assertThat(reopened.onWarning("jr-1", Optional.of("H001"))).singleElement()
                    .satisfies(f -> assertThat(f.receivedAt()).isEqualTo("2026-03-02 10:00:00.000"));
            assertThat(reopened.onWarning("jr-1", Optional.of("H002"))).isEmpty();
            assertThat(reopened.query(Optional.empty(), Optional.of(LocalDateTime.of(2026, 3, 3, 0, 0)),
                    Optional.empty(), 10)).extracting(Feedback::warnRsltId).containsExactly("jr-2");
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2);
    }

    @Test
    void refusesAFileWithALineThatIsNotAFeedbackNamingTheLine() throws IOException {
        Path file = dir.resolve("feedback.jsonl");
        try (FeedbackStore store = FeedbackStore.open(file)) {
            store.store(feedback("jr-1", "2026-03-02 10:00:00.000"));
        }
        Files.writeString(file, "not json\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> FeedbackStore.open(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":2: not a feedback record");

        Path partial = Files.writeString(dir.resolve("partial.jsonl"), "{\"feedback_id\":\"x\"}\n");
        assertThatThrownBy(() -> FeedbackStore.open(partial)).hasMessageContaining(":1: not a feedback record");
    }
}
