package dev.pushstatus.app;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.pushstatus.bot.CallBudget;
import dev.pushstatus.bot.MessageDedupe;
import dev.pushstatus.bot.NotificationStore;
import dev.pushstatus.feishu.api.FeishuClient;
import dev.pushstatus.store.MemoryDedupe;
import dev.pushstatus.store.RedisCallBudget;
import dev.pushstatus.store.RedisDedupe;
import dev.pushstatus.store.RedisKeys;
import dev.pushstatus.store.RedisLink;
import dev.pushstatus.store.RedisNotifications;
import dev.pushstatus.store.RollingWindowLimiter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.RedisURI;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The state behind the domain's ports: this process's memory, or Redis shared by every replica
 * of the app when {@code REDIS_URL} is set (the memory then stays in front as the near copy and
 * stands in while Redis is unreachable).
 *
 * @param redis the link to Redis; null without {@code REDIS_URL}
 */
record SharedState(MessageDedupe dedupe, CallBudget budget, NotificationStore notifications,
                   @Nullable RedisLink redis) implements AutoCloseable {

    /** Longer than Feishu's retry window (15 s, 5 min, 1 h, 6 h: about 7.1 h). */
    static final Duration DEDUPE_RETENTION = Duration.ofHours(8);
    static final long DEDUPE_MAX_ENTRIES = 100_000;

    static SharedState forConfig(Config config, Duration notFoundTtl, Clock clock, Ticker ticker,
                                 MeterRegistry metrics) {
        MemoryDedupe memory = new MemoryDedupe(DEDUPE_RETENTION, DEDUPE_MAX_ENTRIES, ticker);
        RollingWindowLimiter localBudget = FeishuClients.localBudget(clock);
        if (config.redisUrl() == null) {
            return new SharedState(memory, localBudget, NotificationStore.direct(), null);
        }
        RedisLink redis;
        try {
            redis = RedisLink.connect(RedisURI.create(config.redisUrl()), ticker, clock);
        } catch (RedisLink.RedisUnreachable | IllegalArgumentException e) {
            throw new IllegalStateException("REDIS_URL: " + e.getMessage(), null);
        }
        bind(redis, metrics);
        RedisKeys keys = RedisKeys.forApp(config.appId());
        String replica = replicaName();
        return new SharedState(
                new RedisDedupe(memory, redis, keys, replica, config.claimLease(), DEDUPE_RETENTION),
                new RedisCallBudget(redis, keys, FeishuClient.HELPDESK_CALLS_PER_MINUTE, Duration.ofMinutes(1),
                        replica, localBudget),
                new RedisNotifications(redis, keys, config.cacheTtl(), notFoundTtl, replica, clock, ticker,
                        RedisNotifications.Pause.SLEEP),
                redis);
    }

    /** What {@code /readyz} adds while Redis is unreachable: the bot still serves, from its own memory. */
    Optional<String> degraded() {
        if (redis == null || redis.up()) {
            return Optional.empty();
        }
        return Optional.of("redis at " + redis.where() + " unreachable since " + redis.downSince()
                + "; serving from this process's memory");
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }

    private static void bind(RedisLink redis, MeterRegistry metrics) {
        Gauge.builder("pushbot_redis_up", redis, r -> r.up() ? 1 : 0)
                .description("1 while Redis answers; 0 while the bot serves from its own memory").register(metrics);
        FunctionCounter.builder("pushbot_redis_failures", redis, RedisLink::failures)
                .description("Redis calls that failed or timed out and fell back to memory").register(metrics);
        FunctionCounter.builder("pushbot_redis_recoveries", redis, RedisLink::recoveries)
                .description("times Redis came back after being unreachable").register(metrics);
    }

    /** This process's name in Redis claims: the pod's host name where there is one, and a random tail. */
    private static String replicaName() {
        String host = System.getenv("HOSTNAME");
        String tail = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return (host == null || host.isBlank() ? "pid" + ProcessHandle.current().pid() : host.strip()) + "-" + tail;
    }
}
