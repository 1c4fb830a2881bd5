package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.APP_TENANT;
import static dev.pushstatus.feishu.event.TestEvents.BOT_OPEN_ID;
import static dev.pushstatus.feishu.event.TestEvents.accepted;
import static dev.pushstatus.feishu.event.TestEvents.at;
import static dev.pushstatus.feishu.event.TestEvents.messageEnvelope;
import static dev.pushstatus.feishu.event.TestEvents.rejection;
import static dev.pushstatus.feishu.event.TestEvents.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.ChatType;
import dev.pushstatus.bot.IncomingMessage;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** im.message.receive_v1 turned into the domain's {@link IncomingMessage}. */
class MessageEventDecodingTest {

    private final EventDecoder decoder = TestEvents.plainDecoder();

    private IncomingMessage decode(ObjectNode envelope) {
        return accepted(decoder.decodeEvent(unsigned(envelope.toString())), InboundEvent.MessageReceived.class)
                .message();
    }

    @Test
    void everyFieldOfAGroupMessageArrives() {
        var received = accepted(decoder.decodeEvent(unsigned(messageEnvelope().toString())),
                InboundEvent.MessageReceived.class);
        IncomingMessage m = received.message();

        assertThat(received.eventId()).isEqualTo("ev_1");
        assertThat(m.messageId()).isEqualTo("om_1");
        assertThat(m.chatId()).isEqualTo("oc_chat");
        assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(m.senderOpenId()).isEqualTo("ou_sender");
        assertThat(m.senderIsUser()).isTrue();
        assertThat(m.senderTenant()).isEqualTo(APP_TENANT);
        assertThat(m.appTenant()).isEqualTo(APP_TENANT);
        assertThat(m.requester().inAppTenant()).isTrue();
        assertThat(m.mentionedOpenIds()).containsExactly(BOT_OPEN_ID);
        assertThat(m.mentions(BOT_OPEN_ID)).isTrue();
        assertThat(m.text()).isEqualTo("/push-status 123");
    }

    @ParameterizedTest
    @CsvSource({"p2p, P2P", "group, GROUP", "topic_group, GROUP", "something_new, GROUP"})
    void chatTypes(String feishuChatType, ChatType expected) {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/event/message").put("chat_type", feishuChatType);

        assertThat(decode(envelope).chatType()).isEqualTo(expected);
    }

    @Test
    void aMessageFromAnAppIsNotFromAUser() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/event/sender").put("sender_type", "app");

