package dev.pushstatus.feishu.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a helpdesk lookup spends its time budget: waiting for a rate-limit permit, and trying
 * again after a 5xx or a timeout with capped, jittered exponential backoff.
 *
 * @param budget       the most one lookup may take in all, tries and waits included
 * @param firstBackoff the pause before the second try; it doubles for each further try
 * @param maxBackoff   the cap on one pause
 * @param maxAttempts  tries in all, the first included
 * @param sleeper      how to wait
 */
public record Retries(Duration budget, Duration firstBackoff, Duration maxBackoff, int maxAttempts, Sleeper sleeper) {

    /** Sized to end inside the bot's 2 s lookup timeout, itself inside Feishu's 3 s. */
    public static Retries standard(Sleeper sleeper) {
        return new Retries(Duration.ofMillis(1_900), Duration.ofMillis(100), Duration.ofMillis(800), 3, sleeper);
    }

    /**
     * The pause after the given failed try (1 = the first): between half and all of the capped
     * exponential value, so that callers failing together do not come back together.
     */
    Duration backoff(int failedTry) {
        long full = Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(failedTry - 1, 20));
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }
}
