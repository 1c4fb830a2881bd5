package dev.pushstatus.bot;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A click on a button of one of the bot's cards, already verified by the event adapter.
 *
 * @param operatorOpenId who clicked
 * @param operatorTenant the clicker's tenant_key
 * @param appTenant      the tenant the callback was delivered for (the app's own tenant)
 * @param chatId         the chat the card is in
 * @param messageId      the card message
 * @param value          the button's value as Feishu echoed it back: untrusted, parse before use
 * @param clickId        what tells this click from another (the event id, or the legacy callback's
 *                       token); a replayed or redelivered click has the same one. Null when absent
 */
public record ButtonClick(
        @Nullable String operatorOpenId,
        @Nullable String operatorTenant,
        @Nullable String appTenant,
        @Nullable String chatId,
        @Nullable String messageId,
        Map<String, String> value,
        @Nullable String clickId) {

    public ButtonClick {
        value = Map.copyOf(value);
    }

    /** The same click, delivered for the given tenant (the legacy callback does not say which). */
    public ButtonClick withAppTenant(@Nullable String tenant) {
        return new ButtonClick(operatorOpenId, operatorTenant, tenant, chatId, messageId, value, clickId);
    }

    /** Who clicks, for the {@link AccessGate}. */
    public Requester requester() {
        return new Requester(operatorOpenId, operatorTenant, chatId, appTenant);
    }
}
