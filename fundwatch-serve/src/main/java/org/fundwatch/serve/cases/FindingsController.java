package org.fundwatch.serve.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fundwatch.rules.ViolationType;
import org.fundwatch.serve.web.SignedIn;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.CaseAction;
import org.fundwatch.workflow.cases.CaseCommand;
import org.fundwatch.workflow.cases.CaseState;
import org.fundwatch.workflow.cases.Cases;
import org.fundwatch.workflow.cases.Evidence;
import org.fundwatch.workflow.cases.MeasureKind;
import org.fundwatch.workflow.cases.Referral;
import org.fundwatch.workflow.cases.WorkflowException;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The findings queue (疑点清单) and a finding's page (疑点详情): filters, keyset pages, bulk actions, the Excel
 * export, the workflow's actions with their forms, and the evidence files. Every action goes through
 * {@link Cases}, which checks role, institution and state again; this controller only shows what the role may do.
 */
@Controller
final class FindingsController {
    private static final Map<String, String> TYPE_NAMES = java.util.Arrays.stream(ViolationType.values())
            .collect(Collectors.toMap(Enum::name, ViolationType::chineseName));

    /** The Excel export's limit: the rows of one sheet. */
    static final int EXPORT_LIMIT = 1_048_575;

    private final FindingQueue queue;
    private final FindingCase cases;
    private final Cases workflow;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final Clock clock;
    private final CjkFont font;

