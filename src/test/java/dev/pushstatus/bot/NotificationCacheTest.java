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

    /** A source that answers from a script, one result per call, the last one repeating. */
    NotificationCache cacheAnsweringInTurn(LookupResult... results) {
        java.util.Deque<LookupResult> script = new java.util.ArrayDeque<>(List.of(results));
        return new NotificationCache(id -> {
            calls.incrementAndGet();
            return script.size() > 1 ? script.removeFirst() : script.peekFirst();
        }, TTL, Duration.ofSeconds(10), Runnable::run, ticker);
    }

    @Test
    void whenFeishuIsBusyOrSilentTheLastGoodCopyStandsInMarkedStale() {
        LookupResult.RateLimited busy = new LookupResult.RateLimited(Duration.ofSeconds(4));
        LookupResult.Unavailable silent = new LookupResult.Unavailable("E-1", "timeout");
        NotificationCache cache = cacheAnsweringInTurn(found(), busy, silent);
        assertThat(cache.lookup("1", Duration.ofSeconds(1))).isEqualTo(found());
        ticker.advance(TTL.plusSeconds(1));

        assertThat(cache.lookup("1", Duration.ofSeconds(1))).isEqualTo(found().asStale(busy));
        assertThat(cache.lookup("1", Duration.ofSeconds(1))).isEqualTo(found().asStale(silent));
        assertThat(calls).as("a stale copy is no cache hit: every ask still tries Feishu").hasValue(3);
    }

    @Test
    void aStaleCopyIsKeptAnHourAndNeverStandsInForForbiddenOrNotFound() {
        LookupResult.RateLimited busy = new LookupResult.RateLimited(Duration.ofSeconds(4));
        NotificationCache cache = cacheAnsweringInTurn(found(), new LookupResult.Forbidden(154001, "x"), busy);
        cache.lookup("1", Duration.ofSeconds(1));
        ticker.advance(TTL.plusSeconds(1));
        assertThat(cache.lookup("1", Duration.ofSeconds(1))).isInstanceOf(LookupResult.Forbidden.class);

        // A second before the hour is up the copy still stands in; at the hour it is gone.
        ticker.advance(Duration.ofHours(1).minus(TTL).minusSeconds(2));
        assertThat(cache.lookup("1", Duration.ofSeconds(1))).isEqualTo(found().asStale(busy));
        ticker.advance(Duration.ofSeconds(1));
        assertThat(cache.lookup("1", Duration.ofSeconds(1))).isEqualTo(busy);
    }

    @Test
    void aNotificationThatIsGoneLeavesNoStaleCopy() {
        LookupResult.RateLimited busy = new LookupResult.RateLimited(Duration.ofSeconds(4));
        NotificationCache cache = cacheAnsweringInTurn(found(), new LookupResult.NotFound("1"), busy);
        cache.lookup("1", Duration.ofSeconds(1));
        ticker.advance(TTL.plusSeconds(1));
        cache.lookup("1", Duration.ofSeconds(1));
        ticker.advance(Duration.ofSeconds(11));

        assertThat(cache.lookup("1", Duration.ofSeconds(1))).isEqualTo(busy);
    }

    @Test
    void memoryIsBoundedByWeightNotByCount() {
        String big = "名".repeat(Notification.MAX_TEXT);
        java.util.List<Notification.Person> people = java.util.stream.IntStream.range(0, Shortlist.KEPT)
                .mapToObj(i -> new Notification.Person(big, big)).toList();
        NotificationCache heavy = new NotificationCache(id -> new LookupResult.Found(new Notification(id, big, 1, null,
                null, null, null, 1, 1, 1, null, 0, 2, null, java.util.List.of(), people, java.util.List.of(),
                java.util.List.of(), null), java.time.Instant.EPOCH), Duration.ofMinutes(10), Duration.ofSeconds(10),
                Runnable::run, new FakeTicker());
        for (int i = 0; i < 5_000; i++) {
            heavy.lookup(String.valueOf(i), Duration.ofSeconds(1));
        }
        heavy.cleanUp();

        assertThat(heavy.weightedBytes()).isPositive().isLessThanOrEqualTo(2 * NotificationCache.MAX_BYTES_EACH);
        // 1 KB for the objects, two bytes for each character: id "1", the job name, five users of two texts each.
        assertThat(NotificationCache.weight(heavy.lookup("1", Duration.ofSeconds(1))))
                .isEqualTo(1_024 + 2 * (1 + 256 + 5 * 2 * 256));
        assertThat(NotificationCache.weight(new LookupResult.NotFound("1"))).isEqualTo(256);
    }

    @Test
    void aRefreshOfAnIdNotHeldAsksFeishuNotTheSharedCopy() {
        LookupResult.Found old = found();
        LookupResult.Found fresh = new LookupResult.Found(old.notification(), Instant.EPOCH.plusSeconds(60));
        NotificationStore shared = new NotificationStore() {
            @Override
            public LookupResult load(String id, NotificationSource upstream) {
                return old; // another replica's copy
            }

            @Override
            public LookupResult reload(String id, NotificationSource upstream) {
                return upstream.fetch(id);
            }
        };
        NotificationCache cache = new NotificationCache(id -> {
            calls.incrementAndGet();
            return fresh;
        }, shared, TTL, Duration.ofSeconds(10), Runnable::run, ticker,
                java.time.Clock.fixed(Instant.EPOCH.plusSeconds(60), java.time.ZoneOffset.UTC));

        assertThat(cache.refresh("1", Duration.ofSeconds(1))).isEqualTo(fresh);
        assertThat(calls).hasValue(1);
        assertThat(cache.lookup("1", Duration.ofSeconds(1))).as("and the cache holds it").isEqualTo(fresh);
    }
}
