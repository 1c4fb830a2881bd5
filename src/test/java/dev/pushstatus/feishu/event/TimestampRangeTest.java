package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.ENCRYPT_KEY;
import static dev.pushstatus.feishu.event.TestEvents.NONCE;
import static dev.pushstatus.feishu.event.TestEvents.TOKEN;
import static dev.pushstatus.feishu.event.TestEvents.encryptedBody;
import static dev.pushstatus.feishu.event.TestEvents.eventSignature;
import static dev.pushstatus.feishu.event.TestEvents.messageEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.FeishuJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A signed request's timestamp must be a number from 1 to 10^15: anything else is "out of range"
 * before any clock comparison; inside the range a far one is refused as a replay. (The detail is
 * for the log; both are 401.)
 */
class TimestampRangeTest {

    private static final byte[] EVENT = encryptedBody(ENCRYPT_KEY, messageEnvelope().toString())
            .getBytes(StandardCharsets.UTF_8);
    private static final long MAX = 1_000_000_000_000_000L;

    private static String refusal(String timestamp) {
        EventDecoder decoder = new EventDecoder(new WebhookSecrets(TOKEN, ENCRYPT_KEY), FeishuJson.newMapper(),
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));
        DecodeResult result = decoder.decodeEvent(new WebhookRequest(EVENT, Map.of(
                EventDecoder.H_TIMESTAMP, timestamp,
                EventDecoder.H_NONCE, NONCE,
                EventDecoder.H_SIGNATURE, eventSignature(timestamp, NONCE, ENCRYPT_KEY, EVENT))));
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        DecodeResult.Rejected rejected = (DecodeResult.Rejected) result;
        assertThat(rejected.rejection()).isEqualTo(Rejection.UNAUTHORIZED);
        return rejected.detail();
    }

    @Test
    void zeroAndNegativeTimestampsAreOutOfRange() {
        assertThat(refusal("0")).isEqualTo("request timestamp 0 is out of range");
        assertThat(refusal("-1")).isEqualTo("request timestamp -1 is out of range");
    }

    @Test
    void oneSecondPastTheEpochIsInRangeButAReplay() {
        assertThat(refusal("1")).isEqualTo("request timestamp is 28333333 min from now (more than 60 min): refused as a replay");
    }

    @Test
    void tenToTheFifteenIsTheLargestTimestampInRange() {
        assertThat(refusal(String.valueOf(MAX))).endsWith("min from now (more than 60 min): refused as a replay");
        assertThat(refusal(String.valueOf(MAX + 1))).isEqualTo("request timestamp " + (MAX + 1) + " is out of range");
    }
}
