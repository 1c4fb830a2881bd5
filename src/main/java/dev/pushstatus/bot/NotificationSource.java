package dev.pushstatus.bot;

/** Port: fetches one notification from Feishu. Implementations never throw for upstream failures. */
@FunctionalInterface
public interface NotificationSource {

    /** Fetches the notification; blocking, bounded by the implementation's timeouts. */
    LookupResult fetch(String notificationId);
}
