package org.fundwatch.serve.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fundwatch.serve.dashboard.DashboardQueries.AssigneeRow;
import org.fundwatch.serve.dashboard.DashboardQueries.Figures;
import org.fundwatch.serve.dashboard.DashboardQueries.InstitutionRow;
import org.fundwatch.serve.dashboard.DashboardQueries.LedgerRow;
import org.fundwatch.serve.dashboard.DashboardQueries.MonthRow;
import org.fundwatch.serve.dashboard.DashboardQueries.StateRow;
import org.fundwatch.serve.dashboard.DashboardQueries.TypeRow;
import org.fundwatch.serve.ledger.LedgerKind;
import org.fundwatch.serve.web.SignedIn;
import org.fundwatch.workflow.users.Role;
import org.springframework.context.MessageSource;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;

import org.springframework.web.bind.annotation.GetMapping;


/**
 * {@code GET /ui/dashboard} (工作台), for the bureau's auditors, reviewers and directors: the totals of the store
 * and six charts, each from one aggregate ({@link LatestFigures}); the cards are added up from the charts' groups.
 */
@Controller
final class DashboardController {
    private static final Set<Role> ALLOWED = EnumSet.of(Role.AUDITOR, Role.REVIEWER, Role.DIRECTOR);
    private final LatestFigures figures;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final Clock clock;

    DashboardController(LatestFigures figures, ObjectMapper json, MessageSource messages, Clock clock) {
        this.figures = figures;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    /** The cards: settlements, findings, open and overdue work, and the money booked per kind. */
    record Totals(long settlements, BigDecimal fundPaid, long findings, BigDecimal amount, long open, long overdue,
                  Map<LedgerKind, BigDecimal> booked) {
    }

    @GetMapping("/ui/dashboard")
    String dashboard(@AuthenticationPrincipal SignedIn me, Locale locale, Model model) {
        if (!ALLOWED.contains(me.account().role())) {
            throw new AccessDeniedException("the dashboard is for the bureau's auditors, reviewers and directors");
        }
        boolean en = "en".equals(locale.getLanguage());
        Figures f = figures.at(LocalDate.now(clock));
        List<TypeRow> types = f.types();
        List<MonthRow> months = f.months();
        List<InstitutionRow> institutions = f.institutions();
        List<StateRow> states = f.states();
        List<AssigneeRow> workload = f.workload();
        List<LedgerRow> ledger = f.ledger();

        Map<LedgerKind, BigDecimal> booked = new EnumMap<>(LedgerKind.class);
        for (LedgerKind k : LedgerKind.values()) {
            booked.put(k, BigDecimal.ZERO);
        }
        ledger.forEach(r -> booked.merge(r.kind(), r.amount(), BigDecimal::add));
        model.addAttribute("totals", new Totals(
                months.stream().mapToLong(MonthRow::settlements).sum(),
                months.stream().map(MonthRow::fundPaid).reduce(BigDecimal.ZERO, BigDecimal::add),
                months.stream().mapToLong(MonthRow::findings).sum(),
                months.stream().map(MonthRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                workload.stream().mapToLong(w -> w.open() + w.overdue()).sum(),
                workload.stream().mapToLong(AssigneeRow::overdue).sum(),
                booked));

        model.addAttribute("typeChart", ChartOption.overCategories(json, text("dashboard.chart.byType", locale),
                        types.stream().map(t -> t.type().in(en)).toList(),
                        text("chart.findings", locale), text("chart.yuan", locale))
                .bars(text("chart.findings", locale), types.stream().map(TypeRow::findings).toList())
                .bars(text("chart.amount", locale), types.stream().map(TypeRow::amount).toList(), 1)
                .toJson());
        model.addAttribute("monthChart", ChartOption.overCategories(json, text("dashboard.chart.byMonth", locale),
                        months.stream().map(MonthRow::month).toList(),
                        text("chart.findings", locale), text("chart.yuan", locale))
                .line(text("chart.findings", locale), months.stream().map(MonthRow::findings).toList(), 0)
                .line(text("chart.amount", locale), months.stream().map(MonthRow::amount).toList(), 1)
                .line(text("chart.fundPaid", locale), months.stream().map(MonthRow::fundPaid).toList(), 1)
                .toJson());
        model.addAttribute("institutionChart", ChartOption.horizontal(json,
                        text("dashboard.chart.topInstitutions", locale),
                        institutions.stream().map(InstitutionRow::name).toList(), text("chart.yuan", locale))
                .bars(text("chart.amount", locale), institutions.stream().map(InstitutionRow::amount).toList())
                .toJson());
        model.addAttribute("stateChart", ChartOption.pie(json, text("dashboard.chart.byState", locale),
                text("chart.findings", locale),
                states.stream().map(s -> en ? s.state().en() : s.state().zh()).toList(),
                states.stream().map(StateRow::findings).toList()).toJson());
        model.addAttribute("workloadChart", ChartOption.overCategories(json, text("dashboard.chart.workload", locale),
                        workload.stream().map(w -> w.username().isPresent() ? w.displayName()
                                : text("chart.unassigned", locale)).toList(),
                        text("chart.findings", locale))
                .stackedBars(text("chart.notOverdue", locale), workload.stream().map(AssigneeRow::open).toList())
                .stackedBars(text("chart.overdue", locale), workload.stream().map(AssigneeRow::overdue).toList())
                .toJson());
        model.addAttribute("ledgerChart", ChartOption.stacked(json, text("dashboard.chart.ledger", locale),
                text("chart.yuan", locale), ledger, LedgerRow::month,
                r -> en ? r.kind().en() : r.kind().zh(), LedgerRow::amount).toJson());
        return "dashboard/dashboard";
    }


    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
