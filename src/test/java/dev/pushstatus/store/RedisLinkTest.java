package dev.pushstatus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.FakeTicker;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The link's fallbacks, without a Redis: commands that fail, a pause before probing again, one recovery. */
class RedisLinkTest {

    final FakeTicker ticker = new FakeTicker();
    final AtomicBoolean reachable = new AtomicBoolean(true);
    final AtomicInteger tries = new AtomicInteger();
    @SuppressWarnings("unchecked")
    final RedisCommands<String, String> commands = (RedisCommands<String, String>) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {RedisCommands.class}, (proxy, method, args) -> {
                tries.incrementAndGet();
                if (!reachable.get()) {
                    throw new RedisCommandTimeoutException("Command timed out after 250 millisecond(s)");
                }
                return "PONG";
            });
    final RedisLink link = new RedisLink("cache:6379", () -> commands, ticker,
            Clock.fixed(Instant.parse("2024-05-01T08:00:00Z"), ZoneOffset.UTC), null);

    @Test
    void anAnsweredCallIsTheAnswer() {
        assertThat(link.call("ping", RedisCommands::ping, () -> "fallback")).isEqualTo("PONG");
        assertThat(link.up()).isTrue();
        assertThat(link.failures()).isZero();
    }

    @Test
    void aFailedCallRunsTheFallbackAndMarksTheLinkDown() {
        reachable.set(false);

        assertThat(link.call("ping", RedisCommands::ping, () -> "fallback")).isEqualTo("fallback");

        assertThat(link.up()).isFalse();
        assertThat(link.downSince()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(link.failures()).isEqualTo(1);
    }

    @Test
    void whileDownCallsSkipRedisUntilTheNextProbeThenOneSuccessBringsItBack() {
        reachable.set(false);
        link.call("ping", RedisCommands::ping, () -> "fallback");
        int triedWhenItFailed = tries.get();

        for (int i = 0; i < 100; i++) {
            assertThat(link.call("ping", RedisCommands::ping, () -> "fallback")).isEqualTo("fallback");
        }
        assertThat(tries.get()).as("no call waits on a Redis known to be down").isEqualTo(triedWhenItFailed);

        reachable.set(true);
        ticker.advance(RedisLink.PROBE_EVERY.plus(Duration.ofMillis(1)));
        assertThat(link.call("ping", RedisCommands::ping, () -> "fallback")).isEqualTo("PONG");
        assertThat(link.up()).isTrue();
        assertThat(link.recoveries()).isEqualTo(1);
        assertThat(link.downSince()).isNull();
    }

    @Test
    void aProbeThatFailsWaitsAnotherPause() {
        reachable.set(false);
        link.call("ping", RedisCommands::ping, () -> "fallback");
        ticker.advance(RedisLink.PROBE_EVERY.plus(Duration.ofMillis(1)));
        link.call("ping", RedisCommands::ping, () -> "fallback");
        int tried = tries.get();

        link.call("ping", RedisCommands::ping, () -> "fallback");

        assertThat(tries.get()).isEqualTo(tried);
        assertThat(link.failures()).isEqualTo(2);
        assertThat(link.recoveries()).isZero();
    }

    @Test
    void theReasonIsTheRootCauseInOneLine() {
        RuntimeException nested = new RedisConnectionException("Unable to connect to cache:6379",
                new java.net.ConnectException("Connection refused\nsecond line"));

        assertThat(RedisLink.reason(nested)).isEqualTo("ConnectException: Connection refused");
        assertThat(RedisLink.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
