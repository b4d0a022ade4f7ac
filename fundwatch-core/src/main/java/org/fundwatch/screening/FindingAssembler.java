package org.fundwatch.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fundwatch.findings.Finding;
import org.fundwatch.findings.FindingId;
import org.fundwatch.findings.FindingLine;
import org.fundwatch.rules.Rule;

/**
 * Turns the rows of one rule's query into findings: rows with the same grain key and period are one finding, whose
 * finding-level values come from its first row (the query orders them) and whose lines are the distinct lines of
 * its rows (violating before involved). Findings covered by an approval are counted, not kept.
 */
public final class FindingAssembler {
    private final Rule rule;
    private final Template template;
    private final Map<String, Builder> findings = new LinkedHashMap<>();
    private final Map<String, Boolean> suppressed = new LinkedHashMap<>();

    public FindingAssembler(CompiledRule compiled) {
        this(compiled.rule(), compiled.template());
    }

    FindingAssembler(Rule rule, Template template) {
        this.rule = rule;
        this.template = template;
    }

    public void accept(RawRow row, boolean approved) {
        String period = period(row);
        List<String> keys = template.grain().keyColumns().stream().map(row::text).toList();
        String id = FindingId.of(rule.id(), template.grain().name(), keys, period);
        if (approved || suppressed.containsKey(id)) {
            suppressed.put(id, Boolean.TRUE);
            findings.remove(id);
            return;
        }
        findings.computeIfAbsent(id, k -> new Builder(k, period, row)).add(row);
    }

    /** Findings in query order. */
    public List<Finding> findings() {
        return findings.values().stream().map(Builder::build).toList();
    }

    /** How many findings an approval ({@code psn_approval}) suppressed. */
    public int suppressed() {
        return suppressed.size();
    }

    private String period(RawRow row) {
        String day = row.get("occur_date").orElseThrow(() -> new IllegalStateException(
                "rule " + rule.id() + " returned a row without occur_date"));
        return template.periodUnit() == Template.PeriodUnit.MONTH ? day.substring(0, 7) : day;
    }

    private final class Builder {
        private final String id;
        private final String period;
        private final RawRow first;
        private final Map<String, FindingLine> lines = new LinkedHashMap<>();

        Builder(String id, String period, RawRow first) {
            this.id = id;
            this.period = period;
            this.first = first;
        }

        void add(RawRow row) {
            Optional<String> sn = row.get("line_sn");
            if (sn.isEmpty()) {
                return;
            }
            int role = Integer.parseInt(row.text("line_role"));
            FindingLine before = lines.get(sn.get());
            if (before == null || before.volaItemType() > role) {
                lines.put(sn.get(), new FindingLine(id, sn.get(), role, row.get("line_amt").map(BigDecimal::new)));
            }
        }

        Finding build() {
            Explanation e = template.explain(first);
            List<FindingLine> ordered = new ArrayList<>(lines.values());
            ordered.sort((a, b) -> a.volaItemType() != b.volaItemType()
                    ? Integer.compare(a.volaItemType(), b.volaItemType()) : a.feedetlSn().compareTo(b.feedetlSn()));
            return new Finding(id, rule.id(), rule.version(), rule.nameZh(), rule.type().name(),
                    template.grain().name(), period, rule.severity(), rule.action().name(),
                    first.get("vola_amt").map(BigDecimal::new), e.zh(), e.en(), e.evidence(), first.get("indicator"),
                    first.get("psn_no"), first.get("certno"), first.get("mdtrt_id"), first.get("setl_id"),
                    first.get("feedetl_sn"), first.get("fixmedins_code"), first.get("hilist_code"),
                    first.get("occur_time"), ordered);
        }
    }
}
