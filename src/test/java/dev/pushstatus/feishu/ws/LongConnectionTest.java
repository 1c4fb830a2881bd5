package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.event.Rejection;
import dev.pushstatus.feishu.ws.FakeTransport.FakeSession;
import dev.pushstatus.feishu.ws.LongConnection.State;
import dev.pushstatus.feishu.ws.LongConnectionException.Kind;
import dev.pushstatus.inbound.EventAnswer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connection's logic on a fake transport, scheduler and ticker: no socket, no sleeping. */
class LongConnectionTest {

    static final int SERVICE = 33554678;
    static final ClientConfig DEFAULTS = ClientConfig.defaults();

    /** Draws a fixed number of milliseconds and records the bounds it was asked for. */
    static final class StubRandom implements RandomGenerator {
        long draw;
        final List<Long> bounds = new ArrayList<>();

        @Override
        public long nextLong() {
            throw new AssertionError("only bounded draws are expected");
        }

        @Override
        public long nextLong(long bound) {
            bounds.add(bound);
            return Math.min(draw, bound - 1);
        }
    }

    private final FakeTicker ticker = new FakeTicker();
    private final FakeScheduler scheduler = new FakeScheduler(ticker);
    private final FakeTransport transport = new FakeTransport();
    private final Deque<EndpointCall.Result> endpointAnswers = new ArrayDeque<>();
    private final List<ClientConfig> endpointCalls = new ArrayList<>();
    private final List<String> payloads = new ArrayList<>();
    private final List<CompletableFuture<EventAnswer>> answers = new ArrayList<>();
    private final StubRandom random = new StubRandom();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final FrameCodec codec = FrameCodec.standard();
    private int urls;

    private final LongConnection connection = new LongConnection(this::endpoint, transport, payload -> {
        payloads.add(new String(payload, StandardCharsets.UTF_8));
        CompletableFuture<EventAnswer> answer = new CompletableFuture<>();
        answers.add(answer);
        return answer;
    }, FeishuJson.newMapper(), scheduler, ticker, random, metrics);

    @AfterEach
    void closes() {
        connection.close();
    }

    private EndpointCall.Result endpoint(ClientConfig current) {
        endpointCalls.add(current);
        return endpointAnswers.isEmpty() ? url(current) : endpointAnswers.removeFirst();
    }

    private EndpointCall.Result.Url url(ClientConfig config) {
        urls++;
        return new EndpointCall.Result.Url(HttpUrl.get("https://msg-frontier.feishu.cn/ws/v2?device_id=dev" + urls
                + "&service_id=" + SERVICE + "&access_key=SECRET&ticket=SECRET"), config);
    }

    static byte[] control(String type, String payload) {
        return FrameCodec.standard().encode(new Frame(0, 0, SERVICE, Frame.METHOD_CONTROL,
                List.of(new Frame.Header("type", type)), null, null, payload.getBytes(StandardCharsets.UTF_8), null));
    }

    static Frame data(String type, String messageId, int sum, int seq, String payload) {
        return new Frame(7, 8, 1, Frame.METHOD_DATA, List.of(
                new Frame.Header("type", type),
                new Frame.Header("message_id", messageId),
                new Frame.Header("sum", String.valueOf(sum)),
                new Frame.Header("seq", String.valueOf(seq)),
                new Frame.Header("trace_id", "t-" + messageId),
                new Frame.Header("timestamp", "1700000000000")),
                "", "json", payload.getBytes(StandardCharsets.UTF_8), "new-log-id");
    }

    /** Starts, opens the session and acknowledges it with a pong: the usual beginning. */
    private FakeSession connect() {
        CompletableFuture<Void> started = connection.start();
        scheduler.runDue();
        FakeSession session = transport.last();
        session.listener.opened();
        session.listener.binary(control("pong", ""));
        assertThat(started).isCompleted();
        return session;
    }

