package dev.pushstatus.bot;

import java.time.Duration;
import java.time.Instant;

/** The answer to "look this notification up": found, or one of the ways it can fail. */
public sealed interface LookupResult {

    /**
     * The notification, and when it was fetched from Feishu.
     *
     * @param staleBecause null for a fresh copy; for an older copy served because a fresh lookup
     *                     failed (rate limit, no answer), that failure
     */
    record Found(Notification notification, Instant fetchedAt, Failure staleBecause) implements LookupResult {

        public Found(Notification notification, Instant fetchedAt) {
            this(notification, fetchedAt, null);
        }

        /** Whether this is an older copy standing in for a failed lookup. */
        public boolean stale() {
            return staleBecause != null;
        }

        /** This copy, marked as standing in for the failed lookup. */
        public Found asStale(Failure because) {
            return new Found(notification, fetchedAt, because);
        }
    }

    /** A failed lookup; each kind maps to a card a person understands. */
    sealed interface Failure extends LookupResult {}

    /** Feishu knows no notification with this id (154004). */
    record NotFound(String id) implements Failure {}

    /** The bot may not read this helpdesk (154001 / 154003 / 154005, token or scope problems). */
    record Forbidden(int code, String upstreamMessage) implements Failure {}

    /** Too many lookups; try again after the given time. */
    record RateLimited(Duration retryAfter) implements Failure {}

    /** Feishu did not answer usefully (timeout, 5xx, unexpected answer); errorId is also logged. */
    record Unavailable(String errorId, String reason) implements Failure {}
}
