package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.APP_TENANT;
import static dev.pushstatus.feishu.event.TestEvents.NONCE;
import static dev.pushstatus.feishu.event.TestEvents.TIMESTAMP;
import static dev.pushstatus.feishu.event.TestEvents.TOKEN;
import static dev.pushstatus.feishu.event.TestEvents.accepted;
import static dev.pushstatus.feishu.event.TestEvents.at;
import static dev.pushstatus.feishu.event.TestEvents.cardActionEnvelope;
import static dev.pushstatus.feishu.event.TestEvents.legacyCardClick;
import static dev.pushstatus.feishu.event.TestEvents.legacySignature;
import static dev.pushstatus.feishu.event.TestEvents.rejection;
import static dev.pushstatus.feishu.event.TestEvents.unsigned;
import static dev.pushstatus.feishu.event.TestEvents.urlVerification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Button clicks: the new card.action.trigger event and the legacy card request URL. */
class CardActionDecodingTest {

    private final EventDecoder decoder = TestEvents.plainDecoder();

    @Test
    void cardActionTriggerCarriesOperatorContextAndButtonValue() {
        var action = accepted(decoder.decodeEvent(unsigned(cardActionEnvelope().toString())),
                InboundEvent.CardAction.class);

        assertThat(action.click().operatorOpenId()).isEqualTo("ou_op");
        assertThat(action.click().operatorTenant()).isEqualTo("tenant-op");
        assertThat(action.click().appTenant()).isEqualTo(APP_TENANT);
        assertThat(action.click().messageId()).isEqualTo("om_card");
        assertThat(action.click().chatId()).isEqualTo("oc_card");
        assertThat(action.click().value()).containsOnly(
                entry("cmd", "refresh"), entry("id", "6981801914270744596"), entry("n", "3"));
    }

