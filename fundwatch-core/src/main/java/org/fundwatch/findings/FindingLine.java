package org.fundwatch.findings;

import java.math.BigDecimal;
import java.util.Optional;

/** A fee line a finding names: 1 violating (违规项) or 2 involved (涉及项), with its share of the amount. */
public record FindingLine(String jrId, String feedetlSn, int volaItemType, Optional<BigDecimal> volaAmt) {
}
