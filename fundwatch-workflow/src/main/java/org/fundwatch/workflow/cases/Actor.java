package org.fundwatch.workflow.cases;

import java.util.Objects;
import java.util.Optional;
import org.fundwatch.workflow.users.Role;

/** Who acts: a user name, the role and, for an institution user, the institution ({@code fixmedins_code}). */
public record Actor(String username, Role role, Optional<String> institution) {
    public static final Actor SYSTEM = new Actor("system", Role.SYSTEM, Optional.empty());

    public Actor {
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(role, "role is null");
        Objects.requireNonNull(institution, "institution is null");
        if ((role == Role.INSTITUTION) != institution.isPresent()) {
            throw new IllegalArgumentException("an institution user, and only one, names an institution");
        }
    }

    public static Actor of(String username, Role role) {
        return new Actor(username, role, Optional.empty());
    }

    public static Actor institution(String username, String fixmedinsCode) {
        return new Actor(username, Role.INSTITUTION, Optional.of(fixmedinsCode));
    }
}
