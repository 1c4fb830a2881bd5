package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.ENCRYPT_KEY;
import static dev.pushstatus.feishu.event.TestEvents.NONCE;
import static dev.pushstatus.feishu.event.TestEvents.TIMESTAMP;
import static dev.pushstatus.feishu.event.TestEvents.TOKEN;
import static dev.pushstatus.feishu.event.TestEvents.accepted;
import static dev.pushstatus.feishu.event.TestEvents.at;
import static dev.pushstatus.feishu.event.TestEvents.encryptedBody;
import static dev.pushstatus.feishu.event.TestEvents.messageEnvelope;
import static dev.pushstatus.feishu.event.TestEvents.rejection;
import static dev.pushstatus.feishu.event.TestEvents.sealed;
import static dev.pushstatus.feishu.event.TestEvents.signed;
import static dev.pushstatus.feishu.event.TestEvents.unsigned;
import static dev.pushstatus.feishu.event.TestEvents.urlVerification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With an Encrypt Key: bodies must be encrypted with it and signed with it. */
class EventDecoderEncryptedModeTest {

    private final EventDecoder decoder = TestEvents.encryptedDecoder();

    @Test
    void anEncryptedCorrectlySignedMessageIsAccepted() {
        var received = accepted(decoder.decodeEvent(sealed(messageEnvelope().toString())),
                InboundEvent.MessageReceived.class);

        assertThat(received.message().messageId()).isEqualTo("om_1");
        assertThat(received.message().text()).isEqualTo("/push-status 123");
    }

    @Test
    void anEncryptedEventWithoutAnyTokenIsAcceptedOnTheSignatureAlone() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/header").remove("token");

