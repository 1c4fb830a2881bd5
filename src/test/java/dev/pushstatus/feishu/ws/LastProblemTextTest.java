package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.ws.FakeTransport.FakeSession;
import dev.pushstatus.feishu.ws.LongConnectionException.Kind;
import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.function.BiConsumer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * The text that says what went wrong, word for word, as the operator reads it in the failure that
 * ends reconnecting ({@code GAVE_UP} names the last problem) and in the refusals: Feishu's close
 * code and reason, the exception's class and message without the URL's credentials, a peer's text
 * cut to one line of 200 characters, silence in seconds, "-" for what the peer did not say.
 */
class LastProblemTextTest {

    private static final String GAVE_UP = "the long connection gave up after 1 tries to reconnect, as Feishu's"
            + " ReconnectCount allows; the last problem: ";
    private static final String CHECK = ". Check the network path to Feishu, then restart the bot";
    private static final String QUERY = "device_id=dev2&service_id=" + ConnectionHarness.SERVICE
            + "&access_key=SECRET&ticket=SECRET";

    /**
     * Connects with ReconnectCount 1, drops once (the one try allowed), opens the next session and
     * lets {@code problem} end it (given the harness and that session): the connection gives up naming that problem.
     */
    private static String lastProblem(BiConsumer<ConnectionHarness, FakeSession> problem) {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.endpointAnswers.add(h.url(new ClientConfig(Duration.ofSeconds(120), 1, Duration.ofSeconds(60),
                    Duration.ZERO)));
            FakeSession first = h.connect();
            first.listener.closed(1001, "going away");
            FakeSession next = h.reconnect();

            problem.accept(h, next);

            assertThat(h.connection.failure().kind()).isEqualTo(Kind.GAVE_UP);
            String message = h.connection.failure().getMessage();
            assertThat(message).startsWith(GAVE_UP).endsWith(CHECK);
            return message.substring(GAVE_UP.length(), message.length() - CHECK.length());
        }
    }

    @Test
    void aCloseNamesItsCodeAndReasonOnOneLine() {
        assertThat(lastProblem((h, s) -> s.listener.closed(1001, "going away")))
                .isEqualTo("Feishu closed the connection (1001 going away)");
        assertThat(lastProblem((h, s) -> s.listener.closed(4000, "line\none\ttwo")))
                .isEqualTo("Feishu closed the connection (4000 line one two)");
    }

    @Test
    void aCloseWithoutAReasonNamesItsCodeOnly() {
        assertThat(lastProblem((h, s) -> s.listener.closed(1000, ""))).isEqualTo("Feishu closed the connection (1000)");
        assertThat(lastProblem((h, s) -> s.listener.closed(1000, "  "))).isEqualTo("Feishu closed the connection (1000)");
    }

    @Test
    void aFailureNamesTheExceptionsClassAndMessage() {
        assertThat(lastProblem((h, s) -> s.listener.failed(new IOException("connection reset"), null)))
                .isEqualTo("the connection failed: IOException connection reset");
        assertThat(lastProblem((h, s) -> s.listener.failed(new java.io.EOFException(), null)))
                .isEqualTo("the connection failed: EOFException");
    }

    @Test
    void aFailureQuotingTheUrlLosesItsQuery() {
        String url = "wss://msg-frontier.feishu.cn/ws/v2?" + QUERY;

        assertThat(lastProblem((h, s) -> s.listener.failed(new IOException("failed to connect to " + url), null)))
                .isEqualTo("the connection failed: IOException failed to connect to wss://msg-frontier.feishu.cn/ws/v2?…");
    }

    @Test
    void aPeersTextIsCutAt200Characters() {
        String exactly200 = "x".repeat(200);

        assertThat(lastProblem((h, s) -> s.listener.failed(new IOException(exactly200), null)))
                .isEqualTo("the connection failed: IOException " + exactly200);
        assertThat(lastProblem((h, s) -> s.listener.failed(new IOException(exactly200 + "y"), null)))
                .isEqualTo("the connection failed: IOException " + exactly200 + "...");
    }

    @Test
    void silenceIsNamedInSecondsWithOneDecimal() {
        assertThat(lastProblem((h, s) -> h.scheduler.advance(Duration.ofSeconds(150))))
                .isEqualTo("no frame from Feishu for 150.0 s, taking the connection for dead");
    }

    @Test
    void aRefusedHandshakeSaysDashForWhatItDidNotSay() {
        assertThat(lastProblem((h, s) -> s.listener.failed(new ProtocolException("x"), new Transport.Refusal(500, null, null))))
                .isEqualTo("Feishu refused the handshake (status 500, autherrcode -, -)");
        assertThat(lastProblem((h, s) -> s.listener.failed(new ProtocolException("x"),
                new Transport.Refusal(502, "1\n2", "busy")))).isEqualTo("Feishu refused the handshake (status 502,"
                + " autherrcode 1 2, busy)");
    }

    @Test
    void aRefusalForTooManyConnectionsQuotesWhatFeishuSaid() {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.connection.start();
            h.scheduler.runDue();

            h.fake.last().listener.failed(new ProtocolException("x"),
                    new Transport.Refusal(514, LongConnection.TOO_MANY_CONNECTIONS, null));

            assertThat(h.connection.failure().getMessage()).isEqualTo("Feishu refused the long connection: the app"
                    + " already has the 50 connections it may have (status 514, autherrcode 1000040350, -); stop other"
                    + " copies of the bot using this app id, or run fewer replicas");
        }
    }

    @Test
    void aUrlWithoutAQueryLeavesTheMessageAlone() {
        for (String bare : new String[] {"https://msg-frontier.feishu.cn/ws/v2", "https://msg-frontier.feishu.cn/ws/v2?"}) {
            try (ConnectionHarness h = new ConnectionHarness()) {
                h.endpointAnswers.add(new EndpointCall.Result.Url(HttpUrl.get(bare),
                        new ClientConfig(Duration.ofSeconds(120), 0, Duration.ofSeconds(60), Duration.ZERO)));
                h.connection.start();
                h.scheduler.runDue();
                h.fake.last().listener.opened();

                h.fake.last().listener.failed(new IOException("reset by peer"), null);

                assertThat(h.connection.failure().getMessage()).contains("the last problem: the connection failed:"
                        + " IOException reset by peer. Check");
            }
        }
    }
}
