package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz targets for {@link EventDecoder} (Jazzer; docs/fuzzing.md). Surefire replays
 * the checked-in inputs under {@code EventDecoderJazzerFuzzTestInputs/<method>/} as regression
 * tests; {@code scripts/fuzz} runs each method in fuzzing mode. (The older {@code EventDecoderFuzzTest}
 * is a seeded random test, not a Jazzer target.)
 *
 * <p>Invariants, whatever the bytes and headers: the decoder returns a value and never throws;
 * the value is Accepted or Rejected; a Rejected carries MALFORMED or UNAUTHORIZED; an accepted
 * message has a well-formed message id ({@link FeishuIds#wellFormed}); where a signature is
 * required (an Encrypt Key is set, or the legacy card URL), a request without one is accepted only
 * as the URL-verification handshake, and one with a wrong signature is never accepted.
 *
 * <p>The dictionary {@code feishu-events.dict} (beside the inputs) holds the words of Feishu's
 * envelopes, so that mutations keep to the shapes the decoder reads.
 *
 * <p>Each input is a few milliseconds of work at most; the per-input timeout is Jazzer's, from the
 * {@link Timeout} (scripts/fuzz turns JUnit's own timeouts off so that it bounds one input, not the
 * whole run).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EventDecoderJazzerFuzzTest {

    private static final EventDecoder PLAIN = TestEvents.plainDecoder();
    private static final EventDecoder ENCRYPTED = TestEvents.encryptedDecoder();

    /**
     * Plain mode (Verification Token, no Encrypt Key): the body as sent, unsigned, and again with
     * signature headers (which plain mode does not check for events).
     */
    @DictionaryFile(resourcePath = "feishu-events.dict")
    @FuzzTest
    void plainMode(byte[] body) {
        checkEvent(PLAIN, TestEvents.unsigned(body), Signature.NOT_REQUIRED);
        checkEvent(PLAIN, TestEvents.withSignature(body, "0".repeat(64)), Signature.NOT_REQUIRED);
    }

    /**
     * Encrypted mode (Encrypt Key and signatures). The input is used three ways, so the fuzzer
     * gets past the signature into decryption and parsing: as an event's plaintext, encrypted and
     * correctly signed; as the outer body, correctly signed (so a sealed {@code {"encrypt": ...}}
     * seed reaches the cipher with mutated Base64); and as a raw unsigned body.
     */
    @DictionaryFile(resourcePath = "feishu-events.dict")
    @FuzzTest
    void encryptedMode(byte[] data) {
        WebhookRequest sealed = TestEvents.signed(
                TestEvents.JSON.createObjectNode().put("encrypt", encrypt(data)).toString(), TestEvents.ENCRYPT_KEY);
        checkEvent(ENCRYPTED, sealed, Signature.VALID);
        checkLegacy(ENCRYPTED, sealed, Signature.INVALID);
        WebhookRequest signedBody = TestEvents.withSignature(data,
                TestEvents.eventSignature(TestEvents.TIMESTAMP, TestEvents.NONCE, TestEvents.ENCRYPT_KEY, data));
        checkEvent(ENCRYPTED, signedBody, Signature.VALID);
        checkEvent(ENCRYPTED, TestEvents.unsigned(data), Signature.ABSENT);
    }

    /**
     * The legacy card callback URL: the body signed as Feishu signs it (SHA-1 with the
     * Verification Token), unsigned, and signed with the event scheme instead, for both decoders.
     */
    @DictionaryFile(resourcePath = "feishu-events.dict")
    @FuzzTest
    void legacyCard(byte[] body) {
        WebhookRequest signed = TestEvents.withSignature(body,
                TestEvents.legacySignature(TestEvents.TIMESTAMP, TestEvents.NONCE, TestEvents.TOKEN, body));
        WebhookRequest eventSigned = TestEvents.withSignature(body,
                TestEvents.eventSignature(TestEvents.TIMESTAMP, TestEvents.NONCE, TestEvents.ENCRYPT_KEY, body));
        for (EventDecoder decoder : List.of(PLAIN, ENCRYPTED)) {
            checkLegacy(decoder, signed, Signature.VALID);
            checkLegacy(decoder, TestEvents.unsigned(body), Signature.ABSENT);
            checkLegacy(decoder, eventSigned, Signature.INVALID);
        }
    }

    /**
     * Hostile headers as well as bodies: timestamp, nonce and signature are fuzzed too (the
     * signature either computed correctly over the fuzzed values, altered in case or space, or
     * arbitrary), for both decoders on both URLs.
     */
    @DictionaryFile(resourcePath = "feishu-events.dict")
    @FuzzTest
    void rawRequests(FuzzedDataProvider data) {
        int shape = data.consumeInt(0, 7);
        String timestamp = (shape & 1) == 0 ? TestEvents.TIMESTAMP : data.consumeString(24);
        String nonce = data.consumeString(24);
        String forged = data.consumeString(80);
        byte[] body = data.consumeRemainingAsBytes();
        String eventSignature = TestEvents.eventSignature(timestamp, nonce, TestEvents.ENCRYPT_KEY, body);
        String legacySignature = TestEvents.legacySignature(timestamp, nonce, TestEvents.TOKEN, body);
        for (boolean legacy : new boolean[] {false, true}) {
            String valid = legacy ? legacySignature : eventSignature;
            String signature = switch (shape >> 1) {
                case 0 -> null;
                case 1 -> valid;
                case 2 -> " " + valid.toUpperCase(Locale.ROOT) + "\t";
                default -> forged;
            };
            Map<String, String> headers = new HashMap<>();
            headers.put(EventDecoder.H_TIMESTAMP, timestamp);
            headers.put(EventDecoder.H_NONCE, nonce);
            if (signature != null) {
                headers.put(EventDecoder.H_SIGNATURE, signature);
            }
            WebhookRequest request = new WebhookRequest(body, headers);
            Signature expected = signature == null ? Signature.ABSENT
                    : signature.strip().toLowerCase(Locale.ROOT).equals(valid) ? Signature.VALID : Signature.INVALID;
            for (EventDecoder decoder : List.of(PLAIN, ENCRYPTED)) {
                if (legacy) {
                    checkLegacy(decoder, request, expected);
                } else {
                    checkEvent(decoder, request, decoder == PLAIN ? Signature.NOT_REQUIRED : expected);
                }
            }
        }
    }

    // ---- invariants -----------------------------------------------------------------------

    /** What the request's signature is, as far as the invariants care. */
    private enum Signature { NOT_REQUIRED, ABSENT, VALID, INVALID }

    private static void checkEvent(EventDecoder decoder, WebhookRequest request, Signature signature) {
        check(decoder.decodeEvent(request), signature);
    }

    private static void checkLegacy(EventDecoder decoder, WebhookRequest request, Signature signature) {
        DecodeResult result = check(decoder.decodeLegacyCard(request), signature);
        if (result instanceof DecodeResult.Accepted accepted && accepted.event() instanceof InboundEvent.CardAction action) {
            assertThat(action.eventId()).as("a legacy callback has no event id").isNull();
        }
    }

    /** The invariants every decode result keeps; a thrown exception fails the fuzz test by itself. */
    private static DecodeResult check(DecodeResult result, Signature signature) {
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Rejected rejected) {
            assertThat(rejected.rejection()).isIn(Rejection.MALFORMED, Rejection.UNAUTHORIZED);
            assertThat(rejected.detail()).isNotNull();
            return result;
        }
        assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
        InboundEvent event = ((DecodeResult.Accepted) result).event();
        assertThat(event).isNotNull();
        if (signature == Signature.INVALID) {
            throw new AssertionError("a request with a wrong signature was accepted: " + event);
        }
        if (signature == Signature.ABSENT) {
            assertThat(event).as("without a signature only the handshake is accepted")
                    .isInstanceOf(InboundEvent.UrlVerification.class);
        }
        if (event instanceof InboundEvent.UrlVerification verification) {
            assertThat(verification.challenge()).isNotNull();
        } else if (event instanceof InboundEvent.MessageReceived received) {
            assertThat(FeishuIds.wellFormed(received.message().messageId()))
                    .as("message id %s", received.message().messageId()).isTrue();
            assertIdOrNull(received.eventId());
            assertThat(received.message().mentionedOpenIds()).doesNotContainNull();
        } else if (event instanceof InboundEvent.CardAction action) {
            assertIdOrNull(action.eventId());
            assertIdOrNull(action.click().messageId());
            assertIdOrNull(action.click().clickId());
            assertThat(action.click().value()).isNotNull();
        } else {
            assertThat(((InboundEvent.Unhandled) event).eventType()).isNotNull();
        }
        return result;
    }

    private static void assertIdOrNull(String id) {
        if (id != null) {
            assertThat(FeishuIds.wellFormed(id)).as("id %s", id).isTrue();
        }
    }

    /** The bytes encrypted as Feishu does, with a fixed IV so a finding replays byte for byte. */
    private static String encrypt(byte[] plaintext) {
        return TestEvents.encrypt(TestEvents.ENCRYPT_KEY, plaintext, new byte[16]);
    }
}
