package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The bytes the caches report, entry by entry (a found notification is held twice: fresh and as
 * the last good copy; a failure once, small), and a refresh refused by the person's allowance:
 * it answers the copy at hand and does not count as the refresh of the last ten seconds.
 */
class CacheWeightAndAllowanceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Optional<Duration> GRANTED = Optional.empty();
    static final Optional<Duration> DENIED = Optional.of(Duration.ofSeconds(6));

    final FakeTicker ticker = new FakeTicker();
    final AtomicInteger calls = new AtomicInteger();

    NotificationCache cache(LookupResult answer) {
        return new NotificationCache(id -> {
            calls.incrementAndGet();
            return answer;
        }, Duration.ofSeconds(30), Duration.ofSeconds(10), Runnable::run, ticker);
    }

    @Test
    void aFoundNotificationWeighsTwiceItsBytesAndAFailureItsSmallShareOnce() {
        LookupResult.Found found = NotificationCacheTest.found();
        long bytes = found.notification().approximateBytes();
        NotificationCache cache = cache(found);
        assertThat(cache.weightedBytes()).isZero();

        cache.lookup("1", TIMEOUT);
        cache.cleanUp();
        assertThat(cache.weightedBytes()).isEqualTo(2 * bytes);

        NotificationCache missing = cache(new LookupResult.NotFound("2"));
        missing.lookup("2", TIMEOUT);
        missing.cleanUp();
        assertThat(missing.weightedBytes()).isEqualTo(NotificationCache.weight(new LookupResult.NotFound("2")));
    }

    @Test
    void aRefreshWithoutAllowanceAnswersTheFreshCopyAtHand() {
        NotificationCache cache = cache(NotificationCacheTest.found());
        cache.lookup("1", TIMEOUT);

        assertThat(cache.refresh("1", TIMEOUT, () -> DENIED)).isEqualTo(NotificationCacheTest.found());
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRefreshWithoutAllowanceAndNothingAtHandIsRateLimitedForTheAllowancesWait() {
        NotificationCache cache = cache(NotificationCacheTest.found());

        assertThat(cache.refresh("1", TIMEOUT, () -> DENIED)).isEqualTo(new LookupResult.RateLimited(DENIED.get()));
        assertThat(calls).hasValue(0);
    }

    @Test
    void aRefreshRefusedByTheAllowanceDoesNotHoldBackTheNextOne() {
        NotificationCache cache = cache(NotificationCacheTest.found());
        cache.lookup("1", TIMEOUT);
        cache.refresh("1", TIMEOUT, () -> DENIED);

        cache.refresh("1", TIMEOUT, () -> GRANTED);

        assertThat(calls).as("the granted refresh asks Feishu again").hasValue(2);
    }
}