    FindingsController(FindingQueue queue, FindingCase cases, Cases workflow, ObjectMapper json,
                       MessageSource messages, Clock clock, CjkFont font) {
        this.font = font;
        this.queue = queue;
        this.cases = cases;
        this.workflow = workflow;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/ui/findings")
    String queue(@AuthenticationPrincipal SignedIn me, @RequestParam Map<String, String> query, Model model,
                 @RequestHeader(value = "HX-Request", required = false) String htmx) {
        Actor actor = actorOf(me);
        QueueFilter filter = QueueFilter.of(query);
        FindingQueue.Page page = queue.page(actor, filter);
        model.addAttribute("filter", filter);
        model.addAttribute("query", filter.asQuery());
        model.addAttribute("page", page);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("types", ViolationType.values());
        model.addAttribute("typeNames", TYPE_NAMES);
        model.addAttribute("states", CaseState.values());
        model.addAttribute("nextUrl", page.next().map(n -> url("/ui/findings", filter.asQuery(), Map.of("after", n)))
                .orElse(null));
        model.addAttribute("firstUrl", url("/ui/findings", filter.asQuery(), Map.of()));
        model.addAttribute("exportUrl", url("/ui/findings/export.xlsx", filter.asQuery(), Map.of()));
        model.addAttribute("returnQuery", url("", filter.asQuery(), Map.of()));
        model.addAttribute("bulkActions", bulkActions(actor));
        return htmx != null ? "findings :: results" : "findings";
    }

    /** The actions a role may take on many findings at once. */
    private static List<CaseAction> bulkActions(Actor actor) {
        List<CaseAction> actions = new ArrayList<>();
        for (CaseAction a : List.of(CaseAction.PUSH, CaseAction.DISMISS, CaseAction.ASSIGN, CaseAction.ACCEPT,
                CaseAction.INVESTIGATE)) {
            if (a.allowedFor(actor.role())) {
                actions.add(a);
            }
        }
        return actions;
    }

    @PostMapping("/ui/findings/bulk")
    String bulk(@AuthenticationPrincipal SignedIn me, @RequestParam(name = "ids", required = false) List<String> ids,
                @RequestParam("action") String action, @RequestParam(name = "reason", defaultValue = "") String reason,
                @RequestParam(name = "assignee", defaultValue = "") String assignee,
                @RequestParam(name = "return", defaultValue = "") String back, RedirectAttributes flash,
                Locale locale) {
        String target = "redirect:/ui/findings" + (back.startsWith("?") ? back : "");
        if (ids == null || ids.isEmpty()) {
            flash.addFlashAttribute("flashError", messages.getMessage("action.refused",
                    new Object[] {0, "—"}, locale));
            return target;
        }
        CaseAction a = parseAction(action);
        CaseCommand command = a == CaseAction.ASSIGN ? CaseCommand.assign(assignee.strip(), reason)
                : CaseCommand.of(a, reason);
        try {
            Cases.Outcome outcome = workflow.act(actorOf(me), ids.stream().limit(5_000).toList(), command);
            flash.addFlashAttribute("flashOk", messages.getMessage("action.done",
                    new Object[] {outcome.done().size()}, locale));
            if (!outcome.refused().isEmpty()) {
                flash.addFlashAttribute("flashError", messages.getMessage("action.refused",
                        new Object[] {outcome.refused().size(), outcome.refused().values().stream().distinct()
                                .limit(3).collect(Collectors.joining("; "))}, locale));
            }
        } catch (WorkflowException e) {
            refuse(e);
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return target;
    }

    @GetMapping("/ui/findings/export.xlsx")
    void export(@AuthenticationPrincipal SignedIn me, @RequestParam Map<String, String> query,
                HttpServletResponse response, Locale locale) throws IOException {
        Actor actor = actorOf(me);
        QueueFilter filter = QueueFilter.of(query);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("findings-" + LocalDate.now(clock) + ".xlsx", StandardCharsets.UTF_8).build().toString());
        try (OutputStream out = response.getOutputStream()) {
            ExcelExport.write(out, "en".equals(locale.getLanguage()), sink -> queue.each(actor, filter, EXPORT_LIMIT,
                    sink));
        }
    }

    @GetMapping("/ui/findings/{jrId}")
    String finding(@AuthenticationPrincipal SignedIn me, @PathVariable String jrId, Locale locale, Model model)
            throws IOException {
        Actor actor = actorOf(me);
        FindingCase.Finding f = visible(actor, jrId);
        List<FindingCase.Visit> timeline = cases.timeline(f);
        model.addAttribute("f", f);
        model.addAttribute("person", cases.person(actor, f).orElse(null));
        model.addAttribute("lines", cases.lines(f));
        model.addAttribute("timeline", timeline);
        model.addAttribute("timelineChart", json.writeValueAsString(TimelineChart.option(f, timeline)));
        Optional<GroupGraph.Group> group = cases.group(f);
        model.addAttribute("group", group.orElse(null));
        model.addAttribute("groupChart", group.isEmpty() ? null : json.writeValueAsString(GroupGraph.option(
                group.get(), f.psnNo(), messages.getMessage("finding.group.chart", null, locale))));
        model.addAttribute("history", cases.history(actor, f));
        model.addAttribute("submissions", cases.submissions(f));
        List<FindingCase.Measure> measures = cases.measures(f);
        model.addAttribute("measures", measures);
        model.addAttribute("notices", Notices.available(f, measures));
        model.addAttribute("actions", CaseAction.available(f.state(), actor.role()).stream()
                .filter(a -> !a.name().startsWith("EXPIRE_")).toList());
        model.addAttribute("agreementMeasures", EnumSet.of(MeasureKind.INTERVIEW, MeasureKind.RECTIFICATION,
                MeasureKind.SUSPEND_PAYMENT, MeasureKind.SUSPEND_SERVICE, MeasureKind.TERMINATE_AGREEMENT));
        model.addAttribute("referrals", Referral.values());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("typeName", typeName(f.type()));
        return "finding";
    }

    @PostMapping("/ui/findings/{jrId}/act")
    String act(@AuthenticationPrincipal SignedIn me, @PathVariable String jrId, @RequestParam("action") String action,
               @RequestParam Map<String, String> form,
               @RequestParam(name = "measures", required = false) List<String> measures,
               @RequestParam(name = "files", required = false) List<MultipartFile> files,
               RedirectAttributes flash, Locale locale) throws IOException {
        Actor actor = actorOf(me);
        visible(actor, jrId);
        try {
            workflow.act(actor, jrId, command(parseAction(action), form, measures, files));
            flash.addFlashAttribute("flashOk", messages.getMessage("action.done", new Object[] {1}, locale));
        } catch (WorkflowException e) {
            refuse(e);
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/ui/findings/" + jrId;
    }

    /** A printable notice as PDF; 404 when the finding has not reached it, 503 when no CJK font is installed. */
    @GetMapping("/ui/findings/{jrId}/notice/{kind}.pdf")
    ResponseEntity<byte[]> notice(@AuthenticationPrincipal SignedIn me, @PathVariable String jrId,
                                  @PathVariable String kind) throws IOException {
        FindingCase.Finding f = visible(actorOf(me), jrId);
        List<FindingCase.Measure> measures = cases.measures(f);
        Notices.Kind k = Notices.kind(kind).filter(x -> Notices.available(f, measures).contains(x))
                .orElseThrow(FindingsController::notFound);
        if (font.file().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "no CJK font for the notices: install "
                    + "fonts-wqy-zenhei (bin/install-test-deps) or set " + CjkFont.VARIABLE);
        }
        byte[] pdf = Notices.of(k, f, measures, workflow.settings(), LocalDate.now(clock)).render(font);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(k.title() + "-" + jrId.substring(0, 8) + ".pdf", StandardCharsets.UTF_8).build()
                        .toString())
                .body(pdf);
    }