    @Test
    void cardActionTriggerWithAWrongTokenIsUnauthorized() {
        ObjectNode envelope = cardActionEnvelope();
        at(envelope, "/header").put("token", "forged");

        assertThat(rejection(decoder.decodeEvent(unsigned(envelope.toString())))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void aButtonValueThatIsNoObjectBecomesAnEmptyMap() {
        ObjectNode envelope = cardActionEnvelope();
        at(envelope, "/event/action").put("value", "refresh:42");

        var action = accepted(decoder.decodeEvent(unsigned(envelope.toString())), InboundEvent.CardAction.class);

        assertThat(action.click().value()).isEmpty();
    }

    @Test
    void nestedNullAndOversizedValueMembersAreDropped() {
        ObjectNode envelope = cardActionEnvelope();
        ObjectNode value = (ObjectNode) at(envelope, "/event/action/value");
        value.putObject("nested").put("cmd", "refresh");
        value.putNull("gone");
        value.put("huge", "9".repeat(10_000));

        var action = accepted(decoder.decodeEvent(unsigned(envelope.toString())), InboundEvent.CardAction.class);

        assertThat(action.click().value()).containsOnlyKeys("cmd", "id", "n");
    }

    @Test
    void aCardActionWithoutContextStillArrives() {
        ObjectNode envelope = cardActionEnvelope();
        at(envelope, "/event").remove("context");

        var action = accepted(decoder.decodeEvent(unsigned(envelope.toString())), InboundEvent.CardAction.class);

        assertThat(action.click().messageId()).isNull();
        assertThat(action.click().chatId()).isNull();
    }

    @Test
    void aCardActionWithoutOperatorIsMalformed() {
        ObjectNode envelope = cardActionEnvelope();
        at(envelope, "/event").remove("operator");

        assertThat(rejection(decoder.decodeEvent(unsigned(envelope.toString())))).isEqualTo(Rejection.MALFORMED);
    }

    // ---- legacy card request URL ---------------------------------------------------------

    @Test
    void legacyChallengeWithTheRightTokenIsAnswered() {
        var verification = accepted(decoder.decodeLegacyCard(unsigned(urlVerification(TOKEN))),
                InboundEvent.UrlVerification.class);

        assertThat(verification.challenge()).isEqualTo("ch-abc");
    }

    @Test
    void legacyChallengeWithAWrongTokenIsUnauthorized() {
        assertThat(rejection(decoder.decodeLegacyCard(unsigned(urlVerification("forged")))))
                .isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void legacyClickSignedWithSha1OfTheVerificationTokenIsAccepted() {
        byte[] body = legacyCardClick().getBytes(StandardCharsets.UTF_8);
        var request = TestEvents.withSignature(body, legacySignature(TIMESTAMP, NONCE, TOKEN, body));

        var action = accepted(decoder.decodeLegacyCard(request), InboundEvent.CardAction.class);

        assertThat(action.click().operatorOpenId()).isEqualTo("ou_op");
        assertThat(action.click().operatorTenant()).isEqualTo("tenant-op");
        assertThat(action.click().appTenant()).as("the legacy callback does not say which tenant is the app's").isNull();
        assertThat(action.click().messageId()).isEqualTo("om_card");
        assertThat(action.click().chatId()).isEqualTo("oc_card");
        assertThat(action.click().value()).isEqualTo(Map.of("cmd", "refresh", "id", "42"));
    }

    @Test
    void legacyClickWithABadSha1IsUnauthorized() {
        byte[] body = legacyCardClick().getBytes(StandardCharsets.UTF_8);
        var request = TestEvents.withSignature(body, legacySignature(TIMESTAMP, NONCE, "other-token", body));

        assertThat(rejection(decoder.decodeLegacyCard(request))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void legacyClickSignedWithSha256InsteadOfSha1IsUnauthorized() {
        byte[] body = legacyCardClick().getBytes(StandardCharsets.UTF_8);
        var request = TestEvents.withSignature(body, TestEvents.eventSignature(TIMESTAMP, NONCE, TOKEN, body));

        assertThat(rejection(decoder.decodeLegacyCard(request))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void legacyClickWithoutSignatureHeadersIsUnauthorized() {
        assertThat(rejection(decoder.decodeLegacyCard(unsigned(legacyCardClick())))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void legacyClickWithASignatureButNoTimestampIsUnauthorized() {
        byte[] body = legacyCardClick().getBytes(StandardCharsets.UTF_8);
        var request = new WebhookRequest(body, Map.of(
                "X-Lark-Request-Nonce", NONCE,
                "X-Lark-Signature", legacySignature(TIMESTAMP, NONCE, TOKEN, body)));

        assertThat(rejection(decoder.decodeLegacyCard(request))).isEqualTo(Rejection.UNAUTHORIZED);
    }

    @Test
    void legacyClickIsAlsoAcceptedWhenAnEncryptKeyIsSet() {
        byte[] body = legacyCardClick().getBytes(StandardCharsets.UTF_8);
        var request = TestEvents.withSignature(body, legacySignature(TIMESTAMP, NONCE, TOKEN, body));

        assertThat(TestEvents.encryptedDecoder().decodeLegacyCard(request)).isInstanceOf(DecodeResult.Accepted.class);
    }

    @Test
    void legacyClickWithoutUpdateTokenIsAcceptedWhenAnEncryptKeyIsSet() {
        ObjectNode click = TestEvents.parse(legacyCardClick());
        click.remove("token");
        byte[] body = click.toString().getBytes(StandardCharsets.UTF_8);
        var request = TestEvents.withSignature(body, legacySignature(TIMESTAMP, NONCE, TOKEN, body));

        assertThat(TestEvents.encryptedDecoder().decodeLegacyCard(request)).isInstanceOf(DecodeResult.Accepted.class);
    }

    @Test
    void legacyClickWithABadSha1IsUnauthorizedWhenAnEncryptKeyIsSet() {
        byte[] body = legacyCardClick().getBytes(StandardCharsets.UTF_8);
        var request = TestEvents.withSignature(body, legacySignature(TIMESTAMP, NONCE, "other-token", body));

        assertThat(rejection(TestEvents.encryptedDecoder().decodeLegacyCard(request))).isEqualTo(Rejection.UNAUTHORIZED);
    }
}
