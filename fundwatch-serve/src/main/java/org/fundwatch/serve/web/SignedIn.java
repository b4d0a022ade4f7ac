package org.fundwatch.serve.web;

import java.util.Collection;
import java.util.List;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.users.Account;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in user of the UI: the account, its one role as the authority {@code ROLE_<role>}, and its actor. */
public final class SignedIn implements UserDetails {
    private static final long serialVersionUID = 1L;
    private final Account account;

    SignedIn(Account account) {
        this.account = account;
    }

    public Account account() {
        return account;
    }

    /** Who acts in the workflow. */
    public Actor actor() {
        return new Actor(account.username(), account.role(), account.institution());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name()));
    }

    @Override
    public String getPassword() {
        return account.passwordHash();
    }

    @Override
    public String getUsername() {
        return account.username();
    }

    @Override
    public boolean isEnabled() {
        return account.enabled();
    }
}
