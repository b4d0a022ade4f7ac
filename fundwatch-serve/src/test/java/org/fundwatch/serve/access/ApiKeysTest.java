package org.fundwatch.serve.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        return Files.writeString(dir.resolve("keys.csv"), String.join("\n", lines), StandardCharsets.UTF_8);
    }

    @Test
    void findsAKeyGivenPlainOrAsItsSha256WithItsInstitutionAndRate() throws IOException {
        ApiKeys keys = ApiKeys.load(file("key_id,fixmedins_code,key,rate_limit",
                "a,H001,plain-key-0123456789,",
                "b,H002,sha256:" + ApiKeys.sha256("hashed-key-0123456789") + ",50"));

        assertThat(keys.find("plain-key-0123456789")).hasValueSatisfying(k -> {
            assertThat(k.id()).isEqualTo("a");
            assertThat(k.institution()).contains("H001");
            assertThat(k.rateLimit()).isEmpty();
        });
        assertThat(keys.find("hashed-key-0123456789")).hasValueSatisfying(k -> {
            assertThat(k.institution()).contains("H002");
            assertThat(k.rateLimit()).hasValue(50);
        });
        assertThat(keys.find("sha256:" + ApiKeys.sha256("hashed-key-0123456789"))).isEmpty();
        assertThat(keys.find("unknown")).isEmpty();
    }

    @Test
    void refusesAShortKeyNamingFileAndLine() throws IOException {
        Path f = file("# keys", "key_id,fixmedins_code,key", "a,H001,short");

        assertThatThrownBy(() -> ApiKeys.load(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + ":3: key must be at least 16 characters");
    }

    @Test
    void refusesARepeatedKeyIdAndAMissingHeader() throws IOException {
        Path repeated = file("key_id,fixmedins_code,key", "a,H001,key-one-0123456789", "a,H002,key-two-0123456789");
        assertThatThrownBy(() -> ApiKeys.load(repeated)).hasMessageContaining(":3: key_id a repeats");

        Path headless = file("a,H001,key-one-0123456789");
        assertThatThrownBy(() -> ApiKeys.load(headless)).hasMessageContaining(":1: the header must be");
    }

    @Test
    void refusesAFileWithoutKeys() throws IOException {
        Path empty = file("key_id,fixmedins_code,key");

        assertThatThrownBy(() -> ApiKeys.load(empty)).hasMessageContaining("no keys");
    }
}
