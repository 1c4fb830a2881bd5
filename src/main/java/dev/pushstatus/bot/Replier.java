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

    /** The outcome of a send: sent, or {@link Outcome.Failed} (the same record the handler reports). */
    sealed interface SendResult permits SendResult.Sent, Outcome.Failed {

        /** What this send makes of the message's handling. */
        Outcome outcome(String command);

        /** Feishu accepted the reply. */
        record Sent(String replyMessageId) implements SendResult {
            @Override
            public Outcome outcome(String command) {
                return new Outcome.Replied(command, replyMessageId);
            }
        }
    }
}