    private double count(String name, String tag, String value) {
        var counter = metrics.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String text(Frame frame) {
        return new String(frame.payload(), StandardCharsets.UTF_8);
    }

    // ---- connecting ----

    @Test
    void startAsksForAUrlOnTheSchedulerThenPingsAtOnceAndIsReadyAtTheFirstPong() {
        CompletableFuture<Void> started = connection.start();
        assertThat(endpointCalls).isEmpty();
        assertThat(connection.state()).isEqualTo(State.CONNECTING);

        scheduler.runDue();
        assertThat(endpointCalls).containsExactly(DEFAULTS);
        FakeSession session = transport.last();
        assertThat(session.url.queryParameter("device_id")).isEqualTo("dev1");
        assertThat(session.sent).isEmpty();

        session.listener.opened();
        assertThat(connection.state()).isEqualTo(State.OPEN);
        assertThat(connection.connected()).isFalse();
        assertThat(session.frames()).containsExactly(Frame.ping(SERVICE));
        assertThat(started).isNotDone();

        session.listener.binary(control("pong", ""));

        assertThat(started).isCompleted();
        assertThat(connection.connected()).isTrue();
        assertThat(connection.state()).isEqualTo(State.CONNECTED);
        assertThat(connection.start()).isCompleted();
        assertThat(endpointCalls).hasSize(1);
        assertThat(count("pushbot_ws_connects", "outcome", "acknowledged")).isEqualTo(1);
        assertThat(metrics.find("pushbot_ws_state").tag("state", "connected").gauge().value()).isEqualTo(1);
        assertThat(metrics.find("pushbot_ws_state").tag("state", "open").gauge().value()).isZero();
    }

    @Test
    void theFirstEventAlsoAcknowledgesTheConnection() {
        CompletableFuture<Void> started = connection.start();
        scheduler.runDue();
        FakeSession session = transport.last();
        session.listener.opened();

        session.listener.binary(codec.encode(data("event", "m1", 1, 0, "{}")));

        assertThat(started).isCompleted();
        assertThat(connection.connected()).isTrue();
    }

    @Test
    void temporaryFailuresAtStartAreRetriedAndDoNotFailIt() {
        endpointAnswers.add(new EndpointCall.Result.TryLater("busy"));
        random.draw = 4_000;
        CompletableFuture<Void> started = connection.start();
        scheduler.runDue();

        assertThat(connection.state()).isEqualTo(State.WAITING);
        assertThat(started).isNotDone();
        assertThat(random.bounds).containsExactly(30_001L);
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(4));

        scheduler.advance(Duration.ofSeconds(4));
        assertThat(endpointCalls).hasSize(2);
        transport.last().listener.opened();
        transport.last().listener.binary(control("pong", ""));
        assertThat(started).isCompleted();
    }

    @Test
    void aMisconfiguredEndpointFailsStartWithWhatToFixAndStops() {
        endpointAnswers.add(new EndpointCall.Result.Misconfigured("check the app secret"));

        CompletableFuture<Void> started = connection.start();
        scheduler.runDue();

        assertThat(started).isCompletedExceptionally();
        assertThat(started.handle((ok, e) -> e.getCause())).isCompletedWithValueMatching(e ->
                e instanceof LongConnectionException lce && lce.kind() == Kind.ENDPOINT_MISCONFIGURED
                        && lce.getMessage().equals("check the app secret"));
        assertThat(connection.state()).isEqualTo(State.FAILED);
        assertThat(connection.failure().getMessage()).isEqualTo("check the app secret");
        assertThat(scheduler.pending()).isZero();
        scheduler.advance(Duration.ofHours(1));
        assertThat(endpointCalls).hasSize(1);
        assertThat(transport.sessions).isEmpty();
    }

    @Test
    void aHandshakeRefusedForTooManyConnectionsStopsAndSaysSo() {
        CompletableFuture<Void> started = connection.start();
        scheduler.runDue();

        transport.last().listener.failed(new ProtocolException("Expected HTTP 101"),
                new Transport.Refusal(514, "1000040350", "too many"));

        assertThat(connection.state()).isEqualTo(State.FAILED);
        assertThat(connection.failure().kind()).isEqualTo(Kind.TOO_MANY_CONNECTIONS);
        assertThat(connection.failure().getMessage()).contains("50 connections").contains("1000040350");
        assertThat(started).isCompletedExceptionally();
        assertThat(scheduler.pending()).isZero();
        assertThat(transport.last().cancelled).isTrue();
    }

