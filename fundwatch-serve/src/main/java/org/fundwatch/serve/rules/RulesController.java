package org.fundwatch.serve.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.fundwatch.rules.PackRows;
import org.fundwatch.serve.Workbench;
import org.fundwatch.serve.web.SignedIn;
import org.fundwatch.workflow.cases.WorkflowException;
import org.fundwatch.workflow.rules.RulePacks;
import org.fundwatch.workflow.users.Role;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Rule management (规则管理): the live pack and its draft side by side, a rule's edit form, copying a rule, the
 * trial run of the draft against the live pack on the server's dataset (政策仿真: hits before and after, per rule),
 * publication under a new version, and discarding the draft. The administrator edits; reviewers and directors see.
 */
@Controller
final class RulesController {
    private final RulePacks packs;
    private final Workbench workbench;

    RulesController(RulePacks packs, Workbench workbench) {
        this.packs = packs;
        this.workbench = workbench;
    }

    /** A rule as the list shows it, with what the draft changes. */
    record RuleRow(Map<String, String> live, Map<String, String> draft, boolean changed, boolean added) {
        public String get(String column) {
            return (draft != null ? draft : live).getOrDefault(column, "");
        }

        public boolean changed(String column) {
            return changed && live != null && !live.getOrDefault(column, "").equals(draft.getOrDefault(column, ""));
        }
    }

    @GetMapping("/ui/admin/rules")
    String list(@AuthenticationPrincipal SignedIn me, Model model) {
        boolean admin = canSee(me);
        RulePacks.StoredPack live = packs.live(workbench.startPack());
        Optional<RulePacks.StoredPack> draft = packs.draft();
        model.addAttribute("live", live);
        model.addAttribute("draft", draft.orElse(null));
        model.addAttribute("rows", rows(live, draft));
        model.addAttribute("admin", admin);
        model.addAttribute("trial", workbench.trialRun().map(TrialRun::dataset).orElse(null));
        model.addAttribute("history", packs.history());
        return "rules";
    }

