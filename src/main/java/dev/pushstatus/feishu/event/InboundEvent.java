package dev.pushstatus.feishu.event;

import dev.pushstatus.bot.ButtonClick;
import dev.pushstatus.bot.IncomingMessage;
import org.jspecify.annotations.Nullable;

/** A verified event from Feishu, in the few shapes the bot acts on. */
public sealed interface InboundEvent {

    /** Calls the method of {@code cases} that names this event. */
    <R> R accept(Cases<R> cases);

    /** One method per kind of event: whoever dispatches events implements all of them. */
    interface Cases<R> {
        R urlVerification(UrlVerification verification);

        R messageReceived(MessageReceived received);

        R cardAction(CardAction action);

        R unhandled(Unhandled unhandled);
    }

    /** The request URL handshake: answer with the challenge. */
    record UrlVerification(String challenge) implements InboundEvent {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.urlVerification(this);
        }
    }

    /** {@code im.message.receive_v1}. */
    record MessageReceived(@Nullable String eventId, IncomingMessage message) implements InboundEvent {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.messageReceived(this);
        }
    }

    /**
     * A card button click, from the new {@code card.action.trigger} event or the legacy card
     * callback (which has no event id).
     */
    record CardAction(@Nullable String eventId, ButtonClick click) implements InboundEvent {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.cardAction(this);
        }
    }

    /** Any other event type: acknowledged and ignored. */
    record Unhandled(String eventType) implements InboundEvent {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.unhandled(this);
        }
    }
}
