package org.fundwatch.serve.review;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;
import org.fundwatch.findings.Finding;
import org.fundwatch.findings.FindingLine;

/**
 * A finding (疑点) as {@code /api/v1/review} answers it: every FORMAT.md column, {@code vola_amt_stas} (1 the amount
 * is computed, 0 not computable) and the lines it names.
 *
 * @param volaAmt nullable: absent when not computable
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record FindingView(String jrId, String ruleId, int ruleVersion, String ruleName, String volaBhvrType, String grain,
                   String period, int sevDeg, String action, BigDecimal volaAmt, int volaAmtStas, String volaCont,
                   String volaContEn, String volaEvid, String indicator, String psnNo, String certno,
                   String mdtrtId, String setlId, String feedetlSn, String fixmedinsCode, String hilistCode,
                   String occurTime, List<Line> lines) {

    /** A fee line the finding names: {@code vola_item_type} 1 violating (违规项) or 2 involved (涉及项). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Line(String feedetlSn, int volaItemType, BigDecimal volaAmt) {
        static Line of(FindingLine l) {
            return new Line(l.feedetlSn(), l.volaItemType(), l.volaAmt().orElse(null));
        }
    }

    static FindingView of(Finding f) {
        return new FindingView(f.jrId(), f.ruleId(), f.ruleVersion(), f.ruleName(), f.volaBhvrType(), f.grain(),
                f.period(), f.sevDeg(), f.action(), f.volaAmt().orElse(null), f.volaAmt().isPresent() ? 1 : 0,
                f.volaCont(), f.volaContEn(), f.volaEvid(), f.indicator().orElse(null), f.psnNo().orElse(null),
                f.certno().orElse(null), f.mdtrtId().orElse(null), f.setlId().orElse(null),
                f.feedetlSn().orElse(null), f.fixmedinsCode().orElse(null), f.hilistCode().orElse(null),
                f.occurTime().orElse(null), f.lines().stream().map(Line::of).toList());
    }
}
