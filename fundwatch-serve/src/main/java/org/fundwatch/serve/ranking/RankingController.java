package org.fundwatch.serve.ranking;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.ranking.RiskRanking.Entry;
import org.fundwatch.ranking.RiskRanking.SubjectKind;
import org.fundwatch.serve.dashboard.ChartOption;
import org.fundwatch.serve.web.PersonalData;
import org.fundwatch.serve.web.SignedIn;
import org.fundwatch.workflow.ranking.RankingFacts;
import org.fundwatch.workflow.store.ComputedOnChange;
import org.fundwatch.workflow.store.StoreStamp;
import org.fundwatch.workflow.users.Account;
import org.fundwatch.workflow.users.Role;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /ui/ranking?kind=institution|physician|person}: the first {@value #SHOWN} of one kind of the risk
 * ranking, each with the parts of its score and a link to its profile or its largest finding; for the auditors,
 * reviewers, directors and the administrator, never for an institution's users. Persons' names and ID numbers are
 * masked for the roles that do not see personal data; for the others every person shown is logged as viewed.
 */
@Controller
final class RankingController {
    static final int SHOWN = 100;
    private static final int CHARTED = 20;
    private static final Set<Role> ALLOWED = EnumSet.of(Role.AUDITOR, Role.REVIEWER, Role.DIRECTOR, Role.ADMIN);
    private static final Set<Role> BUREAU = EnumSet.of(Role.AUDITOR, Role.REVIEWER, Role.DIRECTOR);

    private final RankingFacts facts;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final Clock clock;
    /** Ranking every subject over a million findings takes seconds: once per change of the store. */
    private final ComputedOnChange<StoreStamp, RankingFacts.Ranked> latest = new ComputedOnChange<>();

    RankingController(RankingFacts facts, JdbcClient jdbc, ObjectMapper json, MessageSource messages, Clock clock) {
        this.facts = facts;
        this.jdbc = jdbc;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    /** One row of the page: the entry, its label and, when the viewer may follow it, where it links. */
    record Row(Entry entry, String label, String detail, Optional<String> link) {
    }

    @GetMapping("/ui/ranking")
    String ranking(@AuthenticationPrincipal SignedIn me, @RequestParam(name = "kind", defaultValue = "institution")
                   String kind, Locale locale, Model model) {
        Account account = me.account();
        if (!ALLOWED.contains(account.role())) {
            throw new AccessDeniedException("the risk ranking is for the bureau's roles and the administrator");
        }
        SubjectKind shown = switch (kind) {
            case "physician" -> SubjectKind.PHYSICIAN;
            case "person" -> SubjectKind.PERSON;
            default -> SubjectKind.INSTITUTION;
        };
        RankingFacts.Ranked ranked = latest.at(StoreStamp.read(jdbc), facts::rank);
        List<Entry> entries = ranked.ranking().get(shown);
        List<Entry> top = entries.subList(0, Math.min(SHOWN, entries.size()));
        boolean links = BUREAU.contains(account.role());
        Map<String, String> names = new HashMap<>();
        jdbc.sql("SELECT fixmedins_code, fixmedins_name FROM institution")
                .query((rs, i) -> names.put(rs.getString(1), rs.getString(2))).list();
        List<Row> rows = switch (shown) {
            case INSTITUTION -> top.stream().map(e -> new Row(e, names.getOrDefault(e.subject().key(),
                    e.subject().key()), e.subject().key(), links ? Optional.of("/ui/institutions/" + e.subject().key())
                    : Optional.empty())).toList();
            case PHYSICIAN -> top.stream().map(e -> {
                String institution = ranked.physicianInstitution().getOrDefault(e.subject().key(), "");
                return new Row(e, e.subject().key(), names.getOrDefault(institution, institution),
                        links && !institution.isEmpty() ? Optional.of("/ui/institutions/" + institution)
                                : Optional.empty());
            }).toList();
            case PERSON -> persons(account, top, links);
        };
        boolean en = "en".equals(locale.getLanguage());
        List<String> labels = rows.stream().limit(CHARTED).map(r -> "#" + r.entry().rank() + " " + r.label()).toList();
        List<Entry> charted = top.subList(0, Math.min(CHARTED, top.size()));
        model.addAttribute("kind", shown.name().toLowerCase(Locale.ROOT));
        model.addAttribute("kindLabel", en ? shown.en() : shown.zh());
        model.addAttribute("total", entries.size());
        model.addAttribute("rows", rows);
        model.addAttribute("chart", ChartOption.horizontal(json, text("ranking.chart", locale), labels,
                        text("ranking.score", locale))
                .stackedBars(text("ranking.part.findings", locale), charted.stream().map(e -> e.parts().findings())
                        .toList())
                .stackedBars(text("ranking.part.amount", locale), charted.stream().map(e -> e.parts().amount()).toList())
                .stackedBars(text("ranking.part.indicators", locale), charted.stream()
                        .map(e -> e.parts().indicators()).toList())
                .stackedBars(text("ranking.part.history", locale), charted.stream().map(e -> e.parts().history())
                        .toList())
                .toJson());
        return "ranking/ranking";
    }

    /** Persons labelled by name and ID number (masked unless the role sees personal data), linked to their largest finding. */
    private List<Row> persons(Account account, List<Entry> top, boolean links) {
        List<String> keys = top.stream().map(e -> e.subject().key()).toList();
        Map<String, String[]> person = new HashMap<>();
        Map<String, String> largest = new HashMap<>();
        if (!keys.isEmpty()) {
            String in = String.join(", ", keys.stream().map(k -> "?").toList());
            jdbc.sql("SELECT psn_no, psn_name, certno FROM person WHERE psn_no IN (" + in + ")").params(keys)
                    .query((rs, i) -> person.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)}))
                    .list();
            jdbc.sql("SELECT DISTINCT ON (psn_no) psn_no, jr_id FROM finding WHERE psn_no IN (" + in + ") AND state "
                            + "NOT IN ('DISMISSED', 'OVERTURNED') ORDER BY psn_no, vola_amt DESC NULLS LAST, jr_id")
                    .params(keys).query((rs, i) -> largest.put(rs.getString(1), rs.getString(2))).list();
        }
        boolean clear = account.role().seesPersonalData();
        LocalDateTime now = LocalDateTime.now(clock);
        return top.stream().map(e -> {
            String key = e.subject().key();
            String[] p = person.getOrDefault(key, new String[] {null, null});
            if (clear && p[0] != null) {
                jdbc.sql("INSERT INTO personal_data_view (at, viewer, role, psn_no, jr_id, purpose) "
                                + "VALUES (?, ?, ?, ?, NULL, 'risk ranking')")
                        .params(now, account.username(), account.role().name(), key).update();
            }
            String name = p[0] == null ? key : clear ? p[0] : PersonalData.name(p[0]);
            String certno = p[1] == null ? "" : clear ? p[1] : PersonalData.certno(p[1]);
            return new Row(e, name, certno, links && largest.containsKey(key)
                    ? Optional.of("/ui/findings/" + largest.get(key)) : Optional.empty());
        }).toList();
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
