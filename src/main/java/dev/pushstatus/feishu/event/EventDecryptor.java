package dev.pushstatus.feishu.event;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts Feishu's {@code {"encrypt": "..."}} bodies.
 *
 * <p>Feishu's scheme: key = SHA-256 of the Encrypt Key; the Base64 payload is a 16-byte IV
 * followed by AES-256-CBC ciphertext with PKCS#7 padding. The JDK does this in a few lines; no
 * library is needed.
 */
public final class EventDecryptor {

    private static final int IV_LENGTH = 16;

    private final SecretKeySpec key;
    /**
     * One cipher per thread: {@code Cipher.getInstance} is a provider lookup that cost about 15 %
     * of decoding an event (docs/benchmarks.md), and a Cipher is not thread-safe.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(EventDecryptor::newCipher);

    public EventDecryptor(String encryptKey) {
        this.key = new SecretKeySpec(sha256(encryptKey.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /** The plaintext JSON, or empty when the payload is not valid Base64, AES or UTF-8. */
    public Optional<String> decrypt(String encrypted) {
        return decryptBytes(encrypted).map(plain -> new String(plain, StandardCharsets.UTF_8));
    }

    /** The plaintext JSON as its UTF-8 bytes (checked to be valid UTF-8), or empty as {@link #decrypt}. */
    Optional<byte[]> decryptBytes(String encrypted) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encrypted.strip());
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (raw.length < IV_LENGTH * 2 || (raw.length - IV_LENGTH) % IV_LENGTH != 0) {
            return Optional.empty();
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(Arrays.copyOf(raw, IV_LENGTH)));
            byte[] plain = cipher.doFinal(raw, IV_LENGTH, raw.length - IV_LENGTH);
            return Utf8.valid(plain) ? Optional.of(plain) : Optional.empty();
        } catch (GeneralSecurityException wrongKeyOrGarbage) {
            return Optional.empty();
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/CBC/PKCS5Padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES/CBC/PKCS5Padding", e);
        }
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
