package org.fundwatch.synth.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Planted cases by type and by each key value, so that a finding finds its candidate cases without a scan. */
final class CaseIndex {
    private final List<PlantedCase> cases;
    private final Map<String, List<PlantedCase>> byType = new LinkedHashMap<>();
    private final Map<String, List<Map<String, List<PlantedCase>>>> byTypeAndKey = new HashMap<>();

    CaseIndex(List<PlantedCase> cases) {
        this.cases = List.copyOf(cases);
        for (PlantedCase c : cases) {
            byType.computeIfAbsent(c.type, t -> new ArrayList<>()).add(c);
            List<Map<String, List<PlantedCase>>> perKey = byTypeAndKey.computeIfAbsent(c.type, t -> {
                List<Map<String, List<PlantedCase>>> l = new ArrayList<>();
                for (int i = 0; i < MatchKey.MOST_SPECIFIC_FIRST.size(); i++) {
                    l.add(new HashMap<>());
                }
                return l;
            });
            for (MatchKey k : MatchKey.MOST_SPECIFIC_FIRST) {
                for (String v : c.keys[k.ordinal()]) {
                    perKey.get(k.ordinal()).computeIfAbsent(v, x -> new ArrayList<>(1)).add(c);
                }
            }
        }
    }

    List<PlantedCase> all() {
        return cases;
    }

    Map<String, List<PlantedCase>> byType() {
        return byType;
    }

    /** The cases {@code f} matches ({@link PlantedCase#matches}), each once. */
    List<PlantedCase> matching(ScreenedFinding f) {
        List<Map<String, List<PlantedCase>>> perKey = byTypeAndKey.get(f.type);
        if (perKey == null) {
            return List.of();
        }
        List<PlantedCase> out = List.of();
        for (MatchKey k : MatchKey.MOST_SPECIFIC_FIRST) {
            String v = f.keys[k.ordinal()];
            if (v == null) {
                continue;
            }
            for (PlantedCase c : perKey.get(k.ordinal()).getOrDefault(v, List.of())) {
                if (!out.contains(c) && c.matches(f)) {
                    if (out.isEmpty()) {
                        out = new ArrayList<>(1);
                    }
                    out.add(c);
                }
            }
        }
        return out;
    }
}