    @Test
    void aHandshakeRefusedWith403StopsAndSaysTheAppIsForbidden() {
        connection.start();
        scheduler.runDue();

        transport.last().listener.failed(new ProtocolException("Expected HTTP 101"), new Transport.Refusal(403, null, null));

        assertThat(connection.failure().kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(connection.failure().getMessage()).contains("403").contains("forbidden");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void anyOtherRefusalIsTemporary() {
        connection.start();
        scheduler.runDue();

        transport.last().listener.failed(new ProtocolException("x"), new Transport.Refusal(514, "1000040351", "other"));

        assertThat(connection.state()).isEqualTo(State.WAITING);
        assertThat(scheduler.pending()).isEqualTo(1);
        assertThat(count("pushbot_ws_reconnects", "reason", "handshake")).isEqualTo(1);
    }

    @Test
    void thePublicConstructorWiresTheEndpointCallAndTheScheduler() throws Exception {
        ScriptedHttp http = new ScriptedHttp().then(ScriptedHttp.Answer.json(200,
                "{\"code\":10014,\"msg\":\"app secret invalid\"}"));
        java.util.concurrent.ScheduledExecutorService executor =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (LongConnection real = new LongConnection(HttpUrl.get("https://open.feishu.cn"), "cli_app", "secret",
                http.client(), FeishuJson.newMapper(), payload -> new CompletableFuture<>(), executor,
                com.github.benmanes.caffeine.cache.Ticker.systemTicker(), RandomGenerator.getDefault(),
                new SimpleMeterRegistry())) {
            java.util.concurrent.ExecutionException failed = org.assertj.core.api.Assertions.catchThrowableOfType(
                    java.util.concurrent.ExecutionException.class,
                    () -> real.start().get(30, java.util.concurrent.TimeUnit.SECONDS));

            assertThat(failed.getCause()).isInstanceOf(LongConnectionException.class)
                    .hasMessageContaining("code 10014 (app secret invalid)");
            assertThat(real.state()).isEqualTo(State.FAILED);
            assertThat(http.seen.get(0).request().url().encodedPath()).isEqualTo("/callback/ws/endpoint");
        } finally {
            executor.shutdownNow();
        }
    }

    // ---- keep-alive ----

    @Test
    void pingsEveryPingIntervalWithTheUrlsServiceId() {
        FakeSession session = connect();

        scheduler.advance(Duration.ofSeconds(119));
        assertThat(session.frames()).hasSize(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(session.frames()).hasSize(2);
        session.listener.binary(control("pong", ""));
        scheduler.advance(Duration.ofSeconds(120));

        assertThat(session.frames()).containsExactly(Frame.ping(SERVICE), Frame.ping(SERVICE), Frame.ping(SERVICE));
        assertThat(count("pushbot_ws_frames_out", "type", "ping")).isEqualTo(3);
    }

    @Test
    void aPongsSettingsReplaceTheCurrentOnesAndTheNextPingFollowsThem() {
        FakeSession session = connect();

        session.listener.binary(control("pong", "{\"PingInterval\":10,\"ReconnectCount\":-1,\"ReconnectInterval\":0,"
                + "\"ReconnectNonce\":3}"));

        assertThat(connection.config()).isEqualTo(new ClientConfig(Duration.ofSeconds(10), -1,
                Duration.ofSeconds(120), Duration.ofSeconds(3)));
        scheduler.advance(Duration.ofSeconds(120)); // the ping already scheduled keeps its time
        session.listener.binary(control("pong", ""));
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(session.frames()).hasSize(3);
    }

    @Test
    void aPongThatIsNotJsonStillAcknowledgesAndChangesNothing() {
        connection.start();
        scheduler.runDue();
        transport.last().listener.opened();

        transport.last().listener.binary(control("pong", "not json"));

        assertThat(connection.connected()).isTrue();
        assertThat(connection.config()).isEqualTo(DEFAULTS);
    }

    @Test
    void theWatchdogReconnectsAfterPingIntervalPlus30SecondsOfSilence() {
        FakeSession session = connect();
        random.draw = 2_000;

        scheduler.advance(Duration.ofSeconds(100));
        session.listener.binary(control("ping", "")); // any frame counts as life
        scheduler.advance(Duration.ofSeconds(149));
        assertThat(connection.connected()).isTrue();
        assertThat(session.cancelled).isFalse();

        scheduler.advance(Duration.ofSeconds(1));

        assertThat(session.cancelled).isTrue();
        assertThat(connection.state()).isEqualTo(State.WAITING);
        assertThat(count("pushbot_ws_reconnects", "reason", "watchdog")).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(endpointCalls).hasSize(2);
        assertThat(transport.sessions).hasSize(2);
    }

    @Test
    void theWatchdogAlsoCatchesAConnectionThatNeverAnswers() {
        connection.start();
        scheduler.runDue();
        FakeSession session = transport.last();
        session.listener.opened();

        scheduler.advance(Duration.ofSeconds(150));

        assertThat(session.cancelled).isTrue();
        assertThat(connection.state()).isEqualTo(State.WAITING);
    }

    // ---- events and acks ----

    @Test
    void anEventGoesToTheSinkAndItsAnswerGoesBackAsTheSameFrameWithBizRtAndTheAckPayload() {
        FakeSession session = connect();
        Frame event = data("event", "m1", 1, 0, "{\"schema\":\"2.0\"}");

        session.listener.binary(codec.encode(event));
        assertThat(payloads).containsExactly("{\"schema\":\"2.0\"}");
        assertThat(connection.inFlight()).isEqualTo(1);
        assertThat(session.frames()).hasSize(1); // the ping only: no ack before the answer

        ticker.advance(Duration.ofMillis(12));
        answers.get(0).complete(new EventAnswer.Done());

        Frame ack = session.frames().get(1);
        assertThat(ack).isEqualTo(new Frame(7, 8, 1, Frame.METHOD_DATA, List.of(
                new Frame.Header("type", "event"),
                new Frame.Header("message_id", "m1"),
                new Frame.Header("sum", "1"),
                new Frame.Header("seq", "0"),
                new Frame.Header("trace_id", "t-m1"),
                new Frame.Header("timestamp", "1700000000000"),
                new Frame.Header("biz_rt", "12")),
                "", "json", "{\"code\":200}".getBytes(StandardCharsets.UTF_8), "new-log-id"));
        assertThat(connection.inFlight()).isZero();
        assertThat(count("pushbot_ws_acks", "code", "200")).isEqualTo(1);
        assertThat(count("pushbot_ws_frames_in", "type", "event")).isEqualTo(1);
        assertThat(metrics.find("pushbot_ws_ack_latency").timer().count()).isEqualTo(1);
    }

    @Test
    void aCardFrameIsAnEventAndACallbackAnswerTravelsAsBase64Data() {
        FakeSession session = connect();

        session.listener.binary(codec.encode(data("card", "c1", 1, 0, "{\"click\":1}")));
        answers.get(0).complete(new EventAnswer.Callback("{\"toast\":{}}"));

        assertThat(payloads).containsExactly("{\"click\":1}");
        Frame ack = session.frames().get(1);
        assertThat(ack.type()).isEqualTo("card");
        assertThat(text(ack)).isEqualTo("{\"code\":200,\"data\":\""
                + Base64.getEncoder().encodeToString("{\"toast\":{}}".getBytes(StandardCharsets.UTF_8)) + "\"}");
    }

    @Test
    void deliverAgainRejectedAFailedFutureAndAThrowingSinkAreAcked500() {
        FakeSession session = connect();
        session.listener.binary(codec.encode(data("event", "a", 1, 0, "{}")));
        session.listener.binary(codec.encode(data("event", "b", 1, 0, "{}")));
        session.listener.binary(codec.encode(data("event", "c", 1, 0, "{}")));
        answers.get(0).complete(new EventAnswer.DeliverAgain(EventAnswer.Why.STILL_WORKING));
        answers.get(1).complete(new EventAnswer.Rejected(Rejection.MALFORMED, "not json"));
        answers.get(2).completeExceptionally(new IllegalStateException("broken"));

        assertThat(session.frames().subList(1, 4)).extracting(LongConnectionTest::text)
                .containsOnly("{\"code\":500}");
        assertThat(count("pushbot_ws_acks", "code", "500")).isEqualTo(3);
        assertThat(connection.inFlight()).isZero();

        LongConnection throwing = new LongConnection(c -> url(c), transport, payload -> {
            throw new IllegalStateException("boom");
        }, FeishuJson.newMapper(), scheduler, ticker, random, new SimpleMeterRegistry());
        throwing.start();
        scheduler.runDue();
        FakeSession other = transport.last();
        other.listener.opened();
        other.listener.binary(codec.encode(data("event", "d", 1, 0, "{}")));
        assertThat(text(other.frames().get(1))).isEqualTo("{\"code\":500}");
        assertThat(throwing.inFlight()).isZero();
        throwing.close();
    }

    @Test
    void chunksAreJoinedInOrderAndTheEventHandedOnOnce() {
        FakeSession session = connect();

        session.listener.binary(codec.encode(data("event", "big", 3, 2, "\"}")));
        session.listener.binary(codec.encode(data("event", "big", 3, 0, "{\"a\":")));
        session.listener.binary(codec.encode(data("event", "big", 3, 0, "{\"a\":")));
        assertThat(payloads).isEmpty();
        session.listener.binary(codec.encode(data("event", "big", 3, 1, "\"long")));

        assertThat(payloads).containsExactly("{\"a\":\"long\"}");
        answers.get(0).complete(new EventAnswer.Done());
        Frame ack = session.frames().get(1);
        assertThat(ack.header("seq")).isEqualTo("1");
        assertThat(text(ack)).isEqualTo("{\"code\":200}");
        assertThat(count("pushbot_ws_chunked_messages", "outcome", "complete")).isEqualTo(1);
        assertThat(count("pushbot_ws_chunked_messages", "outcome", "duplicate")).isEqualTo(1);
        assertThat(count("pushbot_ws_chunked_messages", "outcome", "pending")).isEqualTo(2);
    }

    @Test
    void anIncompleteChunkSetIsDroppedAfterTenSecondsWithoutAnAck() {
        FakeSession session = connect();
        session.listener.binary(codec.encode(data("event", "big", 2, 0, "{")));

        ticker.advance(Duration.ofSeconds(10));
        session.listener.binary(codec.encode(data("event", "big", 2, 1, "}")));

        assertThat(payloads).isEmpty();
        assertThat(session.frames()).hasSize(1);
        assertThat(metrics.find("pushbot_ws_chunk_sets_dropped").tag("reason", "expired").functionCounter().count())
                .isEqualTo(1);
    }

    @Test
    void unreadableFramesTextMessagesAndOtherTypesAreIgnoredAndCountedWhileTheConnectionGoesOn() {
        FakeSession session = connect();

        session.listener.binary(new byte[] {(byte) 0xff, 1, 2});
        session.listener.text();
        session.listener.binary(codec.encode(data("something_new", "x", 1, 0, "{}")));
        session.listener.binary(codec.encode(data("event", "x", 2, 5, "{}")));
        session.listener.binary(control("ping", ""));
        session.listener.binary(codec.encode(new Frame(0, 0, 1, 9, List.of(), null, null, new byte[0], null)));

        assertThat(payloads).isEmpty();
        assertThat(session.frames()).hasSize(1);
        assertThat(connection.connected()).isTrue();
        assertThat(count("pushbot_ws_frames_in", "type", "malformed")).isEqualTo(1);
        assertThat(count("pushbot_ws_frames_in", "type", "text")).isEqualTo(1);
        assertThat(count("pushbot_ws_frames_in", "type", "other")).isEqualTo(2);
        assertThat(count("pushbot_ws_frames_in", "type", "ping")).isEqualTo(1);
        assertThat(count("pushbot_ws_chunked_messages", "outcome", "invalid")).isEqualTo(1);

        session.listener.binary(codec.encode(data("event", "ok", 1, 0, "{}")));
        assertThat(payloads).containsExactly("{}");
    }

    // ---- reconnecting ----

    @Test
    void afterADropTheFirstTryWaitsARandomPartOfTheNonceThenEachFailedTryTheInterval() {
        FakeSession first = connect();
        random.draw = 7_000;

        first.listener.closed(1001, "going away");

        assertThat(connection.state()).isEqualTo(State.WAITING);
        assertThat(connection.connected()).isFalse();
        assertThat(random.bounds).containsExactly(30_001L);
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(7));
        endpointAnswers.add(new EndpointCall.Result.TryLater("busy"));
        endpointAnswers.add(new EndpointCall.Result.TryLater("busy"));

        scheduler.advance(Duration.ofSeconds(7));
        assertThat(endpointCalls).hasSize(2);
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(120));
        scheduler.advance(Duration.ofSeconds(119));
        assertThat(endpointCalls).hasSize(2);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(endpointCalls).hasSize(3);
        scheduler.advance(Duration.ofSeconds(120));
        assertThat(endpointCalls).hasSize(4);
        FakeSession second = transport.last();
        assertThat(second).isNotSameAs(first);
        second.listener.opened();
        second.listener.binary(control("pong", ""));
        assertThat(connection.connected()).isTrue();
        assertThat(random.bounds).hasSize(1);

        // the next drop starts afresh with a random wait
        second.listener.failed(new IOException("reset"), null);
        assertThat(random.bounds).hasSize(2);
        assertThat(count("pushbot_ws_reconnects", "reason", "closed")).isEqualTo(1);
        assertThat(count("pushbot_ws_reconnects", "reason", "endpoint")).isEqualTo(2);
        assertThat(count("pushbot_ws_reconnects", "reason", "failure")).isEqualTo(1);
    }

    @Test
    void neverATightLoopEvenWhenTheRandomWaitIsZero() {
        FakeSession first = connect();
        random.draw = 0;

        first.listener.closed(1000, "");

        assertThat(scheduler.pendingDelays()).containsExactly(LongConnection.MIN_RETRY_DELAY);
    }

    @Test
    void givesUpAfterReconnectCountTriesAndSaysSo() {
        endpointAnswers.add(url(new ClientConfig(Duration.ofSeconds(120), 2, Duration.ofSeconds(60),
                Duration.ofSeconds(5))));
        FakeSession first = connect();
        random.draw = 1_000;
        endpointAnswers.add(new EndpointCall.Result.TryLater("busy"));
        endpointAnswers.add(new EndpointCall.Result.TryLater("still busy"));

        first.listener.failed(new IOException("reset"), null);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(connection.state()).isEqualTo(State.WAITING);
        scheduler.advance(Duration.ofSeconds(60));

        assertThat(endpointCalls).hasSize(3);
        assertThat(connection.state()).isEqualTo(State.FAILED);
        assertThat(connection.failure().kind()).isEqualTo(Kind.GAVE_UP);
        assertThat(connection.failure().getMessage()).contains("after 2 tries").contains("still busy");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void eachTryAsksForANewUrl() {
        FakeSession first = connect();
        random.draw = 1_000;

        first.listener.closed(1000, "bye");
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(transport.last().url.queryParameter("device_id")).isEqualTo("dev2");
        assertThat(endpointCalls).hasSize(2);
    }

    @Test
    void callbacksAndAcksOfAnEndedSessionAreIgnored() {
        FakeSession first = connect();
        first.listener.binary(codec.encode(data("event", "m1", 1, 0, "{}")));
        random.draw = 1_000;
        first.listener.closed(1000, "bye");
        scheduler.advance(Duration.ofSeconds(1));
        FakeSession second = transport.last();
        second.listener.opened();

        first.listener.binary(codec.encode(data("event", "m2", 1, 0, "{}")));
        first.listener.failed(new IOException("late"), null);
        first.listener.closed(1000, "late");
        answers.get(0).complete(new EventAnswer.Done());

        assertThat(payloads).hasSize(1);
        assertThat(connection.state()).isEqualTo(State.OPEN);
        assertThat(second.frames()).containsExactly(Frame.ping(SERVICE));
        assertThat(first.frames()).hasSize(1);
        assertThat(count("pushbot_ws_acks", "code", "lost")).isEqualTo(1);
        assertThat(connection.inFlight()).isZero();
    }

    @Test
    void acksCompletedOnSeveralThreadsAllGoOutAndAwaitAckedSeesThemThrough() throws Exception {
        FakeSession session = connect();
        int events = 200;
        for (int i = 0; i < events; i++) {
            session.listener.binary(codec.encode(data("event", "m" + i, 1, 0, "{}")));
        }
        assertThat(connection.inFlight()).isEqualTo(events);

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (CompletableFuture<EventAnswer> answer : answers) {
                pool.execute(() -> answer.complete(new EventAnswer.Done()));
            }
            assertThat(connection.awaitAcked(Duration.ofSeconds(30))).isTrue();
        } finally {
            pool.shutdownNow();
        }

        assertThat(connection.inFlight()).isZero();
        List<Frame> acks = session.frames().subList(1, events + 1);
        assertThat(acks).extracting(f -> f.header("message_id")).doesNotHaveDuplicates().hasSize(events);
        assertThat(count("pushbot_ws_acks", "code", "200")).isEqualTo(events);
    }

    @Test
    void logsNeverShowTheUrlsQueryNorAPayload() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LongConnection.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.TRACE);
        logger.addAppender(lines);
        try {
            FakeSession session = connect();
            session.listener.binary(codec.encode(data("event", "m1", 1, 0, "{\"PAYLOAD-SECRET\":1}")));
            answers.get(0).complete(new EventAnswer.Callback("{\"CALLBACK-SECRET\":1}"));
            session.listener.binary(codec.encode(data("event", "m2", 2, 7, "{\"PAYLOAD-SECRET\":2}")));
            session.listener.binary(new byte[] {8, 0, 0x42, 5, 'S', 'E', 'C'});
            session.listener.failed(new IOException("failed on wss://msg-frontier.feishu.cn/ws/v2?device_id=dev1"
                    + "&service_id=" + SERVICE + "&access_key=SECRET&ticket=SECRET"), null);
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }

