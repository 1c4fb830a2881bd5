package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.TOKEN;
import static dev.pushstatus.feishu.event.TestEvents.accepted;
import static dev.pushstatus.feishu.event.TestEvents.at;
import static dev.pushstatus.feishu.event.TestEvents.messageEnvelope;
import static dev.pushstatus.feishu.event.TestEvents.rejection;
import static dev.pushstatus.feishu.event.TestEvents.unsigned;
import static dev.pushstatus.feishu.event.TestEvents.urlVerification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The envelope checks without an Encrypt Key: the Verification Token is the only proof. */
class EventDecoderPlainModeTest {

    private final EventDecoder decoder = TestEvents.plainDecoder();

    @Test
    void urlVerificationWithTheRightTokenAnswersTheChallenge() {
        var verification = accepted(decoder.decodeEvent(unsigned(urlVerification(TOKEN))),
                InboundEvent.UrlVerification.class);

        assertThat(verification.challenge()).isEqualTo("ch-abc");
    }

    @Test
    void urlVerificationWithAWrongTokenIsUnauthorized() {
        assertThat(rejection(decoder.decodeEvent(unsigned(urlVerification("not-the-token")))))
                .isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void urlVerificationWithoutATokenIsUnauthorized() {
        assertThat(rejection(decoder.decodeEvent(unsigned(urlVerification(null)))))
                .isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void urlVerificationWithoutAChallengeIsMalformed() {
        String body = "{\"type\":\"url_verification\",\"token\":\"" + TOKEN + "\"}";

        assertThat(rejection(decoder.decodeEvent(unsigned(body)))).isEqualTo(Rejection.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{", "{\"a\":}", "[]", "[{\"type\":\"url_verification\"}]",
            "\"a string\"", "42", "null", "true"})
    void bodiesThatAreNoJsonObjectAreMalformed(String body) {
        assertThat(rejection(decoder.decodeEvent(unsigned(body)))).isEqualTo(Rejection.MALFORMED);
    }

    @Test
    void invalidUtf8IsMalformedNotRepaired() {
        byte[] body = "{\"challenge\":\"ch-\u00ff\",\"token\":\"x\",\"type\":\"url_verification\"}"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(rejection(decoder.decodeEvent(unsigned(body)))).isEqualTo(Rejection.MALFORMED);
    }

    @Test
    void aMessageEventWithTheRightHeaderTokenIsAccepted() {
        assertThat(decoder.decodeEvent(unsigned(messageEnvelope().toString())))
                .isInstanceOf(DecodeResult.Accepted.class);
    }

    @Test
    void aMessageEventWithAWrongHeaderTokenIsUnauthorized() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/header").put("token", "forged");

        assertThat(rejection(decoder.decodeEvent(unsigned(envelope.toString())))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aMessageEventWithoutAHeaderTokenIsUnauthorized() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/header").remove("token");

        assertThat(rejection(decoder.decodeEvent(unsigned(envelope.toString())))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aTokenAtTheTopLevelDoesNotStandInForTheV2HeaderToken() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/header").put("token", "forged");
        envelope.put("token", TOKEN);

        assertThat(rejection(decoder.decodeEvent(unsigned(envelope.toString())))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void anUnknownEventTypeIsAcknowledgedAsUnhandled() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/header").put("event_type", "im.chat.member.bot.added_v1");

        var unhandled = accepted(decoder.decodeEvent(unsigned(envelope.toString())), InboundEvent.Unhandled.class);

        assertThat(unhandled.eventType()).isEqualTo("im.chat.member.bot.added_v1");
    }

    @Test
    void anUnknownEventTypeWithAWrongTokenIsStillUnauthorized() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/header").put("event_type", "im.chat.member.bot.added_v1").put("token", "forged");

        assertThat(rejection(decoder.decodeEvent(unsigned(envelope.toString())))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aV1EnvelopeIsUnhandled() {
        String v1 = """
                {"uuid":"41b5f371157e3c","token":"%s","ts":"1550038209.428520","type":"event_callback",
                 "event":{"type":"message","msg_type":"text","text":"/push-status 1"}}
                """.formatted(TOKEN);

        var unhandled = accepted(decoder.decodeEvent(unsigned(v1)), InboundEvent.Unhandled.class);

        assertThat(unhandled.eventType()).isEqualTo("message");
    }

    @Test
    void aV1EnvelopeWithAWrongTokenIsUnauthorized() {
        String v1 = """
                {"uuid":"41b5f371157e3c","token":"forged","ts":"1550038209.428520","type":"event_callback",
                 "event":{"type":"message"}}
                """;

        assertThat(rejection(decoder.decodeEvent(unsigned(v1)))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void anEncryptedBodyWithoutAConfiguredKeyIsUnauthorized() {
        String body = TestEvents.encryptedBody(TestEvents.ENCRYPT_KEY, urlVerification(TOKEN));

        assertThat(rejection(decoder.decodeEvent(unsigned(body)))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void signatureHeadersAreIgnoredWithoutAnEncryptKeyToCheckThemWith() {
        var request = TestEvents.withSignature(messageEnvelope().toString().getBytes(StandardCharsets.UTF_8),
                "anything");

        assertThat(decoder.decodeEvent(request)).isInstanceOf(DecodeResult.Accepted.class);
    }
}
