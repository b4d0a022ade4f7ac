package org.fundwatch.serve.users;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fundwatch.serve.web.SignedIn;
import org.fundwatch.workflow.audit.AuditLog;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Account;
import org.fundwatch.workflow.users.Role;
import org.fundwatch.workflow.users.Users;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code GET /ui/admin/users}, the accounts (用户管理), and {@code POST /ui/admin/users}, a new account through
 * {@link Users#create}, logged as {@code USER_CREATED}: for the administrator only. A refused account is shown
 * again with what is wrong (never the password); password hashes never reach a page.
 */
@Controller
final class UsersController {
    private static final List<Role> ROLES = Arrays.stream(Role.values()).filter(r -> r != Role.SYSTEM).toList();
    private static final int MAX_DISPLAY_NAME = 100;
    /** As {@link Users#create} demands; checked here first to refuse in the page's language. */
    private static final int MIN_PASSWORD = 12;

    private final Users users;
    private final WorkflowDatabase db;
    private final MessageSource messages;
    private final Clock clock;

    UsersController(Users users, WorkflowDatabase db, MessageSource messages, Clock clock) {
        this.users = users;
        this.db = db;
        this.messages = messages;
        this.clock = clock;
    }

    /** An account as the page shows it: no password hash. */
    record AccountRow(String username, String displayName, Role role, Optional<String> institution,
                      String institutionName, boolean enabled) {
    }

    /** What the form was sent with, to show again after a refusal; the password is never among it. */
    record Form(String username, String displayName, String role, String institution) {
        static final Form EMPTY = new Form("", "", "", "");
    }

    @GetMapping("/ui/admin/users")
    String users(@AuthenticationPrincipal SignedIn me, Model model) {
        requireAdmin(me);
        return page(model, Form.EMPTY);
    }

    @PostMapping("/ui/admin/users")
    String create(@AuthenticationPrincipal SignedIn me,
                  @RequestParam(name = "username", defaultValue = "") String username,
                  @RequestParam(name = "displayName", defaultValue = "") String displayName,
                  @RequestParam(name = "role", defaultValue = "") String role,
                  @RequestParam(name = "institution", defaultValue = "") String institution,
                  @RequestParam(name = "password", defaultValue = "") String password,
                  Locale locale, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        requireAdmin(me);
        Form form = new Form(username.strip(), displayName.strip(), role.strip(), institution.strip());
        Optional<Role> chosen = ROLES.stream().filter(r -> r.name().equals(form.role())).findFirst();
        Optional<String> refusal = refusal(form, chosen, password, locale);
        if (refusal.isEmpty()) {
            Role r = chosen.orElseThrow();
            Optional<String> of = r == Role.INSTITUTION ? Optional.of(form.institution()) : Optional.empty();
            try {
                db.transactions().executeWithoutResult(tx -> {
                    users.create(form.username(), form.displayName(), r, of, password);
                    new AuditLog(db.jdbc(), clock).event(me.actor(), "USER_CREATED",
                            form.username() + " " + r.name() + of.map(i -> " " + i).orElse(""));
                });
                redirect.addFlashAttribute("flashOk", messages.getMessage("users.created",
                        new Object[] {form.username()}, locale));
                return "redirect:/ui/admin/users";
            } catch (DuplicateKeyException e) {
                // created meanwhile by another administrator
                refusal = Optional.of(messages.getMessage("users.error.exists", new Object[] {form.username()},
                        locale));
            } catch (IllegalArgumentException e) {
                refusal = Optional.of(e.getMessage());
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("flashError", refusal.get());
        return page(model, form);
    }

    /** What is wrong with a new account, in the page's language; empty when nothing is. */
    private Optional<String> refusal(Form form, Optional<Role> role, String password, Locale locale) {
        if (!form.username().matches("[A-Za-z0-9_.-]{3,64}")) {
            return Optional.of(text("users.error.username", locale));
        }
        if (form.displayName().isEmpty() || form.displayName().length() > MAX_DISPLAY_NAME) {
            return Optional.of(text("users.error.displayName", locale));
        }
        if (role.isEmpty()) {
            return Optional.of(text("users.error.role", locale));
        }
        if (role.get() == Role.INSTITUTION && !institutions().containsKey(form.institution())) {
            return Optional.of(text("users.error.institution", locale));
        }
        if (password.length() < MIN_PASSWORD) {
            return Optional.of(text("users.error.password", locale));
        }
        if (users.find(form.username()).isPresent()) {
            return Optional.of(messages.getMessage("users.error.exists", new Object[] {form.username()}, locale));
        }
        return Optional.empty();
    }

    private String page(Model model, Form form) {
        Map<String, String> institutions = institutions();
        model.addAttribute("accounts", users.all().stream().map(a -> row(a, institutions)).toList());
        model.addAttribute("roles", ROLES);
        model.addAttribute("institutions", institutions);
        model.addAttribute("form", form);
        return "users/users";
    }

    private static AccountRow row(Account a, Map<String, String> institutions) {
        return new AccountRow(a.username(), a.displayName(), a.role(), a.institution(),
                a.institution().map(i -> institutions.getOrDefault(i, "")).orElse(""), a.enabled());
    }

    /** The institutions an account may belong to: those of the case file and of the settlements, code → name. */
    private Map<String, String> institutions() {
        Map<String, String> all = new LinkedHashMap<>();
        db.jdbc().sql("""
                        SELECT c.code, coalesce(i.fixmedins_name, c.code)
                        FROM (SELECT fixmedins_code AS code FROM institution
                              UNION SELECT fixmedins_code FROM settlement_month) c
                        LEFT JOIN institution i ON i.fixmedins_code = c.code ORDER BY c.code""")
                .query(rs -> {
                    all.put(rs.getString(1), rs.getString(2));
                });
        return all;
    }

    private static void requireAdmin(SignedIn me) {
        if (me.account().role() != Role.ADMIN) {
            throw new AccessDeniedException("the accounts are the administrator's");
        }
    }


    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
