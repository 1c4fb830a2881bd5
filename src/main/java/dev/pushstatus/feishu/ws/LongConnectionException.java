package dev.pushstatus.feishu.ws;

/**
 * Why the long connection stopped for good; the message says what the operator must fix. Waiting
 * does not help, so the connection does not retry.
 */
public final class LongConnectionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What stopped the connection. */
    public enum Kind {
        /** The endpoint call was refused with a configuration error code (wrong secret, app not allowed, ...). */
        ENDPOINT_MISCONFIGURED,
        /** The handshake was refused with 514 and 1000040350: the app has its 50 connections already. */
        TOO_MANY_CONNECTIONS,
        /** The handshake was refused with 403: the app is forbidden. */
        FORBIDDEN,
        /** Reconnecting failed as many times as Feishu's {@code ReconnectCount} allows. */
        GAVE_UP,
        /** {@link LongConnection#close()} came first. */
        CLOSED
    }

    private final Kind kind;

    public LongConnectionException(Kind kind, String whatToFix) {
        super(whatToFix);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
