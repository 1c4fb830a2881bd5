package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClickHandlerTest {

    static final String TENANT = "t1";
    static final String ID = "6981801914270744596";

    final AtomicInteger upstreamCalls = new AtomicInteger();
    LookupResult upstream = NotificationCacheTest.found();
    AccessGate access = AccessGate.open();
    final FakeTicker ticker = new FakeTicker();
    final NotificationCache cache = new NotificationCache(id -> {
        upstreamCalls.incrementAndGet();
        return upstream;
    }, Duration.ofSeconds(30), Duration.ofSeconds(10), Runnable::run, ticker);
    final RefreshAllowance allowance = new RefreshAllowance(ticker);

    ClickHandler handler() {
        return new ClickHandler(access, cache, allowance, Runnable::run, Duration.ofSeconds(2),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), ticker);
    }

    static ButtonClick click(Map<String, String> value) {
        return new ButtonClick("ou_user", TENANT, TENANT, "oc_g", "om_card", value, null);
    }

    @Test
    void refreshFetchesAgainEvenWhenTheCachedCopyIsFresh() {
        cache.lookup(ID, Duration.ofSeconds(1));

        ClickAnswer answer = handler().handle(click(new RefreshButton(ID).value()));

        assertThat(answer).isInstanceOf(ClickAnswer.Refreshed.class);
        assertThat(upstreamCalls).hasValue(2);
    }

    @Test
    void aFailedRefreshSaysWhyAndLeavesNoFailureCached() {
        upstream = new LookupResult.RateLimited(Duration.ofSeconds(3));

        assertThat(handler().handle(click(new RefreshButton(ID).value())))
                .isEqualTo(new ClickAnswer.RefreshFailed(ID, new LookupResult.RateLimited(Duration.ofSeconds(3))));

        upstream = NotificationCacheTest.found();
        assertThat(cache.lookup(ID, Duration.ofSeconds(1))).isInstanceOf(LookupResult.Found.class);
    }

    @Test
    void valuesThatAreNotOurRefreshButtonDoNothing() {
        for (Map<String, String> value : java.util.List.of(
                Map.of("cmd", "refresh", "id", "12a", "v", "1"),
                Map.of("cmd", "refresh", "id", "1".repeat(33), "v", "1"),
                Map.of("cmd", "refresh", "v", "1"),
                Map.of("cmd", "refresh", "id", ID),
                Map.of("cmd", "REFRESH", "id", ID, "v", "1"),
                Map.<String, String>of())) {
            assertThat(handler().handle(click(value))).as(value.toString()).isEqualTo(new ClickAnswer.UnknownButton());
        }
        assertThat(upstreamCalls).hasValue(0);
    }

    @Test
    void anOperatorFromAnotherTenantIsRefusedBeforeAnyLookup() {
        ButtonClick guest = new ButtonClick("ou_guest", "t2", TENANT, "oc_g", "om_card", new RefreshButton(ID).value(), null);

        assertThat(handler().handle(guest)).isEqualTo(new ClickAnswer.NotAllowed());
        assertThat(upstreamCalls).hasValue(0);
    }

    @Test
    void theAllowlistAppliesByChatOrByOperator() {
        access = new AccessGate(Set.of("oc_ops"), Set.of("ou_boss"));
        Map<String, String> value = new RefreshButton(ID).value();

        assertThat(handler().handle(click(value))).isEqualTo(new ClickAnswer.NotAllowed());
        assertThat(handler().handle(new ButtonClick("ou_user", TENANT, TENANT, "oc_ops", "om", value, null)))
                .isInstanceOf(ClickAnswer.Refreshed.class);
        assertThat(handler().handle(new ButtonClick("ou_boss", TENANT, TENANT, "oc_g", "om", value, null)))
                .isInstanceOf(ClickAnswer.Refreshed.class);
    }

    /**
     * The value is a wire format: cards already sent carry it, so it is checked against the form
     * written out here, not only parsed back by the code that wrote it.
     */
    @Test
    void theButtonValueIsTheIdAndVersionOneAndAClickCarryingItIsParsed() {
        Map<String, String> onTheWire = Map.of("cmd", "refresh", "id", ID, "v", "1");

        assertThat(new RefreshButton(ID).value()).isEqualTo(onTheWire);
        assertThat(RefreshButton.parse(onTheWire)).contains(new RefreshButton(ID));
    }

    @Test
    void aReplayedClickIsAnsweredAsTheFirstTimeWithoutAnotherLookup() {
        ClickHandler handler = handler();
        ButtonClick click = new ButtonClick("ou_user", TENANT, TENANT, "oc_g", "om_card", new RefreshButton(ID).value(),
                "ev_1");
        ClickAnswer first = handler.submit(click).join();
        for (int i = 0; i < 104; i++) {
            ticker.advance(Duration.ofSeconds(5)); // 104 replays over 8 2/3 minutes, inside the 10 kept
            assertThat(handler.submit(click).join()).isSameAs(first);
        }
        assertThat(upstreamCalls).hasValue(1);
    }

    @Test
    void repeatedRefreshesOfOneNotificationWithinTenSecondsGetTheCopyAtHand() {
        ClickHandler handler = handler();
        for (int i = 0; i < 20; i++) {
            assertThat(handler.handle(click(new RefreshButton(ID).value()))).isInstanceOf(ClickAnswer.Refreshed.class);
            ticker.advance(Duration.ofMillis(400));
        }
        assertThat(upstreamCalls).as("one refresh in the first 10 s, one after").hasValue(1);
        ticker.advance(Duration.ofSeconds(3));
        handler.handle(click(new RefreshButton(ID).value()));
        assertThat(upstreamCalls).hasValue(2);
    }

    @Test
    void onePersonCannotSpendMoreThanTheirShareOfTheBudget() {
        ClickHandler handler = handler();
        for (int i = 0; i < RefreshAllowance.PER_MINUTE; i++) {
            assertThat(handler.handle(click(new RefreshButton(String.valueOf(i + 1)).value())))
                    .isInstanceOf(ClickAnswer.Refreshed.class);
        }
        assertThat(handler.handle(click(new RefreshButton("99").value())))
                .isInstanceOfSatisfying(ClickAnswer.RefreshFailed.class, failed -> assertThat(failed.failure())
                        .isInstanceOfSatisfying(LookupResult.RateLimited.class,
                                limited -> assertThat(limited.retryAfter()).isBetween(Duration.ofSeconds(5),
                                        Duration.ofSeconds(7))));
        assertThat(upstreamCalls).hasValue(RefreshAllowance.PER_MINUTE);

        ButtonClick someoneElse = new ButtonClick("ou_other", TENANT, TENANT, "oc_g", "om_card",
                new RefreshButton("99").value(), null);
        assertThat(handler.handle(someoneElse)).as("another person's share is untouched")
                .isInstanceOf(ClickAnswer.Refreshed.class);
        ticker.advance(Duration.ofSeconds(6));
        assertThat(handler.handle(click(new RefreshButton("100").value()))).isInstanceOf(ClickAnswer.Refreshed.class);
    }

    @Test
    void aClickRefusedForAFullQueueIsForgottenSoItsRetryIsHandled() {
        ButtonClick click = new ButtonClick("ou_user", TENANT, TENANT, "oc_g", "om_card", new RefreshButton(ID).value(),
                "ev_2");
        ClickHandler full = new ClickHandler(access, cache, allowance, task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        }, Duration.ofSeconds(2), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), ticker);
        assertThat(full.submit(click).join()).isEqualTo(new ClickAnswer.Busy());
        assertThat(full.submit(click).join()).isEqualTo(new ClickAnswer.Busy());
        assertThat(upstreamCalls).hasValue(0);
    }
}
