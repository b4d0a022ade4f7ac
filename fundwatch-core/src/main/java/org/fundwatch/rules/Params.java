package org.fundwatch.rules;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule's template parameters as written in the pack ({@code key=value;key=value}), read into typed values by the
 * template's config. Every key must be read: {@link #assertAllRead()} refuses a misspelt parameter instead of
 * silently running with the default.
 */
public final class Params {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.]+");

    private final String ruleId;
    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    public Params(String ruleId, Map<String, String> values) {
        this.ruleId = ruleId;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parses {@code key=value;key=value} (blank = no parameters). */
    public static Params parse(String ruleId, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new PolicyException(PolicyException.Code.BAD_PARAMETER,
                            "rule " + ruleId + ": parameter '" + part.trim() + "' is not key=value");
                }
                String key = part.substring(0, eq).trim();
                if (values.put(key, part.substring(eq + 1).trim()) != null) {
                    throw new PolicyException(PolicyException.Code.BAD_PARAMETER,
                            "rule " + ruleId + ": parameter " + key + " given twice");
                }
            }
        }
        return new Params(ruleId, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.ruleId.equals(ruleId) && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return ruleId.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> text(String key) {
        read.add(key);
        String v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public String requiredText(String key) {
        return text(key).orElseThrow(() -> bad(key, "is required"));
    }

    public int integer(String key, int defaultValue) {
        return text(key).map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    throw bad(key, "must not be negative: " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw bad(key, "is not a whole number: " + v);
            }
        }).orElse(defaultValue);
    }

    public BigDecimal decimal(String key, BigDecimal defaultValue) {
        return text(key).map(v -> {
            try {
                BigDecimal d = new BigDecimal(v);
                if (d.signum() < 0) {
                    throw bad(key, "must not be negative: " + v);
                }
                return d;
            } catch (NumberFormatException e) {
                throw bad(key, "is not a number: " + v);
            }
        }).orElse(defaultValue);
    }

    /** A {@code |}-separated set of codes (letters, digits, {@code _} and {@code .} only: they end up in SQL). */
    public Set<String> codes(String key) {
        return text(key).map(v -> {
            Set<String> out = new LinkedHashSet<>();
            for (String c : v.split("\\|")) {
                if (!CODE.matcher(c).matches()) {
                    throw bad(key, "holds '" + c + "', not a code");
                }
                out.add(c);
            }
            return out;
        }).orElse(Set.of());
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        return text(key).map(v -> {
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw bad(key, "is '" + v + "', expected one of " + Arrays.toString(type.getEnumConstants()));
            }
        }).orElse(defaultValue);
    }

    public void assertAllRead() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw new PolicyException(PolicyException.Code.BAD_PARAMETER,
                        "rule " + ruleId + ": unknown parameter " + key);
            }
        }
    }

    private PolicyException bad(String key, String what) {
        return new PolicyException(PolicyException.Code.BAD_PARAMETER, "rule " + ruleId + ": parameter " + key
                + " " + what);
    }
}
