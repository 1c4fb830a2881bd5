package dev.pushstatus.store;

/**
 * The names of the bot's Redis keys, all under one prefix per app ({@code psb:<app id>:}), so that
 * several bots can share one Redis and one bot's keys can be listed or removed with one pattern.
 * No key or value holds a secret, a token or message text: message_ids, notification ids, counts.
 *
 * @param prefix {@code psb:<app id>:}
 */
public record RedisKeys(String prefix) {

    /** The keys of the app with this id. */
    public static RedisKeys forApp(String appId) {
        if (appId.isBlank()) {
            throw new IllegalArgumentException("appId must not be blank");
        }
        return new RedisKeys("psb:" + appId + ":");
    }

    /** The claim on one message: who is working on it, or that it was answered. */
    String message(String messageId) {
        return prefix + "msg:" + messageId;
    }

    /** The helpdesk GETs granted in the last minute, by time (a sorted set). */
    String budgetLog() {
        return prefix + "budget:log";
    }

    /** Present while Feishu's 429 says to wait; its TTL is the wait. */
    String budgetBlock() {
        return prefix + "budget:block";
    }

    /** The shared copy of a looked-up notification (or a recent answer for the replicas waiting on it). */
    String notification(String notificationId) {
        return prefix + "ntf:" + notificationId;
    }

    /** Held by the one replica that is asking Feishu for this notification. */
    String notificationLock(String notificationId) {
        return prefix + "ntf-lock:" + notificationId;
    }
}