        assertThat(decoder.decodeEvent(sealed(envelope.toString()))).isInstanceOf(DecodeResult.Accepted.class);
    }

    @Test
    void anEncryptedEventCarryingAWrongTokenIsUnauthorized() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/header").put("token", "forged");

        assertThat(rejection(decoder.decodeEvent(sealed(envelope.toString())))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void anUppercaseHexSignatureIsAccepted() {
        byte[] body = encryptedBody(ENCRYPT_KEY, messageEnvelope().toString()).getBytes(StandardCharsets.UTF_8);
        String upper = TestEvents.eventSignature(TIMESTAMP, NONCE, ENCRYPT_KEY, body).toUpperCase(Locale.ROOT);

        assertThat(decoder.decodeEvent(TestEvents.withSignature(body, upper))).isInstanceOf(DecodeResult.Accepted.class);
    }

    @Test
    void aSignatureMadeWithAnotherKeyIsUnauthorized() {
        String body = encryptedBody(ENCRYPT_KEY, messageEnvelope().toString());

        assertThat(rejection(decoder.decodeEvent(signed(body, "another-key")))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void oneChangedByteOfTheSignedBodyIsUnauthorized() {
        WebhookRequest good = sealed(messageEnvelope().toString());
        byte[] tampered = good.body().clone();
        int i = tampered.length / 2;
        tampered[i] = (byte) (tampered[i] == 'A' ? 'B' : 'A');

        assertThat(rejection(decoder.decodeEvent(new WebhookRequest(tampered, good.headers()))))
                .isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aChangedTimestampIsUnauthorized() {
        WebhookRequest good = sealed(messageEnvelope().toString());
        var headers = new java.util.HashMap<>(good.headers());
        headers.put("x-lark-request-timestamp", "1677254850");

        assertThat(rejection(decoder.decodeEvent(new WebhookRequest(good.body(), headers))))
                .isEqualTo(Rejection.UNAUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Lark-Request-Timestamp", "X-Lark-Request-Nonce", "X-Lark-Signature"})
    void anyMissingSignatureHeaderIsUnauthorized(String missing) {
        WebhookRequest good = sealed(messageEnvelope().toString());
        var headers = new java.util.HashMap<>(good.headers());
        headers.remove(missing.toLowerCase(Locale.ROOT));

        assertThat(rejection(decoder.decodeEvent(new WebhookRequest(good.body(), headers))))
                .isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void anEncryptedEventWithoutAnySignatureHeadersIsUnauthorized() {
        String body = encryptedBody(ENCRYPT_KEY, messageEnvelope().toString());

        assertThat(rejection(decoder.decodeEvent(unsigned(body)))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void anEncryptedUrlVerificationWithoutSignatureHeadersIsAccepted() {
        String body = encryptedBody(ENCRYPT_KEY, urlVerification(TOKEN));

        var verification = accepted(decoder.decodeEvent(unsigned(body)), InboundEvent.UrlVerification.class);

        assertThat(verification.challenge()).isEqualTo("ch-abc");
    }

    @Test
    void anEncryptedUrlVerificationWithAWrongTokenIsUnauthorized() {
        String body = encryptedBody(ENCRYPT_KEY, urlVerification("forged"));

        assertThat(rejection(decoder.decodeEvent(unsigned(body)))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void anEncryptedUrlVerificationWithABadSignatureIsUnauthorized() {
        byte[] body = encryptedBody(ENCRYPT_KEY, urlVerification(TOKEN)).getBytes(StandardCharsets.UTF_8);

        assertThat(rejection(decoder.decodeEvent(TestEvents.withSignature(body, "00".repeat(32)))))
                .isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aPlainUrlVerificationIsUnauthorizedWhileAnEncryptKeyIsSet() {
        assertThat(rejection(decoder.decodeEvent(unsigned(urlVerification(TOKEN))))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aPlainSignedEventIsUnauthorizedWhileAnEncryptKeyIsSet() {
        assertThat(rejection(decoder.decodeEvent(signed(messageEnvelope().toString(), ENCRYPT_KEY))))
                .isEqualTo(Rejection.UNAUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 at all!", "%%%%", "", "AAAAAAA"})
    void anEncryptValueThatIsNoBase64IsUnauthorized(String encrypt) {
        String body = "{\"encrypt\":\"" + encrypt + "\"}";

        assertThat(rejection(decoder.decodeEvent(signed(body, ENCRYPT_KEY)))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void base64OfFiveBytesIsUnauthorized() {
        String body = "{\"encrypt\":\"" + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5}) + "\"}";

        assertThat(rejection(decoder.decodeEvent(signed(body, ENCRYPT_KEY)))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void anIvWithoutCiphertextIsUnauthorized() {
        String body = "{\"encrypt\":\"" + Base64.getEncoder().encodeToString(new byte[16]) + "\"}";

        assertThat(rejection(decoder.decodeEvent(signed(body, ENCRYPT_KEY)))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aBodyEncryptedWithAnotherKeyIsUnauthorizedEvenWhenSigned() {
        String body = encryptedBody("another-key", messageEnvelope().toString());

        assertThat(rejection(decoder.decodeEvent(signed(body, ENCRYPT_KEY)))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void anEncryptValueThatIsNoStringIsUnauthorized() {
        assertThat(rejection(decoder.decodeEvent(signed("{\"encrypt\":42}", ENCRYPT_KEY))))
                .isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void encryptedJsonThatIsNoObjectIsUnauthorized() {
        String body = encryptedBody(ENCRYPT_KEY, "[1,2,3]");

        assertThat(rejection(decoder.decodeEvent(signed(body, ENCRYPT_KEY)))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void decryptedBytesThatAreNoUtf8AreUnauthorized() {
        String encrypt = TestEvents.encrypt(ENCRYPT_KEY, new byte[] {'{', (byte) 0xFF, '}'}, new byte[16]);
        String body = "{\"encrypt\":\"" + encrypt + "\"}";

        assertThat(rejection(decoder.decodeEvent(signed(body, ENCRYPT_KEY)))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        byte[] body = encryptedBody(ENCRYPT_KEY, messageEnvelope().toString()).getBytes(StandardCharsets.UTF_8);
        var request = new WebhookRequest(body, Map.of(
                "x-lark-request-timestamp", TIMESTAMP,
                "X-LARK-REQUEST-NONCE", NONCE,
                "x-Lark-Signature", TestEvents.eventSignature(TIMESTAMP, NONCE, ENCRYPT_KEY, body)));

        assertThat(decoder.decodeEvent(request)).isInstanceOf(DecodeResult.Accepted.class);
    }
}
