package org.fundwatch.serve.cases;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECharts option of a person's visits over time: one row per institution, a point per visit (its size the
 * visit's cost), a bar from admission to discharge for stays, the finding's visit in red.
 */
final class TimelineChart {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TimelineChart() {
    }

    static Map<String, Object> option(FindingCase.Finding f, List<FindingCase.Visit> visits) {
        List<String> institutions = new ArrayList<>();
        for (FindingCase.Visit v : visits) {
            String name = v.institutionName() == null ? v.institution() : v.institutionName();
            if (!institutions.contains(name)) {
                institutions.add(name);
            }
        }
        List<Object> points = new ArrayList<>();
        List<Object> stays = new ArrayList<>();
        for (FindingCase.Visit v : visits) {
            String name = v.institutionName() == null ? v.institution() : v.institutionName();
            boolean self = v.mdtrtId().equals(f.mdtrtId());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("value", List.of(v.begin().format(TIME), name, v.medfee() == null ? 0 : v.medfee(), v.mdtrtId(),
                    v.medType(), v.diagnosis() == null ? "" : v.diagnosis()));
            p.put("itemStyle", Map.of("color", self ? "#c62828" : "#0b5394"));
            points.add(p);
            if (v.end() != null && v.end().isAfter(v.begin().plusHours(12))) {
                stays.add(List.of(v.begin().format(TIME), name));
                stays.add(List.of(v.end().format(TIME), name));
                stays.add("-"); // breaks the line between two stays
            }
        }
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("grid", Map.of("left", 160, "right", 20, "top", 20, "bottom", 40));
        option.put("tooltip", Map.of("trigger", "item"));
        option.put("xAxis", Map.of("type", "time"));
        option.put("yAxis", Map.of("type", "category", "data", institutions));
        option.put("series", List.of(
                Map.of("type", "line", "name", "住院 stay", "data", stays, "connectNulls", false, "symbol", "none",
                        "lineStyle", Map.of("width", 8, "opacity", 0.35)),
                Map.of("type", "scatter", "name", "就诊 visit", "data", points, "symbolSize", 12)));
        return option;
    }
}
