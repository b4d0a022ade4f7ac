package org.fundwatch.serve.access;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.fundwatch.serve.wire.Envelope;
import org.fundwatch.serve.wire.Refusal;

/**
 * Who is calling, for one request: the API key's id and institution, when the request arrived, and what the
 * endpoint noted for the access log (the message id, the number of findings). Handed to endpoints as the request
 * attribute {@link #ATTRIBUTE}.
 */
public final class Caller {
    /** The request attribute under which the access filter leaves the caller. */
    public static final String ATTRIBUTE = "org.fundwatch.serve.caller";

    private final String keyId;
    private final Optional<String> institution;
    private final LocalDateTime receivedAt;
    private volatile String msgid;
    private volatile int findings = -1;

    /**
     * @param institution the institution the key speaks for; empty only for {@code --insecure-local}, which may
     *                    speak for any
     */
    Caller(String keyId, Optional<String> institution, LocalDateTime receivedAt) {
        this.keyId = Objects.requireNonNull(keyId, "keyId is null");
        this.institution = Objects.requireNonNull(institution, "institution is null");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt is null");
    }

    public String keyId() {
        return keyId;
    }

    public Optional<String> institution() {
        return institution;
    }

    public LocalDateTime receivedAt() {
        return receivedAt;
    }

    /**
     * Refuses (403) unless the key speaks for {@code fixmedinsCode}, which the message gives at {@code path}: an
     * institution may only submit and read its own visits.
     */
    public void mayActFor(String fixmedinsCode, String path) {
        if (institution.isPresent() && !institution.get().equals(fixmedinsCode)) {
            throw new Refusal(Refusal.Code.FORBIDDEN, path + ": institution " + fixmedinsCode
                    + " is not the institution of this API key (" + institution.get()
                    + "); an institution may only submit its own visits");
        }
    }

    /** Notes the caller's message id: answers and refusals derive {@code inf_refmsgid} from it. */
    public void noteMessage(String id) {
        this.msgid = id;
    }

    /** Notes how many findings the answer carries, for the access log. */
    public void noteFindings(int n) {
        this.findings = n;
    }

    public Optional<String> msgid() {
        return Optional.ofNullable(msgid);
    }

    /** The findings noted, or empty when the endpoint reports none (e.g. 3103, or a refusal). */
    public Optional<Integer> findings() {
        return findings < 0 ? Optional.empty() : Optional.of(findings);
    }

    /** A success envelope around {@code output}, answered at {@code now}. */
    public <T> Envelope<T> answer(T output, LocalDateTime now) {
        return Envelope.ok(output, msgid(), receivedAt, now);
    }
}
