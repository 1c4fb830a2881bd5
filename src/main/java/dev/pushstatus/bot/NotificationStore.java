package dev.pushstatus.bot;

/**
 * Port: where looked-up notifications are kept beyond this process's own cache.
 *
 * <p>{@link NotificationCache} (Caffeine) is always the near copy and joins concurrent asks inside
 * one process. Behind it, the store either goes straight to Feishu ({@link #direct()}, the default:
 * one process) or shares copies between replicas so that a notification looked up by one is served
 * by the others while fresh, and concurrent asks on several replicas make one upstream call.
 * Implementations never throw: when their own storage fails they go to Feishu.
 */
public interface NotificationStore {

    /** The notification: a fresh shared copy when there is one, else from {@code upstream}. */
    LookupResult load(String notificationId, NotificationSource upstream);

    /** The notification from {@code upstream}, whatever copy is at hand (Refresh), then shared. */
    LookupResult reload(String notificationId, NotificationSource upstream);

    /** No sharing: every load is a call to Feishu; the process's cache is the only copy. */
    static NotificationStore direct() {
        return new NotificationStore() {
            @Override
            public LookupResult load(String notificationId, NotificationSource upstream) {
                return upstream.fetch(notificationId);
            }

            @Override
            public LookupResult reload(String notificationId, NotificationSource upstream) {
                return upstream.fetch(notificationId);
            }
        };
    }
}
