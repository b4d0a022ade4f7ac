package org.fundwatch.serve.institutions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.fundwatch.screening.Indicator;
import org.fundwatch.serve.institutions.IndicatorQueries.Own;
import org.fundwatch.serve.institutions.IndicatorQueries.PeerSpread;

/**
 * One ECharts option per indicator of an institution's profile: along the months, the peers' distribution as a
 * boxplot (minimum, quartiles, maximum of the peers' values) and the institution's own value as a red line over it
 * (its trend, and where it lies among its peers). Shares and rates are shown in percent.
 */
final class IndicatorCharts {
    private static final String SELF = "#c62828";

    /** A chart and the latest month's figures, for the table over the charts (value and median as shown). */
    record Chart(Indicator indicator, String option, Own latest, String value, String median) {
    }

    /** The labels a chart needs, in the page's language. */
    record Labels(boolean en, String self, String peers, String percent) {
    }

    private IndicatorCharts() {
    }

    static List<Chart> of(ObjectMapper json, List<Own> own, List<PeerSpread> spreads, Labels labels) {
        Map<Indicator, Map<String, Own>> byIndicator = new LinkedHashMap<>();
        for (Indicator i : Indicator.values()) {
            byIndicator.put(i, new LinkedHashMap<>());
        }
        own.forEach(o -> byIndicator.get(o.indicator()).put(o.month(), o));
        Map<Indicator, Map<String, PeerSpread>> spreadOf = new LinkedHashMap<>();
        spreads.forEach(s -> spreadOf.computeIfAbsent(s.indicator(), k -> new LinkedHashMap<>()).put(s.month(), s));
        List<Chart> charts = new ArrayList<>();
        byIndicator.forEach((indicator, values) -> {
            if (values.isEmpty()) {
                return;
            }
            double scale = indicator.isShare() ? 100 : 1;
            List<String> months = List.copyOf(new TreeSet<>(values.keySet()));
            List<Object> boxes = new ArrayList<>();
            List<Object> line = new ArrayList<>();
            Map<String, PeerSpread> peers = spreadOf.getOrDefault(indicator, Map.of());
            for (String m : months) {
                PeerSpread s = peers.get(m);
                boxes.add(s == null ? "-" : List.of(round(s.min() * scale), round(s.q1() * scale),
                        round(s.median() * scale), round(s.q3() * scale), round(s.max() * scale)));
                line.add(round(values.get(m).value() * scale));
            }
            Map<String, Object> option = new LinkedHashMap<>();
            String name = labels.en() ? indicator.en() : indicator.zh();
            option.put("title", Map.of("text", name, "left", "left", "textStyle", Map.of("fontSize", 13)));
            option.put("tooltip", Map.of("trigger", "axis"));
            option.put("legend", Map.of("bottom", 0));
            option.put("grid", Map.of("left", 10, "right", 10, "top", 45, "bottom", 35, "containLabel", true));
            option.put("xAxis", Map.of("type", "category", "data", months));
            option.put("yAxis", Map.of("type", "value", "scale", true, "name", indicator.isShare() ? labels.percent()
                    : ""));
            option.put("series", List.of(
                    Map.of("type", "boxplot", "name", labels.peers(), "data", boxes,
                            "itemStyle", Map.of("color", "#dbe7f3", "borderColor", "#0b5394")),
                    Map.of("type", "line", "name", labels.self(), "data", line, "symbolSize", 8,
                            "itemStyle", Map.of("color", SELF), "lineStyle", Map.of("color", SELF, "width", 2))));
            try {
                Own latest = values.get(months.get(months.size() - 1));
                charts.add(new Chart(indicator, json.writeValueAsString(option), latest,
                        shown(indicator, latest.value()), shown(indicator, latest.peerMedian())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree of plain values did not serialise", e);
            }
        });
        return charts;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** A value as the table shows it: shares in percent. */
    static String shown(Indicator indicator, double value) {
        return indicator.isShare() ? String.format(java.util.Locale.ROOT, "%.2f%%", value * 100)
                : String.format(java.util.Locale.ROOT, "%,." + indicator.scale() + "f", value);
    }

    static String shown(Indicator indicator, Optional<Double> value) {
        return value.map(v -> shown(indicator, v)).orElse("—");
    }
}
