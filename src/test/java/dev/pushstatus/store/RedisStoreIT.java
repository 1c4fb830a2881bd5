package dev.pushstatus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.MessageDedupe;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.NotificationSource;
import dev.pushstatus.bot.Outcome;
import io.lettuce.core.RedisURI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Redis adapters against a real redis-server: two "replicas" here are two sets of adapters on
 * two connections, as two processes would hold them. What only Redis can show: atomic claims,
 * leases that lapse, a sliding window over Redis's clock, shared copies, TTLs on every key.
 */
class RedisStoreIT extends OnRealRedis {

    final RedisKeys keys = RedisKeys.forApp("cli_test" + System.nanoTime());

    RedisDedupe dedupe(String replica, Duration lease) {
        return new RedisDedupe(new MemoryDedupe(Duration.ofHours(8), 1_000, Ticker.systemTicker()), link(), keys,
                replica, lease, Duration.ofHours(8));
    }

    @Test
    void aMessageClaimedOnOneReplicaIsInProgressOnTheOtherThenADuplicate() {
        RedisDedupe a = dedupe("a", Duration.ofSeconds(30));
        RedisDedupe b = dedupe("b", Duration.ofSeconds(30));

        MessageDedupe.Claim mine = a.claim("om_1");
        MessageDedupe.Claim elsewhere = b.claim("om_1");

        assertThat(mine.first()).isTrue();
        assertThat(elsewhere.first()).isFalse();
        assertThat(elsewhere.future()).isCompletedWithValue(new Outcome.InProgressElsewhere());
        assertThat(inspect.get(keys.message("om_1"))).isEqualTo("w:a");
        assertThat(inspect.pttl(keys.message("om_1"))).isBetween(1L, 30_000L);

        a.finish("om_1", mine, new Outcome.Replied("push-status", "om_r"));

        MessageDedupe.Claim later = b.claim("om_1");
        assertThat(later.first()).isFalse();
        assertThat(later.future()).isCompletedWithValue(new Outcome.Duplicate());
        assertThat(inspect.get(keys.message("om_1"))).isEqualTo(RedisDedupe.DONE);
        assertThat(inspect.pttl(keys.message("om_1"))).isGreaterThan(Duration.ofHours(7).toMillis());
    }

    @Test
    void aFailedHandlingReleasesTheClaimForAnyReplica() {
        RedisDedupe a = dedupe("a", Duration.ofSeconds(30));
        RedisDedupe b = dedupe("b", Duration.ofSeconds(30));
        MessageDedupe.Claim mine = a.claim("om_1");

        a.finish("om_1", mine, new Outcome.Failed("e1", "reply failed"));

        assertThat(inspect.exists(keys.message("om_1"))).isZero();
        assertThat(b.claim("om_1").first()).isTrue();
    }

    @Test
    void aClaimLeftByADeadReplicaLapsesWithItsLease() throws Exception {
        RedisDedupe dead = dedupe("dead", Duration.ofMillis(300));
        RedisDedupe alive = dedupe("alive", Duration.ofSeconds(30));
        assertThat(dead.claim("om_1").first()).isTrue(); // and never finished: the process died

        assertThat(alive.claim("om_1").first()).isFalse();
        Thread.sleep(400);

        assertThat(alive.claim("om_1").first()).isTrue();
    }

