package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.ENCRYPT_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.PropertyReports;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Bad input never crashes the decoder: whatever the bytes, the answer is a value, and a refusal
 * is 400 (malformed) or 401 (unauthorized). Good input with any text always gets through.
 *
 * <p>Property tests with QuickTheories, chosen because they run as plain JUnit 5 tests through its
 * {@code qt()} DSL, shrink failures, can be replayed from the seed a failure prints
 * ({@code -DQT_SEED=...}), come from Maven Central, and the library prints no run-time message
 * asking not to be used.
 */
class EventDecoderPropertiesTest {

    private final EventDecoder plain = TestEvents.plainDecoder();
    private final EventDecoder encrypted = TestEvents.encryptedDecoder();

    private static void assertAnsweredWithAValue(DecodeResult result) {
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Rejected rejected) {
            assertThat(rejected.rejection().httpStatus()).isIn(400, 401);
        }
    }

    @Test
    void anyBytesGetAnAnswerNeverAnException() {
        qt().withExamples(300).forAll(hostileBodies()).checkAssert(body -> {
            assertAnsweredWithAValue(plain.decodeEvent(TestEvents.unsigned(body)));
            assertAnsweredWithAValue(plain.decodeLegacyCard(TestEvents.unsigned(body)));
            assertAnsweredWithAValue(encrypted.decodeEvent(TestEvents.unsigned(body)));
            assertAnsweredWithAValue(encrypted.decodeEvent(TestEvents.sealed(new String(body, StandardCharsets.ISO_8859_1))));
        });
    }

    @Test
    void aCorrectlySignedBodyWithGarbageToDecryptIsUnauthorized() {
        qt().withExamples(300).forAll(encryptGarbage()).checkAssert(encrypt -> {
            String body = TestEvents.JSON.createObjectNode().put("encrypt", encrypt).toString();

            DecodeResult result = encrypted.decodeEvent(TestEvents.signed(body, ENCRYPT_KEY));

            assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
            assertThat(((DecodeResult.Rejected) result).rejection()).isEqualTo(Rejection.UNAUTHORIZED);
        });
    }

    @Test
    void everyTruncationOfAGoodSealedEventIsRefusedCleanly() {
        byte[] whole = TestEvents.encryptedBody(ENCRYPT_KEY, TestEvents.messageEnvelope().toString())
                .getBytes(StandardCharsets.UTF_8);
        qt().withExamples(300).forAll(integers().between(0, 10_000)).checkAssert(cut -> {
            byte[] truncated = Arrays.copyOf(whole, Math.min(cut, whole.length - 1));

            DecodeResult result = encrypted.decodeEvent(TestEvents.withSignature(truncated,
                    TestEvents.eventSignature(TestEvents.TIMESTAMP, TestEvents.NONCE, ENCRYPT_KEY, truncated)));

            assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        });
    }

    @Test
    void anyMessageTextSurvivesEncryptionSigningAndParsing() {
        qt().withExamples(300).forAll(anyText(0, 2_000)).checkAssert(text -> {
            ObjectNode envelope = TestEvents.messageEnvelope();
            TestEvents.at(envelope, "/event/message").put("content", TestEvents.textContent(text));

            DecodeResult result = encrypted.decodeEvent(TestEvents.sealed(envelope.toString()));

            var received = TestEvents.accepted(result, InboundEvent.MessageReceived.class);
            assertThat(received.message().messageId()).isNotBlank();
        });
    }

    // ---- generators ---------------------------------------------------------------------

    private static Gen<byte[]> hostileBodies() {
        Gen<byte[]> randomBytes = bytes(4_000);
        Gen<byte[]> nested = integers().between(1, 5_000)
                .map(depth -> utf8("[".repeat(depth) + "]".repeat(depth)));
        Gen<byte[]> nestedObjects = integers().between(1, 3_000)
                .map(depth -> utf8("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
        Gen<byte[]> wrongTypes = Generate.pick(List.of(
                "{\"schema\":2,\"header\":[],\"event\":\"x\"}", "{\"header\":{\"event_type\":{}}}",
                "{\"schema\":\"2.0\",\"header\":{\"event_type\":\"im.message.receive_v1\",\"token\":\""
                        + TestEvents.TOKEN + "\"},\"event\":{\"message\":7,\"sender\":[1]}}",
                "{\"type\":\"url_verification\",\"challenge\":{},\"token\":[]}", "{\"encrypt\":12}", "null", "[]",
                "\"string\"", "1e999999", "{\"a\":\"\\ud800\"}", "{\"encrypt\":\"" + "A".repeat(100_000) + "\"}"))
                .map(EventDecoderPropertiesTest::utf8);
        Gen<byte[]> notUtf8 = Generate.pick(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {'{', (byte) 0xFF, '}'},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        return Generate.oneOf(randomBytes, nested, nestedObjects, wrongTypes, notUtf8)
                .describedAs(EventDecoderPropertiesTest::describe);
    }

    private static Gen<String> encryptGarbage() {
        Gen<String> base64OfRandom = bytes(300).map(b -> Base64.getEncoder().encodeToString(b));
        Gen<String> notBase64 = anyText(0, 300);
        Gen<String> wrongKey = alpha(1, 50).map(text -> TestEvents.encrypt("another-key", text));
        return Generate.oneOf(base64OfRandom, notBase64, wrongKey).describedAs(PropertyReports::describe);
    }

    /** Any bytes, 0 to maxSize of them. */
    private static Gen<byte[]> bytes(int maxSize) {
        return Generate.byteArrays(integers().between(0, maxSize), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /** Any text: characters from the whole Basic Multilingual Plane. */
    private static Gen<String> anyText(int minLength, int maxLength) {
        return strings().basicMultilingualPlaneAlphabet().ofLengthBetween(minLength, maxLength)
                .describedAs(PropertyReports::describe);
    }

    /** Letters a-z and A-Z only. */
    private static Gen<String> alpha(int minLength, int maxLength) {
        List<Character> letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".chars()
                .mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(letters))
                .ofSizeBetween(minLength, maxLength)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
    }

    /** A body for a failure report: its bytes, one character each. */
    private static String describe(byte[] body) {
        return body.length + " bytes: " + PropertyReports.describe(new String(body, StandardCharsets.ISO_8859_1));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
