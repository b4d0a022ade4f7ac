package org.fundwatch.screening;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.fundwatch.rules.Grain;
import org.fundwatch.rules.Params;
import org.fundwatch.rules.Rule;

/**
 * 重复参保: one ID number ({@code certno}) with overlapping enrolments (dates inclusive) in two basic schemes
 * ({@code ACROSS_SCHEMES}), or in one scheme under two {@code psn_no} ({@code SAME_SCHEME}). Only the schemes
 * listed count: a supplementary type beside the employee scheme (e.g. 320) is legitimate. Reported per month in
 * which the overlap lasts; the amount is not computable.
 */
final class EnrolmentOverlap extends BaseTemplate implements InstantTemplate {
    enum Check { ACROSS_SCHEMES, SAME_SCHEME }

    record Config(Check check, Set<String> schemes) {
        static Config from(Params p) {
            Set<String> schemes = p.codes("schemes");
            return new Config(p.choice("check", Check.class, Check.ACROSS_SCHEMES),
                    schemes.isEmpty() ? Set.of("310", "390") : schemes);
        }
    }

    private final Config config;

    EnrolmentOverlap(Rule rule) {
        super(rule);
        this.config = Config.from(rule.params());
    }

    @Override
    public Grain grain() {
        return Grain.CERTNO;
    }

    @Override
    public PeriodUnit periodUnit() {
        return PeriodUnit.MONTH;
    }

    @Override
    public Set<Pass> passes() {
        return Set.of();
    }

    @Override
    public String query(CompileContext ctx) {
        String check = config.check() == Check.ACROSS_SCHEMES
                ? "a.insutype <> b.insutype AND (a.psn_no < b.psn_no OR (a.psn_no = b.psn_no AND a.insutype < b.insutype))"
                : "a.insutype = b.insutype AND a.psn_no < b.psn_no";
        String from = ctx.dialect().date(ctx.from());
        return """
                WITH e AS (SELECT psn_no, certno, insutype, insu_begndate AS b, coalesce(insu_enddate, %s) AS e
                           FROM psn_info WHERE insutype IN %s),
                p AS (SELECT a.certno, a.psn_no AS a_psn, b.psn_no AS b_psn, a.insutype AS a_type, b.insutype AS b_type,
                             greatest(a.b, b.b) AS overlap_from, least(a.e, b.e) AS overlap_to
                      FROM e a JOIN e b ON a.certno = b.certno
                      WHERE %s AND a.b <= b.e AND b.b <= a.e)
                SELECT %s FROM p
                WHERE p.overlap_from <= %s AND p.overlap_to >= %s""".formatted(SharedRelations.FAR_FUTURE,
                CompileContext.inList(config.schemes()), check,
                RawSelect.empty().set("certno", "p.certno").set("psn_no", "p.a_psn")
                        .set("occur_date", "greatest(p.overlap_from, " + from + ")")
                        .set("occur_time", "greatest(p.overlap_from, " + from + ")")
                        .set("v1", "p.a_psn").set("v2", "p.a_type").set("v3", "p.b_psn").set("v4", "p.b_type")
                        .set("basis", ctx.dialect().toText("p.overlap_from")).list(ctx.dialect()),
                ctx.dialect().date(ctx.to()), from);
    }

    /**
     * In real time, the enrolments of the claimant's ID number: every overlapping pair is the batch finding of the
     * whole period (its month is the overlap's first), raised again at each of the person's visits under the same
     * {@code jr_id}. Only ID numbers enrolled more than once are held ({@link Knowledge#withEnrolments}).
     */
    @Override
    public void evaluate(InstantContext ctx, List<InstantRow> out) {
        String certno = ctx.visit().claim().person().certno().orElse(null);
        if (certno == null) {
            return;
        }
        List<Knowledge.Enrolment> all = ctx.kb().enrolments(certno);
        for (Knowledge.Enrolment a : all) {
            for (Knowledge.Enrolment b : all) {
                if (!config.schemes().contains(a.insutype()) || !config.schemes().contains(b.insutype())
                        || !pairs(a, b) || a.begndate().isAfter(b.end()) || b.begndate().isAfter(a.end())) {
                    continue;
                }
                LocalDate from = a.begndate().isAfter(b.begndate()) ? a.begndate() : b.begndate();
                out.add(InstantRow.empty().set("certno", certno).set("psn_no", a.psnNo()).set("occur_date", from)
                        .set("occur_time", from.atStartOfDay()).set("v1", a.psnNo()).set("v2", a.insutype())
                        .set("v3", b.psnNo()).set("v4", b.insutype()).set("basis", from));
            }
        }
    }

    /** The batch pairing: each unordered pair once. */
    private boolean pairs(Knowledge.Enrolment a, Knowledge.Enrolment b) {
        int psn = a.psnNo().compareTo(b.psnNo());
        return config.check() == Check.ACROSS_SCHEMES
                ? !a.insutype().equals(b.insutype()) && (psn < 0 || (psn == 0 && a.insutype().compareTo(b.insutype()) < 0))
                : a.insutype().equals(b.insutype()) && psn < 0;
    }

    @Override
    public Explanation explain(RawRow r) {
        String since = r.text("basis");
        return new Explanation("身份证号同时存在重叠的有效参保：个人编号" + r.text("v1") + "（险种" + r.text("v2") + "）与个人编号"
                + r.text("v3") + "（险种" + r.text("v4") + "），自" + since + "起重复参保",
                "One ID number holds overlapping enrolments: " + r.text("v1") + " (insutype " + r.text("v2")
                        + ") and " + r.text("v3") + " (insutype " + r.text("v4") + "), overlapping since " + since,
                rule.basis());
    }
}
