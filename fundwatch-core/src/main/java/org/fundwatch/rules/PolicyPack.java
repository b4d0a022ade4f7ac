package org.fundwatch.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.fundwatch.schema.CareSetting;

/**
 * A versioned policy pack (规则包): {@code pack.properties} ({@code pack_id}, {@code version}, {@code name}) and
 * {@code rules.csv}, one rule per row. A bureau edits the CSV (in a spreadsheet if it likes) to add a rule of an
 * existing template, change a threshold or a scope, or disable a rule; no code changes. The default pack ships in
 * the repository's {@code policy/default/} and inside the core jar.
 */
public record PolicyPack(String id, String version, String name, List<Rule> rules) {

    /** The columns of {@code rules.csv}, in order. */
    public static final List<String> COLUMNS = List.of("rule_id", "enabled", "version", "name_zh", "name_en",
            "template", "params", "vola_bhvr_type", "sev_deg", "action", "moments", "insutype", "fixmedins_type",
            "medins_lv", "med_type", "setting", "begndate", "enddate", "basis");

    private static final String DEFAULT_RESOURCE = "/org/fundwatch/rules/policy/default/";

    public PolicyPack {
        rules = List.copyOf(rules);
    }

    /** The default pack shipped with Fundwatch. */
    public static PolicyPack defaultPack() {
        try {
            return parse("default pack", resource("pack.properties"), resource("rules.csv"));
        } catch (IOException e) {
            throw new PolicyException(PolicyException.Code.PACK_UNREADABLE, "default pack: " + e.getMessage());
        }
    }

