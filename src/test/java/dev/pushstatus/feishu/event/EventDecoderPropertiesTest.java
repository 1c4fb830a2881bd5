package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.ENCRYPT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Bad input never crashes the decoder: whatever the bytes, the answer is a value, and a refusal
 * is 400 (malformed) or 401 (unauthorized). Good input with any text always gets through.
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

    @Property(tries = 300)
    void anyBytesGetAnAnswerNeverAnException(@ForAll("hostileBodies") byte[] body) {
        assertAnsweredWithAValue(plain.decodeEvent(TestEvents.unsigned(body)));
        assertAnsweredWithAValue(plain.decodeLegacyCard(TestEvents.unsigned(body)));
        assertAnsweredWithAValue(encrypted.decodeEvent(TestEvents.unsigned(body)));
        assertAnsweredWithAValue(encrypted.decodeEvent(TestEvents.sealed(new String(body, StandardCharsets.ISO_8859_1))));
    }

    @Property(tries = 300)
    void aCorrectlySignedBodyWithGarbageToDecryptIsUnauthorized(@ForAll("encryptGarbage") String encrypt) {
        String body = TestEvents.JSON.createObjectNode().put("encrypt", encrypt).toString();

        DecodeResult result = encrypted.decodeEvent(TestEvents.signed(body, ENCRYPT_KEY));

        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected) result).rejection()).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Property(tries = 300)
    void everyTruncationOfAGoodSealedEventIsRefusedCleanly(@ForAll("cuts") int cut) {
        byte[] whole = TestEvents.encryptedBody(ENCRYPT_KEY, TestEvents.messageEnvelope().toString())
                .getBytes(StandardCharsets.UTF_8);
        byte[] truncated = java.util.Arrays.copyOf(whole, Math.min(cut, whole.length - 1));

        DecodeResult result = encrypted.decodeEvent(TestEvents.withSignature(truncated,
                TestEvents.eventSignature(TestEvents.TIMESTAMP, TestEvents.NONCE, ENCRYPT_KEY, truncated)));

        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
    }

    @Property(tries = 300)
    void anyMessageTextSurvivesEncryptionSigningAndParsing(@ForAll @StringLength(max = 2_000) String text) {
        ObjectNode envelope = TestEvents.messageEnvelope();
        TestEvents.at(envelope, "/event/message").put("content", TestEvents.textContent(text));

        DecodeResult result = encrypted.decodeEvent(TestEvents.sealed(envelope.toString()));

        var received = TestEvents.accepted(result, InboundEvent.MessageReceived.class);
        assertThat(received.message().messageId()).isNotBlank();
    }

    @Provide
    Arbitrary<byte[]> hostileBodies() {
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(4_000);
        Arbitrary<byte[]> nested = Arbitraries.integers().between(1, 5_000)
                .map(depth -> ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> nestedObjects = Arbitraries.integers().between(1, 3_000)
                .map(depth -> ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> wrongTypes = Arbitraries.of(
                "{\"schema\":2,\"header\":[],\"event\":\"x\"}", "{\"header\":{\"event_type\":{}}}",
                "{\"schema\":\"2.0\",\"header\":{\"event_type\":\"im.message.receive_v1\",\"token\":\""
                        + TestEvents.TOKEN + "\"},\"event\":{\"message\":7,\"sender\":[1]}}",
                "{\"type\":\"url_verification\",\"challenge\":{},\"token\":[]}", "{\"encrypt\":12}", "null", "[]",
                "\"string\"", "1e999999", "{\"a\":\"\\ud800\"}", "{\"encrypt\":\"" + "A".repeat(100_000) + "\"}")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> notUtf8 = Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {'{', (byte) 0xFF, '}'},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        return Arbitraries.oneOf(randomBytes, nested, nestedObjects, wrongTypes, notUtf8);
    }

    @Provide
    Arbitrary<String> encryptGarbage() {
        Arbitrary<String> base64OfRandom = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(b -> Base64.getEncoder().encodeToString(b));
        Arbitrary<String> notBase64 = Arbitraries.strings().ofMaxLength(300);
        Arbitrary<String> wrongKey = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(50)
                .map(text -> TestEvents.encrypt("another-key", text));
        return Arbitraries.oneOf(base64OfRandom, notBase64, wrongKey);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 10_000);
    }
}
