package dev.pushstatus.feishu.event;

import dev.pushstatus.bot.IncomingMessage;
import java.util.Map;

/** A verified event from Feishu, in the few shapes the bot acts on. */
public sealed interface InboundEvent {

    /** The request URL handshake: answer with the challenge. */
    record UrlVerification(String challenge) implements InboundEvent {}

    /** {@code im.message.receive_v1}. */
    record MessageReceived(String eventId, IncomingMessage message) implements InboundEvent {}

    /**
     * A card button click, from the new {@code card.action.trigger} event or the legacy card
     * callback.
     *
     * @param value the button's value as sent back by Feishu: untrusted, validate before use
     */
    record CardAction(String operatorOpenId, String operatorTenant, String appTenant, String openMessageId,
                      String openChatId, Map<String, Object> value) implements InboundEvent {

        public CardAction {
            value = value == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(value));
        }
    }

    /** Any other event type: acknowledged and ignored. */
    record Unhandled(String eventType) implements InboundEvent {}
}
