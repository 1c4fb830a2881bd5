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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A correctly signed request is still refused when its timestamp is far from now: a replay. */
class ReplayWindowTest {

    private static final Instant SENT = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

    private static EventDecoder decoderAt(Instant now, String encryptKey) {
        return new EventDecoder(new WebhookSecrets(TOKEN, encryptKey), FeishuJson.newMapper(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static WebhookRequest signedAt(String timestamp, byte[] body) {
        return new WebhookRequest(body, Map.of(
                EventDecoder.H_TIMESTAMP, timestamp,
                EventDecoder.H_NONCE, NONCE,
                EventDecoder.H_SIGNATURE, eventSignature(timestamp, NONCE, ENCRYPT_KEY, body)));
    }

    private static byte[] event() {
        return encryptedBody(ENCRYPT_KEY, messageEnvelope().toString()).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "received {0} s after it was signed")
    @ValueSource(longs = {0, 59 * 60, -59 * 60, 3_600})
    void withinAnHourEitherWayIsAccepted(long offsetSeconds) {
        var decoder = decoderAt(SENT.plusSeconds(offsetSeconds), ENCRYPT_KEY);

        accepted(decoder.decodeEvent(signedAt(TIMESTAMP, event())), InboundEvent.MessageReceived.class);
    }

    @ParameterizedTest(name = "received {0} s after it was signed")
    @ValueSource(longs = {3_601, -3_601, 6 * 3_600, 365L * 86_400})
    void furtherThanAnHourIsRefusedAsAReplay(long offsetSeconds) {
        var decoder = decoderAt(SENT.plusSeconds(offsetSeconds), ENCRYPT_KEY);

        assertThat(rejection(decoder.decodeEvent(signedAt(TIMESTAMP, event())))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @ParameterizedTest(name = "timestamp {0}")
    @CsvSource({"1677254849000, true", "1677251249000, true", "1677247000000, false"})
    void aMillisecondTimestampIsReadAsMilliseconds(String millis, boolean accepted) {
        var decoder = decoderAt(SENT, ENCRYPT_KEY);

        DecodeResult result = decoder.decodeEvent(signedAt(millis, event()));

        assertThat(result instanceof DecodeResult.Accepted).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "timestamp ''{0}''")
    @ValueSource(strings = {"", "soon", "1.5e9", "0x63f8", "99999999999999999999999", "-9223372036854775808",
        "9223372036854775807", "0", "-1"})
    void anUnreadableTimestampIsRefused(String timestamp) {
        var decoder = decoderAt(SENT, ENCRYPT_KEY);

        assertThat(rejection(decoder.decodeEvent(signedAt(timestamp, event())))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @ParameterizedTest(name = "received {0} s after it was signed")
    @CsvSource({"60, true", "7200, false"})
    void legacyCardCallbacksAreHeldToTheSameWindow(long offsetSeconds, boolean accepted) {
        byte[] body = legacyCardClick().getBytes(StandardCharsets.UTF_8);
        var request = new WebhookRequest(body, Map.of(
                EventDecoder.H_TIMESTAMP, TIMESTAMP,
                EventDecoder.H_NONCE, NONCE,
                EventDecoder.H_SIGNATURE, legacySignature(TIMESTAMP, NONCE, TOKEN, body)));

        DecodeResult result = decoderAt(SENT.plusSeconds(offsetSeconds), null).decodeLegacyCard(request);

        assertThat(result instanceof DecodeResult.Accepted).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "received {0} s after")
    @ValueSource(longs = {0, 86_400})
    void withoutAnEncryptKeyNothingIsSignedSoTheTimestampIsNotJudged(long offsetSeconds) {
        var decoder = decoderAt(SENT.plusSeconds(offsetSeconds), null);
        byte[] body = messageEnvelope().toString().getBytes(StandardCharsets.UTF_8);

        accepted(decoder.decodeEvent(new WebhookRequest(body, Map.of(EventDecoder.H_TIMESTAMP, TIMESTAMP,
                EventDecoder.H_NONCE, NONCE, EventDecoder.H_SIGNATURE, "whatever"))), InboundEvent.MessageReceived.class);
    }
}