        assertThat(decode(envelope).senderIsUser()).isFalse();
    }

    @Test
    void theSenderTenantIsKeptApartFromTheAppTenant() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/event/sender").put("tenant_key", "tenant-external");

        IncomingMessage m = decode(envelope);

        assertThat(m.senderTenant()).isEqualTo("tenant-external");
        assertThat(m.appTenant()).isEqualTo(APP_TENANT);
        assertThat(m.requester().inAppTenant()).isFalse();
    }

    @Test
    void everyMentionedOpenIdIsCollectedAndMentionsWithoutOneAreSkipped() {
        ObjectNode envelope = messageEnvelope();
        var mentions = at(envelope, "/event/message").putArray("mentions");
        mentions.addObject().put("key", "@_user_1").putObject("id").put("open_id", "ou_a");
        mentions.addObject().put("key", "@_user_2").putObject("id").put("open_id", "ou_b");
        mentions.addObject().put("key", "@_user_3").putObject("id").put("user_id", "only-user-id");
        mentions.addObject().put("key", "@_all");
        mentions.addNull();
        at(envelope, "/event/message").put("content", TestEvents.textContent("@_user_1 @_user_2 @_user_3 hi"));

        IncomingMessage m = decode(envelope);

        assertThat(m.mentionedOpenIds()).containsExactlyInAnyOrder("ou_a", "ou_b");
        assertThat(m.mentions(BOT_OPEN_ID)).isFalse();
        assertThat(m.text()).isEqualTo("hi");
    }

    @Test
    void noMentionsMeansAnEmptySet() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/event/message").remove("mentions");

        assertThat(decode(envelope).mentionedOpenIds()).isEmpty();
    }

    @Test
    void aSenderWithoutSenderIdHasNoOpenId() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/event/sender").remove("sender_id");

        assertThat(decode(envelope).senderOpenId()).isNull();
    }

    @Test
    void anImageMessageHasNoText() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/event/message").put("message_type", "image").put("content", "{\"image_key\":\"img_v2_1\"}");

        IncomingMessage m = decode(envelope);

        assertThat(m.messageId()).isEqualTo("om_1");
        assertThat(m.text()).isNull();
    }

    static Stream<Arguments> wrongShapes() {
        return Stream.of(
                Arguments.of("header is a string", (Consumer<ObjectNode>) e -> e.put("header", "h")),
                Arguments.of("header is an array", (Consumer<ObjectNode>) e -> e.putArray("header")),
                Arguments.of("event is a string", (Consumer<ObjectNode>) e -> e.put("event", "e")),
                Arguments.of("event missing", (Consumer<ObjectNode>) e -> e.remove("event")),
                Arguments.of("mentions is an object",
                        (Consumer<ObjectNode>) e -> at(e, "/event/message").putObject("mentions").put("key", "@_user_1")),
                Arguments.of("mentions holds a string",
                        (Consumer<ObjectNode>) e -> at(e, "/event/message").putArray("mentions").add("ou_x")),
                Arguments.of("message missing message_id",
                        (Consumer<ObjectNode>) e -> at(e, "/event/message").remove("message_id")),
                Arguments.of("message_id blank",
                        (Consumer<ObjectNode>) e -> at(e, "/event/message").put("message_id", "  ")),
                Arguments.of("message_id is an object",
                        (Consumer<ObjectNode>) e -> at(e, "/event/message").putObject("message_id")),
                Arguments.of("message missing", (Consumer<ObjectNode>) e -> at(e, "/event").remove("message")),
                Arguments.of("message is an array", (Consumer<ObjectNode>) e -> at(e, "/event").putArray("message")),
                Arguments.of("sender missing", (Consumer<ObjectNode>) e -> at(e, "/event").remove("sender")),
                Arguments.of("sender_id is a number", (Consumer<ObjectNode>) e -> at(e, "/event/sender").put("sender_id", 7)),
                Arguments.of("content is an object",
                        (Consumer<ObjectNode>) e -> at(e, "/event/message").putObject("content").put("text", "hi")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongShapes")
    void wronglyShapedEventsAreMalformedNeverAnException(String description, Consumer<ObjectNode> breakIt) {
        ObjectNode envelope = messageEnvelope();
        breakIt.accept(envelope);

        assertThat(rejection(decoder.decodeEvent(unsigned(envelope.toString())))).isEqualTo(Rejection.MALFORMED);
    }

    @ParameterizedTest(name = "message_id {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {".", "..", "om_1/../../x", "om_1\nINFO forged line",
        "om 1", "", "om_%2e%2e"})
    void aMessageIdNotShapedLikeFeishusIsRefusedAsMalformed(String id) {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/event/message").put("message_id", id);

        assertThat(rejection(decoder.decodeEvent(unsigned(envelope.toString())))).isEqualTo(Rejection.MALFORMED);
    }

    @Test
    void aHundredThousandCharacterMessageIdIsRefusedToo() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/event/message").put("message_id", "om_" + "a".repeat(100_000));

        assertThat(rejection(decoder.decodeEvent(unsigned(envelope.toString())))).isEqualTo(Rejection.MALFORMED);
        at(envelope, "/event/message").put("message_id", "om_" + "a".repeat(FeishuIds.MAX_LENGTH - 3));
        assertThat(decode(envelope).messageId()).hasSize(FeishuIds.MAX_LENGTH);
    }

    @Test
    void aBadlyShapedEventIdIsDroppedNotUsed() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/header").put("event_id", "ev\nforged");

        InboundEvent.MessageReceived received = accepted(decoder.decodeEvent(unsigned(envelope.toString())),
                InboundEvent.MessageReceived.class);
        assertThat(received.eventId()).isNull();
    }
}
