package dev.pushstatus.bot;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What a status card says of its watch: live, ended, or refused. The card adapter decides how it looks. */
public sealed interface WatchView {

    /** Calls the method of {@code cases} that names this view. */
    <R> R accept(Cases<R> cases);

    /** One method per kind of view. */
    interface Cases<R> {
        R live(Live live);

        R ended(Ended ended);

        R refused(Refused refused);
    }

    /**
     * The card is kept current.
     *
     * @param checkedAt when the numbers on the card were looked up
     * @param every     the shortest time between two checks
     */
    record Live(Instant until, Instant checkedAt, Duration every) implements WatchView {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.live(this);
        }
    }

    /**
     * The card is no longer kept current; it says why.
     *
     * @param stoppedBy the open_id of who pressed Stop, for {@link Ending#STOPPED}
     */
    record Ended(Ending ending, Instant at, @Nullable String stoppedBy) implements WatchView {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.ended(this);
        }
    }

    /** No watch was started; the card is a plain status card that says why. */
    record Refused(Refusal why, int limit) implements WatchView {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.refused(this);
        }
    }

    /** Why a watch ended. */
    enum Ending {
        /** Its duration is over: the card is final as of then. */
        EXPIRED,
        /** Someone pressed Stop. */
        STOPPED,
        /** Delivered to everyone and the read count stood still for an hour: nothing left to watch. */
        SETTLED,
        /** The notification is no longer found (404). */
        GONE,
        /** The card can no longer be updated (recalled, or older than Feishu's 14 days); no final card is possible. */
        CARD_GONE
    }

    /** Why a watch was refused. */
    enum Refusal {
        /** {@code BOT_WATCH_LIMIT} watches are running. */
        TOO_MANY,
        /** This chat has its share of watches running. */
        TOO_MANY_IN_CHAT,
        /** Watches are kept on Redis, and Redis cannot be reached now. */
        STORE_UNAVAILABLE
    }
}
