package dev.pushstatus.bot;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification cache in front of the helpdesk GET.
 *
 * <p>Found notifications stay fresh for the configured TTL; "not found" is remembered briefly
 * (people retype ids); every other failure expires at once so the next ask tries again.
 * Concurrent asks for one id share one upstream call because Caffeine's async cache hands every
 * caller the same in-flight future.
 */
public final class NotificationCache {

    /**
     * Heap for each of the two caches (fresh copies, last good copies), by {@link
     * Notification#approximateBytes()}. The heaviest possible entry weighs about 28 KB (every text
     * cut at 256 characters, five names in each of four lists, a 2 KB link), so 16 MiB holds at
     * least 590 notifications; a typical one weighs 2 KB, so about 8,000. Worst case for both
     * caches together: 32 MiB, plus Caffeine's own few dozen bytes an entry.
     */
    static final long MAX_BYTES_EACH = 16L * 1024 * 1024;
    /** What a failure or "not found" weighs: they hold no notification. */
    private static final int SMALL_ENTRY_BYTES = 256;
    private static final Logger log = LoggerFactory.getLogger(NotificationCache.class);

    /** How long a copy may stand in for a failed lookup, marked stale. */
    static final Duration STALE_FOR = Duration.ofHours(1);
    /** Refresh of one id at most this often: clicks in between get the copy the last refresh fetched. */
    static final Duration REFRESH_AT_MOST_EVERY = Duration.ofSeconds(10);

    private final AsyncLoadingCache<String, LookupResult> cache;
    private final NotificationSource source;
    private final NotificationStore store;
    private final Executor executor;
    /** The last good copy of each id, kept past its freshness to answer when Feishu cannot. */
    private final Cache<String, LookupResult.Found> lastGood;
    /** Ids refreshed within {@link #REFRESH_AT_MOST_EVERY}. */
    private final Cache<String, Boolean> recentlyRefreshed;

    /** A cache of this process alone: every miss is a call to {@code source}. */
    public NotificationCache(NotificationSource source, Duration ttl, Duration notFoundTtl,
                             Executor executor, Ticker ticker) {
        // A copy fetched from Feishu on a miss is as old as the call: age zero is exact here.
        this(source, NotificationStore.direct(), ttl, notFoundTtl, executor, ticker, found -> Duration.ZERO);
    }

    /**
     * A near cache in front of {@code store}: a copy another replica fetched is kept here only for
     * what is left of its freshness, by its {@code fetchedAt} on {@code clock}.
     */
    public NotificationCache(NotificationSource source, NotificationStore store, Duration ttl, Duration notFoundTtl,
                             Executor executor, Ticker ticker, Clock clock) {
        this(source, store, ttl, notFoundTtl, executor, ticker,
                found -> Duration.between(found.fetchedAt(), clock.instant()));
    }

    private NotificationCache(NotificationSource source, NotificationStore store, Duration ttl, Duration notFoundTtl,
                              Executor executor, Ticker ticker, Function<LookupResult.Found, Duration> age) {
        this.source = source;
        this.store = store;
        this.executor = executor;
        this.recentlyRefreshed = Caffeine.newBuilder()
                .expireAfterWrite(REFRESH_AT_MOST_EVERY)
                .maximumSize(10_000)
                .ticker(ticker)
                .build();
        this.lastGood = Caffeine.newBuilder()
                .maximumWeight(MAX_BYTES_EACH)
                .weigher((String id, LookupResult.Found found) -> weight(found))
                .expireAfterWrite(STALE_FOR)
                .ticker(ticker)
                .build();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(MAX_BYTES_EACH)
                .weigher((String id, LookupResult result) -> weight(result))
                .ticker(ticker)
                .executor(executor)
                .expireAfter(new ByResult(ttl, notFoundTtl, age))
                .recordStats()
                .buildAsync(new CacheLoader<String, LookupResult>() {
                    @Override
                    public LookupResult load(String id) {
                        return remember(id, store.load(id, source));
                    }

                    @Override
                    public LookupResult reload(String id, LookupResult old) {
                        return remember(id, store.reload(id, source));
                    }
                });
    }

    /** The notification, from cache when fresh, else from Feishu (one call per id at a time). */
    public CompletableFuture<LookupResult> lookup(String notificationId) {
        return cache.get(notificationId);
    }

    /**
     * As {@link #lookup(String)}, waiting at most {@code timeout}. When the lookup fails for a
     * passing reason (rate limit, no answer in time) and a copy from the last hour is at hand,
     * that copy is the answer, marked stale: old numbers, labelled, beat no numbers.
     */
    public LookupResult lookup(String notificationId, Duration timeout) {
        LookupResult result = await(notificationId, lookup(notificationId), timeout);
        return result.either(found -> found, failure -> {
            LookupResult.Found old = failure.passing() ? lastGood.getIfPresent(notificationId) : null;
            return old == null ? failure : old.asStale(failure);
        });
    }

