package dev.pushstatus.store;

import dev.pushstatus.bot.MessageDedupe;
import dev.pushstatus.bot.Outcome;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The dedupe shared by all replicas of one app: a claim on a message_id is one atomic Redis
 * operation, in front of which this process's own {@link MemoryDedupe} joins redeliveries that
 * reach the same replica.
 *
 * <p>A key per message holds {@code w:<replica>} while that replica works on it, with a short
 * {@linkplain #lease lease}, then {@code d} (answered) for the dedupe's retention. A redelivery that
 * reaches another replica meanwhile is told {@link Outcome.InProgressElsewhere} (Feishu delivers it
 * again later) and never replies. A replica killed mid-work leaves its claim to expire with the
 * lease, after which the next redelivery is handled elsewhere, once. When Redis cannot be reached
 * the claim is this process's alone (the reply uuid, derived from the message_id, still makes
 * Feishu drop a second reply within its hour).
 */
public final class RedisDedupe implements MessageDedupe {

    /** What a key holds once the message is answered (or deliberately ignored). */
    static final String DONE = "d";
    /**
     * Claims the key unless someone else holds it; answers what it holds, or nothing when the caller
     * now owns it. A claim of the caller's own that this process no longer knows of (its release
     * found Redis down) is taken back. One script, so no replica can come between the read and the write.
     */
    private static final String CLAIM = """
            local held = redis.call('GET', KEYS[1])
            if held and held ~= ARGV[1] then return held end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return false
            """;
    /** Deletes the key only if it still holds the caller's claim (a lapsed lease may have passed it on). */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final MemoryDedupe near;
    private final RedisLink redis;
    private final RedisKeys keys;
    private final String working;
    private final Duration lease;
    private final Duration retention;

    /**
     * @param replica   this process's name in claims (for an operator reading the keys)
     * @param lease     how long a claim outlives a replica that died holding it; longer than any
     *                  handling takes (the lookup and the reply are bounded by their timeouts)
     * @param retention how long an answered message is remembered: past Feishu's retry window
     */
    public RedisDedupe(MemoryDedupe near, RedisLink redis, RedisKeys keys, String replica, Duration lease,
                       Duration retention) {
        this.near = near;
        this.redis = redis;
        this.keys = keys;
        this.working = "w:" + replica;
        this.lease = lease;
        this.retention = retention;
    }

    @Override
    public Claim claim(String messageId) {
        Claim local = near.claim(messageId);
        if (!local.first()) {
            return local;
        }
        @Nullable String held = redis.call("claim", c -> c.<@Nullable String>eval(CLAIM, ScriptOutputType.VALUE,
                new String[] {keys.message(messageId)}, working, Long.toString(lease.toMillis())), () -> null);
        if (held == null) {
            return local;
        }
        // Settled here means remembered here too: the next redelivery to this replica needs no Redis.
        near.finish(messageId, local, DONE.equals(held) ? new Outcome.Duplicate() : new Outcome.InProgressElsewhere());
        return new Claim(false, local.future());
    }

    @Override
    public void finish(String messageId, Claim claim, Outcome outcome) {
        String key = keys.message(messageId);
        if (outcome.settled()) {
            redis.call("answered", c -> c.set(key, DONE, SetArgs.Builder.px(retention.toMillis())), () -> null);
        } else {
            redis.call("release", c -> c.<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, working),
                    () -> 0L);
        }
        near.finish(messageId, claim, outcome);
    }

    @Override
    public long size() {
        return near.size();
    }
}
