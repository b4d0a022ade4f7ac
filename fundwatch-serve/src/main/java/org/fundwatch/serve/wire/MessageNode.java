package org.fundwatch.serve.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON object of a request with its path in the message, read strictly: a missing required field, a value of the
 * wrong type or a bad date is a {@link Refusal} whose message names the field
 * ({@code input.data.patient_dtos[0].fsi_order_dtos[2].cnt: not a number}). Lenient only where national callers
 * differ in practice: numbers and codes may come as JSON numbers or as text, and JSON {@code null} or blank text
 * count as absent.
 */
public final class MessageNode {
    static final int MAX_INTEGER_DIGITS = 15;
    static final int MAX_FRACTION_DIGITS = 10;
    /** Jackson's pointer to where an unclosed object or array began, reduced to its line and column. */
    private static final Pattern SOURCE = Pattern.compile(
            "\\s*\\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]\\)");

    private final JsonNode node;
    private final String path;

    private MessageNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses a request body that must be one JSON object. */
    public static MessageNode parse(ObjectMapper mapper, byte[] body) {
        if (body == null || body.length == 0) {
            throw new Refusal(Refusal.Code.BAD_MESSAGE, "request body: empty, expected a JSON object");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new Refusal(Refusal.Code.BAD_MESSAGE, "request body: malformed JSON" + where + ": "
                    + SOURCE.matcher(e.getOriginalMessage()).replaceAll(" (opened at line $1, column $2)"));
        } catch (IOException e) {
            throw new Refusal(Refusal.Code.BAD_MESSAGE, "request body: unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Refusal(Refusal.Code.BAD_MESSAGE, "request body: expected a JSON object");
        }
        return new MessageNode(root, "");
    }

    /** The path of this object in the message, empty for the root. */
    public String path() {
        return path;
    }

    /** The path of one of this object's fields. */
    public String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public boolean has(String field) {
        return value(field) != null;
    }

    public MessageNode object(String field) {
        return optObject(field).orElseThrow(() -> Refusal.badField(pathOf(field), "missing"));
    }

    public Optional<MessageNode> optObject(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw Refusal.badField(pathOf(field), "not an object");
        }
        return Optional.of(new MessageNode(v, pathOf(field)));
    }

    /** A required array of objects (it may be empty). */
    public List<MessageNode> objects(String field) {
        if (value(field) == null) {
            throw Refusal.badField(pathOf(field), "missing");
        }
        return optObjects(field);
    }

    /** An array of objects; absent = empty. */
    public List<MessageNode> optObjects(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw Refusal.badField(pathOf(field), "not an array");
        }
        List<MessageNode> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            String p = pathOf(field) + "[" + i + "]";
            if (!v.get(i).isObject()) {
                throw Refusal.badField(p, "not an object");
            }
            out.add(new MessageNode(v.get(i), p));
        }
        return out;
    }

    /** A list of codes given as an array of texts or as one comma-separated text; absent = empty. */
    public Set<String> codes(String field) {
        JsonNode v = value(field);
        Set<String> out = new LinkedHashSet<>();
        if (v == null) {
            return out;
        }
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                if (!(e.isTextual() || e.isIntegralNumber())) {
                    throw Refusal.badField(pathOf(field) + "[" + i + "]", "not a text");
                }
                if (!e.asText().isBlank()) {
                    out.add(e.asText().trim());
                }
            }
            return out;
        }
        if (!v.isTextual()) {
            throw Refusal.badField(pathOf(field), "not a list or a comma-separated text");
        }
        Arrays.stream(v.asText().split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /** A list of texts given as an array; absent = empty. */
    public List<String> texts(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw Refusal.badField(pathOf(field), "not an array");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!(e.isTextual() || e.isIntegralNumber()) || e.asText().isBlank()) {
                throw Refusal.badField(pathOf(field) + "[" + i + "]", "not a text");
            }
            out.add(e.asText().trim());
        }
        return out;
    }

    public String text(String field) {
        return optText(field).orElseThrow(() -> Refusal.badField(pathOf(field), "missing"));
    }

    /** A text or code; a JSON number counts as its decimal text (codes like {@code med_type} 11). */
    public Optional<String> optText(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isTextual()) {
            return Optional.of(v.asText().trim());
        }
        if (v.isIntegralNumber()) {
            return Optional.of(v.asText());
        }
        throw Refusal.badField(pathOf(field), "not a text");
    }

    public BigDecimal number(String field) {
        return optNumber(field).orElseThrow(() -> Refusal.badField(pathOf(field), "missing"));
    }

    /**
     * A decimal given as a JSON number or as text ({@code "12.50"}), with at most {@value #MAX_INTEGER_DIGITS}
     * integer and {@value #MAX_FRACTION_DIGITS} fraction digits.
     */
    public Optional<BigDecimal> optNumber(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return Optional.empty();
        }
        BigDecimal n = null;
        if (v.isNumber()) {
            n = v.decimalValue();
        } else if (v.isTextual()) {
            try {
                n = new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        if (n == null) {
            throw Refusal.badField(pathOf(field), "not a number");
        }
        BigDecimal significant = n.stripTrailingZeros();
        if (significant.scale() > MAX_FRACTION_DIGITS
                || significant.precision() - significant.scale() > MAX_INTEGER_DIGITS) {
            throw Refusal.badField(pathOf(field), "out of range (at most " + MAX_INTEGER_DIGITS + " integer and "
                    + MAX_FRACTION_DIGITS + " fraction digits): " + v.asText());
        }
        return Optional.of(n);
    }

    public int integer(String field) {
        return optInteger(field).orElseThrow(() -> Refusal.badField(pathOf(field), "missing"));
    }

    public Optional<Integer> optInteger(String field) {
        Optional<BigDecimal> n;
        try {
            n = optNumber(field);
        } catch (Refusal e) {
            throw Refusal.badField(pathOf(field), "not an integer");
        }
        if (n.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(n.get().intValueExact());
        } catch (ArithmeticException e) {
            throw Refusal.badField(pathOf(field), "not an integer");
        }
    }

    public LocalDateTime time(String field) {
        return optTime(field).orElseThrow(() -> Refusal.badField(pathOf(field), "missing"));
    }

    /**
     * A local date-time as {@code yyyy-MM-dd HH:mm:ss}, with {@code T} instead of the space, optional seconds and
     * fraction; a bare date {@code yyyy-MM-dd} is its start.
     */
    public Optional<LocalDateTime> optTime(String field) {
        Optional<String> t = optText(field);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String s = t.get();
        try {
            if (s.length() == 10) {
                return Optional.of(LocalDate.parse(s).atStartOfDay());
            }
            if (s.length() > 10 && s.charAt(10) == ' ') {
                s = s.substring(0, 10) + 'T' + s.substring(11);
            }
            return Optional.of(LocalDateTime.parse(s));
        } catch (DateTimeParseException e) {
            throw Refusal.badField(pathOf(field), "not a date-time (yyyy-MM-dd HH:mm:ss): \"" + t.get() + "\"");
        }
    }

    /** A date {@code yyyy-MM-dd}; a date-time gives its day. */
    public Optional<LocalDate> optDate(String field) {
        Optional<String> t = optText(field);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return optTime(field).map(LocalDateTime::toLocalDate);
        } catch (Refusal e) {
            throw Refusal.badField(pathOf(field), "not a date (yyyy-MM-dd): \"" + t.get() + "\"");
        }
    }

    /** The field's value, null when absent, JSON null or blank text. */
    private JsonNode value(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isMissingNode() || (v.isTextual() && v.asText().isBlank())) {
            return null;
        }
        return v;
    }
}
