package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.ws.FakeTransport.FakeSession;
import dev.pushstatus.inbound.EventAnswer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import org.slf4j.LoggerFactory;

/**
 * A {@link LongConnection} on fakes, for the tests that pin its edges: the fake transport (which
 * can also refuse to open, and counts shutdowns), a hand-driven scheduler (which can also ignore
 * cancels, as a real timer does once its task has started), scripted endpoint answers, a sink that
 * keeps each answer's future, a fixed random draw, metrics and the connection's log lines.
 */
final class ConnectionHarness implements AutoCloseable {

    static final int SERVICE = LongConnectionTest.SERVICE;

    final FakeTicker ticker = new FakeTicker();
    final FakeScheduler scheduler = new FakeScheduler(ticker);
    final FakeTransport fake = new FakeTransport();
    final Deque<EndpointCall.Result> endpointAnswers = new ArrayDeque<>();
    final List<ClientConfig> endpointCalls = new ArrayList<>();
    final List<String> payloads = new ArrayList<>();
    final List<CompletableFuture<EventAnswer>> answers = new ArrayList<>();
    final LongConnectionTest.StubRandom random = new LongConnectionTest.StubRandom();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final FrameCodec codec = FrameCodec.standard();
    final List<ILoggingEvent> logged;
    final LongConnection connection;
    int shutdowns;
    RuntimeException openFails;
    private int urls;
    private final Logger logger = (Logger) LoggerFactory.getLogger(LongConnection.class);
    private final Level level = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** On the hand-driven scheduler; {@code honourCancels} false runs cancelled tasks all the same. */
    ConnectionHarness(boolean honourCancels) {
        appender.start();
        logger.setLevel(Level.TRACE);
        logger.addAppender(appender);
        logged = appender.list;
        Scheduler timers = honourCancels ? scheduler : (delay, task) -> {
            scheduler.schedule(delay, task);
            return () -> { };
        };
        Transport transport = new Transport() {
            @Override
            public Session open(HttpUrl url, Listener listener) {
                if (openFails != null) {
                    throw openFails;
                }
                return fake.open(url, listener);
            }

            @Override
            public void shutdown() {
                shutdowns++;
            }
        };
        connection = new LongConnection(this::endpoint, transport, payload -> {
            payloads.add(new String(payload, StandardCharsets.UTF_8));
            CompletableFuture<EventAnswer> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }, FeishuJson.newMapper(), timers, ticker, random, metrics);
    }

    ConnectionHarness() {
        this(true);
    }

    @Override
    public void close() {
        connection.close();
        logger.detachAppender(appender);
        logger.setLevel(level);
    }

    private EndpointCall.Result endpoint(ClientConfig current) {
        endpointCalls.add(current);
        return endpointAnswers.isEmpty() ? url(current) : endpointAnswers.removeFirst();
    }

    /** The next URL, device_id=dev1, dev2, ...; its query holds the credentials. */
    EndpointCall.Result.Url url(ClientConfig config) {
        urls++;
        return new EndpointCall.Result.Url(HttpUrl.get("https://msg-frontier.feishu.cn/ws/v2?device_id=dev" + urls
                + "&service_id=" + SERVICE + "&access_key=SECRET&ticket=SECRET"), config);
    }

    /** Starts, opens the session and acknowledges it with a pong. */
    FakeSession connect() {
        CompletableFuture<Void> started = connection.start();
        scheduler.runDue();
        FakeSession session = fake.last();
        session.listener.opened();
        session.listener.binary(LongConnectionTest.control("pong", ""));
        assertThat(started).isCompleted();
        return session;
    }

    /** After a drop: waits out the first try's random wait (a draw of 0 makes it the 1 s minimum) and opens the next session. */
    FakeSession reconnect() {
        return reconnect(LongConnection.MIN_RETRY_DELAY);
    }

    /** After a drop: waits {@code wait} and opens the session of the try that follows. */
    FakeSession reconnect(Duration wait) {
        scheduler.advance(wait);
        FakeSession next = fake.last();
        next.listener.opened();
        return next;
    }

    byte[] event(String messageId) {
        return codec.encode(LongConnectionTest.data("event", messageId, 1, 0, "{}"));
    }

    double count(String name, String tag, String value) {
        var counter = metrics.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    double gauge(String name) {
        return metrics.find(name).gauge().value();
    }

    /** Every formatted log line of the connection so far. */
    List<String> lines() {
        return logged.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
