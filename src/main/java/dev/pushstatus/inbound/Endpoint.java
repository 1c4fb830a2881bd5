package dev.pushstatus.inbound;

/** Which of Feishu's callback addresses a request came to: it decides how it is verified and answered. */
public enum Endpoint {
    /** The event subscription URL: {@code url_verification}, messages, {@code card.action.trigger}, the rest. */
    EVENT,
    /** The legacy message-card URL: its handshake and button clicks, answered with the bare card. */
    LEGACY_CARD
}
