package dev.pushstatus.bot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Derives the reply's idempotency key from the message being answered. */
public final class ReplyUuid {

    /** Feishu's limit on the uuid field. */
    static final int MAX_LENGTH = 50;
    private static final String PREFIX = "ps-";

    private ReplyUuid() {
    }

    /**
     * The same message id always gives the same uuid of at most 50 characters: the id itself
     * when it fits (readable in Feishu's logs), else a SHA-256 prefix of it.
     */
    public static String forMessage(String messageId) {
        String plain = PREFIX + messageId;
        if (plain.length() <= MAX_LENGTH && plain.chars().allMatch(c -> c > 32 && c < 127)) {
            return plain;
        }
        return PREFIX + HexFormat.of().formatHex(sha256(messageId)).substring(0, MAX_LENGTH - PREFIX.length());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