    @Test
    void manyReplicasRacingForOneMessageMakeExactlyOneOwner() throws Exception {
        List<RedisDedupe> replicas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replicas.add(dedupe("r" + i, Duration.ofSeconds(30)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                String id = "om_race_" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> firsts = new ArrayList<>();
                for (RedisDedupe replica : replicas) {
                    firsts.add(pool.submit(() -> {
                        go.await();
                        return replica.claim(id).first();
                    }));
                }
                go.countDown();
                int owners = 0;
                for (Future<Boolean> first : firsts) {
                    owners += first.get(5, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(owners).as("owners of %s", id).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBudgetIsOneWindowForAllReplicasAndA429BlocksThemAll() {
        RedisCallBudget a = new RedisCallBudget(link(), keys, 5, Duration.ofMinutes(1), "a",
                new RollingWindowLimiter(5, Duration.ofMinutes(1), Clock.systemUTC()));
        RedisCallBudget b = new RedisCallBudget(link(), keys, 5, Duration.ofMinutes(1), "b",
                new RollingWindowLimiter(5, Duration.ofMinutes(1), Clock.systemUTC()));

        int granted = 0;
        for (int i = 0; i < 10; i++) {
            granted += (i % 2 == 0 ? a : b).tryAcquire().isEmpty() ? 1 : 0;
        }
        Optional<Duration> refused = b.tryAcquire();

        assertThat(granted).isEqualTo(5);
        assertThat(refused).hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(50),
                Duration.ofMinutes(1)));
        assertThat(inspect.zcard(keys.budgetLog())).isEqualTo(5);
        assertThat(inspect.pttl(keys.budgetLog())).isBetween(1L, 60_000L);

        inspect.del(keys.budgetLog());
        a.blockFor(Duration.ofSeconds(20));
        assertThat(b.tryAcquire()).hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(19),
                Duration.ofSeconds(20)));
        a.blockFor(Duration.ofSeconds(5));
        assertThat(inspect.pttl(keys.budgetBlock())).as("a shorter reset never shortens a longer one")
                .isGreaterThan(15_000L);
    }

    static Notification notification(String id) {
        return new Notification(id, "job " + id, 1, new Notification.Person("ou_1", "Ann"), Instant.parse(
                "2024-05-01T08:00:00Z"), null, null, 10, 7, 3, Instant.parse("2024-05-02T08:00:00Z"), 0, 2, null,
                List.of(), List.of(new Notification.Person("ou_2", "Ben")), List.of(new Notification.Department("d1",
                "Ops")), List.of(new Notification.Chat("oc_1", "Team")), "https://example.com/approve");
    }

    RedisNotifications notifications(String replica, Duration ttl) {
        return new RedisNotifications(link(), keys, ttl, Duration.ofSeconds(10), replica, Clock.systemUTC(),
                Ticker.systemTicker(), RedisNotifications.Pause.SLEEP);
    }

    @Test
    void aNotificationLookedUpByOneReplicaIsServedByTheOtherWhileFresh() {
        AtomicInteger calls = new AtomicInteger();
        NotificationSource upstream = id -> {
            calls.incrementAndGet();
            return new LookupResult.Found(notification(id), Instant.now());
        };
        RedisNotifications a = notifications("a", Duration.ofSeconds(30));
        RedisNotifications b = notifications("b", Duration.ofSeconds(30));

        LookupResult first = a.load("42", upstream);
        LookupResult second = b.load("42", upstream);

        assertThat(calls).hasValue(1);
        assertThat(second).isEqualTo(first);
        assertThat(inspect.pttl(keys.notification("42"))).isBetween(25_000L, 30_000L);
        assertThat(inspect.exists(keys.notificationLock("42"))).as("the lock is given back").isZero();

        b.reload("42", upstream);
        assertThat(calls).as("Refresh asks Feishu whatever copy is shared").hasValue(2);
    }

    @Test
    void concurrentAsksOnSeveralReplicasMakeOneUpstreamCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        NotificationSource slowUpstream = id -> {
            calls.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new LookupResult.Found(notification(id), Instant.now());
        };
        List<RedisNotifications> replicas = List.of(notifications("a", Duration.ofSeconds(30)),
                notifications("b", Duration.ofSeconds(30)), notifications("c", Duration.ofSeconds(30)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<LookupResult>> answers = new ArrayList<>();
            for (RedisNotifications replica : replicas) {
                answers.add(pool.submit(() -> replica.load("7", slowUpstream)));
            }
            Thread.sleep(200); // all three are asking: one holds the lock, two wait on it
            release.countDown();
            for (Future<LookupResult> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS)).isInstanceOf(LookupResult.Found.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void waitersTakeTheCallsFailureButANewAskTriesAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        NotificationSource failing = id -> {
            calls.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new LookupResult.Unavailable("err-1", "timeout");
        };
        RedisNotifications a = notifications("a", Duration.ofSeconds(30));
        RedisNotifications b = notifications("b", Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<LookupResult> leader = pool.submit(() -> a.load("9", failing));
            Thread.sleep(100);
            Future<LookupResult> waiter = pool.submit(() -> b.load("9", failing));
            Thread.sleep(100);
            release.countDown();
            assertThat(leader.get(5, TimeUnit.SECONDS)).isEqualTo(new LookupResult.Unavailable("err-1", "timeout"));
            assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo(new LookupResult.Unavailable("err-1", "timeout"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasValue(1);

        b.load("9", failing);
        assertThat(calls).as("errors are not cached for a new ask").hasValue(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCopySharedBetweenOurLookAndOurLockIsTakenNotFetchedAgain() {
        LookupResult.Found theirs = new LookupResult.Found(notification("77"), Instant.now());
        io.lettuce.core.api.sync.RedisCommands<String, String> real = inspectClient.connect().sync();
        java.util.concurrent.atomic.AtomicBoolean sharedOnce = new java.util.concurrent.atomic.AtomicBoolean();
        // Another replica shares its answer and lets go of the lock right after our first look.
        io.lettuce.core.api.sync.RedisCommands<String, String> racing =
                (io.lettuce.core.api.sync.RedisCommands<String, String>) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(), new Class<?>[] {io.lettuce.core.api.sync.RedisCommands.class},
                        (proxy, method, args) -> {
                            Object answer = method.invoke(real, args);
                            if (method.getName().equals("get") && sharedOnce.compareAndSet(false, true)) {
                                real.set(keys.notification("77"), new SharedCopyCodec().encode(theirs));
                            }
                            return answer;
                        });
        RedisLink link = keep(new RedisLink("race", () -> racing, Ticker.systemTicker(), Clock.systemUTC(), null));
        AtomicInteger calls = new AtomicInteger();

        LookupResult result = new RedisNotifications(link, keys, Duration.ofSeconds(30), Duration.ofSeconds(10), "b",
                Clock.systemUTC(), Ticker.systemTicker(), RedisNotifications.Pause.SLEEP).load("77", id -> {
                    calls.incrementAndGet();
                    return new LookupResult.Found(notification(id), Instant.now());
                });

        assertThat(result).isEqualTo(theirs);
        assertThat(calls).hasValue(0);
        assertThat(inspect.exists(keys.notificationLock("77"))).as("our lock given back").isZero();
    }

    @Test
    void aNotFoundIsSharedForTheNotFoundTtl() {
        AtomicInteger calls = new AtomicInteger();
        NotificationSource upstream = id -> {
            calls.incrementAndGet();
            return new LookupResult.NotFound(id);
        };
        notifications("a", Duration.ofSeconds(30)).load("404", upstream);
        assertThat(notifications("b", Duration.ofSeconds(30)).load("404", upstream))
                .isEqualTo(new LookupResult.NotFound("404"));
        assertThat(calls).hasValue(1);
        assertThat(inspect.pttl(keys.notification("404"))).isBetween(1L, 10_000L);
    }

    @Test
    void aDamagedOrForeignCopyReadsAsNoCopy() {
        inspect.set(keys.notification("5"), "{\"v\":99,\"kind\":\"found\"}");
        AtomicInteger calls = new AtomicInteger();
        LookupResult result = notifications("a", Duration.ofSeconds(30)).load("5", id -> {
            calls.incrementAndGet();
            return new LookupResult.Found(notification(id), Instant.now());
        });
        assertThat(result).isInstanceOf(LookupResult.Found.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void everyKeyTheBotWritesHasATtlAndHoldsNoSecretOrText() {
        RedisDedupe a = dedupe("a", Duration.ofSeconds(30));
        a.finish("om_done", a.claim("om_done"), new Outcome.Replied("push-status", "om_r"));
        a.claim("om_working");
        new RedisCallBudget(link(), keys, 5, Duration.ofMinutes(1), "a",
                new RollingWindowLimiter(5, Duration.ofMinutes(1), Clock.systemUTC())).blockFor(Duration.ofSeconds(3));
        new RedisCallBudget(link(), keys, 5, Duration.ofMinutes(1), "a",
                new RollingWindowLimiter(5, Duration.ofMinutes(1), Clock.systemUTC())).tryAcquire();
        inspect.del(keys.budgetBlock());
        new RedisCallBudget(link(), keys, 5, Duration.ofMinutes(1), "a",
                new RollingWindowLimiter(5, Duration.ofMinutes(1), Clock.systemUTC())).tryAcquire();
        notifications("a", Duration.ofSeconds(30)).load("1", id -> new LookupResult.Found(notification(id),
                Instant.now()));

        List<String> all = inspect.keys("*");
        assertThat(all).hasSizeGreaterThanOrEqualTo(4).allSatisfy(key -> {
            assertThat(key).startsWith(keys.prefix());
            assertThat(inspect.pttl(key)).as("TTL of %s", key).isPositive();
        });
    }

    @Test
    void aDedupeEntryWeighsAboutAHundredBytes() {
        RedisDedupe a = dedupe("a", Duration.ofSeconds(30));
        String messageId = "om_dc13264520392913993dd051dba21dcf"; // a real message_id's shape: 35 characters
        a.finish(messageId, a.claim(messageId), new Outcome.Replied("push-status", "om_r"));

        Long bytes = inspect.memoryUsage(keys.message(messageId));

        // Reported in the README; the bound only catches a change of encoding that would multiply it.
        System.out.println("redis bytes per answered message (key of " + keys.message(messageId).length()
                + " chars): " + bytes);
        assertThat(bytes).isBetween(50L, 200L);
    }

    @Test
    void withRedisGoneEveryPortFallsBackToMemoryAndComesBackWithIt() throws Exception {
        RedisLink link = link();
        RedisDedupe dedupe = new RedisDedupe(new MemoryDedupe(Duration.ofHours(8), 1_000, Ticker.systemTicker()),
                link, keys, "a", Duration.ofSeconds(30), Duration.ofHours(8));
        RedisCallBudget budget = new RedisCallBudget(link, keys, 2, Duration.ofMinutes(1), "a",
                new RollingWindowLimiter(2, Duration.ofMinutes(1), Clock.systemUTC()));
        RedisNotifications notifications = new RedisNotifications(link, keys, Duration.ofSeconds(30),
                Duration.ofSeconds(10), "a", Clock.systemUTC(), Ticker.systemTicker(), RedisNotifications.Pause.SLEEP);
        server.kill();
        try {
            long start = System.nanoTime();
            MessageDedupe.Claim claim = dedupe.claim("om_outage");
            assertThat(claim.first()).as("memory decides alone").isTrue();
            assertThat(dedupe.claim("om_outage").first()).as("and still dedupes in this process").isFalse();
            dedupe.finish("om_outage", claim, new Outcome.Replied("push-status", "om_r"));
            assertThat(budget.tryAcquire()).isEmpty();
            assertThat(budget.tryAcquire()).isEmpty();
            assertThat(budget.tryAcquire()).as("the local window still holds").isPresent();
            assertThat(notifications.load("3", id -> new LookupResult.Found(notification(id), Instant.now())))
                    .isInstanceOf(LookupResult.Found.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no call waits for a dead Redis")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(link.up()).isFalse();
            assertThat(link.failures()).isPositive();
        } finally {
            server.startAgain();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!link.up() && System.nanoTime() < deadline) {
            dedupe.claim("om_probe_" + System.nanoTime());
            Thread.sleep(100);
        }
        assertThat(link.up()).as("back on Redis once it answers").isTrue();
        assertThat(link.recoveries()).isEqualTo(1);
        assertThat(dedupe.claim("om_after").first()).isTrue();
        assertThat(inspect.get(keys.message("om_after"))).isEqualTo("w:a");
    }

    @Test
    void aRedisThatHangsCostsACallItsTimeoutOnceThenNothingUntilTheNextProbe() throws Exception {
        RedisLink link = link();
        RedisDedupe dedupe = new RedisDedupe(new MemoryDedupe(Duration.ofHours(8), 1_000, Ticker.systemTicker()),
                link, keys, "a", Duration.ofSeconds(30), Duration.ofHours(8));
        assertThat(dedupe.claim("om_before").first()).isTrue();
        server.freeze();
        try {
            long start = System.nanoTime();
            assertThat(dedupe.claim("om_hung").first()).as("memory decides").isTrue();
            Duration first = Duration.ofNanos(System.nanoTime() - start);
            start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                dedupe.claim("om_hung_" + i);
            }
            Duration next20 = Duration.ofNanos(System.nanoTime() - start);

            assertThat(first).as("one command's timeout").isBetween(RedisLink.COMMAND_TIMEOUT.minusMillis(50),
                    Duration.ofSeconds(1));
            assertThat(next20).as("no wait while the link is known down").isLessThan(Duration.ofMillis(200));
            assertThat(link.up()).isFalse();
        } finally {
            server.thaw();
        }
    }

    @Test
    void aPasswordProtectedRedisNeedsThePasswordAndTheErrorNeverShowsIt() throws Exception {
        try (RedisServer guarded = RedisServer.start("--requirepass", "s3cret-pw")) {
            RedisLink ok = RedisLink.connect(RedisURI.create("redis://:s3cret-pw@127.0.0.1:" + guarded.port()),
                    Ticker.systemTicker(), Clock.systemUTC());
            keep(ok);
            assertThat(ok.call("ping", c -> c.ping(), () -> "fallback")).isEqualTo("PONG");

            assertThatThrownBy(() -> RedisLink.connect(RedisURI.create("redis://:wrong-pw@127.0.0.1:"
                    + guarded.port()), Ticker.systemTicker(), Clock.systemUTC()))
                    .isInstanceOf(RedisLink.RedisUnreachable.class)
                    .hasMessageContaining("127.0.0.1:" + guarded.port())
                    .hasMessageNotContaining("wrong-pw");
        }
    }

    @Test
    void nothingListeningFailsAtOnceWithOneLineNamingTheAddress() throws Exception {
        int port;
        try (RedisServer gone = RedisServer.start()) {
            port = gone.port();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> RedisLink.connect(RedisURI.create("redis://127.0.0.1:" + port), Ticker.systemTicker(),
                Clock.systemUTC()))
                .isInstanceOf(RedisLink.RedisUnreachable.class)
                .hasMessageStartingWith("cannot reach redis at 127.0.0.1:" + port)
                .hasMessageNotContaining("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
