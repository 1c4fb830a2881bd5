package dev.pushstatus.inbound;

/** Which way a request came from Feishu: it decides how it is verified and answered. */
public enum Endpoint {
    /** The event subscription URL: {@code url_verification}, messages, {@code card.action.trigger}, the rest. */
    EVENT,
    /** The legacy message-card URL: its handshake and button clicks, answered with the bare card. */
    LEGACY_CARD,
    /**
     * Feishu's long connection: the event envelope in plain JSON, authenticated by the connection
     * (no token or signature per event); card clicks are {@code card.action.trigger} events.
     */
    LONG_CONNECTION
}
