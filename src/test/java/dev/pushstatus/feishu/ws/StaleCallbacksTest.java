package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.ws.FakeTransport.FakeSession;
import dev.pushstatus.feishu.ws.LongConnection.State;
import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Callbacks and timers that come when they no longer should: before the session opened, after it
 * ended, twice, after close, or a timer whose cancel came too late. None of them may touch the
 * current session, the state or the counters.
 */
class StaleCallbacksTest {

    @Test
    void closeBeforeTheFirstTryRanMeansThatTryNeverAsks() {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.connection.start();
            h.connection.close();

            h.scheduler.runDue();

            assertThat(h.endpointCalls).isEmpty();
            assertThat(h.fake.sessions).isEmpty();
            assertThat(h.connection.state()).isEqualTo(State.CLOSED);
        }
    }

    @Test
    void aSecondCloseDoesNothing() {
        try (ConnectionHarness h = new ConnectionHarness()) {
            FakeSession session = h.connect();

            h.connection.close();
            h.connection.close();

            assertThat(h.shutdowns).isEqualTo(1);
            assertThat(session.closedWith).isEqualTo(1000);
            assertThat(h.lines()).containsOnlyOnce("long connection closed");
        }
    }

    @Test
    void aSecondOpenedOfTheSameSessionPingsAndSchedulesNothingMore() {
        try (ConnectionHarness h = new ConnectionHarness()) {
            FakeSession session = h.connect();

            session.listener.opened();

            assertThat(session.frames()).containsExactly(Frame.ping(ConnectionHarness.SERVICE));
            assertThat(h.scheduler.pending()).isEqualTo(2); // one ping timer, one watchdog
            assertThat(h.count("pushbot_ws_connects", "outcome", "opened")).isEqualTo(1);
            assertThat(h.connection.state()).isEqualTo(State.CONNECTED);
        }
    }

    @Test
    void anEndedSessionOpeningLateWhileTheNextTryConnectsIsIgnored() {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.connection.start();
            h.scheduler.runDue();
            FakeSession first = h.fake.last();
            first.listener.failed(new IOException("connect timed out"), null);
            h.scheduler.advance(Duration.ofSeconds(1));
            assertThat(h.connection.state()).isEqualTo(State.CONNECTING);

            first.listener.opened();

            assertThat(first.sent).isEmpty();
            assertThat(h.connection.state()).isEqualTo(State.CONNECTING);
            assertThat(h.count("pushbot_ws_connects", "outcome", "opened")).isZero();
        }
    }

    @Test
    void framesBeforeTheSessionOpenedAreIgnored() {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.connection.start();
            h.scheduler.runDue();
            FakeSession session = h.fake.last();

            session.listener.binary(LongConnectionTest.control("pong", ""));
            session.listener.binary(h.event("m1"));

            assertThat(h.payloads).isEmpty();
            assertThat(h.connection.state()).isEqualTo(State.CONNECTING);
            assertThat(h.metrics.find("pushbot_ws_frames_in").counters()).isEmpty();
        }
    }

    @Test
    void aRefusedSessionsLateCallbacksAfterCloseCountNothing() {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.connection.start();
            h.scheduler.runDue();
            FakeSession refused = h.fake.last();
            refused.listener.failed(new ProtocolException("Expected HTTP 101"), new Transport.Refusal(403, null, null));
            assertThat(h.connection.state()).isEqualTo(State.FAILED);

            h.connection.close();
            refused.listener.failed(new IOException("late"), null);
            refused.listener.closed(1000, "late");

            assertThat(h.count("pushbot_ws_connects", "outcome", "dropped")).isZero();
            assertThat(h.count("pushbot_ws_connects", "outcome", "failed")).isZero();
            assertThat(h.count("pushbot_ws_connects", "outcome", "forbidden")).isEqualTo(1);
            assertThat(h.connection.state()).isEqualTo(State.CLOSED);
        }
    }

    @Test
    void aPingOrWatchdogOfAnEndedSessionThatFiresAnywayTouchesNothing() {
        try (ConnectionHarness h = new ConnectionHarness(false)) {
            FakeSession first = h.connect(); // its ping is due at 120 s, its watchdog at 150 s
            first.listener.closed(1001, "going away");
            h.scheduler.advance(Duration.ofSeconds(1));
            FakeSession next = h.fake.last();
            assertThat(next).isNotSameAs(first);
            // the next session's handshake is slow: it has not opened when the old timers fire

            h.scheduler.advance(Duration.ofSeconds(150));

            assertThat(next.sent).isEmpty();
            assertThat(next.cancelled).isFalse();
            assertThat(h.connection.state()).isEqualTo(State.CONNECTING);
            assertThat(h.count("pushbot_ws_reconnects", "reason", "watchdog")).isZero();
            assertThat(first.frames()).containsExactly(Frame.ping(ConnectionHarness.SERVICE));
        }
    }
}
