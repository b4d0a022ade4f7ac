package org.fundwatch.workflow.users;

import java.util.Objects;
import java.util.Optional;

/** A user of the workflow: the login, the name shown, the role and, for an institution user, the institution. */
public record Account(String username, String displayName, Role role, Optional<String> institution,
                      String passwordHash, boolean enabled) {
    public Account {
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(displayName, "displayName is null");
        Objects.requireNonNull(role, "role is null");
        Objects.requireNonNull(institution, "institution is null");
        Objects.requireNonNull(passwordHash, "passwordHash is null");
    }

    @Override
    public String toString() {
        return "Account[" + username + ", " + role + institution.map(i -> " of " + i).orElse("") + "]";
    }
}
