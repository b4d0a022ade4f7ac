package org.fundwatch.serve.review;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fundwatch.rules.Moment;
import org.fundwatch.screening.ClaimLine;
import org.fundwatch.screening.VisitClaim;
import org.fundwatch.serve.wire.MessageNode;
import org.fundwatch.serve.wire.Refusal;

/**
 * A Fundwatch-JSON review request ({@code POST /api/v1/review}), read strictly: field names of the national
 * platform and FORMAT.md; a missing {@code setl_time} is the time of the request, a missing {@code fund_amt} 0, a
 * line's exposure its {@code inscp_scp_amt}, else its {@code det_item_fee_sumamt}.
 */
record ReviewRequest(Moment moment, Optional<Scene> scene, Set<String> ruleIds, VisitClaim claim) {

    static ReviewRequest read(MessageNode root, LocalDateTime now) {
        String momentText = root.text("moment").toUpperCase(Locale.ROOT);
        Moment moment;
        if (momentText.equals("PRE")) {
            moment = Moment.PRE;
        } else if (momentText.equals("DURING")) {
            moment = Moment.DURING;
        } else {
            throw Refusal.badField("moment", "must be PRE (事前) or DURING (事中), not " + momentText);
        }
        Optional<Scene> scene = Optional.empty();
        Optional<Integer> sceneCode = root.optInteger("scene");
        if (sceneCode.isPresent()) {
            scene = Optional.of(Scene.of(sceneCode.get()).orElseThrow(() ->
                    Refusal.badField("scene", "must be 1-10, not " + sceneCode.get())));
            if (scene.get().moment() != moment) {
                throw Refusal.badField("scene", "scene " + sceneCode.get() + " belongs to moment "
                        + scene.get().moment() + ", not " + moment);
            }
        }
        Set<String> ruleIds = root.codes("rule_ids");

        MessageNode person = root.object("person");
        MessageNode institution = root.object("institution");
        MessageNode visit = root.object("visit");
        List<ClaimLine> lines = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (MessageNode l : root.objects("lines")) {
            ClaimLine line = line(l);
            String before = seen.putIfAbsent(line.feedetlSn(), l.path());
            if (before != null) {
                throw Refusal.badField(l.pathOf("feedetl_sn"), "repeats " + before + ".feedetl_sn");
            }
            lines.add(line);
        }
        VisitClaim claim = new VisitClaim(
                new VisitClaim.Person(person.text("psn_no"), person.optText("certno"), person.optText("gend"),
                        person.optDate("brdy")),
                new VisitClaim.Institution(institution.text("fixmedins_code"), institution.optText("fixmedins_type"),
                        institution.optText("medins_lv")),
                visit.text("mdtrt_id"), visit.text("med_type"), visit.text("insutype"), visit.time("begntime"),
                visit.optTime("endtime"), visit.optText("setl_id"), visit.optTime("setl_time").orElse(now),
                visit.optNumber("fund_amt").orElse(BigDecimal.ZERO), visit.optText("maindiag_code"),
                visit.texts("diagnoses"), lines);
        return new ReviewRequest(moment, scene, ruleIds, claim);
    }

    private static ClaimLine line(MessageNode l) {
        BigDecimal amt = l.number("det_item_fee_sumamt");
        return new ClaimLine(l.text("feedetl_sn"), l.text("med_list_codg"), l.optText("medins_list_name"),
                l.time("fee_ocur_time"), l.number("cnt"), l.number("pric"), amt,
                l.optNumber("inscp_scp_amt").orElse(amt), l.optNumber("fulamt_ownpay_amt"), l.optText("rxno"));
    }
}
