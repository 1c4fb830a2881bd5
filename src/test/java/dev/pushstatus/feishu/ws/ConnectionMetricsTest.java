package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.ws.FakeTransport.FakeSession;
import dev.pushstatus.feishu.ws.LongConnection.State;
import dev.pushstatus.inbound.EventAnswer;
import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the connection counts, outcome by outcome: {@code pushbot_ws_connects} for every way a try
 * ends, frames in and out by type, and the in-flight gauge. Operators alert on these.
 */
class ConnectionMetricsTest {

    private static final ClientConfig DEFAULTS = ClientConfig.defaults();

    private final ConnectionHarness h = new ConnectionHarness();

    @AfterEach
    void closes() {
        h.close();
    }

    private double connects(String outcome) {
        return h.count("pushbot_ws_connects", "outcome", outcome);
    }

    @Test
    void aSessionIsCountedOpenedOnceAndAcknowledgedOnceHoweverManyPongsFollow() {
        FakeSession session = h.connect();
        session.listener.binary(LongConnectionTest.control("pong", ""));
        session.listener.binary(LongConnectionTest.control("pong", "{\"PingInterval\":60}"));

        assertThat(connects("opened")).isEqualTo(1);
        assertThat(connects("acknowledged")).isEqualTo(1);
        assertThat(h.count("pushbot_ws_frames_in", "type", "pong")).isEqualTo(3);
        assertThat(h.count("pushbot_ws_frames_out", "type", "ping")).isEqualTo(1);
    }

    @Test
    void aFailureBeforeTheSessionOpenedIsFailedAndAfterItIsDropped() {
        h.connection.start();
        h.scheduler.runDue();
        h.fake.last().listener.failed(new IOException("connect timed out"), null);
        assertThat(connects("failed")).isEqualTo(1);
        assertThat(connects("dropped")).isZero();

        FakeSession open = h.reconnect();
        open.listener.failed(new IOException("reset"), null);
        assertThat(connects("dropped")).isEqualTo(1);

        FakeSession acknowledged = h.reconnect(DEFAULTS.reconnectInterval());
        acknowledged.listener.binary(LongConnectionTest.control("pong", ""));
        acknowledged.listener.failed(new IOException("reset"), null);

        assertThat(connects("failed")).isEqualTo(1);
        assertThat(connects("dropped")).isEqualTo(2);
        assertThat(h.count("pushbot_ws_reconnects", "reason", "failure")).isEqualTo(3);
    }

    @Test
    void eachRefusedHandshakeIsCountedByWhatItSaid() {
        h.connection.start();
        h.scheduler.runDue();
        h.fake.last().listener.failed(new ProtocolException("x"), new Transport.Refusal(500, null, null));
        assertThat(connects("refused")).isEqualTo(1);

        h.scheduler.advance(Duration.ofSeconds(1));
        h.fake.last().listener.failed(new ProtocolException("x"), new Transport.Refusal(403, null, null));
        assertThat(connects("forbidden")).isEqualTo(1);
        assertThat(connects("too_many_connections")).isZero();

        try (ConnectionHarness other = new ConnectionHarness()) {
            other.connection.start();
            other.scheduler.runDue();
            other.fake.last().listener.failed(new ProtocolException("x"),
                    new Transport.Refusal(514, LongConnection.TOO_MANY_CONNECTIONS, "too many"));
            assertThat(other.count("pushbot_ws_connects", "outcome", "too_many_connections")).isEqualTo(1);
            assertThat(other.count("pushbot_ws_connects", "outcome", "refused")).isZero();
        }
    }

    @Test
    void endpointAnswersAreCountedTemporaryOrMisconfigured() {
        h.endpointAnswers.add(new EndpointCall.Result.TryLater("busy"));
        h.endpointAnswers.add(new EndpointCall.Result.Misconfigured("check the secret"));
        h.connection.start();
        h.scheduler.runDue();
        assertThat(connects("endpoint_try_later")).isEqualTo(1);
        assertThat(connects("endpoint_misconfigured")).isZero();

        h.scheduler.advance(Duration.ofSeconds(1));

        assertThat(connects("endpoint_misconfigured")).isEqualTo(1);
        assertThat(h.connection.state()).isEqualTo(State.FAILED);
    }

    @Test
    void aTransportThatCannotEvenStartTheHandshakeIsAFailedTryAndRetried() {
        h.openFails = new IllegalStateException("dispatcher shut down");
        h.connection.start();
        h.scheduler.runDue();

        assertThat(connects("failed")).isEqualTo(1);
        assertThat(h.count("pushbot_ws_reconnects", "reason", "failed")).isEqualTo(1);
        assertThat(h.connection.state()).isEqualTo(State.WAITING);
        assertThat(h.lines()).contains("long connection dev1: the connection could not be started:"
                + " IllegalStateException; next try in 1.0 s (try 1)");

        h.openFails = null;
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(h.fake.sessions).hasSize(1);
    }

    @Test
    void acksAreCountedAsFramesOutAndTheInFlightGaugeFollowsTheEvents() {
        FakeSession session = h.connect();
        session.listener.binary(h.event("m1"));
        session.listener.binary(h.event("m2"));
        assertThat(h.gauge("pushbot_ws_in_flight")).isEqualTo(2);

        h.answers.get(0).complete(new EventAnswer.Done());

        assertThat(h.gauge("pushbot_ws_in_flight")).isEqualTo(1);
        assertThat(h.count("pushbot_ws_frames_out", "type", "ack")).isEqualTo(1);
        assertThat(h.count("pushbot_ws_frames_in", "type", "event")).isEqualTo(2);
    }

    @Test
    void aControlFrameOfAnUnknownTypeIsCountedAsOther() {
        FakeSession session = h.connect();

        session.listener.binary(LongConnectionTest.control("hello", ""));
        session.listener.binary(h.codec.encode(new Frame(0, 0, 1, Frame.METHOD_CONTROL, List.of(), null, null,
                new byte[0], null)));

        assertThat(h.count("pushbot_ws_frames_in", "type", "other")).isEqualTo(2);
        assertThat(h.count("pushbot_ws_frames_in", "type", "ping")).isZero();
    }
}
