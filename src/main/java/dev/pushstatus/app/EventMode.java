package dev.pushstatus.app;

import java.util.Locale;

/** How events and card callbacks reach the bot ({@code FEISHU_EVENT_MODE}). */
public enum EventMode {
    /** Feishu POSTs them to {@code /webhook/event} (and {@code /webhook/card}): needs a public HTTPS URL. */
    WEBHOOK,
    /** The bot opens Feishu's long connection and they come down it: no public URL needed. */
    WEBSOCKET;

    static EventMode parse(String text) throws ConfigException {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "webhook" -> WEBHOOK;
            case "websocket" -> WEBSOCKET;
            default -> throw new ConfigException("FEISHU_EVENT_MODE",
                    "is \"" + text + "\", not an event mode (webhook or websocket)");
        };
    }
}
