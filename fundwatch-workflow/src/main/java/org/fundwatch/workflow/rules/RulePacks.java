package org.fundwatch.workflow.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.rules.PackRows;
import org.fundwatch.rules.PolicyException;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.screening.RuleCompiler;
import org.fundwatch.workflow.audit.AuditLog;
import org.fundwatch.workflow.cases.Actor;
import org.fundwatch.workflow.cases.WorkflowException;
import org.fundwatch.workflow.store.WorkflowDatabase;
import org.fundwatch.workflow.users.Role;

/**
 * The bureau's rule packs in the workflow store (规则管理): the live pack, and a draft in which an administrator
 * enables or disables rules, changes thresholds and scopes, or adds a rule of an existing template by copying
 * one — without code. Every edit is checked as a pack file would be (the parser, then the templates' parameters)
 * and bumps the changed rule's version; publishing makes the draft live under a new pack version, and the pack is
 * exported as {@code pack.properties} + {@code rules.csv} for {@code fundwatch screen --rules}. Every step is in
 * the audit log.
 */
public final class RulePacks {
    /** The columns an edit may change; id, template and version are the pack's own. */
    public static final Set<String> EDITABLE = Set.of("enabled", "name_zh", "name_en", "params", "sev_deg", "action",
            "moments", "insutype", "fixmedins_type", "medins_lv", "med_type", "setting", "begndate", "enddate",
            "basis");

    private final WorkflowDatabase db;
    private final Clock clock;

