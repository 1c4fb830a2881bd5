package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NotificationCacheTest {

    static final Duration TTL = Duration.ofSeconds(30);
    final FakeTicker ticker = new FakeTicker();
    final AtomicInteger calls = new AtomicInteger();

    NotificationCache cacheAnswering(LookupResult result) {
        return new NotificationCache(id -> {
            calls.incrementAndGet();
            return result;
        }, TTL, Duration.ofSeconds(10), Runnable::run, ticker);
    }

    static LookupResult.Found found() {
        return new LookupResult.Found(new Notification("1", "job", 0, null, null, null, null, 1, 1, 1, null, 0, 0, null,
                List.of(), List.of(), List.of(), List.of(), null), Instant.EPOCH);
    }

    @Test
    void aFoundNotificationIsFreshForTheTtl() {
        NotificationCache cache = cacheAnswering(found());
        cache.lookup("1").join();
        ticker.advance(TTL.minusSeconds(1));
        cache.lookup("1").join();
        assertThat(calls).hasValue(1);
        ticker.advance(Duration.ofSeconds(2));
        cache.lookup("1").join();
        assertThat(calls).hasValue(2);
    }

    @Test
    void notFoundIsRememberedBrieflyOnly() {
        NotificationCache cache = cacheAnswering(new LookupResult.NotFound("1"));
        cache.lookup("1").join();
        ticker.advance(Duration.ofSeconds(9));
        cache.lookup("1").join();
        assertThat(calls).hasValue(1);
        ticker.advance(Duration.ofSeconds(2));
        cache.lookup("1").join();
        assertThat(calls).hasValue(2);
    }

    @Test
    void errorsAreNotCached() {
        for (LookupResult failure : List.of(new LookupResult.RateLimited(Duration.ofSeconds(3)),
                new LookupResult.Forbidden(154001, "x"), new LookupResult.Unavailable("E-1", "timeout"))) {
            calls.set(0);
            NotificationCache cache = cacheAnswering(failure);
            assertThat(cache.lookup("1").join()).isEqualTo(failure);
            cache.lookup("1").join();
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void concurrentAsksForOneIdShareOneCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService loader = Executors.newSingleThreadExecutor();
        try {
            NotificationCache cache = new NotificationCache(id -> {
                calls.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return found();
            }, TTL, Duration.ofSeconds(10), loader, ticker);
            List<CompletableFuture<LookupResult>> asks = List.of(cache.lookup("1"), cache.lookup("1"), cache.lookup("1"));
            release.countDown();
            asks.forEach(CompletableFuture::join);
            assertThat(calls).hasValue(1);
        } finally {
            loader.shutdownNow();
        }
    }
}
