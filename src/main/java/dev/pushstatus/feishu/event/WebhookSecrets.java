package dev.pushstatus.feishu.event;

/**
 * What the bot checks webhook calls with.
 *
 * @param verificationToken the app's Verification Token
 * @param encryptKey        the app's Encrypt Key, or null when events arrive in plain JSON
 */
public record WebhookSecrets(String verificationToken, String encryptKey) {

    public boolean encrypted() {
        return encryptKey != null && !encryptKey.isEmpty();
    }

    @Override
    public String toString() {
        return "WebhookSecrets[verificationToken=***, encryptKey=" + (encrypted() ? "***" : "none") + "]";
    }
}
