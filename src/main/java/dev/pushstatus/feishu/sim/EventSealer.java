package dev.pushstatus.feishu.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and signs events as Feishu does (docs/feishu.md, "Webhook requests"). Written apart from
 * the bot's own decryptor on purpose: the integration tests then check two implementations of
 * the scheme against each other, not one against itself.
 */
public final class EventSealer {

    private final SimCredentials credentials;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EventSealer(SimCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The body and headers Feishu would send for this event JSON. */
    public SealedRequest seal(String eventJson) {
        if (credentials.encryptKey() == null) {
            return new SealedRequest(eventJson.getBytes(StandardCharsets.UTF_8), Map.of());
        }
        byte[] body = ("{\"encrypt\":\"" + encrypt(eventJson) + "\"}").getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        String nonce = String.valueOf(100_000_000 + random.nextInt(900_000_000));
        String signature = hex("SHA-256", timestamp + nonce + credentials.encryptKey(), body);
        return new SealedRequest(body, Map.of(
                "X-Lark-Request-Timestamp", timestamp,
                "X-Lark-Request-Nonce", nonce,
                "X-Lark-Signature", signature));
    }

    /** A legacy card callback: plain JSON, signed with SHA-1 and the Verification Token. */
    public SealedRequest sealLegacyCard(String callbackJson) {
        byte[] body = callbackJson.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        String nonce = String.valueOf(100_000_000 + random.nextInt(900_000_000));
        return new SealedRequest(body, Map.of(
                "X-Lark-Request-Timestamp", timestamp,
                "X-Lark-Request-Nonce", nonce,
                "X-Lark-Signature", hex("SHA-1", timestamp + nonce + credentials.verificationToken(), body)));
    }

    private String encrypt(String plain) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(credentials.encryptKey().getBytes(StandardCharsets.UTF_8));
            byte[] iv = new byte[16];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES-256-CBC", e);
        }
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
