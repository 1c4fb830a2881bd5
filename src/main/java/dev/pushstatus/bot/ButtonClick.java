package dev.pushstatus.bot;

import java.util.Map;

/**
 * A click on a button of one of the bot's cards, already verified by the event adapter.
 *
 * @param operatorOpenId who clicked
 * @param operatorTenant the clicker's tenant_key
 * @param appTenant      the tenant the callback was delivered for (the app's own tenant)
 * @param chatId         the chat the card is in
 * @param messageId      the card message
 * @param value          the button's value as Feishu echoed it back: untrusted, parse before use
 */
public record ButtonClick(
        String operatorOpenId,
        String operatorTenant,
        String appTenant,
        String chatId,
        String messageId,
        Map<String, String> value) {

    public ButtonClick {
        value = value == null ? Map.of() : Map.copyOf(value);
    }

    /** Whether the clicker belongs to another tenant (an external user in a shared group). */
    public boolean fromExternalTenant() {
        return appTenant != null && !appTenant.isEmpty() && !appTenant.equals(operatorTenant);
    }
}