        List<String> logged = lines.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList();
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("trace_id=t-m1"));
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("dev1"));
        assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain("SECRET").doesNotContain("access_key"));
    }

    // ---- stopping ----

    @Test
    void afterStopTakingFramesNewEventsAreAcked500AtOnceAndTheOnesInFlightFinish() {
        FakeSession session = connect();
        session.listener.binary(codec.encode(data("event", "taken", 1, 0, "{}")));

        connection.stopTakingFrames();
        session.listener.binary(codec.encode(data("event", "late", 1, 0, "{}")));

        assertThat(payloads).hasSize(1);
        assertThat(session.frames().get(1).header("message_id")).isEqualTo("late");
        assertThat(text(session.frames().get(1))).isEqualTo("{\"code\":500}");
        assertThat(connection.awaitAcked(Duration.ZERO)).isFalse();

        answers.get(0).complete(new EventAnswer.Done());

        assertThat(connection.awaitAcked(Duration.ZERO)).isTrue();
        assertThat(text(session.frames().get(2))).isEqualTo("{\"code\":200}");
    }

    @Test
    void closeSendsANormalCloseAndCancelsEveryTimer() {
        FakeSession session = connect();
        assertThat(scheduler.pending()).isEqualTo(2); // ping and watchdog

        connection.close();

        assertThat(session.closedWith).isEqualTo(1000);
        assertThat(transport.shutDown).isTrue();
        assertThat(connection.state()).isEqualTo(State.CLOSED);
        assertThat(connection.connected()).isFalse();
        assertThat(scheduler.pending()).isZero();
        session.listener.closed(1000, "bye");
        assertThat(connection.state()).isEqualTo(State.CLOSED);
        connection.close();
        assertThat(session.closedWith).isEqualTo(1000);
    }

    @Test
    void closeBeforeReadyFailsStartAndStopsTheRetries() {
        endpointAnswers.add(new EndpointCall.Result.TryLater("busy"));
        CompletableFuture<Void> started = connection.start();
        scheduler.runDue();

        connection.close();

        assertThat(started).isCompletedExceptionally();
        assertThat(scheduler.pending()).isZero();
        scheduler.advance(Duration.ofHours(1));
        assertThat(endpointCalls).hasSize(1);
    }

    @Test
    void anEndpointAnswerArrivingAfterCloseOpensNothing() {
        LongConnection[] self = new LongConnection[1];
        self[0] = new LongConnection(current -> {
            self[0].close();
            return url(current);
        }, transport, payload -> new CompletableFuture<>(), FeishuJson.newMapper(), scheduler, ticker, random,
                new SimpleMeterRegistry());

        self[0].start();
        scheduler.runDue();

        assertThat(transport.sessions).isEmpty();
        assertThat(self[0].state()).isEqualTo(State.CLOSED);
    }
}
