package org.fundwatch.screening;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.fundwatch.rules.PolicyException;
import org.fundwatch.rules.Rule;

/** The catalogue of rule templates by the id a policy pack names them with. */
final class Templates {

    /** Template id → its constructor (which reads and checks the rule's parameters). */
    static final Map<String, Function<Rule, Template>> BY_ID;

    static {
        Map<String, Function<Rule, Template>> m = new TreeMap<>();
        m.put("PRICE_CAP", ItemTemplates.PriceCap::new);
        m.put("CATALOG_COVERAGE", ItemTemplates.CatalogCoverage::new);
        m.put("ITEM_LIMIT", ItemTemplates.ItemLimit::new);
        m.put("HERBAL_SINGLE", ItemTemplates.HerbalSingle::new);
        m.put("QUANTITY_LIMIT", r -> new QuantityTemplates.QuantityLimit(r, QuantityTemplates.Window.VISIT));
        m.put("BED_DAYS", QuantityTemplates.BedDays::new);
        m.put("COURSE_DAYS", QuantityTemplates.CourseDays::new);
        m.put("SAME_TIME_DUPLICATE", PairTemplates.SameTimeDuplicate::new);
        m.put("ITEM_PAIR", PairTemplates.ItemPair::new);
        m.put("SPLIT_PRESCRIPTION", PairTemplates.SplitPrescription::new);
        m.put("READMISSION", TimelineTemplates.Readmission::new);
        m.put("OVERLAPPING_STAYS", TimelineTemplates.OverlappingStays::new);
        m.put("CLAIM_IN_STAY", TimelineTemplates.ClaimInStay::new);
        m.put("AFTER_REGISTRY_DATE", TimelineTemplates.AfterRegistryDate::new);
        m.put("ROUTINE_ONLY_DAYS", TimelineTemplates.RoutineOnlyDays::new);
        m.put("BED_OCCUPANCY", TimelineTemplates.BedOccupancy::new);
        m.put("VISIT_COUNT_WINDOW", TimelineTemplates.VisitCountWindow::new);
        m.put("SUPPLY_WINDOW", TimelineTemplates.SupplyWindow::new);
        m.put("TRAVEL_DISTANCE", TimelineTemplates.TravelSpeed::new);
        m.put("ENROLMENT_OVERLAP", EnrolmentOverlap::new);
        m.put("OFF_HOURS", InstitutionTemplates.OffHoursSettlement::new);
        m.put("CARD_COLLECTION", InstitutionTemplates.CardCollection::new);
        m.put("STOCK_MISMATCH", InstitutionTemplates.StockMismatch::new);
        m.put("TRACE_CODE_REUSE", InstitutionTemplates.TraceCodeReuse::new);
        m.put("INDUCED_ADMISSION", InstitutionTemplates.InducedAdmission::new);
        m.put("PEER_OUTLIER", PeerOutlier::new);
        m.put("CO_VISIT_GROUPS", CoVisitGroups::new);
        BY_ID = java.util.Collections.unmodifiableMap(m);
    }

    private Templates() {
    }

    static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    /** The rule's template with its typed configuration; refuses unknown templates and unknown parameters. */
    static Template bind(Rule rule) {
        Function<Rule, Template> make = BY_ID.get(rule.template());
        if (make == null) {
            throw new PolicyException(PolicyException.Code.BAD_RULE_VALUE, "rule " + rule.id() + ": unknown template "
                    + rule.template() + "; known: " + String.join(", ", BY_ID.keySet()));
        }
        Template t = make.apply(rule);
        rule.params().assertAllRead();
        return t;
    }
}
