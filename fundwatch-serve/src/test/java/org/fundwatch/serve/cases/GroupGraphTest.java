package org.fundwatch.serve.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fundwatch.serve.TestingPages;
import org.fundwatch.serve.TestingSessions;
import org.fundwatch.serve.TestingUi;
import org.junit.jupiter.api.Test;

/** The group view of a GROUP_VISITS finding: the detected group drawn as a graph, with the co-visits listed. */
class GroupGraphTest {
    private static final Pattern SHARED = Pattern.compile("<tr>\\s*<td>([0-9-]{10})</td>\\s*<td>[^<]*</td>\\s*"
            + "<td>([^<]+)</td>\\s*<td>([0-9:]{5})</td>\\s*<td>([^<]+)</td>\\s*<td>([0-9:]{5})</td>\\s*</tr>");

    private final TestingUi ui = TestingUi.shared();

    @Test
    void drawsTheGroupOfAGroupFindingWithEveryMemberJoinedOnAtLeastThreeDays() {
        var jdbc = ui.store().jdbc();
        String jrId = jdbc.sql("SELECT jr_id FROM finding WHERE vola_bhvr_type = 'GROUP_VISITS' ORDER BY jr_id LIMIT 1")
                .query(String.class).single();
        String self = jdbc.sql("SELECT psn_no FROM finding WHERE jr_id = ?").param(jrId).query(String.class).single();
        String page = TestingSessions.login(ui, "reviewer").get("/ui/findings/" + jrId).body();
        JsonNode graph = TestingPages.charts(page).stream()
                .filter(c -> c.path("series").get(0).path("type").asText().equals("graph")).findFirst().orElseThrow();
        JsonNode series = graph.path("series").get(0);
        Set<String> members = new HashSet<>();
        for (JsonNode n : series.path("data")) {
            members.add(n.path("name").asText());
            assertThat(n.path("itemStyle").path("color").asText())
                    .isEqualTo(n.path("name").asText().equals(self) ? "#c62828" : "#0b5394");
        }
        assertThat(members).contains(self).hasSizeGreaterThanOrEqualTo(5);
        // every member is a person the screening reported in a group
        Set<String> grouped = new HashSet<>(jdbc.sql("SELECT psn_no FROM finding WHERE vola_bhvr_type = "
                + "'GROUP_VISITS'").query(String.class).list());
        assertThat(grouped).containsAll(members);
        // the detected edges share at least three days; every member has one
        Map<String, Integer> strongest = new HashMap<>();
        for (JsonNode l : series.path("links")) {
            assertThat(members).contains(l.path("source").asText(), l.path("target").asText());
            strongest.merge(l.path("source").asText(), l.path("value").asInt(), Math::max);
            strongest.merge(l.path("target").asText(), l.path("value").asInt(), Math::max);
        }
        assertThat(members).allSatisfy(m -> assertThat(strongest.getOrDefault(m, 0)).as(m)
                .isGreaterThanOrEqualTo(3));

        List<String[]> shared = new ArrayList<>();
        Matcher m = SHARED.matcher(page.substring(page.indexOf("id=\"group-visits\"")));
        while (m.find()) {
            shared.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
        }
        assertThat(shared).hasSizeGreaterThanOrEqualTo(members.size());
        for (String[] s : shared) {
            assertThat(members).contains(s[1], s[3]);
            long minutes = Math.abs(Duration.between(LocalTime.parse(s[2]), LocalTime.parse(s[4])).toMinutes());
            assertThat(minutes).as(String.join(" ", s)).isLessThanOrEqualTo(60);
        }
    }

    @Test
    void showsNoGroupOnAFindingOfAnotherType() {
        String jrId = ui.store().jdbc().sql("SELECT jr_id FROM finding WHERE vola_bhvr_type = 'OVER_PRICE_CAP' "
                + "ORDER BY jr_id LIMIT 1").query(String.class).single();
        String page = TestingSessions.login(ui, "auditor").get("/ui/findings/" + jrId).body();
        assertThat(page).doesNotContain("id=\"group\"");
    }

    @Test
    void speaksEnglishOnLangEn() {
        String jrId = ui.store().jdbc().sql("SELECT jr_id FROM finding WHERE vola_bhvr_type = 'GROUP_VISITS' "
                + "ORDER BY jr_id LIMIT 1").query(String.class).single();
        String page = TestingSessions.login(ui, "reviewer").get("/ui/findings/" + jrId + "?lang=en").body();
        assertThat(page).contains("who visited the same institution within 60 minutes of each other")
                .doesNotContain("共同就诊团伙：");
    }
}
