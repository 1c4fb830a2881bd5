package dev.pushstatus.feishu.api;

import java.time.Duration;

/**
 * Timeouts for every upstream call. The whole-call timeout stays under Feishu's 3 s event
 * budget so a slow answer becomes an error card instead of a redelivery storm.
 */
public record ApiTimeouts(Duration connect, Duration read, Duration call) {

    /** Defaults sized for one lookup plus one reply inside the ~2.5 s handling budget. */
    public static ApiTimeouts defaults() {
        return new ApiTimeouts(Duration.ofMillis(1_000), Duration.ofMillis(2_000), Duration.ofMillis(2_000));
    }
}
