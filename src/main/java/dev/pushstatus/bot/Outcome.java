package dev.pushstatus.bot;

/**
 * What became of one incoming message: decides the answer to Feishu and the log line.
 *
 * <p>Each variant says for itself whether the event is settled and how it is named, so a new
 * variant cannot compile without saying both.
 */
public sealed interface Outcome {

    /** Whether Feishu may consider the event delivered (HTTP 200, or an ack with code 200). */
    boolean settled();

    /** A short lower-case name for logs and metrics. */
    String label();

    /** What the log line adds after the label ("-" when nothing). */
    String detail();

    /** A reply was sent. */
    record Replied(String command, String replyMessageId) implements Outcome {
        @Override
        public boolean settled() {
            return true;
        }

        @Override
        public String label() {
            return "replied";
        }

        @Override
        public String detail() {
            return "-";
        }
    }

    /** The same message was handled before (or is being handled); nothing more is sent. */
    record Duplicate() implements Outcome {
        @Override
        public boolean settled() {
            return true;
        }

        @Override
        public String label() {
            return "duplicate";
        }

        @Override
        public String detail() {
            return "-";
        }
    }

    /**
     * Another replica holds the claim on this message and is still working on it (or died with it,
     * until its lease runs out): nothing is sent here, and Feishu should deliver the event again.
     */
    record InProgressElsewhere() implements Outcome {
        @Override
        public boolean settled() {
            return false;
        }

        @Override
        public String label() {
            return "in_progress_elsewhere";
        }

        @Override
        public String detail() {
            return "-";
        }
    }

    /** The message is not for the bot. */
    record Ignored(IgnoreReason reason) implements Outcome {
        @Override
        public boolean settled() {
            return true;
        }

        @Override
        public String label() {
            return "ignored";
        }

        @Override
        public String detail() {
            return reason.name();
        }
    }

    /** The sender may not use the bot; replied says whether a "not allowed" card was sent. */
    record Refused(String reason, boolean replied) implements Outcome {
        @Override
        public boolean settled() {
            return true;
        }

        @Override
        public String label() {
            return "refused";
        }

        @Override
        public String detail() {
            return reason;
        }
    }

    /**
     * Nothing was sent (the reply failed, the bot was too busy, or a bug); Feishu should deliver
     * the event again. Also what {@link Replier} answers for a send that failed: one fact, one type.
     */
    record Failed(String errorId, String reason) implements Outcome, Replier.SendResult {
        @Override
        public boolean settled() {
            return false;
        }

        @Override
        public String label() {
            return "failed";
        }

        @Override
        public String detail() {
            return errorId + " " + reason;
        }

        @Override
        public Outcome outcome(String command) {
            return this;
        }
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
