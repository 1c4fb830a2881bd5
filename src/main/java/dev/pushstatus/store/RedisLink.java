package dev.pushstatus.store;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's one connection to Redis, and what happens when Redis is not there.
 *
 * <p>Every command goes through {@link #call}, which names what to do instead: when Redis does not
 * answer within {@link #COMMAND_TIMEOUT}, or the connection is down, the fallback runs, the link
 * counts as down, and for {@link #PROBE_EVERY} every call goes straight to its fallback (a black-holed
 * Redis would otherwise cost each message a timeout per command). Lettuce reconnects by itself in
 * the background; the first call that succeeds marks the link up again. Each change is logged once,
 * never once per message.
 */
public final class RedisLink implements AutoCloseable {

    /** Inside the event's 2.5 s budget even for the few commands one message makes. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** While down, how often a call tries Redis again instead of its fallback. */
    static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private final String where;
    private final Ticker ticker;
    private final Clock clock;
    private final @Nullable Runnable shutdown;
    private final Supplier<RedisCommands<String, String>> commands;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong recoveries = new AtomicLong();
    private volatile @Nullable Instant downSince;
    private volatile long probeAtNanos;

    RedisLink(String where, Supplier<RedisCommands<String, String>> commands, Ticker ticker, Clock clock,
              @Nullable Runnable shutdown) {
        this.where = where;
        this.commands = commands;
        this.ticker = ticker;
        this.clock = clock;
        this.shutdown = shutdown;
    }

    /**
     * Connects to {@code uri} (parsed and checked by the caller) and checks the connection with a
     * PING. Fails with {@link RedisUnreachable} when Redis cannot be reached now: start-up stops then,
     * since a wrong URL would otherwise pass unnoticed as a bot that never shares anything.
     */
    public static RedisLink connect(RedisURI uri, Ticker ticker, Clock clock) {
        // The URI's timeout bounds a connection's start (TLS handshake, AUTH, HELLO), which a cold JVM
        // can take more than a command's 250 ms for; every command has its own bound (TimeoutOptions).
        uri.setTimeout(CONNECT_TIMEOUT);
        // Two I/O threads are plenty for one connection; Lettuce's default is one per core, at least two.
        ClientResources resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail at once while disconnected (and fall back) instead of queueing until a timeout.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        String where = uri.getHost() + ":" + uri.getPort();
        Runnable shutdown = () -> {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS);
        };
        StatefulRedisConnection<String, String> connection;
        try {
            connection = client.connect();
            connection.sync().ping();
        } catch (RuntimeException e) {
            shutdown.run();
            throw new RedisUnreachable(where, reason(e));
        }
        RedisCommands<String, String> sync = connection.sync();
        return new RedisLink(where, () -> sync, ticker, clock, () -> {
            connection.close();
            shutdown.run();
        });
    }

    /**
     * Runs {@code command} on Redis, or {@code fallback} when Redis cannot answer now. Never throws
     * for Redis trouble; {@code fallback} is also what runs while the link is known to be down.
     */
    public <T extends @Nullable Object> T call(String what, Function<RedisCommands<String, String>, T> command,
                                                Supplier<T> fallback) {
        if (downSince != null && ticker.read() - probeAtNanos < 0) {
            return fallback.get();
        }
        T answer;
        try {
            answer = command.apply(commands.get());
        } catch (RuntimeException e) {
            wentDown(what, e);
            return fallback.get();
        }
        cameBack();
        return answer;
    }

    /** Whether the last call reached Redis. */
    public boolean up() {
        return downSince == null;
    }

    /** Since when Redis has not answered; null while it does. */
    public @Nullable Instant downSince() {
        return downSince;
    }

    /** Calls that Redis did not answer (each ran its fallback). */
    public long failures() {
        return failures.get();
    }

    /** How many times Redis came back after being down. */
    public long recoveries() {
        return recoveries.get();
    }

    /** {@code host:port}, never the password. */
    public String where() {
        return where;
    }

    private void wentDown(String what, RuntimeException e) {
        failures.incrementAndGet();
        probeAtNanos = ticker.read() + PROBE_EVERY.toNanos();
        if (downSince == null) {
            synchronized (this) {
                if (downSince == null) {
                    downSince = clock.instant();
                    log.warn("redis at {} did not answer ({}: {}); dedupe, budget and notifications use this"
                            + " process's memory until it is back", where, what, reason(e));
                }
            }
        }
    }

    private void cameBack() {
        Instant since = downSince;
        if (since != null) {
            synchronized (this) {
                if (downSince != null) {
                    downSince = null;
                    recoveries.incrementAndGet();
                    log.info("redis at {} is back after {} s; state is shared again", where,
                            Duration.between(since, clock.instant()).toSeconds());
                }
            }
        }
    }

    /** The exception's class and first line: enough to act on, without a stack trace per message. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    @Override
    public void close() {
        if (shutdown != null) {
            shutdown.run();
        }
    }

    /** Redis could not be reached at start-up. */
    public static final class RedisUnreachable extends RuntimeException {
        RedisUnreachable(String where, String reason) {
            super("cannot reach redis at " + where + " (" + reason + ")", null, false, false);
        }
    }
}