    /**
     * Fetches the notification again even when the cached copy is fresh (the Refresh button),
     * still through the source and so still within its rate budget; concurrent refreshes of one
     * id share one call. Within {@link #REFRESH_AT_MOST_EVERY} of the last refresh of the same id
     * the answer is the copy at hand instead (what {@link #lookup(String, Duration)} gives): a
     * refresh a few seconds later would show the same numbers and spend a lookup. A failed refresh
     * leaves nothing cached, so the next ask tries again.
     */
    public LookupResult refresh(String notificationId, Duration timeout) {
        return refresh(notificationId, timeout, Optional::empty);
    }

    /**
     * As {@link #refresh(String, Duration)}, charging a real refresh to {@code allowance} (empty
     * when granted, else how long until it would be). Without allowance the answer is the fresh
     * copy at hand, or "rate limited" when there is none.
     */
    public LookupResult refresh(String notificationId, Duration timeout, Supplier<Optional<Duration>> allowance) {
        if (recentlyRefreshed.asMap().putIfAbsent(notificationId, Boolean.TRUE) != null) {
            return lookup(notificationId, timeout);
        }
        Optional<Duration> wait = allowance.get();
        if (wait.isPresent()) {
            recentlyRefreshed.invalidate(notificationId);
            LookupResult fresh = cache.synchronous().getIfPresent(notificationId);
            return fresh instanceof LookupResult.Found found ? found : new LookupResult.RateLimited(wait.get());
        }
        return await(notificationId, reloadNow(notificationId), timeout);
    }

    /**
     * A call to Feishu for this id, joined with one already under way. Caffeine's refresh does that
     * for an id it holds (through {@code reload}); for an id it does not, it would load, and a load
     * may take the copy another replica shared, which is not what Refresh or a watch asks for.
     */
    private CompletableFuture<LookupResult> reloadNow(String id) {
        if (cache.getIfPresent(id) != null) {
            return cache.synchronous().refresh(id);
        }
        CompletableFuture<LookupResult> fresh = new CompletableFuture<>();
        CompletableFuture<LookupResult> underWay = cache.asMap().putIfAbsent(id, fresh);
        if (underWay != null) {
            return underWay; // a lookup started meanwhile: its answer is as new as ours would be
        }
        try {
            executor.execute(() -> {
                try {
                    fresh.complete(remember(id, store.reload(id, source)));
                } catch (RuntimeException e) {
                    fresh.completeExceptionally(e);
                }
            });
        } catch (RuntimeException rejected) {
            fresh.completeExceptionally(rejected);
        }
        return fresh;
    }

    private LookupResult remember(String id, LookupResult result) {
        result.either(found -> {
            lastGood.put(id, found);
            return found;
        }, failure -> {
            if (failure.gone()) {
                lastGood.invalidate(id); // an old copy must not stand in for a notification that is gone
            }
            return failure;
        });
        return result;
    }

    private static LookupResult await(String id, CompletableFuture<LookupResult> pending, Duration timeout) {
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String errorId = ErrorIds.next();
            log.warn("notification_id={} error_id={} lookup took longer than {} ms", id, errorId, timeout.toMillis());
            return new LookupResult.Unavailable(errorId, "timeout");
        } catch (ExecutionException e) {
            String errorId = ErrorIds.next();
            log.error("notification_id={} error_id={} lookup failed", id, errorId, e.getCause());
            return new LookupResult.Unavailable(errorId, "internal error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LookupResult.Unavailable(ErrorIds.next(), "interrupted");
        }
    }

    /** An entry's weight in bytes, at least 1: a notification's estimate, or a small constant. */
    static int weight(LookupResult result) {
        long bytes = result.either(found -> found.notification().approximateBytes(), failure -> (long) SMALL_ENTRY_BYTES);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes));
    }

    /** The bytes both caches hold now, by their weights; for metrics. */
    public long weightedBytes() {
        return cache.synchronous().policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L)
                + lastGood.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /** Runs the caches' pending evictions now (tests; Caffeine otherwise does it on its own schedule). */
    void cleanUp() {
        cache.synchronous().cleanUp();
        lastGood.cleanUp();
    }

    /** The underlying cache, for metrics binding only. */
    public AsyncLoadingCache<String, LookupResult> caffeine() {
        return cache;
    }

    /** Expiry chosen by what the lookup returned; a found copy lives for what is left of the TTL after its age. */
    private record ByResult(Duration ttl, Duration notFoundTtl, Function<LookupResult.Found, Duration> age)
            implements Expiry<String, LookupResult> {

        @Override
        public long expireAfterCreate(String id, LookupResult result, long now) {
            return result.either(this::freshFor, failure -> failure.gone() ? notFoundTtl : Duration.ZERO).toNanos();
        }

        private Duration freshFor(LookupResult.Found found) {
            Duration old = age.apply(found);
            // A copy from a replica whose clock runs ahead looks younger than zero: count it as new.
            Duration left = ttl.minus(old.isNegative() ? Duration.ZERO : old);
            return left.isNegative() ? Duration.ZERO : left;
        }

        @Override
        public long expireAfterUpdate(String id, LookupResult result, long now, long currentDuration) {
            return expireAfterCreate(id, result, now);
        }

        @Override
        public long expireAfterRead(String id, LookupResult result, long now, long currentDuration) {
            return currentDuration;
        }
    }
}
