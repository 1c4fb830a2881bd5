package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.api.MutableClock;
import dev.pushstatus.store.MemoryWatchStore;
import dev.pushstatus.store.RollingWindowLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The watch scheduler on a hand-moved clock: one update per change, none without one, backing off
 * while nothing moves, waking at the send time, the five endings, one lookup per notification, the
 * budget share, failed updates. No thread, no sleep.
 */
class WatchesTest {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final String CHAT = "oc_chat";

    final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T08:00:00Z"));
    final FakeTicker ticker = new FakeTicker();
    final Map<String, Notification> upstream = new HashMap<>();
    final Map<String, Integer> gets = new HashMap<>();
    final List<String> updates = new ArrayList<>();
    final List<Reply.Watched> cards = new ArrayList<>();
    CardUpdater.Result nextUpdate = new CardUpdater.Result.Updated();
    boolean feishuSilent;
    final NotificationCache cache = new NotificationCache(id -> {
        gets.merge(id, 1, Integer::sum);
        if (feishuSilent) {
            return new LookupResult.Unavailable("E-9", "timeout");
        }
        Notification n = upstream.get(id);
        return n == null ? new LookupResult.NotFound(id) : new LookupResult.Found(n, clock.instant());
    }, Duration.ofSeconds(30), Duration.ofSeconds(10), Runnable::run, ticker);
    final MemoryWatchStore store = new MemoryWatchStore();
    RollingWindowLimiter share = new RollingWindowLimiter(50, Duration.ofMinutes(1), clock);
    final Watches watches = watches(new WatchSettings(INTERVAL, Duration.ofHours(24), 50, 3));

    Watches watches(WatchSettings settings) {
        return new Watches(store, cache, (messageId, card) -> {
            updates.add(messageId);
            cards.add((Reply.Watched) card);
            return nextUpdate;
        }, new CallBudget() {
            @Override
            public Optional<Duration> tryAcquire() {
                return share.tryAcquire(); // the field, so that a test can swap the share
            }

            @Override
            public void blockFor(Duration duration) {
                share.blockFor(duration);
            }
        }, settings, Duration.ofSeconds(2), clock);
    }

    static Notification push(String id, @Nullable Integer target, @Nullable Integer sent, @Nullable Integer read,
                             @Nullable Instant sendAt) {
        return new Notification(id, "Weekly digest", 1, null, null, null, null, target, sent, read, sendAt, 0, 0, null,
                List.of(), List.of(), List.of(), List.of(), null);
    }

    /** Starts a watch of the notification as the handler does after its card was sent; returns the card id. */
    String start(String id, String card, Duration duration) {
        LookupResult.Found found = cache.lookup(id, Duration.ofSeconds(2)).either(f -> f, failure -> null);
        WatchView view = watches.plan(CHAT, found, duration);
        assertThat(view).isInstanceOf(WatchView.Live.class);
        assertThat(watches.started(card, CHAT, "ou_op", found, (WatchView.Live) view)).isEmpty();
        return card;
    }

    void advance(Duration d) {
        clock.advance(d);
        ticker.advance(d);
    }

    @Test
    void countsThatChangeUpdateTheCardOnceWithTheNewNumbers() {
        upstream.put("1", push("1", 5_230, 100, 10, null));
        start("1", "om_card", Duration.ofHours(1));

        upstream.put("1", push("1", 5_230, 2_000, 400, null));
        advance(INTERVAL);
        watches.tick();
        watches.tick(); // a second tick in the same second finds nothing due

        assertThat(updates).containsExactly("om_card");
        Reply.Watched card = cards.get(0);
        assertThat(card.found().notification().sentCount()).isEqualTo(2_000);
        assertThat(card.view()).isInstanceOf(WatchView.Live.class);
        assertThat(((WatchView.Live) card.view()).until()).isEqualTo(Instant.parse("2024-05-01T09:00:00Z"));
        assertThat(watches.updates()).isEqualTo(1);
    }

    @Test
    void nothingChangedMeansNoUpdateAndChecksBackOffUpToEightIntervals() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_card", Duration.ofHours(24));
        List<Long> pauses = new ArrayList<>();

        for (int i = 0; i < 7; i++) {
            Instant due = store.find("om_card").orElseThrow().nextCheckAt();
            advance(Duration.between(clock.instant(), due));
            watches.tick();
            pauses.add(store.find("om_card").orElseThrow().pause().toMinutes());
        }

