package dev.pushstatus.store;

import dev.pushstatus.bot.CallBudget;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The helpdesk budget of one app, shared by all its replicas: at most {@code limit} grants in any
 * rolling window, and none at all while a 429's reset lasts, whichever replica saw it.
 *
 * <p>Written by hand as one Lua script over a sorted set of grant times (a sliding log): Bucket4j's
 * Redis buckets refill at a steady rate, which lets through up to twice the limit in some 60 s
 * window, where Feishu counts calls in any rolling minute. The script reads Redis's own clock, so
 * replicas whose clocks disagree still share one window. When Redis cannot be reached, this
 * process's own {@link RollingWindowLimiter} decides (each replica then spends up to the whole
 * limit; Feishu's 429, which every replica honours, is the backstop).
 */
public final class RedisCallBudget implements CallBudget {

    /**
     * KEYS: the log, the block. ARGV: window ms, limit, a unique member. Answers 0 for a grant, else
     * the milliseconds until one may be granted.
     */
    private static final String ACQUIRE = """
            local blocked = redis.call('PTTL', KEYS[2])
            if blocked > 0 then return blocked end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
              redis.call('ZADD', KEYS[1], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[1], window)
              return 0
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return math.max(1, tonumber(oldest[2]) + window - now)
            """;
    /** Sets the block for ARGV[1] ms unless a longer one is already set. */
    private static final String BLOCK = """
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
              redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
            end
            return 0
            """;

    private final RedisLink redis;
    private final RedisKeys keys;
    private final int limit;
    private final Duration window;
    private final RollingWindowLimiter fallback;
    private final String replica;
    private final AtomicLong grants = new AtomicLong();

    public RedisCallBudget(RedisLink redis, RedisKeys keys, int limit, Duration window, String replica,
                           RollingWindowLimiter fallback) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        this.redis = redis;
        this.keys = keys;
        this.limit = limit;
        this.window = window;
        this.replica = replica;
        this.fallback = fallback;
    }

    @Override
    public Optional<Duration> tryAcquire() {
        // Members must differ: two grants in one millisecond are two calls.
        String member = replica + ":" + grants.incrementAndGet();
        long waitMillis = redis.call("budget", c -> c.<Long>eval(ACQUIRE, ScriptOutputType.INTEGER,
                        new String[] {keys.budgetLog(), keys.budgetBlock()}, Long.toString(window.toMillis()),
                        Integer.toString(limit), member),
                () -> fallback.tryAcquire().map(Duration::toMillis).orElse(0L));
        return waitMillis <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis));
    }

    @Override
    public void blockFor(Duration duration) {
        fallback.blockFor(duration);
        long millis = Math.max(1, duration.toMillis());
        redis.call("budget block", c -> c.<Long>eval(BLOCK, ScriptOutputType.INTEGER,
                new String[] {keys.budgetBlock()}, Long.toString(millis)), () -> 0L);
    }
}
