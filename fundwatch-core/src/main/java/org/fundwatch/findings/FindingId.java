package org.fundwatch.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code jr_id}: the first 32 hex characters of SHA-256 over {@code rule_id|grain|key values|period} (FORMAT.md),
 * absent keys as empty text. The rule version is not part of it: editing a threshold does not duplicate findings
 * under review.
 */
public final class FindingId {

    private FindingId() {
    }

    public static String of(String ruleId, String grain, List<String> keyValues, String period) {
        StringBuilder text = new StringBuilder(ruleId).append('|').append(grain);
        for (String v : keyValues) {
            text.append('|').append(v == null ? "" : v);
        }
        text.append('|').append(period);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
