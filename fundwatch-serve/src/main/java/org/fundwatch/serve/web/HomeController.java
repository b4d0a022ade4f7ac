package org.fundwatch.serve.web;

import java.util.Locale;
import org.fundwatch.workflow.users.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The login page, the landing page of each role, and what every page's layout needs. */
@Controller
@ControllerAdvice
public class HomeController {
    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping({"/", "/ui"})
    String home(@AuthenticationPrincipal SignedIn me) {
        Role role = me.account().role();
        return switch (role) {
            case INSTITUTION -> "redirect:/ui/findings";
            case ADMIN -> "redirect:/ui/admin/users";
            default -> "redirect:/ui/dashboard";
        };
    }

    /** {@code en}: whether the page is in English (templates choose an enum's {@code en()} or {@code zh()}). */
    @ModelAttribute
    void layout(Model model, Locale locale) {
        model.addAttribute("en", "en".equals(locale.getLanguage()));
    }
}
