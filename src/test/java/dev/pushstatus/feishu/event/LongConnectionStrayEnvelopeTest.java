package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Neither the URL-verification handshake nor an encrypted envelope belongs on the long connection:
 * each is accepted as an unhandled event named for what it is (and so acknowledged and ignored).
 */
class LongConnectionStrayEnvelopeTest {

    private static InboundEvent decoded(String json) {
        DecodeResult result = TestEvents.plainDecoder().decodeFromLongConnection(json.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
        return ((DecodeResult.Accepted) result).event();
    }

    @Test
    void theHandshakeIsNamedUrlVerification() {
        assertThat(decoded(TestEvents.urlVerification(TestEvents.TOKEN)))
                .isEqualTo(new InboundEvent.Unhandled("url_verification"));
    }

    @Test
    void anEncryptedEnvelopeIsNamedEncrypted() {
        assertThat(decoded("{\"encrypt\":\"c29tZXRoaW5n\"}")).isEqualTo(new InboundEvent.Unhandled("encrypted"));
    }

    @Test
    void aPlainEventIsDecodedAsOnTheWebhook() {
        assertThat(decoded(TestEvents.messageEnvelope().toString())).isInstanceOf(InboundEvent.MessageReceived.class);
    }
}
