package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.ENCRYPT_KEY;
import static dev.pushstatus.feishu.event.TestEvents.NONCE;
import static dev.pushstatus.feishu.event.TestEvents.TIMESTAMP;
import static dev.pushstatus.feishu.event.TestEvents.TOKEN;
import static dev.pushstatus.feishu.event.TestEvents.accepted;
import static dev.pushstatus.feishu.event.TestEvents.encryptedBody;
import static dev.pushstatus.feishu.event.TestEvents.eventSignature;
import static dev.pushstatus.feishu.event.TestEvents.legacyCardClick;
import static dev.pushstatus.feishu.event.TestEvents.legacySignature;
import static dev.pushstatus.feishu.event.TestEvents.messageEnvelope;
import static dev.pushstatus.feishu.event.TestEvents.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.FeishuJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A signed request needs both its timestamp and its nonce header: a missing one is never read as
 * the text "null" (a signature computed that way is still refused). And the timestamp is read as
 * seconds up to 10^12 and as milliseconds above it.
 */
class SignatureHeadersTest {

    private static final byte[] EVENT = encryptedBody(ENCRYPT_KEY, messageEnvelope().toString())
            .getBytes(StandardCharsets.UTF_8);
    private static final long MILLIS_THRESHOLD = 1_000_000_000_000L;

    private static EventDecoder encryptedDecoderAt(Instant now) {
        return new EventDecoder(new WebhookSecrets(TOKEN, ENCRYPT_KEY), FeishuJson.newMapper(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static WebhookRequest signedAt(String timestamp) {
        return new WebhookRequest(EVENT, Map.of(
                EventDecoder.H_TIMESTAMP, timestamp,
                EventDecoder.H_NONCE, NONCE,
                EventDecoder.H_SIGNATURE, eventSignature(timestamp, NONCE, ENCRYPT_KEY, EVENT)));
    }

    @Test
    void anEventWithoutNonceIsRefusedEvenSignedOverTheTextNull() {
        var request = new WebhookRequest(EVENT, Map.of(
                EventDecoder.H_TIMESTAMP, TIMESTAMP,
                EventDecoder.H_SIGNATURE, eventSignature(TIMESTAMP, "null", ENCRYPT_KEY, EVENT)));

        assertThat(rejection(TestEvents.encryptedDecoder().decodeEvent(request))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void anEventWithoutTimestampIsRefusedEvenSignedOverTheTextNull() {
        var request = new WebhookRequest(EVENT, Map.of(
                EventDecoder.H_NONCE, NONCE,
                EventDecoder.H_SIGNATURE, eventSignature("null", NONCE, ENCRYPT_KEY, EVENT)));

        assertThat(rejection(TestEvents.encryptedDecoder().decodeEvent(request))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aLegacyClickWithoutNonceIsRefusedEvenSignedOverTheTextNull() {
        byte[] body = legacyCardClick().getBytes(StandardCharsets.UTF_8);
        var request = new WebhookRequest(body, Map.of(
                EventDecoder.H_TIMESTAMP, TIMESTAMP,
                EventDecoder.H_SIGNATURE, legacySignature(TIMESTAMP, "null", TOKEN, body)));

        assertThat(rejection(TestEvents.plainDecoder().decodeLegacyCard(request))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aTimestampJustAboveTenToTheTwelveIsMilliseconds() {
        Instant now = Instant.ofEpochMilli(MILLIS_THRESHOLD + 1);

        accepted(encryptedDecoderAt(now).decodeEvent(signedAt(String.valueOf(MILLIS_THRESHOLD + 1))),
                InboundEvent.MessageReceived.class);
    }

    @Test
    void aTimestampOfExactlyTenToTheTwelveIsSecondsAndSoFarInTheFuture() {
        Instant now = Instant.ofEpochMilli(MILLIS_THRESHOLD);

        assertThat(rejection(encryptedDecoderAt(now).decodeEvent(signedAt(String.valueOf(MILLIS_THRESHOLD)))))
                .isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aTimestampInSecondsIsReadAsSeconds() {
        Instant now = Instant.ofEpochSecond(MILLIS_THRESHOLD / 1000);

        accepted(encryptedDecoderAt(now).decodeEvent(signedAt(String.valueOf(MILLIS_THRESHOLD / 1000))),
                InboundEvent.MessageReceived.class);
    }
}
