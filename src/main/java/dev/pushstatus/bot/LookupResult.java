package dev.pushstatus.bot;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The answer to "look this notification up": found, or one of the ways it can fail.
 *
 * <p>Callers that treat the variants differently go through {@link #accept(Cases)}: a new
 * variant then fails to compile until every caller says what it means for them (the project
 * targets Java 17, which has no exhaustive {@code switch} over sealed types).
 */
public sealed interface LookupResult {

    /** Calls the method of {@code cases} that names this variant. */
    <R> R accept(Cases<R> cases);

    /** Found, or a failure: the two-way split most callers need. */
    <R> R either(Function<Found, R> found, Function<Failure, R> failed);

    /** One method per way a lookup can end. */
    interface Cases<R> extends FailureCases<R> {
        R found(Found found);
    }

    /** One method per way a lookup can fail. */
    interface FailureCases<R> {
        R notFound(NotFound notFound);

        R forbidden(Forbidden forbidden);

        R rateLimited(RateLimited rateLimited);

        R unavailable(Unavailable unavailable);
    }

    /**
     * The notification, and when it was fetched from Feishu.
     *
     * @param staleBecause null for a fresh copy; for an older copy served because a fresh lookup
     *                     failed (rate limit, no answer), that failure
     */
    record Found(Notification notification, Instant fetchedAt, @Nullable Failure staleBecause) implements LookupResult {

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

        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.found(this);
        }

        @Override
        public <R> R either(Function<Found, R> found, Function<Failure, R> failed) {
            return found.apply(this);
        }
    }

    /** A failed lookup; each kind maps to a card a person understands. */
    sealed interface Failure extends LookupResult {

        /** Calls the method of {@code cases} that names this failure. */
        <R> R accept(FailureCases<R> cases);

        @Override
        default <R> R accept(Cases<R> cases) {
            return accept((FailureCases<R>) cases);
        }

        @Override
        default <R> R either(Function<Found, R> found, Function<Failure, R> failed) {
            return failed.apply(this);
        }

        /** Whether the failure is likely to pass by itself, so an older copy may stand in for fresh numbers. */
        boolean passing();

        /** Whether the notification is gone upstream: remembered briefly, and no old copy may stand in for it. */
        boolean gone();
    }

    /** Feishu knows no notification with this id (154004). */
    record NotFound(String id) implements Failure {
        @Override
        public <R> R accept(FailureCases<R> cases) {
            return cases.notFound(this);
        }

        @Override
        public boolean passing() {
            return false;
        }

        @Override
        public boolean gone() {
            return true;
        }
    }

    /** The bot may not read this helpdesk (154001 / 154003 / 154005, token or scope problems). */
    record Forbidden(int code, String upstreamMessage) implements Failure {
        @Override
        public <R> R accept(FailureCases<R> cases) {
            return cases.forbidden(this);
        }

        @Override
        public boolean passing() {
            return false;
        }

        @Override
        public boolean gone() {
            return false;
        }
    }

    /** Too many lookups; try again after the given time. */
    record RateLimited(Duration retryAfter) implements Failure {
        @Override
        public <R> R accept(FailureCases<R> cases) {
            return cases.rateLimited(this);
        }

        @Override
        public boolean passing() {
            return true;
        }

        @Override
        public boolean gone() {
            return false;
        }
    }

    /**
     * Feishu did not answer usefully; errorId is also logged.
     *
     * @param malformed true when Feishu answered but the answer could not be read (wrong shape,
     *                  counts out of range); false when there was no answer (timeout, 5xx, no token)
     */
    record Unavailable(String errorId, String reason, boolean malformed) implements Failure {

        /** No answer at all. */
        public Unavailable(String errorId, String reason) {
            this(errorId, reason, false);
        }

        @Override
        public <R> R accept(FailureCases<R> cases) {
            return cases.unavailable(this);
        }

        @Override
        public boolean passing() {
            return true;
        }

        @Override
        public boolean gone() {
            return false;
        }
    }
}
