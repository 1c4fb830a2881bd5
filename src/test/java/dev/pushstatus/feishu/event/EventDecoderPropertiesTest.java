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
 * carries the right status: 400 (malformed) when the body is no event at all, 401 (unauthorized)
 * when it is one that fails the token, the signature or the decryption. Good input with any text
 * always gets through.
 *
 * <p>Property tests with QuickTheories, chosen because they run as plain JUnit 5 tests through its
 * {@code qt()} DSL, shrink failures, can be replayed from the seed a failure prints
 * ({@code -DQT_SEED=...}), come from Maven Central, and the library prints no run-time message
 * asking not to be used.
 */
class EventDecoderPropertiesTest {

    private final EventDecoder plain = TestEvents.plainDecoder();
    private final EventDecoder encrypted = TestEvents.encryptedDecoder();

    /** The decoders' own bound on JSON nesting: deeper bodies cannot be read, so are no event. */
    private static final int MAX_NESTING = TestEvents.JSON.getFactory().streamReadConstraints().getMaxNestingDepth();

    /** What a webhook call is answered with. */
    enum Outcome {
        ACCEPTED, MALFORMED, UNAUTHORIZED;

        static Outcome of(DecodeResult result) {
            assertThat(result).isNotNull();
            if (result instanceof DecodeResult.Rejected rejected) {
                return rejected.rejection() == Rejection.MALFORMED ? MALFORMED : UNAUTHORIZED;
            }
            return ACCEPTED;
        }
    }

    /**
     * The kinds of hostile body, each with the answer the decoder's rules give on each of the four
     * calls of {@link #anyBytesGetTheAnswerTheirKindCallsFor}: plain event URL, plain legacy card
     * URL and encrypted event URL, all three unsigned; then the body as the plaintext of a sealed
     * request (encrypted with the right key and correctly signed).
     */
    enum Kind {
        /**
         * Not strict UTF-8, not JSON, not an object, a field of the wrong JSON type, or nested
         * deeper than the decoder reads: malformed wherever it arrives as the body. Sealed, the
         * signature passes and the decryption into an event is what fails: unauthorized.
         */
        NOT_AN_EVENT(Outcome.MALFORMED, Outcome.MALFORMED, Outcome.MALFORMED, Outcome.UNAUTHORIZED),
        /**
         * A JSON object with no verification token (unknown fields are ignored): the plain event
         * URL wants the token, the legacy card URL a signature, the encrypted URL an encrypted
         * body it can decrypt, so unauthorized everywhere. Sealed, the signature is the proof and
         * no token is needed: accepted (as an event the bot does not handle).
         */
        EVENT_WITHOUT_TOKEN(Outcome.UNAUTHORIZED, Outcome.UNAUTHORIZED, Outcome.UNAUTHORIZED, Outcome.ACCEPTED),
        /**
         * A v2 message event with the right token whose message is a number: past the token check
         * (plain event URL, or sealed) it is malformed; unsigned on the legacy card URL or
         * unencrypted on the encrypted URL it never gets that far: unauthorized.
         */
        TOKEN_BUT_WRONG_SHAPE(Outcome.MALFORMED, Outcome.UNAUTHORIZED, Outcome.UNAUTHORIZED, Outcome.MALFORMED);

        final Outcome plainEvent;
        final Outcome plainLegacyCard;
        final Outcome encryptedUnsigned;
        final Outcome encryptedSealed;

        Kind(Outcome plainEvent, Outcome plainLegacyCard, Outcome encryptedUnsigned, Outcome encryptedSealed) {
            this.plainEvent = plainEvent;
            this.plainLegacyCard = plainLegacyCard;
            this.encryptedUnsigned = encryptedUnsigned;
            this.encryptedSealed = encryptedSealed;
        }
    }

    /** A generated body and the kind it is, known from how it was made. */
    record Hostile(Kind kind, byte[] body) {
        @Override
        public String toString() {
            return kind + ", " + describe(body);
        }
    }

