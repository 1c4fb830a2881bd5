package dev.pushstatus.bot;

/** Port: sends a reply to a message. Implementations never throw for upstream failures. */
@FunctionalInterface
public interface Replier {

    /**
     * Replies to the message.
     *
     * @param uuid idempotency key derived from the message id: Feishu sends a reply with a
     *             uuid it has already seen at most once, which covers a crash between reply and ack
     */
    SendResult reply(IncomingMessage message, Reply reply, String uuid);

    /** The outcome of a send. */
    sealed interface SendResult {
        /** Feishu accepted the reply. */
        record Sent(String replyMessageId) implements SendResult {}

        /** Feishu refused or did not answer; errorId is also logged. */
        record Failed(String errorId, String reason) implements SendResult {}
    }
}
