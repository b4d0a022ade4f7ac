package org.fundwatch.serve.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An ECharts option, the JSON a page puts in the {@code data-chart} attribute of a {@code <div class="chart">} for
 * {@code fundwatch.js} to draw: a titled chart over categories (bars, stacked bars, lines, one or two value axes)
 * or a pie. Values are the figures of one aggregate, aligned with the categories; a missing one is {@code null}
 * (a gap).
 */
public final class ChartOption {
    private static final int ROTATE_LABELS_ABOVE = 6;

    private final ObjectMapper json;
    private final ObjectNode root;
    private final ArrayNode series;
    private final int categories;

    private ChartOption(ObjectMapper json, String title, int categories) {
        this.json = Objects.requireNonNull(json, "json is null");
        this.root = json.createObjectNode();
        this.categories = categories;
        root.putObject("title").put("text", title).put("left", "left").putObject("textStyle").put("fontSize", 13);
        root.putObject("legend").put("type", "scroll").put("bottom", 0);
        root.putObject("grid").put("left", 10).put("right", 10).put("top", 45).put("bottom", 35)
                .put("containLabel", true);
        this.series = root.putArray("series");
    }

    /**
     * A chart over {@code categories} along the x axis, with one value axis per name in {@code valueAxes}
     * (the first on the left, the second on the right).
     */
    public static ChartOption overCategories(ObjectMapper json, String title, List<String> categories,
                                             String... valueAxes) {
        if (valueAxes.length < 1 || valueAxes.length > 2) {
            throw new IllegalArgumentException("a chart has one or two value axes, not " + valueAxes.length);
        }
        ChartOption c = new ChartOption(json, title, categories.size());
        c.root.putObject("tooltip").put("trigger", "axis");
        ObjectNode x = c.root.putObject("xAxis").put("type", "category");
        categories.forEach(x.putArray("data")::add);
        if (categories.size() > ROTATE_LABELS_ABOVE) {
            x.putObject("axisLabel").put("interval", 0).put("rotate", 35);
        }
        ArrayNode y = c.root.putArray("yAxis");
        for (int i = 0; i < valueAxes.length; i++) {
            ObjectNode axis = y.addObject().put("type", "value").put("name", valueAxes[i]);
            if (i == 1) {
                axis.putObject("splitLine").put("show", false);
            }
        }
        return c;
    }

    /** Bars along the y axis, one per category (for long names such as institutions'), the first at the top. */
    public static ChartOption horizontal(ObjectMapper json, String title, List<String> categories, String valueAxis) {
        ChartOption c = new ChartOption(json, title, categories.size());
        c.root.putObject("tooltip").put("trigger", "axis");
        ObjectNode y = c.root.putObject("yAxis").put("type", "category").put("inverse", true);
        categories.forEach(y.putArray("data")::add);
        y.putObject("axisLabel").put("width", 160).put("overflow", "truncate");
        c.root.putObject("xAxis").put("type", "value").put("name", valueAxis);
        return c;
    }

    /** A ring of slices, {@code names} and {@code values} aligned. */
    public static ChartOption pie(ObjectMapper json, String title, String name, List<String> names,
                                  List<? extends Number> values) {
        requireAligned(names.size(), values);
        ChartOption c = new ChartOption(json, title, names.size());
        c.root.putObject("tooltip").put("trigger", "item");
        ObjectNode s = c.series.addObject().put("type", "pie").put("name", name);
        s.putArray("radius").add("35%").add("65%");
        ArrayNode data = s.putArray("data");
        for (int i = 0; i < names.size(); i++) {
            ObjectNode slice = data.addObject().put("name", names.get(i));
            put(slice, "value", values.get(i));
        }
        return c;
    }

    /**
     * Stacked bars from the groups of an aggregate: one bar per category (in their natural order, months for
     * instance), one stacked series per series name (the largest in total first), the values of the rows that
     * share both summed.
     */
    public static <R> ChartOption stacked(ObjectMapper json, String title, String valueAxis, List<R> rows,
                                          Function<R, String> category, Function<R, String> seriesName,
                                          Function<R, ? extends Number> value) {
        SortedSet<String> categories = new TreeSet<>();
        Map<String, Map<String, BigDecimal>> bySeries = new LinkedHashMap<>();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        for (R row : rows) {
            String c = category.apply(row);
            String name = seriesName.apply(row);
            BigDecimal v = decimal(value.apply(row));
            categories.add(c);
            bySeries.computeIfAbsent(name, k -> new LinkedHashMap<>()).merge(c, v, BigDecimal::add);
            totals.merge(name, v, BigDecimal::add);
        }
        List<String> x = List.copyOf(categories);
        ChartOption chart = overCategories(json, title, x, valueAxis);
        Comparator<Map.Entry<String, BigDecimal>> largestFirst = Map.Entry.<String, BigDecimal>comparingByValue()
                .reversed().thenComparing(Map.Entry.comparingByKey());
        totals.entrySet().stream().sorted(largestFirst).forEach(e -> chart.stackedBars(e.getKey(),
                        x.stream().map(c -> bySeries.get(e.getKey()).getOrDefault(c, BigDecimal.ZERO)).toList()));
        return chart;
    }

    private static BigDecimal decimal(Number v) {
        if (v == null) {
            return BigDecimal.ZERO;
        }
        return v instanceof BigDecimal d ? d : v instanceof Long || v instanceof Integer
                ? BigDecimal.valueOf(v.longValue()) : BigDecimal.valueOf(v.doubleValue());
    }

    /** Bars on the left value axis. */
    public ChartOption bars(String name, List<? extends Number> values) {
        return add("bar", name, values, 0, null);
    }

    /** Bars on value axis {@code axis} (0 left, 1 right). */
    public ChartOption bars(String name, List<? extends Number> values, int axis) {
        return add("bar", name, values, axis, null);
    }

    /** Bars stacked on the others added with this method. */
    public ChartOption stackedBars(String name, List<? extends Number> values) {
        return add("bar", name, values, 0, "total");
    }

    /** A line on value axis {@code axis} (0 left, 1 right). */
    public ChartOption line(String name, List<? extends Number> values, int axis) {
        return add("line", name, values, axis, null);
    }

    private ChartOption add(String type, String name, List<? extends Number> values, int axis, String stack) {
        requireAligned(categories, values);
        ObjectNode s = series.addObject().put("type", type).put("name", name);
        if (axis != 0) {
            s.put("yAxisIndex", axis);
        }
        if (stack != null) {
            s.put("stack", stack);
        }
        ArrayNode data = s.putArray("data");
        values.forEach(v -> add(data, v));
        return this;
    }

    private static void requireAligned(int categories, List<? extends Number> values) {
        if (values.size() != categories) {
            throw new IllegalArgumentException(values.size() + " values for " + categories + " categories");
        }
    }

    private static void add(ArrayNode data, Number v) {
        if (v == null) {
            data.addNull();
        } else if (v instanceof BigDecimal d) {
            data.add(d);
        } else if (v instanceof Long || v instanceof Integer) {
            data.add(v.longValue());
        } else {
            data.add(v.doubleValue());
        }
    }

    private static void put(ObjectNode node, String field, Number v) {
        if (v == null) {
            node.putNull(field);
        } else if (v instanceof BigDecimal d) {
            node.put(field, d);
        } else if (v instanceof Long || v instanceof Integer) {
            node.put(field, v.longValue());
        } else {
            node.put(field, v.doubleValue());
        }
    }

    /** The option as JSON. */
    public String toJson() {
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values did not serialise", e);
        }
    }

    @Override
    public String toString() {
        return toJson();
    }
}
