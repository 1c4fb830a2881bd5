package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.ws.FakeTransport.FakeSession;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiting for the acks at shutdown: nothing in flight, an ack that never comes, an interrupted wait. */
class AwaitAckedTest {

    private final ConnectionHarness h = new ConnectionHarness();

    @AfterEach
    void closes() {
        Thread.interrupted();
        h.close();
    }

    @Test
    void withNothingInFlightItIsDoneAtOnce() {
        h.connect();

        assertThat(h.connection.awaitAcked(Duration.ZERO)).isTrue();
        assertThat(h.connection.awaitAcked(Duration.ofDays(1))).isTrue();
    }

    @Test
    void anAckThatNeverComesEndsTheWaitAtItsTimeout() {
        FakeSession session = h.connect();
        session.listener.binary(h.event("m1"));

        long start = System.nanoTime();
        boolean acked = h.connection.awaitAcked(Duration.ofMillis(1));

        assertThat(acked).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(h.connection.inFlight()).isEqualTo(1);
    }

    @Test
    void anInterruptedWaitSaysNotAllAckedAndKeepsTheInterrupt() {
        FakeSession session = h.connect();
        session.listener.binary(h.event("m1"));

        Thread.currentThread().interrupt();
        boolean acked = h.connection.awaitAcked(Duration.ofDays(1));

        assertThat(acked).isFalse();
        assertThat(Thread.interrupted()).isTrue();
    }
}
