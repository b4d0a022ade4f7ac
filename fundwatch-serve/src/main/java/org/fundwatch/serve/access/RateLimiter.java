package org.fundwatch.serve.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key: it holds at most one second's worth of requests and refills continuously, so a key may
 * burst to its rate and sustain it, never more.
 */
final class RateLimiter {
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes a token from the key's bucket of {@code perSecond}; false when it is empty. */
    boolean tryAcquire(String keyId, int perSecond) {
        return buckets.computeIfAbsent(keyId, k -> new Bucket(perSecond, nanoTime.getAsLong()))
                .tryTake(nanoTime.getAsLong());
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int perSecond, long now) {
            this.capacity = perSecond;
            this.perNano = perSecond / 1e9;
            this.tokens = perSecond;
            this.last = now;
        }

        synchronized boolean tryTake(long now) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) * perNano);
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