        assertThat(pauses).containsExactly(2L, 4L, 8L, 8L, 8L, 8L, 8L);
        // Checks at 1, 3, 7, 15, 23, 31 and 39 min: only the "last checked" time is refreshed, at most every 10 min.
        assertThat(updates).hasSize(2);
        assertThat(cards).extracting(card -> ((WatchView.Live) card.view()).checkedAt()).containsExactly(
                Instant.parse("2024-05-01T08:15:00Z"), Instant.parse("2024-05-01T08:31:00Z"));
    }

    @Test
    void aChangeAfterQuietChecksBringsTheIntervalBack() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_card", Duration.ofHours(24));
        for (int i = 0; i < 3; i++) {
            advance(Duration.between(clock.instant(), store.find("om_card").orElseThrow().nextCheckAt()));
            watches.tick();
        }
        upstream.put("1", push("1", 10, 9, 4, null));

        advance(Duration.between(clock.instant(), store.find("om_card").orElseThrow().nextCheckAt()));
        watches.tick();

        assertThat(updates).hasSize(1);
        assertThat(store.find("om_card").orElseThrow().pause()).isEqualTo(INTERVAL);
    }

    @Test
    void aScheduledSendTimeBringsTheNextCheckForward() {
        Instant sendAt = clock.instant().plus(Duration.ofMinutes(20));
        upstream.put("1", push("1", 10, 0, 0, sendAt));
        start("1", "om_card", Duration.ofHours(24));
        for (int i = 0; i < 4; i++) { // quiet checks: the pause grows to 16 min
            advance(Duration.between(clock.instant(), store.find("om_card").orElseThrow().nextCheckAt()));
            watches.tick();
        }

        assertThat(store.find("om_card").orElseThrow().nextCheckAt())
                .isEqualTo(sendAt.plus(Watches.AFTER_SEND_TIME));
    }

    @Test
    void aWatchEndsAtItsTimeWithAFinalCard() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_card", Duration.ofMinutes(30));
        for (int i = 0; i < 10 && store.find("om_card").isPresent(); i++) {
            advance(Duration.between(clock.instant(), store.find("om_card").orElseThrow().nextCheckAt()));
            watches.tick();
        }

        assertThat(store.find("om_card")).isEmpty();
        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-05-01T08:30:00Z"));
        Reply.Watched last = cards.get(cards.size() - 1);
        assertThat(last.view()).isEqualTo(new WatchView.Ended(WatchView.Ending.EXPIRED, clock.instant(), null));
        assertThat(last.found()).isNotNull();
        assertThat(watches.endings(WatchView.Ending.EXPIRED)).isEqualTo(1);
    }

    @Test
    void aNotificationGoneMidWatchEndsItWithTheNoLongerFoundCard() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_card", Duration.ofHours(1));
        upstream.remove("1");

        advance(INTERVAL);
        watches.tick();

        assertThat(store.find("om_card")).isEmpty();
        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.found()).isNull();
            assertThat(card.view()).isEqualTo(new WatchView.Ended(WatchView.Ending.GONE, clock.instant(), null));
        });
    }

    @Test
    void deliveredToAllWithTheReadCountStillForAnHourEndsIt() {
        upstream.put("1", push("1", 10, 10, 7, null));
        start("1", "om_card", Duration.ofHours(24));
        Instant startedAt = clock.instant();

        while (store.find("om_card").isPresent() && Duration.between(startedAt, clock.instant()).toMinutes() < 120) {
            advance(Duration.between(clock.instant(), store.find("om_card").orElseThrow().nextCheckAt()));
            watches.tick();
        }

        assertThat(store.find("om_card")).isEmpty();
        assertThat(Duration.between(startedAt, clock.instant())).isBetween(Duration.ofHours(1), Duration.ofMinutes(69));
        assertThat(cards.get(cards.size() - 1).view()).isInstanceOf(WatchView.Ended.class)
                .extracting(v -> ((WatchView.Ended) v).ending()).isEqualTo(WatchView.Ending.SETTLED);
    }

    @Test
    void stopEndsTheWatchAndNoMoreLookupsFollow() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_card", Duration.ofHours(1));
        int before = gets.getOrDefault("1", 0);

        assertThat(watches.stop("om_card", "ou_op")).isPresent();
        advance(Duration.ofMinutes(10));
        watches.tick();

        assertThat(gets.getOrDefault("1", 0)).isEqualTo(before);
        assertThat(updates).isEmpty();
        assertThat(watches.stop("om_card", "ou_op")).as("a second Stop finds nothing").isEmpty();
        assertThat(watches.endings(WatchView.Ending.STOPPED)).isEqualTo(1);
    }

    @Test
    void aCardThatCanNoLongerBeUpdatedEndsTheWatch() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_card", Duration.ofHours(1));
        upstream.put("1", push("1", 10, 5, 1, null));
        nextUpdate = new CardUpdater.Result.CardGone("code 230031");

        advance(INTERVAL);
        watches.tick();

        assertThat(store.find("om_card")).isEmpty();
        assertThat(watches.endings(WatchView.Ending.CARD_GONE)).isEqualTo(1);
    }

    @Test
    void aFailedUpdateIsTriedAgainSoonerThenAtTheInterval() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_card", Duration.ofHours(1));
        upstream.put("1", push("1", 10, 5, 1, null));
        nextUpdate = new CardUpdater.Result.Failed("E-1", "http 500");
        List<Duration> retries = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            Instant before = store.find("om_card").orElseThrow().nextCheckAt();
            advance(Duration.between(clock.instant(), before));
            advance(Duration.ofSeconds(10)); // past the cache's 10 s refresh spacing
            watches.tick();
            retries.add(Duration.between(clock.instant(), store.find("om_card").orElseThrow().nextCheckAt()));
        }
        nextUpdate = new CardUpdater.Result.Updated();
        advance(Duration.between(clock.instant(), store.find("om_card").orElseThrow().nextCheckAt()));
        watches.tick();

        assertThat(retries).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofSeconds(60));
        assertThat(updates).hasSize(6);
        assertThat(store.find("om_card").orElseThrow().failedUpdates()).isZero();
    }

    @Test
    void manyWatchesOfOneNotificationShareOneLookupPerRound() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_a", Duration.ofHours(1));
        start("1", "om_b", Duration.ofHours(1));
        start("1", "om_c", Duration.ofHours(1));
        int before = gets.get("1");
        upstream.put("1", push("1", 10, 6, 2, null));

        advance(INTERVAL);
        watches.tick();

        assertThat(gets.get("1") - before).isEqualTo(1);
        assertThat(updates).containsExactlyInAnyOrder("om_a", "om_b", "om_c");
        assertThat(watches.lookups()).isEqualTo(1);
    }

    @Test
    void withTheWatchesShareSpentNoLookupIsMadeAndTheWatchWaits() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_card", Duration.ofHours(1));
        int before = gets.get("1");
        upstream.put("1", push("1", 10, 9, 1, null));
        advance(INTERVAL); // the cached copy has expired: only a lookup could see the change
        share = new RollingWindowLimiter(1, Duration.ofMinutes(1), clock);
        share.tryAcquire(); // the share is spent

        watches.tick();

        assertThat(gets.get("1")).isEqualTo(before);
        assertThat(updates).isEmpty();
        assertThat(store.find("om_card")).isPresent();
    }

    @Test
    void theLimitsRefuseAWatchAndSayWhich() {
        Watches small = watches(new WatchSettings(INTERVAL, Duration.ofHours(24), 2, 1));
        upstream.put("1", push("1", 10, 3, 1, null));
        LookupResult.Found found = cache.lookup("1", Duration.ofSeconds(2)).either(f -> f, failure -> null);

        WatchView first = small.plan(CHAT, found, Duration.ofHours(1));
        small.started("om_1", CHAT, "ou_op", found, (WatchView.Live) first);
        WatchView secondInChat = small.plan(CHAT, found, Duration.ofHours(1));
        WatchView elsewhere = small.plan("oc_other", found, Duration.ofHours(1));
        small.started("om_2", "oc_other", "ou_op", found, (WatchView.Live) elsewhere);
        WatchView third = small.plan("oc_third", found, Duration.ofHours(1));

        assertThat(secondInChat).isEqualTo(new WatchView.Refused(WatchView.Refusal.TOO_MANY_IN_CHAT, 1));
        assertThat(third).isEqualTo(new WatchView.Refused(WatchView.Refusal.TOO_MANY, 2));
        assertThat(small.started("om_3", "oc_third", "ou_op", found,
                new WatchView.Live(clock.instant().plusSeconds(60), clock.instant(), INTERVAL)))
                .as("a start that raced past the plan is still refused").hasValue(WatchView.Refusal.TOO_MANY);
        assertThat(small.active()).isEqualTo(2);
    }

    @Test
    void aFailedLookupKeepsTheWatchForTheNextRound() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_card", Duration.ofHours(1));
        Watches failing = new Watches(store, new NotificationCache(id -> new LookupResult.Unavailable("E-2", "timeout"),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Runnable::run, ticker), (id, card) -> {
                    throw new AssertionError("no update without numbers");
                }, new RollingWindowLimiter(50, Duration.ofMinutes(1), clock), new WatchSettings(INTERVAL,
                Duration.ofHours(24), 50, 3),
                Duration.ofSeconds(2), clock);

        advance(INTERVAL);
        failing.tick();

        assertThat(store.find("om_card")).hasValueSatisfying(w -> assertThat(w.nextCheckAt())
                .isEqualTo(clock.instant().plus(INTERVAL)));
    }

    @Test
    void aWatchEndingWhileFeishuIsSilentShowsTheLastGoodNumbersMarkedStale() {
        upstream.put("1", push("1", 10, 4, 1, null));
        start("1", "om_card", Duration.ofMinutes(2));
        feishuSilent = true;

        for (int i = 0; i < 5 && store.find("om_card").isPresent(); i++) {
            advance(Duration.between(clock.instant(), store.find("om_card").orElseThrow().nextCheckAt()));
            watches.tick();
        }

        assertThat(store.find("om_card")).isEmpty();
        Reply.Watched last = cards.get(cards.size() - 1);
        assertThat(last.view()).isInstanceOf(WatchView.Ended.class);
        assertThat(last.found()).isNotNull();
        assertThat(last.found().stale()).isTrue();
        assertThat(last.found().notification().sentCount()).isEqualTo(4);
    }

    /** Moves to the watch's next check and runs a round; false when the watch is gone. */
    boolean nextRound(String card) {
        Optional<Watch> w = store.find(card);
        if (w.isEmpty()) {
            return false;
        }
        advance(Duration.between(clock.instant(), w.get().nextCheckAt()));
        watches.tick();
        return true;
    }

    @Test
    void aStaleCopyIsNoReasonToUpdateTheCard() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_a", Duration.ofHours(1));
        advance(Duration.ofSeconds(5));
        start("1", "om_b", Duration.ofHours(1)); // due 5 s after om_a
        feishuSilent = true;

        nextRound("om_a"); // asks Feishu: no answer
        Instant bDue = store.find("om_b").orElseThrow().nextCheckAt();
        nextRound("om_b"); // within 10 s of that ask: the cache's last good copy, marked stale

        assertThat(updates).isEmpty();
        assertThat(store.find("om_b").orElseThrow().nextCheckAt()).isEqualTo(bDue.plus(INTERVAL));
    }

    @Test
    void aWatchEndingWithNoNumbersAtAllLeavesTheCardAsItWas() {
        upstream.put("1", push("1", 10, 3, 1, null));
        start("1", "om_card", Duration.ofMinutes(70));
        feishuSilent = true; // from here on, and the last good copy is kept an hour

        while (nextRound("om_card")) {
            // every round fails until the watch's time is up
        }

        assertThat(updates).isEmpty();
        assertThat(watches.endings(WatchView.Ending.EXPIRED)).isEqualTo(1);
    }

    @Test
    void aQuietCardsLastCheckedTimeIsRenewedOnceTenMinutesHavePassedNotBefore() {
        Watches slow = watches(new WatchSettings(Duration.ofSeconds(200), Duration.ofHours(24), 50, 3));
        upstream.put("1", push("1", 10, 3, 1, null));
        LookupResult.Found found = cache.lookup("1", Duration.ofSeconds(2)).either(f -> f, failure -> null);
        slow.started("om_card", CHAT, "ou_op", found, (WatchView.Live) slow.plan(CHAT, found, Duration.ofHours(1)));

        advance(Duration.ofSeconds(200));
        slow.tick(); // 200 s after the card was shown: pause 400 s
        assertThat(updates).isEmpty();
        advance(Duration.ofSeconds(400));
        slow.tick(); // exactly 10 min after: renewed

        assertThat(updates).hasSize(1);
    }

    @Test
    void settledMeansEveryoneReachedAndReadsStillForExactlyAnHour() {
        Watches twenty = watches(new WatchSettings(Duration.ofMinutes(20), Duration.ofHours(24), 50, 3));
        upstream.put("1", push("1", 10, 10, 4, null));
        upstream.put("2", push("2", 0, 0, 0, null)); // nobody to reach: never "settled"
        Instant start = clock.instant();
        for (String id : new String[] {"1", "2"}) {
            LookupResult.Found found = cache.lookup(id, Duration.ofSeconds(2)).either(f -> f, failure -> null);
            twenty.started("om_" + id, CHAT + id, "ou_op", found,
                    (WatchView.Live) twenty.plan(CHAT + id, found, Duration.ofHours(3)));
        }

        for (int minutes : new int[] {20, 40, 20}) { // checks at 20 and 60 min (the pause doubled), then 80
            advance(Duration.ofMinutes(minutes));
            twenty.tick();
        }

        assertThat(twenty.endings(WatchView.Ending.SETTLED)).isEqualTo(1);
        assertThat(store.find("om_1")).isEmpty();
        assertThat(store.find("om_2")).isPresent();
        assertThat(cards).filteredOn(card -> card.view() instanceof WatchView.Ended).singleElement()
                .satisfies(card -> assertThat(((WatchView.Ended) card.view()).at()).isEqualTo(start.plus(Duration.ofHours(1))));
    }
}
