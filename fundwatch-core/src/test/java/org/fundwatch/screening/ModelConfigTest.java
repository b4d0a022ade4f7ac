package org.fundwatch.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import org.fundwatch.rules.Params;
import org.fundwatch.rules.PolicyException;
import org.junit.jupiter.api.Test;

/** The typed configurations of the §3.4/§3.5 models: defaults are DOMAIN.md's, and every key maps to its field. */
class ModelConfigTest {

    private static Params params(String text) {
        return Params.parse("FW-TEST", text);
    }

    @Test
    void defaultsAreTheThresholdsOfTheDomain() {
        assertThat(InstitutionTemplates.OffHoursSettlement.Config.from(params(""))).isEqualTo(
                new InstitutionTemplates.OffHoursSettlement.Config(20, 60, new BigDecimal("3"), new BigDecimal("2"),
                        new BigDecimal("0.05")));
        assertThat(InstitutionTemplates.CardCollection.Config.from(params("")))
                .isEqualTo(new InstitutionTemplates.CardCollection.Config(10, 10, new BigDecimal("0.05")));
        assertThat(InstitutionTemplates.StockMismatch.Config.from(params("")))
                .isEqualTo(new InstitutionTemplates.StockMismatch.Config(BigDecimal.ZERO));
        assertThat(InstitutionTemplates.InducedAdmission.Config.from(params("")))
                .isEqualTo(new InstitutionTemplates.InducedAdmission.Config(5, 60, 2, 7));
        assertThat(PeerOutlier.Config.from(params(""))).isEqualTo(new PeerOutlier.Config(
                EnumSet.of(Indicator.AVG_COST_OUTPATIENT, Indicator.AVG_COST_INPATIENT, Indicator.DRUG_SHARE,
                        Indicator.VISITS_PER_PATIENT, Indicator.ADMISSION_RATE, Indicator.AVG_LOS), new BigDecimal("3"), new BigDecimal("1.5"),
                new BigDecimal("0.05"), 3, 10, 6, 3));
        assertThat(CoVisitGroups.Config.from(params(""))).isEqualTo(new CoVisitGroups.Config(60, 3, 5, 100, 30));
    }

    @Test
    void mapsEveryParameterKey() {
        assertThat(InstitutionTemplates.OffHoursSettlement.Config.from(params(
                "min_settlements=30;edge_minutes=45;min_z=2.5;min_ratio=1.8;mad_floor=0.1"))).isEqualTo(
                new InstitutionTemplates.OffHoursSettlement.Config(30, 45, new BigDecimal("2.5"),
                        new BigDecimal("1.8"), new BigDecimal("0.1")));
        assertThat(InstitutionTemplates.CardCollection.Config.from(params("min_cards=8;window_minutes=5;max_spread=0.02")))
                .isEqualTo(new InstitutionTemplates.CardCollection.Config(8, 5, new BigDecimal("0.02")));
        assertThat(InstitutionTemplates.InducedAdmission.Config.from(params(
                "min_people=6;min_age=65;window_days=3;max_stay_days=5")))
                .isEqualTo(new InstitutionTemplates.InducedAdmission.Config(6, 65, 3, 5));
        assertThat(PeerOutlier.Config.from(params("indicators=AVG_COST_OUTPATIENT|DRUG_SHARE;min_z=4;min_ratio=2;mad_floor=0.1;"
                + "min_peers=5;min_visits=30;history_months=3;min_history=2"))).isEqualTo(new PeerOutlier.Config(
                Set.of(Indicator.AVG_COST_OUTPATIENT, Indicator.DRUG_SHARE), new BigDecimal("4"),
                new BigDecimal("2"), new BigDecimal("0.1"), 5, 30, 3, 2));
        assertThat(CoVisitGroups.Config.from(params(
                "window_minutes=30;min_days=4;min_members=6;max_bucket=50;max_iterations=10")))
                .isEqualTo(new CoVisitGroups.Config(30, 4, 6, 50, 10));
    }

    @Test
    void refusesAnUnknownIndicator() {
        assertThatThrownBy(() -> PeerOutlier.Config.from(params("indicators=AVG_COST_OUTPATIENT|BED_TURNOVER")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("BED_TURNOVER");
    }
}
