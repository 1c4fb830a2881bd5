package dev.pushstatus.feishu.event;

import org.jspecify.annotations.Nullable;

/**
 * What the bot checks webhook calls with.
 *
 * @param verificationToken the app's Verification Token; null when events come over the long
 *                          connection only (then every webhook call is refused)
 * @param encryptKey        the app's Encrypt Key, or null when events arrive in plain JSON
 */
public record WebhookSecrets(@Nullable String verificationToken, @Nullable String encryptKey) {

    public boolean encrypted() {
        return encryptKey != null && !encryptKey.isEmpty();
    }

    @Override
    public String toString() {
        return "WebhookSecrets[verificationToken=***, encryptKey=" + (encrypted() ? "***" : "none") + "]";
    }
}
