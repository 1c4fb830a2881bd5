package dev.pushstatus.inbound;

import dev.pushstatus.feishu.event.Rejection;

/**
 * The service's answer to one request, in words every transport can translate: HTTP status and
 * body for the webhook, an ack code (and data) for the long connection.
 */
public sealed interface EventAnswer {

    /** Calls the method of {@code cases} that names this answer. */
    <R> R accept(Cases<R> cases);

    /** A short lower-case name for logs and tests. */
    String label();

    /** Whether Feishu may forget the event (HTTP 200, ack code 200), or should deliver it again. */
    boolean handled();

    /** One method per kind of answer: each transport implements all of them. */
    interface Cases<R> {
        R done(Done done);

        R challenge(Challenge challenge);

        R callback(Callback callback);

        R deliverAgain(DeliverAgain deliverAgain);

        R rejected(Rejected rejected);
    }

    /** Handled (a reply sent, a duplicate, or deliberately ignored): Feishu may forget the event. */
    record Done() implements EventAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.done(this);
        }

        @Override
        public String label() {
            return "done";
        }

        @Override
        public boolean handled() {
            return true;
        }
    }

    /** The URL-verification handshake: echo the challenge. */
    record Challenge(String challenge) implements EventAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.challenge(this);
        }

        @Override
        public String label() {
            return "challenge";
        }

        @Override
        public boolean handled() {
            return true;
        }
    }

    /**
     * The answer to a card callback, already rendered as JSON text: for {@code card.action.trigger}
     * a toast and maybe a card; for the legacy callback the bare card or {@code {}}.
     */
    record Callback(String json) implements EventAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.callback(this);
        }

        @Override
        public String label() {
            return "callback";
        }

        @Override
        public boolean handled() {
            return true;
        }
    }

    /** Not done: Feishu should deliver the event again later (the work may go on meanwhile). */
    record DeliverAgain(Why why) implements EventAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.deliverAgain(this);
        }

        @Override
        public String label() {
            return "deliver_again:" + why.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public boolean handled() {
            return false;
        }
    }

    /** Refused as unauthenticated or malformed; detail is for the log only, never sent back. */
    record Rejected(Rejection rejection, String detail) implements EventAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.rejected(this);
        }

        @Override
        public String label() {
            return "rejected:" + rejection.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public boolean handled() {
            return false;
        }
    }

    /** Why an event is to be delivered again. */
    enum Why {
        /** The budget ran out; the reply is still being worked on and a redelivery joins it. */
        STILL_WORKING,
        /** The reply could not be sent (or the bot was too busy to start); a redelivery tries afresh. */
        REPLY_FAILED,
        /** The bot is stopping; its successor will take the redelivery. */
        SHUTTING_DOWN
    }
}
