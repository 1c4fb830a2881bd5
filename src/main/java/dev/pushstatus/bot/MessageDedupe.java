package dev.pushstatus.bot;

import java.util.concurrent.CompletableFuture;

/**
 * Port: remembers which message_ids are being or have been handled, so that a redelivery never
 * produces a second reply.
 *
 * <p>A claim is taken before any work. The first claimant handles the message and ends the claim
 * with {@link #finish}; everyone else gets the first handling's future and answers from it. Kept
 * in this process by default, and shared by all replicas of one app when the bot has a Redis.
 */
public interface MessageDedupe {

    /** Claims a message: either the caller now owns it, or it was seen before (or is being handled). */
    Claim claim(String messageId);

    /**
     * Ends the caller's claim with the handling's outcome and completes its future. A settled outcome
     * is remembered for the dedupe's lifetime; any other is forgotten, so that Feishu's redelivery
     * is handled afresh.
     */
    void finish(String messageId, Claim claim, Outcome outcome);

    /** How many message_ids this process remembers now (for metrics). */
    long size();

    /**
     * The result of {@link #claim}.
     *
     * @param first  true on first sighting: the caller handles the message and calls {@link #finish};
     *               false when seen before: the future completes (or completed) with the first
     *               handling's outcome, or with {@link Outcome.InProgressElsewhere} when another
     *               replica holds the claim
     * @param future the handling's outcome
     */
    record Claim(boolean first, CompletableFuture<Outcome> future) {}
}
