package dev.pushstatus.bot;

import java.time.Duration;

/**
 * The limits of {@code /push-watch}.
 *
 * @param interval  shortest time between two checks of one watch ({@code BOT_WATCH_INTERVAL})
 * @param longest   longest watch ({@code BOT_WATCH_MAX})
 * @param limit     most watches at once, all chats together ({@code BOT_WATCH_LIMIT})
 * @param perChat   most watches at once in one chat
 */
public record WatchSettings(Duration interval, Duration longest, int limit, int perChat) {

    /** A watch whose counts stand still is checked at most this many intervals apart. */
    public static final int MAX_BACKOFF = 8;
    /** Delivered to everyone, and the read count unchanged for this long: the watch has nothing left to show. */
    public static final Duration SETTLED_AFTER = Duration.ofHours(1);
    /** Feishu updates a card only within 14 days of sending it. */
    public static final Duration UPDATABLE_FOR = Duration.ofDays(14);
    public static final int DEFAULT_PER_CHAT = 3;

    public WatchSettings {
        if (interval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("interval must be at least 10s, was " + interval);
        }
        if (longest.compareTo(interval) < 0 || longest.compareTo(UPDATABLE_FOR) > 0) {
            throw new IllegalArgumentException("longest must be from the interval to 14 days, was " + longest);
        }
        if (limit < 1 || perChat < 1) {
            throw new IllegalArgumentException("limit and perChat must be positive, were " + limit + " and " + perChat);
        }
    }

    /** How long a watch runs when no duration is given: an hour, or the longest watch if that is shorter. */
    public Duration defaultDuration() {
        return CommandParser.defaultWatch(longest);
    }
}
