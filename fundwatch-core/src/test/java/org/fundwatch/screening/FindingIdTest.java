package org.fundwatch.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.fundwatch.findings.FindingId;
import org.junit.jupiter.api.Test;

class FindingIdTest {

    @Test
    void isTheFirst32HexOfSha256OverRuleGrainKeysAndPeriod() throws Exception {
        String text = "FW-301|VISIT|MD0001||2026-08-03";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        assertThat(FindingId.of("FW-301", "VISIT", java.util.Arrays.asList("MD0001", null), "2026-08-03"))
                .isEqualTo(expected).hasSize(32);
    }

    @Test
    void differsByPeriodSoAnOffenceNextMonthIsANewFinding() {
        assertThat(FindingId.of("FW-331", "PERSON", List.of("P1", ""), "2026-08"))
                .isNotEqualTo(FindingId.of("FW-331", "PERSON", List.of("P1", ""), "2026-09"));
    }
}
