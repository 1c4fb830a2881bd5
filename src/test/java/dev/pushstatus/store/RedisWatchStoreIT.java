package dev.pushstatus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.Watch;
import dev.pushstatus.bot.WatchView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Watches on a real redis-server, seen from two replicas: limits in one step, one checker per due watch, TTLs. */
class RedisWatchStoreIT extends OnRealRedis {

    final RedisKeys keys = RedisKeys.forApp("cli_watch" + System.nanoTime());
    /** Milliseconds, as Redis keeps them. */
    final Instant now = Instant.ofEpochMilli(System.currentTimeMillis());

    RedisWatchStore replica(String name) {
        return new RedisWatchStore(link(), keys, name, Duration.ofHours(24), Clock.systemUTC());
    }

    Watch watch(String card, String chat, Instant next) {
        return new Watch(card, "42", chat, "ou_op", now.plus(Duration.ofHours(1)), next, Duration.ofMinutes(1), "abc",
                now, 3, now, 0);
    }

    @Test
    void aWatchAddedOnOneReplicaIsSeenOnTheOtherAndComesBackTheSame() {
        RedisWatchStore a = replica("a");
        RedisWatchStore b = replica("b");
        Watch w = watch("om_1", "oc_1", now);

        assertThat(a.add(w, 50, 3)).isEmpty();

        assertThat(b.find("om_1")).contains(w);
        assertThat(b.count()).isEqualTo(1);
        assertThat(inspect.pttl(keys.prefix() + "watch:om_1")).isBetween(Duration.ofHours(1).toMillis(),
                Duration.ofHours(2).toMillis());
    }

    @Test
    void eachDueWatchIsTakenByOneReplicaUntilItIsSaved() {
        RedisWatchStore a = replica("a");
        RedisWatchStore b = replica("b");
        a.add(watch("om_1", "oc_1", now.minusSeconds(1)), 50, 3);
        a.add(watch("om_2", "oc_2", now.plusSeconds(600)), 50, 3);

        List<Watch> takenByA = a.takeDue(now, 10);
        List<Watch> takenByB = b.takeDue(now, 10);

        assertThat(takenByA).extracting(Watch::cardMessageId).containsExactly("om_1");
        assertThat(takenByB).as("leased to a").isEmpty();

        a.save(takenByA.get(0).next(now.plusSeconds(60), Duration.ofMinutes(1)));
        assertThat(b.takeDue(now.plusSeconds(61), 10)).extracting(Watch::cardMessageId).containsExactly("om_1");
    }

    @Test
    void aLeaseLeftByADeadReplicaLapsesAndAnotherTakesTheWatch() {
        RedisWatchStore a = replica("a");
        RedisWatchStore b = replica("b");
        a.add(watch("om_1", "oc_1", now.minusSeconds(1)), 50, 3);
        assertThat(a.takeDue(now, 10)).hasSize(1); // and a dies before saving

        inspect.del(keys.prefix() + "watch-lease:om_1"); // as its 30 s running out does

        assertThat(b.takeDue(now, 10)).extracting(Watch::cardMessageId).containsExactly("om_1");
    }

    @Test
    void theLimitsHoldAcrossReplicasAndAStoppedWatchIsNotSavedBack() {
        RedisWatchStore a = replica("a");
        RedisWatchStore b = replica("b");
        assertThat(a.add(watch("om_1", "oc_1", now), 2, 1)).isEmpty();
        assertThat(b.add(watch("om_2", "oc_1", now), 2, 1)).contains(WatchView.Refusal.TOO_MANY_IN_CHAT);
        assertThat(b.add(watch("om_3", "oc_2", now), 2, 1)).isEmpty();
        assertThat(a.add(watch("om_4", "oc_3", now), 2, 1)).contains(WatchView.Refusal.TOO_MANY);
        assertThat(a.admits("oc_3", 2, 1)).contains(WatchView.Refusal.TOO_MANY);
        assertThat(a.add(watch("om_1", "oc_1", now.plusSeconds(5)), 2, 1)).as("replacing one's own watch").isEmpty();

        Watch taken = a.takeDue(now.plusSeconds(10), 10).stream().filter(w -> w.cardMessageId().equals("om_1"))
                .findFirst().orElseThrow();
        assertThat(b.remove(taken.cardMessageId())).isPresent(); // Stop pressed during the check
        a.save(taken.next(now.plusSeconds(60), Duration.ofMinutes(1)));

        assertThat(a.find(taken.cardMessageId())).isEmpty();
        assertThat(a.admits("oc_1", 2, 1)).as("its place in the chat is free again").isEmpty();
    }

    @Test
    void aWatchWhoseKeyExpiredFreesItsPlacesWhenMet() {
        RedisWatchStore a = replica("a");
        a.add(watch("om_1", "oc_1", now.minusSeconds(1)), 50, 1);
        inspect.del(keys.prefix() + "watch:om_1"); // expired: its replica and Redis lost track at the wrong moment

        assertThat(a.admits("oc_1", 50, 1)).isEmpty();
        assertThat(a.takeDue(now, 10)).isEmpty();
        assertThat(a.count()).isZero();
    }

    @Test
    void aWatchWrittenByAnotherVersionIsLeftForAReplicaThatReadsIt() {
        RedisWatchStore a = replica("a");
        a.add(watch("om_1", "oc_1", now.minusSeconds(1)), 50, 3);
        inspect.set(keys.prefix() + "watch:om_1", "{\"v\":99,\"card\":\"om_1\"}"); // a rolling update's newer format

        assertThat(a.takeDue(now, 10)).isEmpty();
        assertThat(inspect.exists(keys.prefix() + "watch:om_1")).isEqualTo(1);
        assertThat(inspect.exists(keys.prefix() + "watch-lease:om_1")).as("the lease given back").isZero();
        assertThat(a.count()).isEqualTo(1);
    }

    @Test
    void withRedisDownNothingIsCheckedAndANewWatchSaysWhy() throws Exception {
        RedisWatchStore a = replica("a");
        a.add(watch("om_1", "oc_1", now.minusSeconds(1)), 50, 3);
        server.kill();
        try {
            assertThat(a.takeDue(now, 10)).isEmpty();
            assertThat(a.add(watch("om_2", "oc_2", now), 50, 3)).contains(WatchView.Refusal.STORE_UNAVAILABLE);
            assertThat(a.admits("oc_2", 50, 3)).contains(WatchView.Refusal.STORE_UNAVAILABLE);
        } finally {
            server.startAgain();
        }
    }

    @Test
    void everyWatchKeyHasATtl() {
        RedisWatchStore a = replica("a");
        a.add(watch("om_1", "oc_1", now.minusSeconds(1)), 50, 3);
        a.takeDue(now, 10);

        assertThat(inspect.keys("*")).hasSize(4).allSatisfy(key ->
                assertThat(inspect.pttl(key)).as("TTL of %s", key).isPositive());
    }
}
