package org.fundwatch.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The allowed values of a coded column, each with its Chinese label, and what an unknown value means.
 *
 * @param name       a stable name for documentation and error messages
 * @param labels     value to label, in documentation order
 * @param onUnknown  {@link Unknown#WARN} in reference tables (a bureau's new code is kept),
 *                   {@link Unknown#REJECT} where the value changes how a row is read
 */
public record CodeSet(String name, Map<String, String> labels, Unknown onUnknown) {

    /** What an ingest does with a value outside the set. */
    public enum Unknown { WARN, REJECT }

    public CodeSet {
        Objects.requireNonNull(name, "name is null");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        Objects.requireNonNull(onUnknown, "onUnknown is null");
    }

    public boolean contains(String value) {
        return labels.containsKey(value);
    }

    static CodeSet warn(String name, String... valueLabelPairs) {
        return new CodeSet(name, pairs(valueLabelPairs), Unknown.WARN);
    }

    static CodeSet reject(String name, String... valueLabelPairs) {
        return new CodeSet(name, pairs(valueLabelPairs), Unknown.REJECT);
    }

    private static Map<String, String> pairs(String... valueLabelPairs) {
        if (valueLabelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("values and labels must come in pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < valueLabelPairs.length; i += 2) {
            map.put(valueLabelPairs[i], valueLabelPairs[i + 1]);
        }
        return map;
    }
}
