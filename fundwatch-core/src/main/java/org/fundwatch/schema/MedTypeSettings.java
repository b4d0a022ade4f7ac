package org.fundwatch.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The {@code med_type} → care setting table (FORMAT.md). Entries match by code prefix, the longest prefix wins;
 * codes no entry matches are outpatient. The default ships with the project ({@code med_type_setting.csv}: 2x and
 * 52 inpatient, 41 pharmacy); a bureau extends it with its own file of the same shape.
 */
public final class MedTypeSettings {

    /** One line of the table. */
    public record Entry(String prefix, CareSetting setting) {
        public Entry {
            Objects.requireNonNull(prefix, "prefix is null");
            Objects.requireNonNull(setting, "setting is null");
        }
    }

    private final List<Entry> entries;

    public MedTypeSettings(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
        this.entries = List.copyOf(sorted);
    }

    public static MedTypeSettings defaults() {
        try (InputStream in = MedTypeSettings.class.getResourceAsStream("med_type_setting.csv")) {
            return parse(new String(Objects.requireNonNull(in, "med_type_setting.csv missing").readAllBytes(),
                    StandardCharsets.UTF_8), "med_type_setting.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults overridden and extended by a bureau's file ({@code prefix,setting} per line). */
    public static MedTypeSettings defaultsWith(Path bureauFile) throws IOException {
        List<Entry> all = new ArrayList<>(parse(Files.readString(bureauFile), bureauFile.toString()).entries);
        for (Entry e : defaults().entries) {
            if (all.stream().noneMatch(b -> b.prefix().equals(e.prefix()))) {
                all.add(e);
            }
        }
        return new MedTypeSettings(all);
    }

    static MedTypeSettings parse(String text, String source) {
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || (lineNo == 1 && trimmed.startsWith("prefix"))) {
                    continue;
                }
                String[] parts = trimmed.split(",");
                if (parts.length < 2) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": expected prefix,setting");
                }
                try {
                    entries.add(new Entry(parts[0].strip(), CareSetting.valueOf(parts[1].strip())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": unknown setting " + parts[1]
                            + ", expected one of INPATIENT, OUTPATIENT, PHARMACY", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MedTypeSettings(entries);
    }

    public CareSetting settingOf(String medType) {
        for (Entry e : entries) {
            if (medType.startsWith(e.prefix())) {
                return e.setting();
            }
        }
        return CareSetting.OUTPATIENT;
    }

    public List<Entry> entries() {
        return entries;
    }
}
