package org.fundwatch.serve.fsi;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.rules.Moment;
import org.fundwatch.screening.ClaimLine;
import org.fundwatch.screening.VisitClaim;
import org.fundwatch.serve.access.Caller;
import org.fundwatch.serve.review.Scene;
import org.fundwatch.serve.wire.MessageNode;
import org.fundwatch.serve.wire.Refusal;

/**
 * {@code input.data} of 3101/3102, read into the visits to review: the encounter named by a patient's
 * {@code curr_mdtrt_id}, or each of the patient's encounters when it is absent. Field mapping: {@code patn_id} =
 * {@code psn_no}; {@code medins_id} = {@code fixmedins_code} (it must be the caller's, 403); {@code adm_date} /
 * {@code dscg_date} the visit's start and end; the main diagnosis {@code dscg_main_dise_codg}, else the diagnosis
 * with {@code maindise_flag} 1; an order's {@code rx_id} = {@code feedetl_sn}, {@code drord_begn_date} its fee time,
 * {@code sumamt} its amount (else {@code cnt × pric}), {@code ownpay_amt} its fully self-paid part; the fund
 * payment {@code fund_pay_sumamt} (else {@code hifp_payamt}) plus {@code acct_payamt}, 0 when absent; a missing
 * {@code setl_time} is the time of the request.
 */
record ReviewData(Optional<String> taskId, Scene scene, Set<String> ruleIds, List<Encounter> encounters) {

    /** A visit to review and the patient it belongs to. */
    record Encounter(String patnId, VisitClaim claim) {
    }

    /** Reads the data of a message to {@code infno}, whose scenes must be of {@code moment}. */
    static ReviewData read(MessageNode data, String infno, Moment moment, Caller caller, LocalDateTime now) {
        Optional<String> taskId = data.optText("task_id");
        int code = data.integer("trig_scen");
        Scene scene = Scene.of(code).orElseThrow(() ->
                Refusal.badField(data.pathOf("trig_scen"), "must be 1-10, not " + code));
        if (scene.moment() != moment) {
            throw Refusal.badField(data.pathOf("trig_scen"), moment == Moment.PRE
                    ? code + " is a 事中 scene (6-10); " + infno + " (事前提醒) takes scenes 1-5, send it to 3102"
                    : code + " is a 事前 scene (1-5); " + infno + " (事中审核) takes scenes 6-10, send it to 3101");
        }
        Set<String> ruleIds = data.codes("rule_ids");
        List<Encounter> encounters = new ArrayList<>();
        List<MessageNode> patients = data.objects("patient_dtos");
        if (patients.isEmpty()) {
            throw Refusal.badField(data.pathOf("patient_dtos"), "empty, expected at least one patient");
        }
        for (MessageNode p : patients) {
            encounters.addAll(patient(p, caller, now));
        }
        return new ReviewData(taskId, scene, ruleIds, encounters);
    }

    private static List<Encounter> patient(MessageNode p, Caller caller, LocalDateTime now) {
        String patnId = p.text("patn_id");
        VisitClaim.Person person = new VisitClaim.Person(patnId, p.optText("certno"), p.optText("gend"),
                p.optDate("brdy"));
        Optional<String> current = p.optText("curr_mdtrt_id");
        List<Encounter> out = new ArrayList<>();
        for (MessageNode e : p.objects("fsi_encounter_dtos")) {
            VisitClaim claim = encounter(e, person, caller, now);
            if (current.isEmpty() || current.get().equals(claim.mdtrtId())) {
                out.add(new Encounter(patnId, claim));
            }
        }
        if (current.isPresent() && out.isEmpty()) {
            throw Refusal.badField(p.pathOf("curr_mdtrt_id"), "no encounter in fsi_encounter_dtos has mdtrt_id "
                    + current.get());
        }
        return out;
    }

    private static VisitClaim encounter(MessageNode e, VisitClaim.Person person, Caller caller, LocalDateTime now) {
        String medinsId = e.text("medins_id");
        caller.mayActFor(medinsId, e.pathOf("medins_id"));
        List<String> diagnoses = new ArrayList<>();
        Optional<String> flaggedMain = Optional.empty();
        for (MessageNode d : e.optObjects("fsi_diagnose_dtos")) {
            String codg = d.text("dise_codg");
            diagnoses.add(codg);
            if (flaggedMain.isEmpty() && d.optText("maindise_flag").filter("1"::equals).isPresent()) {
                flaggedMain = Optional.of(codg);
            }
        }
        List<ClaimLine> lines = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (MessageNode o : e.optObjects("fsi_order_dtos")) {
            ClaimLine line = order(o);
            String before = seen.putIfAbsent(line.feedetlSn(), o.path());
            if (before != null) {
                throw Refusal.badField(o.pathOf("rx_id"), "repeats " + before + ".rx_id");
            }
            lines.add(line);
        }
        BigDecimal fund = e.optNumber("fund_pay_sumamt").or(() -> e.optNumber("hifp_payamt")).orElse(BigDecimal.ZERO)
                .add(e.optNumber("acct_payamt").orElse(BigDecimal.ZERO));
        Optional<String> main = e.optText("dscg_main_dise_codg");
        return new VisitClaim(person,
                new VisitClaim.Institution(medinsId, e.optText("medins_type"), e.optText("medins_lv")),
                e.text("mdtrt_id"), e.text("med_type"), e.text("insutype"), e.time("adm_date"), e.optTime("dscg_date"),
                e.optText("setl_id"), e.optTime("setl_time").orElse(now), fund,
                main.isPresent() ? main : flaggedMain, diagnoses, lines);
    }

    private static ClaimLine order(MessageNode o) {
        BigDecimal cnt = o.number("cnt");
        BigDecimal pric = o.number("pric");
        BigDecimal amt = o.optNumber("sumamt").orElseGet(() -> cnt.multiply(pric));
        return new ClaimLine(o.text("rx_id"), o.text("hilist_code"),
                o.optText("hosplist_name").or(() -> o.optText("hilist_name")), o.time("drord_begn_date"), cnt, pric,
                amt, o.optNumber("inscp_scp_amt").orElse(amt), o.optNumber("ownpay_amt"), o.optText("rxno"));
    }
}
