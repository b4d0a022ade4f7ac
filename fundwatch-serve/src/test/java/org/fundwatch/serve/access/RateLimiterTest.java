package org.fundwatch.serve.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(nanos::get);

    @Test
    void letsABurstOfOneSecondThroughThenRefusesUntilTokensRefill() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryAcquire("k", 4)).isTrue();
        }
        assertThat(limiter.tryAcquire("k", 4)).isFalse();

        nanos.addAndGet(250_000_000L); // a quarter of a second: one token at 4/s
        assertThat(limiter.tryAcquire("k", 4)).isTrue();
        assertThat(limiter.tryAcquire("k", 4)).isFalse();
    }

    @Test
    void keepsOneBucketPerKey() {
        assertThat(limiter.tryAcquire("a", 1)).isTrue();
        assertThat(limiter.tryAcquire("a", 1)).isFalse();
        assertThat(limiter.tryAcquire("b", 1)).isTrue();
    }

    @Test
    void neverHoldsMoreThanOneSecondOfTokens() {
        assertThat(limiter.tryAcquire("k", 2)).isTrue();
        nanos.addAndGet(60_000_000_000L); // a minute idle
        assertThat(limiter.tryAcquire("k", 2)).isTrue();
        assertThat(limiter.tryAcquire("k", 2)).isTrue();
        assertThat(limiter.tryAcquire("k", 2)).isFalse();
    }
}
