package dev.pushstatus.store;

import dev.pushstatus.bot.Watch;
import dev.pushstatus.bot.WatchStore;
import dev.pushstatus.bot.WatchView;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Watches shared by all replicas of one app: they survive restarts, and each check is driven by
 * exactly one replica.
 *
 * <p>Keys: the watch itself ({@code watch:<card>}, JSON, kept until its end plus an hour), a
 * sorted set of every watch by its next check ({@code watches}), a set per chat for the per-chat
 * limit ({@code watch-chat:<chat>}), and a lease per watch being checked ({@code watch-lease:<card>},
 * {@link #LEASE}): the replica that takes a due watch holds it until it saves the next state; if it
 * dies, the lease lapses and another replica takes the watch at its next tick. Adding checks both
 * limits and writes in one Lua script. Sets whose watch expired are cleaned as they are met.
 * While Redis cannot be reached, no watch is checked or started (the card says why).
 */
public final class RedisWatchStore implements WatchStore {

    /** Longer than one check takes (a lookup of at most a few seconds and one card update). */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How long a watch's keys outlive its end. */
    static final Duration KEEP_AFTER_END = Duration.ofHours(1);

    /**
     * KEYS: due set, chat set. ARGV: limit, per chat, the watch keys' prefix. Drops from the chat set
     * the watches whose key expired (a replica died at the wrong moment), then answers which limit a new
     * watch would pass, or nothing.
     */
    private static final String LIMITS = """
            for _, card in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              if redis.call('EXISTS', ARGV[3] .. card) == 0 then redis.call('SREM', KEYS[2], card) end
            end
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 'TOO_MANY' end
            if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[2]) then return 'TOO_MANY_IN_CHAT' end
            return false
            """;
    /** KEYS: watch, due set, chat set. ARGV: limit, per chat, prefix, card, json, next ms, watch ttl ms, sets ttl ms. */
    private static final String ADD = """
            if redis.call('EXISTS', KEYS[1]) == 0 then
              for _, card in ipairs(redis.call('SMEMBERS', KEYS[3])) do
                if redis.call('EXISTS', ARGV[3] .. card) == 0 then redis.call('SREM', KEYS[3], card) end
              end
              if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[1]) then return 'TOO_MANY' end
              if redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[2]) then return 'TOO_MANY_IN_CHAT' end
            end
            redis.call('SET', KEYS[1], ARGV[5], 'PX', ARGV[7])
            redis.call('ZADD', KEYS[2], ARGV[6], ARGV[4])
            redis.call('SADD', KEYS[3], ARGV[4])
            redis.call('PEXPIRE', KEYS[2], ARGV[8])
            redis.call('PEXPIRE', KEYS[3], ARGV[8])
            return false
            """;
    /** KEYS: watch, due set, lease. ARGV: card, json, next ms, ttl ms. Saves only a watch still running. */
    private static final String SAVE = """
            redis.call('DEL', KEYS[3])
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
            return 1
            """;
    /** KEYS: watch, due set, lease, chat set. ARGV: card. Answers the watch as it was. */
    private static final String REMOVE = """
            local json = redis.call('GET', KEYS[1])
            redis.call('DEL', KEYS[1], KEYS[3])
            redis.call('ZREM', KEYS[2], ARGV[1])
            if KEYS[4] ~= '' then redis.call('SREM', KEYS[4], ARGV[1]) end
            return json
            """;

    private final RedisLink redis;
    private final RedisKeys keys;
    private final WatchCodec codec = new WatchCodec();
    private final String replica;
    private final Duration longest;
    private final Clock clock;

    /** @param longest the longest watch: the sets live at least that long after their last change */
    public RedisWatchStore(RedisLink redis, RedisKeys keys, String replica, Duration longest, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.replica = replica;
        this.longest = longest;
        this.clock = clock;
    }

    @Override
    public Optional<WatchView.Refusal> add(Watch watch, int limit, int perChat) {
        long ttl = ttlMillis(watch);
        @Nullable String refused = redis.call("watch add", c -> c.<@Nullable String>eval(ADD, ScriptOutputType.VALUE,
                new String[] {watchKey(watch.cardMessageId()), dueKey(), chatKey(watch.chatId())},
                Integer.toString(limit), Integer.toString(perChat), watchKey(""), watch.cardMessageId(),
                codec.encode(watch), Long.toString(watch.nextCheckAt().toEpochMilli()), Long.toString(ttl),
                // The sets outlive every watch in them: none runs longer than the longest watch.
                Long.toString(Math.max(ttl, longest.plus(KEEP_AFTER_END).toMillis()))),
                () -> WatchView.Refusal.STORE_UNAVAILABLE.name());
        return refused == null ? Optional.empty() : Optional.of(WatchView.Refusal.valueOf(refused));
    }

    @Override
    public Optional<WatchView.Refusal> admits(String chatId, int limit, int perChat) {
        @Nullable String refused = redis.call("watch admits", c -> c.<@Nullable String>eval(LIMITS,
                ScriptOutputType.VALUE, new String[] {dueKey(), chatKey(chatId)}, Integer.toString(limit),
                Integer.toString(perChat), watchKey("")), () -> WatchView.Refusal.STORE_UNAVAILABLE.name());
        return refused == null ? Optional.empty() : Optional.of(WatchView.Refusal.valueOf(refused));
    }

    @Override
    public List<Watch> takeDue(Instant now, int max) {
        List<String> due = redis.call("watch due", c -> c.zrangebyscore(dueKey(),
                Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()), Limit.create(0, max)), List::of);
        List<Watch> taken = new ArrayList<>();
        for (String card : due) {
            Boolean mine = redis.call("watch lease", c -> "OK".equals(c.set(leaseKey(card), replica,
                    SetArgs.Builder.nx().px(LEASE.toMillis()))), () -> false);
            if (!mine) {
                continue; // another replica is checking it
            }
            @Nullable String json = redis.call("watch get", c -> c.get(watchKey(card)), () -> null);
            Optional<Watch> watch = codec.decode(json);
            if (watch.isPresent()) {
                taken.add(watch.get());
            } else if (json == null) {
                // Its key expired: nothing to check, clean the index.
                redis.call("watch clean", c -> c.<String>eval(REMOVE, ScriptOutputType.VALUE,
                        new String[] {watchKey(card), dueKey(), leaseKey(card), ""}, card), () -> null);
            } else {
                // Written by another version of the bot (a rolling update): left for a replica that reads it.
                redis.call("watch lease release", c -> c.del(leaseKey(card)), () -> 0L);
            }
        }
        return taken;
    }

    @Override
    public void save(Watch watch) {
        redis.call("watch save", c -> c.<Long>eval(SAVE, ScriptOutputType.INTEGER,
                new String[] {watchKey(watch.cardMessageId()), dueKey(), leaseKey(watch.cardMessageId())},
                watch.cardMessageId(), codec.encode(watch), Long.toString(watch.nextCheckAt().toEpochMilli()),
                Long.toString(ttlMillis(watch))), () -> 0L);
    }

    @Override
    public Optional<Watch> remove(String cardMessageId) {
        Optional<Watch> known = find(cardMessageId);
        String chat = known.map(w -> chatKey(w.chatId())).orElse("");
        return codec.decode(redis.call("watch remove", c -> c.<@Nullable String>eval(REMOVE, ScriptOutputType.VALUE,
                new String[] {watchKey(cardMessageId), dueKey(), leaseKey(cardMessageId), chat}, cardMessageId),
                () -> null));
    }

    @Override
    public Optional<Watch> find(String cardMessageId) {
        return codec.decode(redis.call("watch get", c -> c.get(watchKey(cardMessageId)), () -> null));
    }

    @Override
    public int count() {
        return redis.call("watch count", c -> c.zcard(dueKey()).intValue(), () -> 0);
    }

    private long ttlMillis(Watch watch) {
        return Math.max(1, Duration.between(clock.instant(), watch.until()).plus(KEEP_AFTER_END).toMillis());
    }

    private String watchKey(String card) {
        return keys.prefix() + "watch:" + card;
    }

    private String dueKey() {
        return keys.prefix() + "watches";
    }

    private String chatKey(String chat) {
        return keys.prefix() + "watch-chat:" + chat;
    }

    private String leaseKey(String card) {
        return keys.prefix() + "watch-lease:" + card;
    }
}
