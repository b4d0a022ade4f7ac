package org.fundwatch.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/** What a test reads off a rendered page: the charts' options, an element's text by id. */
public final class TestingPages {
    private static final Pattern CHART = Pattern.compile("data-chart=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestingPages() {
    }

    /** Every {@code data-chart} attribute of the page, parsed as JSON as the browser's script does. */
    public static List<JsonNode> charts(String html) {
        List<JsonNode> charts = new ArrayList<>();
        Matcher m = CHART.matcher(html);
        while (m.find()) {
            String option = HtmlUtils.htmlUnescape(m.group(1));
            try {
                charts.add(JSON.readTree(option));
            } catch (JsonProcessingException e) {
                throw new AssertionError("a chart's option is not JSON: " + option, e);
            }
        }
        return charts;
    }

    /** The text of the element with {@code id} (its content up to the next tag), unescaped and stripped. */
    public static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no element with id " + id);
        }
        return HtmlUtils.htmlUnescape(m.group(1)).strip();
    }
}
