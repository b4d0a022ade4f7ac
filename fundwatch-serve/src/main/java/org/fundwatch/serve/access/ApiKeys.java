package org.fundwatch.serve.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys the service accepts, each speaking for one calling institution. The keys file is UTF-8 CSV with the
 * header {@code key_id,fixmedins_code,key} and an optional fourth column {@code rate_limit} (requests per second
 * for that key, overriding {@code --rate-limit}); {@code #} starts a comment line. {@code key} is either the key
 * itself (at least 16 characters) or {@code sha256:} and the 64 hex digits of its SHA-256, so the file need not hold
 * the secret. The key id, never the key, is what the access log records.
 */
public final class ApiKeys {
    private static final Pattern HASHED = Pattern.compile("sha256:[0-9a-fA-F]{64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MIN_KEY_LENGTH = 16;

    /**
     * A key's identity: its id, the institution it speaks for (empty only for the key-less local demo mode) and
     * its own rate limit, if any.
     */
    public record Key(String id, Optional<String> institution, OptionalInt rateLimit) {
    }

    private final Map<String, Key> byHash;

    private ApiKeys(Map<String, Key> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /** Reads a keys file; an {@link IllegalArgumentException} names the file and line of any error. */
    public static ApiKeys load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw bad(file + ": cannot read: " + e.getMessage());
        }
        Map<String, Key> byHash = new HashMap<>();
        Set<String> ids = new HashSet<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] f = line.split(",", -1);
            for (int j = 0; j < f.length; j++) {
                f[j] = f[j].strip();
            }
            if (!header) {
                if (f.length < 3 || !f[0].equals("key_id") || !f[1].equals("fixmedins_code") || !f[2].equals("key")
                        || (f.length == 4 && !f[3].equals("rate_limit")) || f.length > 4) {
                    throw bad(where + "the header must be key_id,fixmedins_code,key[,rate_limit]");
                }
                header = true;
                continue;
            }
            if (f.length < 3 || f.length > 4) {
                throw bad(where + "expected 3 or 4 columns, found " + f.length);
            }
            if (!ID.matcher(f[0]).matches()) {
                throw bad(where + "key_id must be 1-64 letters, digits, '_', '.' or '-'");
            }
            if (!ids.add(f[0])) {
                throw bad(where + "key_id " + f[0] + " repeats");
            }
            if (f[1].isEmpty()) {
                throw bad(where + "fixmedins_code is empty");
            }
            String hash;
            if (HASHED.matcher(f[2]).matches()) {
                hash = f[2].substring("sha256:".length()).toLowerCase(java.util.Locale.ROOT);
            } else if (f[2].length() >= MIN_KEY_LENGTH && !f[2].startsWith("sha256:")) {
                hash = sha256(f[2]);
            } else {
                throw bad(where + "key must be at least " + MIN_KEY_LENGTH + " characters, or sha256:<64 hex digits>");
            }
            OptionalInt rate = OptionalInt.empty();
            if (f.length == 4 && !f[3].isEmpty()) {
                try {
                    rate = OptionalInt.of(Integer.parseInt(f[3]));
                } catch (NumberFormatException e) {
                    throw bad(where + "rate_limit is not an integer: " + f[3]);
                }
                if (rate.getAsInt() < 1) {
                    throw bad(where + "rate_limit must be at least 1");
                }
            }
            if (byHash.put(hash, new Key(f[0], Optional.of(f[1]), rate)) != null) {
                throw bad(where + "the key of " + f[0] + " is also another key_id's key");
            }
        }
        if (byHash.isEmpty()) {
            throw bad(file + ": no keys (expected the header key_id,fixmedins_code,key and one line per key)");
        }
        return new ApiKeys(byHash);
    }

    /** The key's identity, when the service knows the key. */
    public Optional<Key> find(String key) {
        return Optional.ofNullable(byHash.get(sha256(key)));
    }

    public int size() {
        return byHash.size();
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(message);
    }
}