    /** A pack directory holding {@code pack.properties} and {@code rules.csv}. */
    public static PolicyPack load(Path dir) {
        try {
            Path props = dir.resolve("pack.properties");
            Path rules = dir.resolve("rules.csv");
            for (Path p : List.of(props, rules)) {
                if (!Files.isRegularFile(p)) {
                    throw new PolicyException(PolicyException.Code.PACK_UNREADABLE, p + " not found");
                }
            }
            return parse(dir.toString(), Files.readString(props, StandardCharsets.UTF_8),
                    Files.readString(rules, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PolicyException(PolicyException.Code.PACK_UNREADABLE, dir + ": " + e.getMessage());
        }
    }

    /** A pack's two files as text: {@code pack.properties} and {@code rules.csv}. */
    public record PackText(String properties, String rules) {
    }

    /** The default pack's files, as shipped. */
    public static PackText defaultPackText() {
        try {
            return new PackText(resource("pack.properties"), resource("rules.csv"));
        } catch (IOException e) {
            throw new PolicyException(PolicyException.Code.PACK_UNREADABLE, "default pack: " + e.getMessage());
        }
    }

    /** A pack from its files' text ({@code source} names it in errors, e.g. "draft 3"). */
    public static PolicyPack of(String source, PackText text) {
        try {
            return parse(source, text.properties(), text.rules());
        } catch (IOException e) {
            throw new PolicyException(PolicyException.Code.PACK_UNREADABLE, source + ": " + e.getMessage());
        }
    }

    /** The enabled rules. */
    public List<Rule> enabledRules() {
        return rules.stream().filter(Rule::enabled).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PolicyPack.class.getResourceAsStream(DEFAULT_RESOURCE + name)) {
            if (in == null) {
                throw new IOException("resource " + DEFAULT_RESOURCE + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static PolicyPack parse(String where, String propertiesText, String rulesText) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(propertiesText));
        String id = required(p, "pack_id", where);
        String version = required(p, "version", where);
        String name = p.getProperty("name", id);
        String file = where + "/rules.csv";
        List<PackCsv.Record> records = PackCsv.parse(file, rulesText);
        if (records.isEmpty() || !records.get(0).fields().equals(COLUMNS)) {
            throw new PolicyException(PolicyException.Code.BAD_RULE_ROW, file + " line 1: header must be "
                    + String.join(",", COLUMNS));
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (PackCsv.Record r : records.subList(1, records.size())) {
            if (r.fields().size() != COLUMNS.size()) {
                throw new PolicyException(PolicyException.Code.BAD_RULE_ROW, file + " line " + r.line() + ": "
                        + r.fields().size() + " fields, expected " + COLUMNS.size());
            }
            Rule rule = new RowReader(file, r).rule();
            Integer before = seen.put(rule.id(), r.line());
            if (before != null) {
                throw new PolicyException(PolicyException.Code.DUPLICATE_RULE_ID, file + " line " + r.line()
                        + ": rule " + rule.id() + " already defined on line " + before);
            }
            rules.add(rule);
        }
        return new PolicyPack(id, version, name, rules);
    }

    private static String required(Properties p, String key, String where) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new PolicyException(PolicyException.Code.PACK_UNREADABLE, where + "/pack.properties: " + key
                    + " missing");
        }
        return v.trim();
    }

    /** One rules.csv row read field by field, errors naming file, line and column. */
    private record RowReader(String file, PackCsv.Record record) {

        String field(String column) {
            return record.fields().get(COLUMNS.indexOf(column)).trim();
        }

        PolicyException bad(String column, String message) {
            return new PolicyException(PolicyException.Code.BAD_RULE_VALUE, file + " line " + record.line()
                    + " column " + column + ": " + message);
        }

        String nonEmpty(String column) {
            String v = field(column);
            if (v.isEmpty()) {
                throw bad(column, "is required");
            }
            return v;
        }

        Rule rule() {
            String id = nonEmpty("rule_id");
            if (!id.matches("[A-Za-z0-9_.-]+")) {
                throw bad("rule_id", "'" + id + "' may hold only letters, digits, '_', '.', '-'");
            }
            boolean enabled = switch (nonEmpty("enabled").toLowerCase()) {
                case "true", "yes", "1", "y" -> true;
                case "false", "no", "0", "n" -> false;
                default -> throw bad("enabled", "is '" + field("enabled") + "', expected true or false");
            };
            int version;
            try {
                version = Integer.parseInt(nonEmpty("version"));
            } catch (NumberFormatException e) {
                throw bad("version", "is not a whole number");
            }
            ViolationType type;
            try {
                type = ViolationType.valueOf(nonEmpty("vola_bhvr_type"));
            } catch (IllegalArgumentException e) {
                throw bad("vola_bhvr_type", "'" + field("vola_bhvr_type") + "' is not a type of DOMAIN.md §3");
            }
            int severity = switch (nonEmpty("sev_deg")) {
                case "1" -> 1;
                case "2" -> 2;
                case "3" -> 3;
                default -> throw bad("sev_deg", "must be 1, 2 or 3");
            };
            Action action;
            try {
                action = Action.valueOf(nonEmpty("action"));
            } catch (IllegalArgumentException e) {
                throw bad("action", "must be WARN or BLOCK");
            }
            Set<Moment> moments = EnumSet.noneOf(Moment.class);
            for (String m : nonEmpty("moments").split("\\|")) {
                try {
                    moments.add(Moment.valueOf(m.trim()));
                } catch (IllegalArgumentException e) {
                    throw bad("moments", "'" + m + "' is not PRE, DURING or POST");
                }
            }
            Set<CareSetting> settings = EnumSet.noneOf(CareSetting.class);
            for (String s : codes("setting")) {
                try {
                    settings.add(CareSetting.valueOf(s));
                } catch (IllegalArgumentException e) {
                    throw bad("setting", "'" + s + "' is not INPATIENT, OUTPATIENT or PHARMACY");
                }
            }
            Scope scope = new Scope(codes("insutype"), codes("fixmedins_type"), codes("medins_lv"),
                    codes("med_type"), settings);
            Optional<LocalDate> from = date("begndate");
            Optional<LocalDate> to = date("enddate");
            if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
                throw bad("enddate", "is before begndate");
            }
            Params params;
            try {
                params = Params.parse(id, field("params"));
            } catch (PolicyException e) {
                throw bad("params", e.getMessage());
            }
            return new Rule(id, version, enabled, nonEmpty("name_zh"), nonEmpty("name_en"), nonEmpty("template"),
                    params, type, severity, action, moments, scope, from, to, field("basis"));
        }

        Set<String> codes(String column) {
            Set<String> out = new LinkedHashSet<>();
            String v = field(column);
            if (v.isEmpty()) {
                return out;
            }
            for (String c : v.split("\\|")) {
                if (!c.trim().matches("[A-Za-z0-9_]+")) {
                    throw bad(column, "'" + c + "' is not a code");
                }
                out.add(c.trim());
            }
            return out;
        }

        Optional<LocalDate> date(String column) {
            String v = field(column);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(LocalDate.parse(v));
            } catch (DateTimeParseException e) {
                throw bad(column, "'" + v + "' is not a yyyy-MM-dd date");
            }
        }
    }
}
