package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How the cache's blocking lookup ends when no answer comes (timeout, interruption), and that
 * reading a fresh entry neither extends nor cuts its life.
 */
class NotificationCacheWaitTest {

    static final String ERROR_ID = "E-[0-9A-F]{6}";
    final FakeTicker ticker = new FakeTicker();
    final AtomicInteger calls = new AtomicInteger();

    NotificationCache cache(Executor loader) {
        return new NotificationCache(id -> {
            calls.incrementAndGet();
            return NotificationCacheTest.found();
        }, Duration.ofSeconds(30), Duration.ofSeconds(10), loader, ticker);
    }

    /** An executor that never runs the lookup: the answer never comes. */
    static final Executor NEVER = task -> { };

    @Test
    void readsNeitherExtendNorShortenFreshness() {
        NotificationCache cache = cache(Runnable::run);
        for (int second = 0; second < 30; second += 10) {
            assertThat(cache.lookup("1", Duration.ofSeconds(1))).isEqualTo(NotificationCacheTest.found());
            ticker.advance(Duration.ofSeconds(10));
        }
        assertThat(calls).as("three reads within the 30 s of freshness").hasValue(1);

        ticker.advance(Duration.ofSeconds(1));
        cache.lookup("1", Duration.ofSeconds(1));
        assertThat(calls).as("31 s after the fetch, not 31 s after the last read").hasValue(2);
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnavailable() {
        LookupResult result = cache(NEVER).lookup("1", Duration.ofMillis(1));

        assertThat(result).isInstanceOfSatisfying(LookupResult.Unavailable.class, u -> {
            assertThat(u.errorId()).matches(ERROR_ID);
            assertThat(u.reason()).isEqualTo("timeout");
        });
    }

    @Test
    void anInterruptedWaitIsUnavailableAndKeepsTheInterrupt() {
        NotificationCache cache = cache(NEVER);
        Thread.currentThread().interrupt();
        LookupResult result;
        boolean stillInterrupted;
        try {
            result = cache.lookup("1", Duration.ofSeconds(5));
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(stillInterrupted).isTrue();
        assertThat(result).isInstanceOfSatisfying(LookupResult.Unavailable.class, u -> {
            assertThat(u.errorId()).matches(ERROR_ID);
            assertThat(u.reason()).isEqualTo("interrupted");
        });
    }
}
