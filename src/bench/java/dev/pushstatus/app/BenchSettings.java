package dev.pushstatus.app;

import java.time.Duration;

/**
 * Benchmarks only: the bot's own settings that benchmarks reproduce and the report names, read
 * from the constants the bot uses rather than copied. Lives in this package because those
 * constants are package-private.
 */
public final class BenchSettings {

    /** How long the bot remembers a message_id ({@link Application}). */
    public static final Duration DEDUPE_RETENTION = SharedState.DEDUPE_RETENTION;
    /** How many message_ids the bot remembers at most ({@link Application}). */
    public static final long DEDUPE_MAX_ENTRIES = SharedState.DEDUPE_MAX_ENTRIES;

    private BenchSettings() {
    }
}
