package org.fundwatch.serve.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.fundwatch.workflow.audit.AuditLog;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Password login through the accounts' bcrypt hashes, throttled, with every attempt in the audit log. */
final class ThrottledAuthentication implements AuthenticationProvider {
    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final WorkflowDatabase db;
    private final Clock clock;

    ThrottledAuthentication(AuthenticationProvider passwords, LoginThrottle throttle, WorkflowDatabase db,
                            Clock clock) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = String.valueOf(authentication.getName());
        String address = authentication.getDetails() instanceof WebAuthenticationDetails d
                ? String.valueOf(d.getRemoteAddress()) : "unknown";
        Optional<Instant> locked = throttle.lockedUntil(username, address);
        if (locked.isPresent()) {
            long minutes = Math.max(1, Duration.between(clock.instant(), locked.get()).toMinutes());
            audit(username, "LOGIN_LOCKED", address);
            throw new LockedException("too many failed logins; try again in " + minutes + " minutes");
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username);
            audit(username, "LOGIN", address);
            return result;
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            audit(username, "LOGIN_FAILED", address);
            throw e;
        }
    }

    private void audit(String username, String action, String address) {
        // the name as typed, cut short: a failed login may carry anything
        String who = username.length() > 64 ? username.substring(0, 64) : username;
        new AuditLog(db.jdbc(), clock).login(who, action, "from " + address);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
