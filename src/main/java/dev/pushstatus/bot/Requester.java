package dev.pushstatus.bot;

import org.jspecify.annotations.Nullable;

/**
 * Who asks the bot for something (a message or a click), as the event names them. Every field
 * comes from Feishu and may be absent: absence never grants access ({@link AccessGate}).
 *
 * @param openId    the sender's or clicker's open_id
 * @param tenantKey the sender's or clicker's tenant_key
 * @param chatId    the chat the message or card is in
 * @param appTenant the tenant the event was delivered for: the app's own tenant
 */
public record Requester(
        @Nullable String openId,
        @Nullable String tenantKey,
        @Nullable String chatId,
        @Nullable String appTenant) {

    /** Whether the requester is known to belong to the app's own tenant; unknown counts as not. */
    public boolean inAppTenant() {
        return appTenant != null && !appTenant.isBlank() && appTenant.equals(tenantKey);
    }
}
