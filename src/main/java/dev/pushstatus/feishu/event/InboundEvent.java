package dev.pushstatus.feishu.event;

import dev.pushstatus.bot.ButtonClick;
import dev.pushstatus.bot.IncomingMessage;

/** A verified event from Feishu, in the few shapes the bot acts on. */
public sealed interface InboundEvent {

    /** The request URL handshake: answer with the challenge. */
    record UrlVerification(String challenge) implements InboundEvent {}

    /** {@code im.message.receive_v1}. */
    record MessageReceived(String eventId, IncomingMessage message) implements InboundEvent {}

    /** A card button click, from the new {@code card.action.trigger} event or the legacy card callback. */
    record CardAction(String eventId, ButtonClick click) implements InboundEvent {}

    /** Any other event type: acknowledged and ignored. */
    record Unhandled(String eventType) implements InboundEvent {}
}
