package dev.pushstatus.bot;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One running {@code /push-watch}: which card it keeps current, until when, and what the card
 * shows now. Immutable; each check stores the next state.
 *
 * @param cardMessageId the card message the bot sent and updates in place
 * @param startedBy     the open_id of who asked for it
 * @param nextCheckAt   when to look the notification up again
 * @param pause         the time between checks now: the interval while counts move, longer while they stand still
 * @param shown         a fingerprint of what the card shows ({@link #fingerprint}); an update is sent only when it changes
 * @param shownAt       when the card was last updated (its "last checked" time)
 * @param readCount     the read count the card shows, to tell when it has stood still
 * @param readSince     since when the read count has been {@code readCount}
 * @param failedUpdates updates that failed in a row (they back off)
 */
public record Watch(
        String cardMessageId,
        String notificationId,
        String chatId,
        String startedBy,
        Instant until,
        Instant nextCheckAt,
        Duration pause,
        String shown,
        Instant shownAt,
        @Nullable Integer readCount,
        Instant readSince,
        int failedUpdates) {

    /** What the card shows of a notification, as a short stable text: equal when nothing shown changed. */
    public static String fingerprint(Notification notification) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(notification.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** This watch checked again later, nothing else changed. */
    public Watch next(Instant at, Duration newPause) {
        return new Watch(cardMessageId, notificationId, chatId, startedBy, until, at, newPause, shown, shownAt,
                readCount, readSince, failedUpdates);
    }

    /** After a check that changed nothing on the card. */
    Watch quiet(Instant next, Duration newPause, @Nullable Integer read, Instant readSinceNow) {
        return new Watch(cardMessageId, notificationId, chatId, startedBy, until, next, newPause, shown, shownAt, read,
                readSinceNow, 0);
    }

    /** After the card was updated to show {@code newShown}. */
    Watch updated(Instant next, Duration newPause, String newShown, Instant at, @Nullable Integer read,
                  Instant readSinceNow) {
        return new Watch(cardMessageId, notificationId, chatId, startedBy, until, next, newPause, newShown, at, read,
                readSinceNow, 0);
    }

    /** After an update that failed: tried again at {@code next}, the card as it was. */
    Watch failedUpdate(Instant next) {
        return new Watch(cardMessageId, notificationId, chatId, startedBy, until, next, pause, shown, shownAt, readCount,
                readSince, failedUpdates + 1);
    }
}