    @GetMapping("/ui/admin/rules/{ruleId}")
    String edit(@AuthenticationPrincipal SignedIn me, @PathVariable String ruleId, Model model) {
        requireAdmin(me);
        RulePacks.StoredPack current = packs.draft().orElse(packs.live(workbench.startPack()));
        Map<String, String> row = PackRows.read("pack", current.text().rules()).stream()
                .filter(r -> r.get("rule_id").equals(ruleId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("row", row);
        model.addAttribute("editable", new TreeSet<>(RulePacks.EDITABLE));
        return "rule";
    }

    @PostMapping("/ui/admin/rules/{ruleId}")
    String save(@AuthenticationPrincipal SignedIn me, @PathVariable String ruleId,
                @RequestParam Map<String, String> form, RedirectAttributes flash) {
        requireAdmin(me);
        Map<String, String> changes = new LinkedHashMap<>();
        for (String column : RulePacks.EDITABLE) {
            if (form.containsKey(column)) {
                changes.put(column, form.get(column));
            }
        }
        try {
            packs.editRule(me.actor(), ruleId, changes);
            flash.addFlashAttribute("flashOk", ruleId + " ✓");
            return "redirect:/ui/admin/rules";
        } catch (WorkflowException e) {
            refuse(e);
            flash.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/ui/admin/rules/" + ruleId;
        }
    }

    @PostMapping("/ui/admin/rules/copy")
    String copy(@AuthenticationPrincipal SignedIn me, @RequestParam("from") String from, @RequestParam("id") String id,
                RedirectAttributes flash) {
        requireAdmin(me);
        try {
            packs.copyRule(me.actor(), from, id.strip());
            return "redirect:/ui/admin/rules/" + id.strip();
        } catch (WorkflowException e) {
            refuse(e);
            flash.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/ui/admin/rules";
        }
    }

    @PostMapping("/ui/admin/rules/publish")
    String publish(@AuthenticationPrincipal SignedIn me, @RequestParam("version") String version,
                   @RequestParam(name = "note", defaultValue = "") String note, RedirectAttributes flash) {
        requireAdmin(me);
        try {
            RulePacks.StoredPack live = packs.publish(me.actor(), version, note);
            flash.addFlashAttribute("flashOk", live.pack().id() + " " + live.version() + " ✓");
        } catch (WorkflowException e) {
            refuse(e);
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/ui/admin/rules";
    }

    @PostMapping("/ui/admin/rules/discard")
    String discard(@AuthenticationPrincipal SignedIn me) {
        requireAdmin(me);
        packs.discardDraft(me.actor());
        return "redirect:/ui/admin/rules";
    }

    /** One rule's hits with the live pack and with the draft. */
    record Comparison(String ruleId, String name, TrialRun.Hits before, TrialRun.Hits after) {
        public boolean differs() {
            return before == null || after == null || before.findings() != after.findings()
                    || before.amount().compareTo(after.amount()) != 0;
        }
    }

    @PostMapping("/ui/admin/rules/trial")
    String trial(@AuthenticationPrincipal SignedIn me, Model model) throws IOException {
        requireAdmin(me);
        TrialRun run = workbench.trialRun().orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
                "no dataset: start fundwatch serve with --dataset for trial runs"));
        RulePacks.StoredPack live = packs.live(workbench.startPack());
        RulePacks.StoredPack draft = packs.draft().orElse(live);
        long start = System.nanoTime();
        Map<String, TrialRun.Hits> before = run.screen(live.text());
        Map<String, TrialRun.Hits> after = run.screen(draft.text());
        List<Comparison> rows = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            String name = draft.pack().rules().stream().filter(r -> r.id().equals(id)).map(r -> r.nameZh())
                    .findFirst().orElse(id);
            rows.add(new Comparison(id, name, before.get(id), after.get(id)));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("live", live);
        model.addAttribute("draft", draft);
        model.addAttribute("dataset", run.dataset());
        model.addAttribute("seconds", String.format("%.1f", (System.nanoTime() - start) / 1e9));
        model.addAttribute("totalBefore", total(before));
        model.addAttribute("totalAfter", total(after));
        return "trial";
    }

    private static TrialRun.Hits total(Map<String, TrialRun.Hits> hits) {
        long n = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (TrialRun.Hits h : hits.values()) {
            n += h.findings();
            amount = amount.add(h.amount());
        }
        return new TrialRun.Hits(n, amount, "RAN");
    }

    private static List<RuleRow> rows(RulePacks.StoredPack live, Optional<RulePacks.StoredPack> draft) {
        List<Map<String, String>> liveRows = PackRows.read("live", live.text().rules());
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        liveRows.forEach(r -> byId.put(r.get("rule_id"), r));
        List<RuleRow> rows = new ArrayList<>();
        if (draft.isEmpty()) {
            liveRows.forEach(r -> rows.add(new RuleRow(r, null, false, false)));
            return rows;
        }
        for (Map<String, String> d : PackRows.read("draft", draft.get().text().rules())) {
            Map<String, String> l = byId.get(d.get("rule_id"));
            rows.add(new RuleRow(l, d, l == null || !l.equals(d), l == null));
        }
        return rows;
    }

    private static boolean canSee(SignedIn me) {
        Role role = me.account().role();
        if (role != Role.ADMIN && role != Role.REVIEWER && role != Role.DIRECTOR) {
            throw new AccessDeniedException("rules are for the administrator, reviewers and directors");
        }
        return role == Role.ADMIN;
    }

    private static void requireAdmin(SignedIn me) {
        if (me.account().role() != Role.ADMIN) {
            throw new AccessDeniedException("only an administrator edits the rules");
        }
    }

    private static void refuse(WorkflowException e) {
        switch (e.code()) {
            case FORBIDDEN -> throw new AccessDeniedException(e.getMessage());
            case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            default -> {
            }
        }
    }
}
