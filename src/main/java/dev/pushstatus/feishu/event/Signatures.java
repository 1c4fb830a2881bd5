package dev.pushstatus.feishu.event;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Feishu's request signatures, compared in constant time.
 *
 * <p>Events and new card callbacks: lowercase hex SHA-256 of timestamp + nonce + Encrypt Key +
 * raw body. Legacy card callbacks: lowercase hex SHA-1 of timestamp + nonce + Verification
 * Token + raw body. The body is hashed as the exact bytes received.
 */
public final class Signatures {

    private Signatures() {
    }

    /** The signature of an event or new-style card callback. */
    public static String eventSignature(String timestamp, String nonce, String encryptKey, byte[] body) {
        return hex("SHA-256", timestamp + nonce + encryptKey, body);
    }

    /** The signature of a legacy card callback. */
    public static String legacyCardSignature(String timestamp, String nonce, String verificationToken, byte[] body) {
        return hex("SHA-1", timestamp + nonce + verificationToken, body);
    }

    /** Constant-time comparison of two signatures or tokens; false when either is null. */
    public static boolean constantTimeEquals(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    /** Signature comparison that ignores the hex case, still in constant time. */
    static boolean signatureMatches(String expectedHex, String actualHex) {
        return actualHex != null && constantTimeEquals(expectedHex, actualHex.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * One digest per thread and algorithm: {@code MessageDigest.getInstance} is a provider lookup
     * on every call, like the cipher's in {@link EventDecryptor}; a digest is reset by
     * {@code digest()} and not thread-safe.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> newDigest("SHA-256"));
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> newDigest("SHA-1"));

    private static String hex(String algorithm, String prefix, byte[] body) {
        MessageDigest digest = (algorithm.equals("SHA-256") ? SHA256 : SHA1).get();
        digest.reset();
        digest.update(prefix.getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }
}
