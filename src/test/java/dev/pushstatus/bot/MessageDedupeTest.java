package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The dedupe remembers each message_id once, hands a redelivery the first claim, and forgets only on release. */
class MessageDedupeTest {

    final FakeTicker ticker = new FakeTicker();
    final MessageDedupe dedupe = new MessageDedupe(Duration.ofHours(8), 1_000, ticker);

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
    void onlyTheOwnersReleaseForgetsAMessage() {
        MessageDedupe.Claim first = dedupe.claim("om_1");

        dedupe.release("om_1", new CompletableFuture<>());
        assertThat(dedupe.claim("om_1").first()).isFalse();

        dedupe.release("om_1", first.future());
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
