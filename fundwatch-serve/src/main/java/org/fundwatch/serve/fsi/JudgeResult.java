package org.fundwatch.serve.fsi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fundwatch.findings.Finding;
import org.fundwatch.findings.FindingLine;

/**
 * A finding as the national 3101/3102 answer carries it ({@code output.result[]}): {@code vola_amt_stas} "1" when
 * the amount is computed, "0" when it is not ({@code vola_amt} then null); {@code sev_deg} and
 * {@code vola_bhvr_type} in the bureau's dictionary codes.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record JudgeResult(String jrId, String ruleId, String ruleName, String volaCont, String volaEvid, BigDecimal volaAmt,
                   String volaAmtStas, String sevDeg, String volaBhvrType, String taskId, String patnId,
                   String mdtrtId, List<Detail> judgeResultDetailDtos) {

    /**
     * A line the finding names ({@code judge_result_detail_dtos[]}): {@code jrd_id} is {@code jr_id-n}, n from 1;
     * {@code rx_id} the order's id; {@code vola_item_type} "1" violating item (违规项), "2" involved item (涉及项).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Detail(String jrdId, String patnId, String mdtrtId, String rxId, String volaItemType, BigDecimal volaAmt) {
    }

    /** The output of a 3101/3102 answer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Output(List<JudgeResult> result) {
    }

    static JudgeResult of(Finding f, String patnId, String mdtrtId, Optional<String> taskId, CodeMapping codes) {
        List<Detail> details = new ArrayList<>(f.lines().size());
        for (FindingLine l : f.lines()) {
            details.add(new Detail(f.jrId() + "-" + (details.size() + 1), patnId, mdtrtId, l.feedetlSn(),
                    Integer.toString(l.volaItemType()), l.volaAmt().orElse(null)));
        }
        return new JudgeResult(f.jrId(), f.ruleId(), f.ruleName(), f.volaCont(), f.volaEvid(),
                f.volaAmt().orElse(null), f.volaAmt().isPresent() ? "1" : "0", codes.severity(f.sevDeg()),
                codes.violationType(f.volaBhvrType()), taskId.orElse(null), patnId,
                f.mdtrtId().orElse(mdtrtId), details);
    }
}
