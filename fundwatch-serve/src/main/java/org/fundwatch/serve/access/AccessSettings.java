package org.fundwatch.serve.access;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the edge behaves.
 *
 * @param keys       the API keys; empty only for {@code --insecure-local} (every request speaks for any
 *                   institution under the key id {@code local})
 * @param rateLimit  requests per second per key (a key's own {@code rate_limit} overrides it)
 * @param maxBody    the largest request body accepted, in bytes
 * @param accessLog  the JSON Lines access log
 */
public record AccessSettings(Optional<ApiKeys> keys, int rateLimit, long maxBody, Path accessLog) {
    public AccessSettings {
        Objects.requireNonNull(keys, "keys is null");
        Objects.requireNonNull(accessLog, "accessLog is null");
        if (rateLimit < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1 request/s: " + rateLimit);
        }
        if (maxBody < 1) {
            throw new IllegalArgumentException("body limit must be at least 1 byte: " + maxBody);
        }
    }
}
