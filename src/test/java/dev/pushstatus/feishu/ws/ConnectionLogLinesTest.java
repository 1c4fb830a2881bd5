package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.pushstatus.feishu.ws.FakeTransport.FakeSession;
import dev.pushstatus.inbound.EventAnswer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log lines an operator reads, word for word: each names the connection's device_id; a retry
 * says when and which try (of how many, when Feishu limits them); an ignored chunk and a failed
 * answer say so with the trace id, and nothing is said of what went well.
 */
class ConnectionLogLinesTest {

    private final ConnectionHarness h = new ConnectionHarness();

    @AfterEach
    void closes() {
        h.close();
    }

    @Test
    void openAndReadyNameTheDeviceIdAndTheSettings() {
        h.connect();

        assertThat(h.lines()).contains(
                "long connection dev1 open, waiting for Feishu's pong",
                "long connection dev1 ready (ping 120 s, reconnect forever every 120 s after 0..30 s)");
    }

    @Test
    void aRetrySaysWhenAndWhichTry() {
        FakeSession first = h.connect();
        h.random.draw = 2_500;

        first.listener.closed(1000, "bye");

        assertThat(h.lines()).contains("long connection dev1: Feishu closed the connection (1000 bye);"
                + " next try in 2.5 s (try 1)");
    }

    @Test
    void aRetryUnderALimitSaysOfHowMany() {
        h.endpointAnswers.add(h.url(new ClientConfig(Duration.ofSeconds(120), 2, Duration.ofSeconds(60),
                Duration.ZERO)));
        FakeSession first = h.connect();

        first.listener.closed(1000, "bye");

        assertThat(h.lines()).contains("long connection dev1: Feishu closed the connection (1000 bye);"
                + " next try in 1.0 s (try 1 of 2)");
    }

    @Test
    void anIgnoredChunkIsWarnedWithItsTraceIdAndAPendingOneIsNot() {
        FakeSession session = h.connect();

        session.listener.binary(h.codec.encode(LongConnectionTest.data("event", "x", 2, 5, "{}")));
        session.listener.binary(h.codec.encode(LongConnectionTest.data("event", "y", 2, 0, "{")));

        assertThat(h.logged).filteredOn(e -> e.getLevel() == Level.WARN).extracting(e -> e.getFormattedMessage())
                .containsExactly("long connection dev1: chunk 5 of 2 ignored (invalid) trace_id=t-x");
    }

    @Test
    void anAnswerThatFailsOrIsMissingIsAnErrorWithTheTraceIdAndADoneOneIsNot() {
        FakeSession session = h.connect();
        session.listener.binary(h.event("m1"));
        session.listener.binary(h.event("m2"));
        session.listener.binary(h.event("m3"));

        h.answers.get(0).complete(new EventAnswer.Done());
        h.answers.get(1).completeExceptionally(new IllegalStateException("broken"));
        h.answers.get(2).complete(null);

        assertThat(h.logged).filteredOn(e -> e.getLevel() == Level.ERROR).extracting(e -> e.getFormattedMessage())
                .containsExactly("long connection dev1: the event service's answer failed, trace_id=t-m2",
                        "long connection dev1: the event service's answer failed, trace_id=t-m3");
        assertThat(h.count("pushbot_ws_acks", "code", "500")).isEqualTo(2);
    }
}
