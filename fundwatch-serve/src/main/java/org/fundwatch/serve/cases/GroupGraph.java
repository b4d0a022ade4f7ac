package org.fundwatch.serve.cases;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The group of a GROUP_VISITS finding (聚集性就诊/团伙): its members as the finding names them (the engine's
 * explanation lists them, {@code （N人：a,b,…）}, and the window, {@code M分钟内}), and from the case file's visits the
 * co-visits of every two members — visits at the same institution that began within the window of each other — as
 * the edges of a graph whose weight is the number of days they share; drawn as an ECharts graph, the finding's own
 * person in red.
 */
final class GroupGraph {
    private static final Pattern MEMBERS = Pattern.compile("（[0-9]+人：([0-9A-Za-z_,\\-]+)）");
    private static final Pattern WINDOW = Pattern.compile("([0-9]{1,4})分钟内");
    private static final int MAX_MEMBERS = 200;
    private static final int MAX_SHARED = 500;

    /** Two members' visits at one institution within the window of each other. */
    record SharedVisit(LocalDate day, String institution, String institutionName, String a, LocalDateTime aTime,
                       String b, LocalDateTime bTime) {
    }

    /** Two members and the days they share. */
    record Edge(String a, String b, int days) {
    }

    record Group(List<String> members, int windowMinutes, List<Edge> edges, List<SharedVisit> shared) {
    }

    private GroupGraph() {
    }

    static Optional<Group> of(JdbcClient jdbc, FindingCase.Finding f) {
        if (!"GROUP_VISITS".equals(f.type()) || f.volaCont() == null) {
            return Optional.empty();
        }
        Matcher m = MEMBERS.matcher(f.volaCont());
        if (!m.find()) {
            return Optional.empty();
        }
        List<String> members = Arrays.stream(m.group(1).split(",")).filter(s -> !s.isBlank()).distinct()
                .limit(MAX_MEMBERS).toList();
        Matcher w = WINDOW.matcher(f.volaCont());
        int window = w.find() ? Integer.parseInt(w.group(1)) : 60;
        String in = String.join(", ", members.stream().map(x -> "?").toList());
        List<Object> params = new ArrayList<>(members);
        params.addAll(members);
        params.add(window);
        params.add(window);
        List<SharedVisit> shared = jdbc.sql("""
                        SELECT a.begntime, a.fixmedins_code, i.fixmedins_name, a.psn_no, a.begntime, b.psn_no, b.begntime
                        FROM visit a JOIN visit b ON b.fixmedins_code = a.fixmedins_code AND a.psn_no < b.psn_no
                        LEFT JOIN institution i ON i.fixmedins_code = a.fixmedins_code
                        WHERE a.psn_no IN (%s) AND b.psn_no IN (%s)
                          AND b.begntime BETWEEN a.begntime - make_interval(mins => ?)
                                             AND a.begntime + make_interval(mins => ?)
                        ORDER BY a.begntime, a.psn_no, b.psn_no""".formatted(in, in))
                .params(params)
                .query((rs, i) -> new SharedVisit(rs.getObject(1, LocalDateTime.class).toLocalDate(), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getObject(5, LocalDateTime.class), rs.getString(6),
                        rs.getObject(7, LocalDateTime.class)))
                .list();
        Map<String, Set<LocalDate>> days = new LinkedHashMap<>();
        for (SharedVisit s : shared) {
            days.computeIfAbsent(s.a() + "|" + s.b(), k -> new HashSet<>()).add(s.day());
        }
        List<Edge> edges = new ArrayList<>();
        days.forEach((pair, d) -> {
            String[] ab = pair.split("\\|");
            edges.add(new Edge(ab[0], ab[1], d.size()));
        });
        return Optional.of(new Group(members, window, edges, shared.subList(0, Math.min(MAX_SHARED, shared.size()))));
    }

    /** The ECharts option: a circular graph of the members, edges as wide as the days shared, labelled with them. */
    static Map<String, Object> option(Group g, String self, String title) {
        Map<String, Integer> degree = new HashMap<>();
        for (Edge e : g.edges()) {
            degree.merge(e.a(), e.days(), Integer::sum);
            degree.merge(e.b(), e.days(), Integer::sum);
        }
        List<Object> nodes = new ArrayList<>();
        for (String member : g.members()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", member);
            n.put("value", degree.getOrDefault(member, 0));
            n.put("symbolSize", 18 + Math.min(22, degree.getOrDefault(member, 0)));
            n.put("itemStyle", Map.of("color", member.equals(self) ? "#c62828" : "#0b5394"));
            nodes.add(n);
        }
        List<Object> links = new ArrayList<>();
        for (Edge e : g.edges()) {
            links.add(Map.of("source", e.a(), "target", e.b(), "value", e.days(),
                    "lineStyle", Map.of("width", 1 + e.days(), "opacity", 0.6),
                    "label", Map.of("show", true, "formatter", String.valueOf(e.days()))));
        }
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("title", Map.of("text", title, "left", "left", "textStyle", Map.of("fontSize", 13)));
        option.put("tooltip", Map.of("trigger", "item"));
        option.put("series", List.of(Map.of("type", "graph", "layout", "circular", "roam", true,
                "label", Map.of("show", true, "position", "right"), "edgeLabel", Map.of("show", true),
                "data", nodes, "links", links)));
        return option;
    }
}
