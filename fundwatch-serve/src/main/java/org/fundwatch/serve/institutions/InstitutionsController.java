package org.fundwatch.serve.institutions;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.ranking.RiskRanking;
import org.fundwatch.serve.dashboard.ChartOption;
import org.fundwatch.serve.institutions.InstitutionQueries.Header;
import org.fundwatch.serve.institutions.InstitutionQueries.LedgerRow;
import org.fundwatch.serve.institutions.InstitutionQueries.SettlementRow;
import org.fundwatch.serve.institutions.InstitutionQueries.TypeMonthRow;
import org.fundwatch.serve.ledger.LedgerKind;
import org.fundwatch.serve.web.SignedIn;
import org.fundwatch.workflow.users.Account;
import org.fundwatch.workflow.users.Role;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;


/**
 * {@code GET /ui/institutions}, the table of institutions for the bureau's roles, sortable by {@code sort}; and
 * {@code GET /ui/institutions/{code}}, an institution's profile (机构画像) for the bureau's roles and for the
 * institution's own users, who see in it only the findings pushed to them.
 */
@Controller
final class InstitutionsController {
    private static final Set<Role> BUREAU = EnumSet.of(Role.AUDITOR, Role.REVIEWER, Role.DIRECTOR);
    private static final int LARGEST_OPEN = 20;
    private static final int UNIT_OUTLIERS = 20;

    /** A department's or physician's outlying indicator-month with its value and peer median as shown. */
    record UnitOutlierRow(IndicatorQueries.UnitOutlier outlier, String value, String median) {
    }

    private final InstitutionQueries queries;
    private final IndicatorQueries indicators;
    private final ObjectMapper json;
    private final MessageSource messages;

    InstitutionsController(InstitutionQueries queries, IndicatorQueries indicators, ObjectMapper json,
                           MessageSource messages) {
        this.queries = queries;
        this.indicators = indicators;
        this.json = json;
        this.messages = messages;
    }

    /** The profile's cards. */
    record Totals(long settlements, BigDecimal fundPaid, long findings, BigDecimal amount,
                  Optional<BigDecimal> perThousand, Map<LedgerKind, BigDecimal> booked) {
    }

    @GetMapping("/ui/institutions")
    String institutions(@AuthenticationPrincipal SignedIn me,
                        @RequestParam(name = "sort", defaultValue = "amount") String sort, Model model) {
        if (!BUREAU.contains(me.account().role())) {
            throw new AccessDeniedException("the institutions table is for the bureau's roles");
        }
        InstitutionSort order = InstitutionSort.of(sort);
        model.addAttribute("sort", order.param());
        model.addAttribute("rows", queries.all(order));
        return "institutions/institutions";
    }

    @GetMapping("/ui/institutions/{code}")
    String profile(@AuthenticationPrincipal SignedIn me, @PathVariable("code") String code, Locale locale, Model model,
                   HttpServletResponse response) {
        Account account = me.account();
        boolean own = account.role() == Role.INSTITUTION && account.institution().equals(Optional.of(code));
        if (!BUREAU.contains(account.role()) && !own) {
            throw new AccessDeniedException("an institution's profile is for the bureau and the institution itself");
        }
        Optional<Header> header = queries.header(code);
        if (header.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "error/404";
        }
        boolean en = "en".equals(locale.getLanguage());
        boolean pushedOnly = account.role() == Role.INSTITUTION;
        List<TypeMonthRow> findings = queries.findingsByMonthAndType(code, pushedOnly);
        List<SettlementRow> settlements = queries.settlementsByMonth(code);
        List<LedgerRow> ledger = queries.ledgerByMonth(code);

        long settled = settlements.stream().mapToLong(SettlementRow::settlements).sum();
        long found = findings.stream().mapToLong(TypeMonthRow::findings).sum();
        Map<LedgerKind, BigDecimal> booked = new EnumMap<>(LedgerKind.class);
        for (LedgerKind k : LedgerKind.values()) {
            booked.put(k, BigDecimal.ZERO);
        }
        ledger.forEach(r -> booked.merge(r.kind(), r.amount(), BigDecimal::add));
        model.addAttribute("header", header.get());
        model.addAttribute("pushedOnly", pushedOnly);
        model.addAttribute("totals", new Totals(settled,
                settlements.stream().map(SettlementRow::fundPaid).reduce(BigDecimal.ZERO, BigDecimal::add),
                found, findings.stream().map(TypeMonthRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                settled == 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(found * 1000)
                        .divide(BigDecimal.valueOf(settled), 2, RoundingMode.HALF_UP)),
                booked));
        model.addAttribute("findingsChart", ChartOption.stacked(json, text("institution.chart.findings", locale),
                text("chart.findings", locale), findings, TypeMonthRow::month, r -> r.type().in(en),
                TypeMonthRow::findings).toJson());
        model.addAttribute("settlementChart", ChartOption.overCategories(json,
                        text("institution.chart.settlements", locale),
                        settlements.stream().map(SettlementRow::month).toList(),
                        text("chart.settlements", locale), text("chart.yuan", locale))
                .bars(text("chart.settlements", locale), settlements.stream().map(SettlementRow::settlements).toList())
                .line(text("chart.fundPaid", locale), settlements.stream().map(SettlementRow::fundPaid).toList(), 1)
                .toJson());
        model.addAttribute("ledgerChart", ChartOption.stacked(json, text("institution.chart.ledger", locale),
                text("chart.yuan", locale), ledger, LedgerRow::month, r -> en ? r.kind().en() : r.kind().zh(),
                LedgerRow::amount).toJson());
        model.addAttribute("indicatorCharts", IndicatorCharts.of(json, indicators.own(code), indicators.peers(code),
                new IndicatorCharts.Labels(en, text("institution.indicators.self", locale),
                        text("institution.indicators.peers", locale), text("institution.indicators.percent", locale))));
        model.addAttribute("unitOutliers", indicators.unitOutliers(code, RiskRanking.MIN_Z, UNIT_OUTLIERS).stream()
                .map(u -> new UnitOutlierRow(u, IndicatorCharts.shown(u.indicator(), u.value()),
                        IndicatorCharts.shown(u.indicator(), u.peerMedian()))).toList());
        model.addAttribute("appeals", queries.appeals(code));
        model.addAttribute("open", queries.largestOpen(code, pushedOnly, LARGEST_OPEN));
        return "institutions/profile";
    }


    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
