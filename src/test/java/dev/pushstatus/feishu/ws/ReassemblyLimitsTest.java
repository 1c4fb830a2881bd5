package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushstatus.feishu.ws.Reassembly.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The edges of reassembly: the bounds it accepts, the largest set, single chunks, how many completed ids it keeps. */
class ReassemblyLimitsTest {

    private final FakeTicker ticker = new FakeTicker();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyBoundMustBePositiveAndOneOfEachIsEnough() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new Reassembly(ticker, Duration.ZERO, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reassembly(ticker, Duration.ofNanos(-1), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reassembly(ticker, second, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reassembly(ticker, second, 1, 0)).isInstanceOf(IllegalArgumentException.class);

        Reassembly least = new Reassembly(ticker, Duration.ofNanos(1), 1, 1);
        assertThat(least.offer("m", 1, 0, utf8("x")).status()).isEqualTo(Status.COMPLETE);
        assertThat(least.offer("m", 2, 0, new byte[0]).status()).isEqualTo(Status.REFUSED);
    }

    @Test
    void aMessageMayAnnounceExactlyTheMostChunksAndNotOneMore() {
        Reassembly chunks = Reassembly.standard(ticker);

        assertThat(chunks.offer("m", Reassembly.MAX_CHUNKS, Reassembly.MAX_CHUNKS - 1, utf8("x")).status())
                .isEqualTo(Status.PENDING);
        assertThat(chunks.offer("n", Reassembly.MAX_CHUNKS + 1, 0, utf8("x")).status()).isEqualTo(Status.INVALID);
        assertThat(chunks.offer("m", Reassembly.MAX_CHUNKS, Reassembly.MAX_CHUNKS, utf8("x")).status())
                .isEqualTo(Status.INVALID);
    }

    @Test
    void aSingleChunkMessageIsNeverRememberedSoAnotherCopyIsCompleteAgain() {
        Reassembly chunks = Reassembly.standard(ticker);

        assertThat(chunks.offer("m", 1, 0, utf8("a")).status()).isEqualTo(Status.COMPLETE);
        assertThat(chunks.offer("m", 1, 0, utf8("a")).status()).isEqualTo(Status.COMPLETE);
        // and the id stays free for a chunked message
        assertThat(chunks.offer("m", 2, 0, utf8("a")).status()).isEqualTo(Status.PENDING);
    }

    @Test
    void atMostMaxSetsCompletedIdsAreRememberedTheOldestForgottenFirst() {
        Reassembly chunks = new Reassembly(ticker, Duration.ofSeconds(10), 2, 1_000_000);
        for (String id : new String[] {"a", "b"}) {
            chunks.offer(id, 2, 0, utf8(id));
            chunks.offer(id, 2, 1, utf8(id));
        }
        // two completed ids fit: both are still known
        assertThat(chunks.offer("a", 2, 0, utf8("a")).status()).isEqualTo(Status.DUPLICATE);
        assertThat(chunks.offer("b", 2, 0, utf8("b")).status()).isEqualTo(Status.DUPLICATE);

        chunks.offer("c", 2, 0, utf8("c"));
        chunks.offer("c", 2, 1, utf8("c"));

        // a third pushes out the oldest, a
        assertThat(chunks.offer("b", 2, 1, utf8("b")).status()).isEqualTo(Status.DUPLICATE);
        assertThat(chunks.offer("c", 2, 1, utf8("c")).status()).isEqualTo(Status.DUPLICATE);
        assertThat(chunks.offer("a", 2, 1, utf8("a")).status()).isEqualTo(Status.PENDING);
    }
}
