package org.fundwatch.serve.feedback;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One stored feedback on one warning.
 *
 * @param feedbackId  the first 32 hex characters of SHA-256 over institution, warn type, warning, disposal and
 *                    reason: the same feedback sent again has the same id and is stored once
 * @param receivedAt  when it first arrived ({@code yyyy-MM-dd HH:mm:ss.SSS}, local time)
 * @param keyId       the API key it came with (the id, never the key)
 * @param msgid       the message that first carried it
 * @param warnRsltId  the warning ({@code jr_id} of a 3101/3102 answer)
 * @param dspoWay     1 continued (继续执行), 2 modified (返回修改)
 * @param dspoWayRea  the reason; required to continue, null when not given
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Feedback(String feedbackId, String receivedAt, String fixmedinsCode, String keyId, String msgid,
                       String warnType, String warnRsltId, String dspoWay, String dspoWayRea) {

    static String idOf(String fixmedinsCode, String warnType, String warnRsltId, String dspoWay, String dspoWayRea) {
        String text = String.join("\u001f", fixmedinsCode, warnType, warnRsltId, dspoWay,
                dspoWayRea == null ? "" : dspoWayRea);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
