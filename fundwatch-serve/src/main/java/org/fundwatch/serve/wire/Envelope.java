package org.fundwatch.serve.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The national platform's answer envelope (接口规范 通用输出): {@code infcode} 0 success / -1 failure, {@code err_msg},
 * {@code warn_msg}, {@code inf_refmsgid} (this service's id of the answer, derived from the caller's {@code msgid}
 * so a retried message gets the same id), {@code refmsg_time} (when the message arrived), {@code respond_time} and
 * {@code output}. Refusals add {@code err_code} and, for unexpected failures, {@code error_id}, the id under which
 * the server log holds the details.
 *
 * @param output null on failure
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Envelope<T>(int infcode, String errMsg, String warnMsg, String infRefmsgid, String refmsgTime,
                          String respondTime, T output,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String errCode,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String errorId) {

    /** The envelope's time format, local time with milliseconds. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    public static <T> Envelope<T> ok(T output, Optional<String> msgid, LocalDateTime received, LocalDateTime now) {
        return new Envelope<>(0, null, null, msgid.map(Envelope::refMsgId).orElse(null), TIME.format(received),
                TIME.format(now), output, null, null);
    }

    public static Envelope<Void> refused(Refusal.Code code, String message, Optional<String> errorId,
                                         Optional<String> msgid, LocalDateTime received, LocalDateTime now) {
        return new Envelope<>(-1, message, null, msgid.map(Envelope::refMsgId).orElse(null), TIME.format(received),
                TIME.format(now), null, code.name(), errorId.orElse(null));
    }

    /** {@code FW} and the first 28 hex characters of SHA-256 over the caller's msgid: 30 characters, as a msgid. */
    static String refMsgId(String msgid) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("fundwatch|" + msgid).getBytes(StandardCharsets.UTF_8));
            return "FW" + HexFormat.of().formatHex(hash).substring(0, 28);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
