package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.api.MutableClock;
import dev.pushstatus.store.MemoryWatchStore;
import dev.pushstatus.store.RollingWindowLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stop and Watch again on a card, and Refresh of a live card: the same gate as Refresh, the card shows the watch's state. */
class WatchClicksTest {

    static final String TENANT = "t1";
    static final String ID = "6981801914270744596";

    final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T08:00:00Z"));
    final FakeTicker ticker = new FakeTicker();
    final NotificationCache cache = new NotificationCache(id -> NotificationCacheTest.found(), Duration.ofSeconds(30),
            Duration.ofSeconds(10), Runnable::run, ticker);
    final MemoryWatchStore store = new MemoryWatchStore();
    final Watches watches = new Watches(store, cache, (id, card) -> new CardUpdater.Result.Updated(),
            new RollingWindowLimiter(50, Duration.ofMinutes(1), clock),
            new WatchSettings(Duration.ofMinutes(1), Duration.ofHours(24), 2, 1), Duration.ofSeconds(2), clock);
    AccessGate access = AccessGate.open();

    ClickHandler handler() {
        return new ClickHandler(access, cache, new RefreshAllowance(ticker), Runnable::run, Duration.ofSeconds(2), clock,
                ticker, watches);
    }

    static ButtonClick click(String card, Map<String, String> value) {
        return new ButtonClick("ou_user", TENANT, TENANT, "oc_g", card, value, null);
    }

    void watching(String card, String chat) {
        LookupResult.Found found = cache.lookup(ID, Duration.ofSeconds(1)).either(f -> f, failure -> null);
        watches.started(card, chat, "ou_user", found, new WatchView.Live(clock.instant().plus(Duration.ofHours(1)),
                found.fetchedAt(), Duration.ofMinutes(1)));
    }

    @Test
    void stopEndsTheWatchAndAnswersWithTheFinalCard() {
        watching("om_card", "oc_g");

        ClickAnswer answer = handler().handle(click("om_card", new WatchButton.Stop(ID).value()));

        assertThat(answer).isInstanceOfSatisfying(ClickAnswer.Watching.class, w -> {
            assertThat(w.view()).isEqualTo(new WatchView.Ended(WatchView.Ending.STOPPED, clock.instant(), "ou_user"));
            assertThat(w.found()).isNotNull();
        });
        assertThat(store.find("om_card")).isEmpty();
    }

    @Test
    void watchAgainStartsTheSameCardsWatchForTheDefaultHour() {
        ClickAnswer answer = handler().handle(click("om_card", new WatchButton.Again(ID).value()));

        assertThat(answer).isInstanceOfSatisfying(ClickAnswer.Watching.class, w -> assertThat(w.view())
                .isEqualTo(new WatchView.Live(clock.instant().plus(Duration.ofHours(1)), Instant.EPOCH,
                        Duration.ofMinutes(1))));
        assertThat(store.find("om_card")).hasValueSatisfying(w -> assertThat(w.startedBy()).isEqualTo("ou_user"));
    }

    @Test
    void watchAgainBeyondTheLimitSaysWhyAndStartsNothing() {
        watching("om_other", "oc_g");

        ClickAnswer answer = handler().handle(click("om_card", new WatchButton.Again(ID).value()));

        assertThat(answer).isInstanceOfSatisfying(ClickAnswer.Watching.class, w -> assertThat(w.view())
                .isEqualTo(new WatchView.Refused(WatchView.Refusal.TOO_MANY_IN_CHAT, 1)));
        assertThat(store.find("om_card")).isEmpty();
    }

    @Test
    void aClickerWhoMayNotUseTheBotStopsNothing() {
        watching("om_card", "oc_g");
        access = new AccessGate(Set.of("oc_elsewhere"), Set.of());

        assertThat(handler().handle(click("om_card", new WatchButton.Stop(ID).value())))
                .isInstanceOf(ClickAnswer.NotAllowed.class);
        assertThat(store.find("om_card")).isPresent();
    }

    @Test
    void refreshOnALiveCardKeepsItLive() {
        watching("om_card", "oc_g");

        ClickAnswer live = handler().handle(click("om_card", new RefreshButton(ID).value()));
        ClickAnswer plain = handler().handle(click("om_plain", new RefreshButton(ID).value()));

        assertThat(live).isInstanceOfSatisfying(ClickAnswer.Refreshed.class, r -> assertThat(r.live()).isNotNull());
        assertThat(plain).isInstanceOfSatisfying(ClickAnswer.Refreshed.class, r -> assertThat(r.live()).isNull());
    }

    @Test
    void withoutWatchesTheirButtonsAreUnknown() {
        ClickHandler refreshOnly = new ClickHandler(access, cache, new RefreshAllowance(ticker), Runnable::run,
                Duration.ofSeconds(2), clock, ticker);

        assertThat(refreshOnly.handle(click("om_card", new WatchButton.Stop(ID).value())))
                .isInstanceOf(ClickAnswer.UnknownButton.class);
    }
}
