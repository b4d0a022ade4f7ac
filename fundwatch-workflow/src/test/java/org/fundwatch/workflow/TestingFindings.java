package org.fundwatch.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fundwatch.findings.Finding;
import org.fundwatch.findings.FindingId;
import org.fundwatch.findings.FindingLine;

/** Writes screening output as {@code fundwatch screen} does: findings.csv and finding_lines.csv with their headers. */
public final class TestingFindings {
    private final List<Finding> findings = new ArrayList<>();

    /** A line finding of OVER_PRICE_CAP at {@code institution} for fee line {@code feedetlSn}, amount {@code amt}. */
    public TestingFindings priceCap(String feedetlSn, String institution, String amt, String period) {
        String jrId = jrId("FW-101", "LINE", feedetlSn, period);
        findings.add(new Finding(jrId, "FW-101", 1, "药品超医保支付价格上限", "OVER_PRICE_CAP", "LINE", period, 1, "BLOCK",
                Optional.of(new BigDecimal(amt)), "项目【苯磺酸氨氯地平片】单价0.5元，超过医保支付价格上限0.15元",
                "Item billed above the price cap", "医保目录支付价格上限", Optional.empty(), Optional.of("P" + feedetlSn),
                Optional.of("430721197411197605"), Optional.of("MD" + feedetlSn), Optional.empty(),
                Optional.of(feedetlSn), Optional.of(institution), Optional.of("XC08CAA040A001010100701"),
                Optional.of(period + " 12:57:42"),
                List.of(new FindingLine(jrId, feedetlSn, 1, Optional.of(new BigDecimal(amt))))));
        return this;
    }

    /** A finding with no institution (DUPLICATE_ENROLLMENT, grain CERTNO). */
    public TestingFindings enrolment(String certno, String period) {
        String jrId = jrId("FW-351", "CERTNO", certno, period);
        findings.add(new Finding(jrId, "FW-351", 1, "重复参保", "DUPLICATE_ENROLLMENT", "CERTNO", period, 2, "WARN",
                Optional.empty(), "身份证号重复参保", "Enrolled twice", "", Optional.empty(), Optional.empty(),
                Optional.of(certno), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of()));
        return this;
    }

    public static String jrId(String rule, String grain, String key, String period) {
        return FindingId.of(rule, grain, List.of(key), period);
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Writes the two files into {@code dir} (created); returns it. */
    public Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            List<String> rows = new ArrayList<>();
            rows.add(String.join(",", Finding.COLUMNS));
            List<String> lines = new ArrayList<>();
            lines.add(String.join(",", Finding.LINE_COLUMNS));
            for (Finding f : findings) {
                rows.add(f.values().values().stream().map(TestingFindings::csv).collect(Collectors.joining(",")));
                for (FindingLine l : f.lines()) {
                    lines.add(String.join(",", csv(l.jrId()), csv(l.feedetlSn()), csv(l.volaItemType()),
                            csv(l.volaAmt().orElse(null))));
                }
            }
            Files.write(dir.resolve("findings.csv"), rows, StandardCharsets.UTF_8);
            Files.write(dir.resolve("finding_lines.csv"), lines, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String csv(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof BigDecimal d ? d.toPlainString() : v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
