package dev.pushstatus.bot;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The notification cache in front of the helpdesk GET.
 *
 * <p>Found notifications stay fresh for the configured TTL; "not found" is remembered briefly
 * (people retype ids); every other failure expires at once so the next ask tries again.
 * Concurrent asks for one id share one upstream call because Caffeine's async cache hands every
 * caller the same in-flight future.
 */
public final class NotificationCache {

    /** Upper bound on cached notifications: a card's worth of data each, a few MB at most. */
    static final long MAX_ENTRIES = 10_000;

    private final AsyncLoadingCache<String, LookupResult> cache;

    public NotificationCache(NotificationSource source, Duration ttl, Duration notFoundTtl,
                             Executor executor, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .executor(executor)
                .expireAfter(new ByResult(ttl, notFoundTtl))
                .recordStats()
                .buildAsync((String id) -> source.fetch(id));
    }

    /** The notification, from cache when fresh, else from Feishu (one call per id at a time). */
    public CompletableFuture<LookupResult> lookup(String notificationId) {
        return cache.get(notificationId);
    }

    /** The underlying cache, for metrics binding only. */
    public AsyncLoadingCache<String, LookupResult> caffeine() {
        return cache;
    }

    /** Expiry chosen by what the lookup returned. */
    private record ByResult(Duration ttl, Duration notFoundTtl) implements Expiry<String, LookupResult> {

        @Override
        public long expireAfterCreate(String id, LookupResult result, long now) {
            if (result instanceof LookupResult.Found) {
                return ttl.toNanos();
            }
            if (result instanceof LookupResult.NotFound) {
                return notFoundTtl.toNanos();
            }
            return 0;
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
