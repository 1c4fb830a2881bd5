package dev.pushstatus.bot;

import java.time.Duration;
import java.time.Instant;

/** The answer to "look this notification up": found, or one of the ways it can fail. */
public sealed interface LookupResult {

    /** The notification, and when it was fetched from Feishu. */
    record Found(Notification notification, Instant fetchedAt) implements LookupResult {}

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
