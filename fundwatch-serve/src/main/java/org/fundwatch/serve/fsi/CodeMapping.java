package org.fundwatch.serve.fsi;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.fundwatch.rules.ViolationType;

/**
 * A bureau's dictionary codes for {@code vola_bhvr_type} and {@code sev_deg} in 3101/3102 answers; identity by
 * default. The file is UTF-8 properties, one line per code to translate, the others kept:
 * <pre>
 * vola_bhvr_type.OVER_PRICE_CAP=0101
 * sev_deg.1=01
 * </pre>
 * Keys name a known violation type (DOMAIN.md §3) or a severity 1–3; anything else is refused at start-up
 * ({@link IllegalArgumentException} naming the file and key).
 */
public final class CodeMapping {
    private static final String TYPE = "vola_bhvr_type.";
    private static final String SEVERITY = "sev_deg.";

    private final Map<String, String> types;
    private final Map<String, String> severities;

    private CodeMapping(Map<String, String> types, Map<String, String> severities) {
        this.types = Map.copyOf(types);
        this.severities = Map.copyOf(severities);
    }

    public static CodeMapping identity() {
        return new CodeMapping(Map.of(), Map.of());
    }

    public static CodeMapping load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw bad(file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> types = new HashMap<>();
        Map<String, String> severities = new HashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(key).strip();
            if (value.isEmpty()) {
                throw bad(file + ": " + key + " has no code");
            }
            if (key.startsWith(TYPE)) {
                String type = key.substring(TYPE.length());
                try {
                    ViolationType.valueOf(type);
                } catch (IllegalArgumentException e) {
                    throw bad(file + ": " + key + ": " + type + " is not a violation type");
                }
                types.put(type, value);
            } else if (key.startsWith(SEVERITY) && key.substring(SEVERITY.length()).matches("[123]")) {
                severities.put(key.substring(SEVERITY.length()), value);
            } else {
                throw bad(file + ": " + key + ": expected vola_bhvr_type.<TYPE> or sev_deg.<1|2|3>");
            }
        }
        return new CodeMapping(types, severities);
    }

    /** The bureau's code of a violation type. */
    String violationType(String type) {
        return types.getOrDefault(type, type);
    }

    /** The bureau's code of a severity 1–3. */
    String severity(int sevDeg) {
        String s = Integer.toString(sevDeg);
        return severities.getOrDefault(s, s);
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(message);
    }
}