    @GetMapping("/ui/findings/{jrId}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@AuthenticationPrincipal SignedIn me, @PathVariable String jrId,
                                    @PathVariable long evidenceId) {
        Actor actor = actorOf(me);
        visible(actor, jrId);
        FindingCase.File file = cases.evidence(actor, jrId, evidenceId).orElseThrow(FindingsController::notFound);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.name(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }

    /** The finding when the actor may see it; 404 when there is none, 403 when it is another's (or not pushed). */
    private FindingCase.Finding visible(Actor actor, String jrId) {
        return cases.finding(actor, jrId).orElseThrow(() -> cases.exists(jrId)
                ? new AccessDeniedException("finding " + jrId + " is not yours to see") : notFound());
    }

    private static CaseCommand command(CaseAction action, Map<String, String> form, List<String> measures,
                                       List<MultipartFile> files) throws IOException {
        String reason = form.getOrDefault("reason", "");
        List<Evidence> evidence = new ArrayList<>();
        if (files != null) {
            for (MultipartFile file : files) {
                if (!file.isEmpty()) {
                    evidence.add(new Evidence(Optional.ofNullable(file.getOriginalFilename()).orElse("file"),
                            Optional.ofNullable(file.getContentType()).orElse(""), file.getBytes()));
                }
            }
        }
        return switch (action) {
            case ASSIGN -> CaseCommand.assign(form.getOrDefault("assignee", "").strip(), reason);
            case APPEAL -> CaseCommand.appeal(reason, evidence);
            case STATE_DEFENCE -> CaseCommand.statement(reason, evidence);
            case DECIDE_AGREEMENT -> {
                Set<MeasureKind> kinds = EnumSet.noneOf(MeasureKind.class);
                for (String m : measures == null ? List.<String>of() : measures) {
                    kinds.add(enumOf(MeasureKind.class, m, "measures"));
                }
                yield CaseCommand.agreement(amount(form, "deduction"), amount(form, "damages"), kinds,
                        integer(form, "days"), reason);
            }
            case NOTIFY_PENALTY, DECIDE_PENALTY -> CaseCommand.penalty(action, amount(form, "deduction"),
                    amount(form, "fineMultiple").orElseThrow(() -> bad("fineMultiple is required")),
                    "on".equals(form.get("fraud")) || "true".equals(form.get("fraud")), reason);
            case REFER -> CaseCommand.refer(enumOf(Referral.class, form.getOrDefault("referral", ""), "referral"),
                    reason);
            default -> CaseCommand.of(action, reason);
        };
    }

    private static Optional<BigDecimal> amount(Map<String, String> form, String field) {
        String v = form.getOrDefault(field, "").strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!v.matches("[0-9]{1,12}(\\.[0-9]{1,2})?")) {
            throw bad(field + " must be an amount like 1234.50, not " + v);
        }
        return Optional.of(new BigDecimal(v));
    }

    private static Optional<Integer> integer(Map<String, String> form, String field) {
        String v = form.getOrDefault(field, "").strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!v.matches("[0-9]{1,3}")) {
            throw bad(field + " must be a whole number of days, not " + v);
        }
        return Optional.of(Integer.valueOf(v));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw bad(field + ": no such value " + value);
        }
    }

    private static CaseAction parseAction(String action) {
        try {
            return CaseAction.valueOf(action);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no such action");
        }
    }

    private static WorkflowException bad(String message) {
        return new WorkflowException(WorkflowException.Code.BAD_REQUEST, message);
    }

    /** Forbidden and not-found refusals become 403 and 404; the rest are shown on the page. */
    private static void refuse(WorkflowException e) {
        switch (e.code()) {
            case FORBIDDEN -> throw new AccessDeniedException(e.getMessage());
            case NOT_FOUND -> throw notFound();
            default -> {
            }
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private static Actor actorOf(SignedIn me) {
        Actor actor = me.actor();
        if (actor.role() == org.fundwatch.workflow.users.Role.ADMIN) {
            throw new AccessDeniedException("an administrator works on users and rules, not on findings");
        }
        return actor;
    }

    static String typeName(String code) {
        try {
            return ViolationType.valueOf(code).chineseName();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String url(String path, Map<String, String> query, Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(query);
        all.putAll(more);
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path.isEmpty() ? "/" : path);
        all.forEach(b::queryParam);
        String u = b.encode().build().toUriString();
        return path.isEmpty() ? u.substring(1) : u;
    }
}
