package org.fundwatch.workflow.cases;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An evidence file of an appeal (病程记录、病理、手术记录 …): PDF, JPEG or PNG up to {@link #MAX_BYTES}, its type
 * checked against its first bytes (a renamed executable is refused), stored with its SHA-256.
 */
public record Evidence(String fileName, String contentType, byte[] content) {
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final Map<String, byte[]> MAGIC = Map.of(
            "application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'},
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

    public Evidence {
        Objects.requireNonNull(fileName, "fileName is null");
        Objects.requireNonNull(contentType, "contentType is null");
        Objects.requireNonNull(content, "content is null");
        contentType = contentType.toLowerCase(Locale.ROOT).strip();
        fileName = fileName.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
        if (fileName.isEmpty() || fileName.length() > 200) {
            throw new WorkflowException(WorkflowException.Code.BAD_EVIDENCE, "an evidence file needs a name of 1-200 characters");
        }
        if (content.length == 0) {
            throw new WorkflowException(WorkflowException.Code.BAD_EVIDENCE, fileName + " is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new WorkflowException(WorkflowException.Code.BAD_EVIDENCE, fileName + " has " + content.length
                    + " bytes; evidence files may have at most " + MAX_BYTES);
        }
        byte[] magic = MAGIC.get(contentType);
        if (magic == null) {
            throw new WorkflowException(WorkflowException.Code.BAD_EVIDENCE, fileName + ": type " + contentType
                    + " is not accepted (PDF, JPEG or PNG)");
        }
        if (!startsWith(content, magic)) {
            throw new WorkflowException(WorkflowException.Code.BAD_EVIDENCE, fileName + " is not a " + contentType
                    + " file (its first bytes say otherwise)");
        }
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
