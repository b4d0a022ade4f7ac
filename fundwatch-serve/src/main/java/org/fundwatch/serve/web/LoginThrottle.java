package org.fundwatch.serve.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login throttling: after {@code maxFailures} failed logins within {@code window} for one user name, or four times
 * as many for one client address (a bureau's staff often share one address behind NAT), further attempts are
 * refused for {@code lockout}, whatever the password — so a password cannot be guessed at speed, and one address
 * cannot try many names.
 */
final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration window, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** When the user or the address is locked: until when. */
    Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"user:" + username, "addr:" + address}) {
            Instant until = lockedUntil.get(key);
            if (until != null && until.isAfter(now)) {
                return Optional.of(until);
            }
        }
        return Optional.empty();
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"user:" + username, "addr:" + address}) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
                while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(window))) {
                    times.removeFirst();
                }
                if (times.size() >= (key.startsWith("addr:") ? 4 * maxFailures : maxFailures)) {
                    lockedUntil.put(key, now.plus(lockout));
                    times.clear();
                }
            }
        }
    }

    void succeeded(String username) {
        failures.remove("user:" + username);
    }
}
