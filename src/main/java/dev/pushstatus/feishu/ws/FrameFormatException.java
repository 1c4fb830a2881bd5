package dev.pushstatus.feishu.ws;

/**
 * A binary message that is not a usable {@code pbbp2.Frame}: cut off, garbage, missing a required
 * field, or over the codec's bounds. The connection ignores such a message and counts it; it never
 * closes the connection for one.
 */
public final class FrameFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public FrameFormatException(String message) {
        super(message);
    }

    public FrameFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
