package org.fundwatch.serve.ledger;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.serve.ledger.LedgerQueries.Entry;
import org.fundwatch.serve.ledger.LedgerQueries.Row;
import org.fundwatch.serve.ledger.LedgerQueries.Sums;
import org.fundwatch.serve.web.SignedIn;
import org.fundwatch.workflow.users.Account;
import org.fundwatch.workflow.users.Role;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;


/**
 * {@code GET /ui/ledger}, the money booked per institution and month by kind with its totals, and
 * {@code GET /ui/ledger/entries}, the entries behind a sum; both filtered by {@code month} and {@code institution}.
 * For the reviewers and directors who decide the measures, and for an institution's users over its own entries
 * only; the auditors, who only screen, and the administrator see no money.
 */
@Controller
final class LedgerController {
    private static final Set<Role> BUREAU = EnumSet.of(Role.REVIEWER, Role.DIRECTOR);
    private static final int MAX_ENTRIES = 1000;

    private final LedgerQueries queries;

    LedgerController(LedgerQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/ui/ledger")
    String ledger(@AuthenticationPrincipal SignedIn me, @RequestParam(name = "month", required = false) String month,
                  @RequestParam(name = "institution", required = false) String institution, Model model) {
        Optional<String> of = scope(me.account(), institution);
        Optional<String> in = given(month);
        List<Row> rows = queries.sums(in, of);
        model.addAttribute("rows", rows);
        model.addAttribute("totals", rows.stream().map(Row::sums).reduce(Sums.of(Map.of()), Sums::plus));
        filters(me.account(), in, of, model);
        return "ledger/ledger";
    }

    @GetMapping("/ui/ledger/entries")
    String entries(@AuthenticationPrincipal SignedIn me, @RequestParam(name = "month", required = false) String month,
                   @RequestParam(name = "institution", required = false) String institution, Model model) {
        Optional<String> of = scope(me.account(), institution);
        Optional<String> in = given(month);
        List<Entry> entries = queries.entries(in, of, MAX_ENTRIES + 1);
        model.addAttribute("entries", entries.subList(0, Math.min(entries.size(), MAX_ENTRIES)));
        model.addAttribute("more", entries.size() > MAX_ENTRIES);
        model.addAttribute("max", MAX_ENTRIES);
        filters(me.account(), in, of, model);
        return "ledger/entries";
    }

    /**
     * The institution the page is about: what the request names, for the bureau; the user's own, for an
     * institution user, who may not name another.
     */
    private static Optional<String> scope(Account account, String requested) {
        Optional<String> named = given(requested);
        if (account.role() == Role.INSTITUTION) {
            if (named.isPresent() && !named.equals(account.institution())) {
                throw new AccessDeniedException("an institution sees only its own ledger");
            }
            return account.institution();
        }
        if (!BUREAU.contains(account.role())) {
            throw new AccessDeniedException("the ledger is for the reviewers, the directors and the institutions");
        }
        return named;
    }

    private static Optional<String> given(String parameter) {
        return Optional.ofNullable(parameter).map(String::strip).filter(s -> !s.isEmpty());
    }

    private void filters(Account account, Optional<String> month, Optional<String> institution, Model model) {
        boolean bureau = account.role() != Role.INSTITUTION;
        model.addAttribute("bureau", bureau);
        model.addAttribute("kinds", LedgerKind.values());
        model.addAttribute("month", month.orElse(""));
        model.addAttribute("institution", institution.orElse(""));
        model.addAttribute("months", queries.months(bureau ? Optional.empty() : institution));
        model.addAttribute("institutions", bureau ? queries.institutions() : List.of());
    }

}
