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

    private static String hex(String algorithm, String prefix, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(prefix.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }
}
