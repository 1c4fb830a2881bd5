package dev.pushstatus.store;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.NotificationSource;
import dev.pushstatus.bot.NotificationStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Looked-up notifications shared by all replicas of one app: a copy one replica fetched is served by
 * the others while fresh, and concurrent asks for one id on several replicas make one call to Feishu.
 *
 * <p>The replica that finds no fresh copy takes a short lock on the id and asks Feishu; the others
 * wait for its answer in Redis (polling every {@link #POLL_EVERY}), and take the lock themselves if
 * it lapses without an answer (the holder died). A found copy is kept for the cache TTL from when it
 * was fetched, "not found" for the not-found TTL, and any other answer only for {@link #ANSWER_FOR},
 * long enough for the replicas waiting on that call and never read by a new ask (errors are not
 * cached). Whenever Redis cannot be reached the replica asks Feishu itself: sharing saves calls, it
 * is never needed for an answer.
 */
public final class RedisNotifications implements NotificationStore {

    /** Longer than one lookup can take (2 s call timeout, one retry): the lock of a live holder never lapses. */
    static final Duration LOCK_FOR = Duration.ofSeconds(6);
    static final Duration POLL_EVERY = Duration.ofMillis(20);
    static final Duration ANSWER_FOR = Duration.ofSeconds(2);

    private final RedisLink redis;
    private final RedisKeys keys;
    private final SharedCopyCodec codec = new SharedCopyCodec();
    private final Duration ttl;
    private final Duration notFoundTtl;
    private final String replica;
    private final Clock clock;
    private final Ticker ticker;
    private final Pause pause;

    public RedisNotifications(RedisLink redis, RedisKeys keys, Duration ttl, Duration notFoundTtl, String replica,
                              Clock clock, Ticker ticker, Pause pause) {
        this.redis = redis;
        this.keys = keys;
        this.ttl = ttl;
        this.notFoundTtl = notFoundTtl;
        this.replica = replica;
        this.clock = clock;
        this.ticker = ticker;
        this.pause = pause;
    }

    @Override
    public LookupResult load(String notificationId, NotificationSource upstream) {
        long giveUpAt = ticker.read() + LOCK_FOR.plus(Duration.ofSeconds(1)).toNanos();
        boolean waited = false;
        while (ticker.read() - giveUpAt < 0) {
            Optional<LookupResult> shared = read(notificationId);
            // A new ask takes only what may be cached; one that waited on a call takes its answer, whatever it was.
            if (shared.isPresent() && (waited || cacheable(shared.get()))) {
                return shared.get();
            }
            Boolean mine = redis.call("notification lock", c -> "OK".equals(c.set(keys.notificationLock(notificationId),
                    replica, SetArgs.Builder.nx().px(LOCK_FOR.toMillis()))), () -> null);
            if (mine == null) {
                return upstream.fetch(notificationId); // Redis is down: ask Feishu ourselves
            }
            if (mine) {
                try {
                    // The holder before us may have shared its answer and let go between our read and our
                    // lock: look once more before asking Feishu.
                    Optional<LookupResult> meanwhile = read(notificationId);
                    if (meanwhile.isPresent() && (waited || cacheable(meanwhile.get()))) {
                        return meanwhile.get();
                    }
                    return share(notificationId, upstream.fetch(notificationId));
                } finally {
                    redis.call("notification unlock", c -> c.<Long>eval(RedisDedupe.RELEASE, ScriptOutputType.INTEGER,
                            new String[] {keys.notificationLock(notificationId)}, replica), () -> 0L);
                }
            }
            waited = true;
            try {
                pause.pause(POLL_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return upstream.fetch(notificationId);
    }

    @Override
    public LookupResult reload(String notificationId, NotificationSource upstream) {
        return share(notificationId, upstream.fetch(notificationId));
    }

    private Optional<LookupResult> read(String notificationId) {
        @Nullable String json = redis.call("notification get", c -> c.get(keys.notification(notificationId)), () -> null);
        // Redis drops a copy at its TTL; its own fetch time says the same, and holds if a TTL were ever wrong.
        return (json == null ? Optional.<LookupResult>empty() : codec.decode(json)).filter(result -> result.either(
                found -> Duration.between(found.fetchedAt(), clock.instant()).compareTo(ttl) < 0, failure -> true));
    }

    private LookupResult share(String notificationId, LookupResult result) {
        Duration keep = result.either(found -> ttl.minus(Duration.between(found.fetchedAt(), clock.instant())),
                failure -> failure.gone() ? notFoundTtl : ANSWER_FOR);
        if (keep.toMillis() > 0) {
            String json = codec.encode(result);
            redis.call("notification set", c -> c.set(keys.notification(notificationId), json,
                    SetArgs.Builder.px(keep.toMillis())), () -> null);
        }
        return result;
    }

    /** Whether a new ask may take this answer from another replica: what this process would cache too. */
    private static boolean cacheable(LookupResult result) {
        return result.either(found -> true, LookupResult.Failure::gone);
    }

    /** Waits between two looks at Redis; tests move a clock instead. */
    @FunctionalInterface
    public interface Pause {
        /** The real thing. */
        Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

        void pause(Duration duration) throws InterruptedException;
    }
}
