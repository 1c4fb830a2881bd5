package dev.pushstatus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.FakeTicker;
import dev.pushstatus.bot.MessageDedupe;
import dev.pushstatus.bot.Outcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The dedupe remembers each message_id once, hands a redelivery the first claim, and forgets only an unsettled end. */
class MemoryDedupeTest {

    final FakeTicker ticker = new FakeTicker();
    final MemoryDedupe dedupe = new MemoryDedupe(Duration.ofHours(8), 1_000, ticker);

    @Test
    void aRedeliveryGetsTheFirstClaimAndCountsOnce() {
        assertThat(dedupe.size()).isZero();
        MessageDedupe.Claim first = dedupe.claim("om_1");
        MessageDedupe.Claim again = dedupe.claim("om_1");
        dedupe.claim("om_2");

        assertThat(first.first()).isTrue();
        assertThat(again.first()).isFalse();
        assertThat(again.future()).isSameAs(first.future());
        assertThat(dedupe.size()).isEqualTo(2);
    }

    @Test
    void aSettledEndIsRememberedAndCompletesTheFuture() {
        MessageDedupe.Claim first = dedupe.claim("om_1");

        dedupe.finish("om_1", first, new Outcome.Replied("push-status", "om_r"));

        assertThat(first.future()).isCompletedWithValue(new Outcome.Replied("push-status", "om_r"));
        assertThat(dedupe.claim("om_1").first()).isFalse();
    }

    @Test
    void anUnsettledEndIsForgottenBeforeItsFutureCompletes() {
        MessageDedupe.Claim first = dedupe.claim("om_1");
        CompletableFuture<Boolean> claimableWhenDone = first.future().thenApply(o -> dedupe.claim("om_1").first());

        dedupe.finish("om_1", first, new Outcome.Failed("e1", "reply failed"));

        assertThat(claimableWhenDone).isCompletedWithValue(true);
    }

    @Test
    void onlyTheOwnersEndForgetsAMessage() {
        MessageDedupe.Claim first = dedupe.claim("om_1");

        dedupe.finish("om_1", new MessageDedupe.Claim(true, new CompletableFuture<>()), new Outcome.Failed("e", "x"));
        assertThat(dedupe.claim("om_1").first()).isFalse();

        dedupe.finish("om_1", first, new Outcome.Failed("e", "x"));
        assertThat(dedupe.size()).isZero();
        assertThat(dedupe.claim("om_1").first()).isTrue();
    }

    @Test
    void aMessageIsRememberedForTheRetention() {
        dedupe.claim("om_1");
        ticker.advance(Duration.ofHours(8).minusSeconds(1));
        assertThat(dedupe.claim("om_1").first()).isFalse();

        ticker.advance(Duration.ofSeconds(2));
        assertThat(dedupe.claim("om_1").first()).isTrue();
    }
}