    public RulePacks(WorkflowDatabase db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** A stored pack: its row, status, version and files, and the parsed pack. */
    public record StoredPack(long row, String status, String version, PolicyPack.PackText text, PolicyPack pack,
                             String createdBy, LocalDateTime createdAt, Optional<String> note) {
    }

    /** The live pack; on a store without one, {@code initial} becomes the live pack first. */
    public StoredPack live(PolicyPack.PackText initial) {
        return db.transactions().execute(tx -> {
            Optional<StoredPack> live = find("LIVE");
            if (live.isPresent()) {
                return live.get();
            }
            PolicyPack pack = check("initial pack", initial);
            db.jdbc().sql("INSERT INTO rule_pack (pack_id, version, status, properties, rules_csv, created_by, "
                            + "created_at, published_by, published_at, note) VALUES (?, ?, 'LIVE', ?, ?, 'system', ?, "
                            + "'system', ?, 'the pack the server started with')")
                    .params(pack.id(), pack.version(), initial.properties(), initial.rules(), now(), now()).update();
            return find("LIVE").orElseThrow();
        });
    }

    public Optional<StoredPack> draft() {
        return find("DRAFT");
    }

    /** Every pack the store has held, newest first. */
    public List<StoredPack> history() {
        return db.jdbc().sql("SELECT pack_row FROM rule_pack ORDER BY pack_row DESC").query(Long.class).list()
                .stream().map(this::byRow).toList();
    }

    /**
     * Changes columns of one rule in the draft (started from the live pack if there is none); the rule's version
     * becomes the live one's plus one. Refused with the parser's or the template's message, naming the column.
     */
    public void editRule(Actor actor, String ruleId, Map<String, String> changes) {
        requireAdmin(actor);
        for (String column : changes.keySet()) {
            if (!EDITABLE.contains(column)) {
                throw bad("column " + column + " cannot be edited (editable: " + String.join(", ", EDITABLE.stream()
                        .sorted().toList()) + ")");
            }
        }
        db.transactions().executeWithoutResult(tx -> {
            StoredPack draft = draftFor(actor);
            StoredPack live = find("LIVE").orElseThrow(() -> bad("no live pack yet"));
            List<Map<String, String>> rows = PackRows.read("draft", draft.text().rules());
            Map<String, String> row = rows.stream().filter(r -> r.get("rule_id").equals(ruleId)).findFirst()
                    .orElseThrow(() -> new WorkflowException(WorkflowException.Code.NOT_FOUND, "no rule " + ruleId));
            List<String> changed = new ArrayList<>();
            changes.forEach((column, value) -> {
                String v = value == null ? "" : value.strip();
                if (!v.equals(row.get(column))) {
                    changed.add(column + ": " + row.get(column) + " → " + v);
                    row.put(column, v);
                }
            });
            if (changed.isEmpty()) {
                return;
            }
            int liveVersion = live.pack().rules().stream().filter(r -> r.id().equals(ruleId))
                    .mapToInt(org.fundwatch.rules.Rule::version).findFirst().orElse(0);
            row.put("version", String.valueOf(liveVersion + 1));
            save(actor, draft, rows, "RULE_EDIT", ruleId + " " + String.join("; ", changed));
        });
    }

    /** Adds a rule to the draft as a copy of {@code fromRuleId} under {@code newRuleId}, disabled until edited. */
    public void copyRule(Actor actor, String fromRuleId, String newRuleId) {
        requireAdmin(actor);
        if (!newRuleId.matches("[A-Za-z0-9_.-]{2,32}")) {
            throw bad("a rule id has 2-32 letters, digits, '_', '.' or '-': " + newRuleId);
        }
        db.transactions().executeWithoutResult(tx -> {
            StoredPack draft = draftFor(actor);
            List<Map<String, String>> rows = PackRows.read("draft", draft.text().rules());
            if (rows.stream().anyMatch(r -> r.get("rule_id").equals(newRuleId))) {
                throw bad("rule " + newRuleId + " exists already");
            }
            Map<String, String> from = rows.stream().filter(r -> r.get("rule_id").equals(fromRuleId)).findFirst()
                    .orElseThrow(() -> new WorkflowException(WorkflowException.Code.NOT_FOUND, "no rule " + fromRuleId));
            Map<String, String> copy = new LinkedHashMap<>(from);
            copy.put("rule_id", newRuleId);
            copy.put("version", "1");
            copy.put("enabled", "false");
            rows.add(rows.indexOf(from) + 1, copy);
            save(actor, draft, rows, "RULE_ADD", newRuleId + " copied from " + fromRuleId);
        });
    }

    /** Makes the draft the live pack under {@code version}; the former live pack is retired. */
    public StoredPack publish(Actor actor, String version, String note) {
        requireAdmin(actor);
        String v = version == null ? "" : version.strip();
        if (!v.matches("[0-9A-Za-z.+_-]{1,40}")) {
            throw bad("a pack version has 1-40 letters, digits, '.', '+', '_' or '-'");
        }
        return db.transactions().execute(tx -> {
            StoredPack draft = find("DRAFT").orElseThrow(() -> bad("no draft to publish"));
            StoredPack live = find("LIVE").orElseThrow(() -> bad("no live pack"));
            if (v.equals(live.version())) {
                throw bad("the live pack has version " + v + " already; give the new one its own");
            }
            String properties = withVersion(draft.text().properties(), v);
            check("draft", new PolicyPack.PackText(properties, draft.text().rules()));
            db.jdbc().sql("UPDATE rule_pack SET status = 'RETIRED' WHERE pack_row = ?").param(live.row()).update();
            db.jdbc().sql("UPDATE rule_pack SET status = 'LIVE', version = ?, properties = ?, published_by = ?, "
                            + "published_at = ?, note = ? WHERE pack_row = ?")
                    .params(v, properties, actor.username(), now(), note == null ? "" : note.strip(), draft.row())
                    .update();
            audit(actor, "RULE_PUBLISH", live.version() + " → " + v + (note == null || note.isBlank() ? ""
                    : "：" + note.strip()));
            return find("LIVE").orElseThrow();
        });
    }

    /** Drops the draft. */
    public void discardDraft(Actor actor) {
        requireAdmin(actor);
        db.transactions().executeWithoutResult(tx -> {
            if (db.jdbc().sql("DELETE FROM rule_pack WHERE status = 'DRAFT'").update() > 0) {
                audit(actor, "RULE_DISCARD", "draft discarded");
            }
        });
    }

    /** Writes a pack as {@code pack.properties} and {@code rules.csv} into {@code dir}. */
    public static void export(StoredPack pack, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("pack.properties"), pack.text().properties(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("rules.csv"), pack.text().rules(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    private StoredPack draftFor(Actor actor) {
        Optional<StoredPack> draft = find("DRAFT");
        if (draft.isPresent()) {
            return draft.get();
        }
        StoredPack live = find("LIVE").orElseThrow(() -> bad("no live pack yet"));
        db.jdbc().sql("INSERT INTO rule_pack (pack_id, version, status, properties, rules_csv, based_on, created_by, "
                        + "created_at) VALUES (?, ?, 'DRAFT', ?, ?, ?, ?, ?)")
                .params(live.pack().id(), live.version() + "-draft", live.text().properties(), live.text().rules(),
                        live.row(), actor.username(), now())
                .update();
        audit(actor, "RULE_DRAFT", "draft started from " + live.version());
        return find("DRAFT").orElseThrow();
    }

    private void save(Actor actor, StoredPack draft, List<Map<String, String>> rows, String action, String what) {
        String csv = PackRows.write(rows);
        check("draft", new PolicyPack.PackText(draft.text().properties(), csv));
        db.jdbc().sql("UPDATE rule_pack SET rules_csv = ? WHERE pack_row = ?").params(csv, draft.row()).update();
        audit(actor, action, what);
    }

    /** The pack parsed and its rules checked against their templates; refused as BAD_REQUEST with the reason. */
    private static PolicyPack check(String source, PolicyPack.PackText text) {
        try {
            PolicyPack pack = PolicyPack.of(source, text);
            RuleCompiler.validate(pack);
            return pack;
        } catch (PolicyException e) {
            throw bad(e.getMessage());
        }
    }

    private static String withVersion(String properties, String version) {
        StringBuilder b = new StringBuilder();
        boolean replaced = false;
        for (String line : properties.split("\n", -1)) {
            if (line.strip().startsWith("version=") || line.strip().startsWith("version =")) {
                b.append("version=").append(version);
                replaced = true;
            } else {
                b.append(line);
            }
            b.append('\n');
        }
        if (!replaced) {
            b.append("version=").append(version).append('\n');
        }
        return b.toString().replaceAll("\n+$", "\n");
    }

    private Optional<StoredPack> find(String status) {
        return db.jdbc().sql("SELECT pack_row FROM rule_pack WHERE status = ?").param(status).query(Long.class)
                .optional().map(this::byRow);
    }

    private StoredPack byRow(long row) {
        return db.jdbc().sql("SELECT pack_row, status, version, properties, rules_csv, created_by, created_at, note "
                        + "FROM rule_pack WHERE pack_row = ?")
                .param(row)
                .query((rs, n) -> {
                    PolicyPack.PackText text = new PolicyPack.PackText(rs.getString(4), rs.getString(5));
                    return new StoredPack(rs.getLong(1), rs.getString(2), rs.getString(3), text,
                            PolicyPack.of("pack " + rs.getLong(1), text), rs.getString(6),
                            rs.getObject(7, LocalDateTime.class), Optional.ofNullable(rs.getString(8)));
                })
                .single();
    }

    private void audit(Actor actor, String action, String reason) {
        new AuditLog(db.jdbc(), clock).event(actor, action, reason);
    }

    private static void requireAdmin(Actor actor) {
        if (actor.role() != Role.ADMIN) {
            throw new WorkflowException(WorkflowException.Code.FORBIDDEN, "only an administrator edits the rules");
        }
    }

    private static WorkflowException bad(String message) {
        return new WorkflowException(WorkflowException.Code.BAD_REQUEST, message);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