    @Test
    void anyBytesGetTheAnswerTheirKindCallsFor() {
        qt().withExamples(300).forAll(hostileBodies()).checkAssert(hostile -> {
            byte[] body = hostile.body();
            Kind kind = hostile.kind();
            assertThat(Outcome.of(plain.decodeEvent(TestEvents.unsigned(body))))
                    .as("plain event URL").isEqualTo(kind.plainEvent);
            assertThat(Outcome.of(plain.decodeLegacyCard(TestEvents.unsigned(body))))
                    .as("plain legacy card URL").isEqualTo(kind.plainLegacyCard);
            assertThat(Outcome.of(encrypted.decodeEvent(TestEvents.unsigned(body))))
                    .as("encrypted event URL, unsigned").isEqualTo(kind.encryptedUnsigned);
            assertThat(Outcome.of(encrypted.decodeEvent(TestEvents.sealed(new String(body, StandardCharsets.ISO_8859_1)))))
                    .as("encrypted event URL, sealed").isEqualTo(kind.encryptedSealed);
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

            // Correctly signed, but a strict prefix of {"encrypt":"..."} is never a whole JSON object.
            assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
            assertThat(((DecodeResult.Rejected) result).rejection()).isEqualTo(Rejection.MALFORMED);
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

    private static Gen<Hostile> hostileBodies() {
        // Random bytes, less the few (about 1 in 250) that open a JSON object: those could, by
        // luck, be a whole object followed by ignored bytes, which is no longer garbage.
        Gen<Hostile> randomBytes = bytes(4_000)
                .assuming(b -> !opensAnObject(b))
                .map(b -> new Hostile(Kind.NOT_AN_EVENT, b));
        Gen<Hostile> nested = integers().between(1, 5_000)
                .map(depth -> new Hostile(Kind.NOT_AN_EVENT, utf8("[".repeat(depth) + "]".repeat(depth))));
        Gen<Hostile> nestedObjects = integers().between(1, 3_000)
                .map(depth -> new Hostile(depth <= MAX_NESTING ? Kind.EVENT_WITHOUT_TOKEN : Kind.NOT_AN_EVENT,
                        utf8("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
        Gen<Hostile> wrongTypes = Generate.pick(List.of(
                new Hostile(Kind.NOT_AN_EVENT, utf8("{\"schema\":2,\"header\":[],\"event\":\"x\"}")),
                new Hostile(Kind.NOT_AN_EVENT, utf8("{\"header\":{\"event_type\":{}}}")),
                new Hostile(Kind.TOKEN_BUT_WRONG_SHAPE, utf8(
                        "{\"schema\":\"2.0\",\"header\":{\"event_type\":\"im.message.receive_v1\",\"token\":\""
                        + TestEvents.TOKEN + "\"},\"event\":{\"message\":7,\"sender\":[1]}}")),
                new Hostile(Kind.NOT_AN_EVENT, utf8("{\"type\":\"url_verification\",\"challenge\":{},\"token\":[]}")),
                // A number where a string is expected is read as its text: an object without a token.
                new Hostile(Kind.EVENT_WITHOUT_TOKEN, utf8("{\"encrypt\":12}")),
                new Hostile(Kind.NOT_AN_EVENT, utf8("null")),
                new Hostile(Kind.NOT_AN_EVENT, utf8("[]")),
                new Hostile(Kind.NOT_AN_EVENT, utf8("\"string\"")),
                new Hostile(Kind.NOT_AN_EVENT, utf8("1e999999")),
                new Hostile(Kind.EVENT_WITHOUT_TOKEN, utf8("{\"a\":\"\\ud800\"}")),
                new Hostile(Kind.EVENT_WITHOUT_TOKEN, utf8("{\"encrypt\":\"" + "A".repeat(100_000) + "\"}"))));
        Gen<Hostile> notUtf8 = Generate.pick(List.of(
                new Hostile(Kind.NOT_AN_EVENT, new byte[] {(byte) 0xC3, 0x28}),
                new Hostile(Kind.NOT_AN_EVENT, new byte[] {'{', (byte) 0xFF, '}'}),
                new Hostile(Kind.NOT_AN_EVENT, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
        return Generate.oneOf(randomBytes, nested, nestedObjects, wrongTypes, notUtf8);
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

    /** Whether the first byte after JSON whitespace is '{'. */
    private static boolean opensAnObject(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    /** A body for a failure report: its bytes, one character each. */
    private static String describe(byte[] body) {
        return body.length + " bytes: " + PropertyReports.describe(new String(body, StandardCharsets.ISO_8859_1));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
