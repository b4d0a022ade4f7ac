package org.fundwatch.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.fundwatch.schema.CareSetting;

/**
 * Where a rule applies. Each dimension lists the allowed codes; an empty set means "all". The dimensions are
 * columns every finding carries from its visit (or person): insurance type, institution type (1 medical
 * institution, 2 pharmacy), institution level, medical type and the care setting derived from it.
 */
public record Scope(Set<String> insutypes, Set<String> fixmedinsTypes, Set<String> medinsLevels,
                    Set<String> medTypes, Set<CareSetting> settings) {

    public static final Scope ALL = new Scope(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public Scope {
        insutypes = Set.copyOf(insutypes);
        fixmedinsTypes = Set.copyOf(fixmedinsTypes);
        medinsLevels = Set.copyOf(medinsLevels);
        medTypes = Set.copyOf(medTypes);
        settings = Set.copyOf(settings);
    }

    /** The restricted dimensions as finding column → allowed values, in a fixed order. */
    public Map<String, Set<String>> restrictions() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        put(out, "insutype", insutypes);
        put(out, "fixmedins_type", fixmedinsTypes);
        put(out, "medins_lv", medinsLevels);
        put(out, "med_type", medTypes);
        put(out, "setting", settings.stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()));
        return out;
    }

    private static void put(Map<String, Set<String>> out, String column, Set<String> values) {
        if (!values.isEmpty()) {
            out.put(column, new java.util.TreeSet<>(values));
        }
    }
}
