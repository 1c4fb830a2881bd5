package dev.pushstatus.bot;

/** What became of one incoming message; decides the HTTP answer to Feishu and the log line. */
public sealed interface Outcome {

    /** A reply was sent. */
    record Replied(String command, String replyMessageId) implements Outcome {}

    /** The same message was handled before (or is being handled); nothing more is sent. */
    record Duplicate() implements Outcome {}

    /** The message is not for the bot. */
    record Ignored(IgnoreReason reason) implements Outcome {}

    /** The sender may not use the bot; replied says whether a "not allowed" card was sent. */
    record Refused(String reason, boolean replied) implements Outcome {}

    /** The reply could not be sent; Feishu should deliver the event again. */
    record Failed(String errorId, String reason) implements Outcome {}

    /** Whether Feishu may consider the event delivered (HTTP 200). */
    default boolean settled() {
        return !(this instanceof Failed);
    }

    /** A short lower-case name for logs and metrics. */
    default String label() {
        if (this instanceof Replied) {
            return "replied";
        }
        if (this instanceof Duplicate) {
            return "duplicate";
        }
        if (this instanceof Ignored) {
            return "ignored";
        }
        if (this instanceof Refused) {
            return "refused";
        }
        return "failed";
    }

    /** Why a message was not for the bot. */
    enum IgnoreReason {
        FROM_SELF,
        FROM_OTHER_BOT,
        EXTERNAL_TENANT,
        NOT_MENTIONED,
        NOT_TEXT
    }
}
