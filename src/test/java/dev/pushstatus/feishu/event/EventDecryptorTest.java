package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AES-256-CBC decryption of {@code {"encrypt": ...}} payloads, against the test's own encryption. */
class EventDecryptorTest {

    private static final String KEY = "ek-Encrypt-Key-2";
    private final EventDecryptor decryptor = new EventDecryptor(KEY);

    @ParameterizedTest
    @ValueSource(strings = {"{\"challenge\":\"c\"}", "", "x", "exactly sixteen!", "推送状态 😀 over two blocks of AES, padded"})
    void roundTripsWhatTheTestEncrypted(String plaintext) {
        assertThat(decryptor.decrypt(TestEvents.encrypt(KEY, plaintext))).contains(plaintext);
    }

    /**
     * Feishu's own example (the event subscription guide's decryption samples): Encrypt Key
     * {@code test key}, this payload, {@code hello world}. Unlike the round trips above it does not
     * depend on this test's idea of the scheme, so a key derivation or IV placement shared by
     * TestEvents and the decryptor cannot hide here.
     */
    @Test
    void decryptsFeishusDocumentedExample() {
        String documented = "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=";

        assertThat(new EventDecryptor("test key").decrypt(documented)).contains("hello world");
        assertThat(new EventDecryptor("test key ").decrypt(documented)).isEmpty();
    }

    @Test
    void toleratesSurroundingWhitespace() {
        assertThat(decryptor.decrypt(" " + TestEvents.encrypt(KEY, "{}") + "\n")).contains("{}");
    }

    @Test
    void aPayloadEncryptedWithAnotherKeyIsRefused() {
        assertThat(decryptor.decrypt(TestEvents.encrypt("another-key", "{\"challenge\":\"c\"}"))).isEmpty();
    }

    @Test
    void theSameKeyIsNeededByteForByte() {
        assertThat(new EventDecryptor(KEY + " ").decrypt(TestEvents.encrypt(KEY, "{}"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "@@@@", "", "AAAA"})
    void refusesWhatIsNoBase64OrTooShort(String encrypted) {
        assertThat(decryptor.decrypt(encrypted)).isEmpty();
    }

    @Test
    void refusesACiphertextThatIsNoWholeNumberOfBlocks() {
        byte[] raw = Base64.getDecoder().decode(TestEvents.encrypt(KEY, "{\"challenge\":\"c\"}"));
        byte[] cut = java.util.Arrays.copyOf(raw, raw.length - 1);

        assertThat(decryptor.decrypt(Base64.getEncoder().encodeToString(cut))).isEmpty();
    }

    @Test
    void refusesPlaintextThatIsNoUtf8() {
        String encrypted = TestEvents.encrypt(KEY, new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[16]);

        assertThat(decryptor.decrypt(encrypted)).isEmpty();
    }

    @Test
    void theIvIsTheFirstSixteenBytes() {
        byte[] iv = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String encrypted = TestEvents.encrypt(KEY, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), iv);
        byte[] raw = Base64.getDecoder().decode(encrypted);
        raw[0] ^= 1; // CBC: a flipped IV bit flips the same bit of the first plaintext block

        assertThat(decryptor.decrypt(Base64.getEncoder().encodeToString(raw))).contains("z\"a\":1}");
    }
}
