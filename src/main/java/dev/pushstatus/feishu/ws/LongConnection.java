package dev.pushstatus.feishu.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.pushstatus.inbound.EventAnswer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The long connection: Feishu's WebSocket, opened by the bot, kept alive and reopened, with every
 * event and card callback handed to an {@link EventSink} and acknowledged with its answer.
 *
 * <p>Lifecycle. {@link #start()} asks for a URL ({@link EndpointCall}) and connects; the connection
 * is {@link #connected()} once Feishu has acknowledged it with a pong or an event. On a close, a
 * failure or silence (no frame for {@code PingInterval} + 30 s: the watchdog), it waits a random
 * 0..{@code ReconnectNonce} once, then tries again with a new URL, waiting
 * {@code ReconnectInterval} after each failed try, at most {@code ReconnectCount} tries (forever if
 * negative) and never sooner than 1 s. Configuration errors (an endpoint code that is not
 * temporary, a handshake refused for too many connections or with 403) stop it: {@link #state()}
 * becomes {@link State#FAILED}, {@link #failure()} and an ERROR line say what to fix. To stop:
 * {@link #stopTakingFrames()}, {@link #awaitAcked(Duration)}, {@link #close()}.
 *
 * <p>Threads. Frames are decoded and handed to the sink on the transport's reader thread; acks go
 * out on whichever thread completes the sink's future. Endpoint calls, pings, the watchdog and
 * reconnect waits run on the injected scheduler, never on the transport's threads. The scheduler
 * and the OkHttp client belong to the caller. The endpoint call blocks its scheduler thread for up
 * to {@link EndpointCall#TIMEOUT}: give the connection a scheduler of its own.
 *
 * <p>Logs carry the connection's {@code device_id} and each event's {@code trace_id}; never the
 * URL's query (credentials) and never a payload.
 */
public final class LongConnection implements AutoCloseable {

    /** Where the connection stands; {@link #FAILED} and {@link #CLOSED} are final. */
    public enum State {
        /** Not started. */
        NEW,
        /** Asking for a URL or in the handshake. */
        CONNECTING,
        /** Open, waiting for Feishu's first pong or event. */
        OPEN,
        /** Open and acknowledged by Feishu. */
        CONNECTED,
        /** Waiting to try again. */
        WAITING,
        /** Stopped by a configuration error or after the last allowed try; see {@link #failure()}. */
        FAILED,
        /** Closed by {@link #close()}. */
        CLOSED
    }

    /** Silence tolerated beyond the ping interval before the connection is taken for dead. */
    static final Duration WATCHDOG_MARGIN = Duration.ofSeconds(30);
    /** No try follows another sooner, whatever the random draw or the settings say. */
    static final Duration MIN_RETRY_DELAY = Duration.ofSeconds(1);
    /** {@code handshake-autherrcode} of a handshake refused because the app has its 50 connections. */
    static final String TOO_MANY_CONNECTIONS = "1000040350";

    private static final Logger log = LoggerFactory.getLogger(LongConnection.class);

    private final EndpointSource endpoints;
    private final Transport transport;
    private final EventSink sink;
    private final ObjectMapper mapper;
    private final Scheduler scheduler;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final MeterRegistry metrics;
    private final FrameCodec codec = FrameCodec.standard();
    private final Reassembly chunks;
    private final AckPayloads acks = new AckPayloads();
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    private final Object lock = new Object();
    // Everything below is guarded by lock.
    private State state = State.NEW;
    private ClientConfig config = ClientConfig.defaults();
    /** Bumped whenever a session ends or a new try begins: callbacks and acks of older ones are ignored. */
    private long generation;
    private Transport.@Nullable Session session;
    private EndpointCall.Result.@Nullable Url url;
    private long lastReceived;
    private Scheduler.@Nullable Cancellable pingTimer;
    private Scheduler.@Nullable Cancellable watchdogTimer;
    private Scheduler.@Nullable Cancellable retryTimer;
    /** Whether the tries since the last acknowledged connection have begun (the random wait came first). */
    private boolean retrying;
    private int tries;
    private @Nullable LongConnectionException failure;
    private boolean takingFrames = true;
    private int inFlight;

    /**
     * @param base the Open Platform, e.g. {@code https://open.feishu.cn}
     * @param http the caller's client: endpoint calls run on a copy with a 10 s call timeout, the
     *        WebSocket on a copy whose reader threads are daemons of the connection's own
     * @param mapper {@code dev.pushstatus.feishu.FeishuJson.newMapper()}
     * @param scheduler for the endpoint calls, pings, the watchdog and reconnect waits
     * @param ticker time for the watchdog, ack latency and chunk expiry
     * @param random draws the wait before the first try of a reconnect
     */
    public LongConnection(HttpUrl base, String appId, String appSecret, OkHttpClient http, ObjectMapper mapper,
                          EventSink sink, ScheduledExecutorService scheduler, Ticker ticker, RandomGenerator random,
                          MeterRegistry metrics) {
        this(new EndpointCall(http, base, appId, appSecret, mapper)::fetch, new OkHttpTransport(http), sink, mapper,
                Scheduler.on(scheduler), ticker, random, metrics);
    }

    LongConnection(EndpointSource endpoints, Transport transport, EventSink sink, ObjectMapper mapper,
                   Scheduler scheduler, Ticker ticker, RandomGenerator random, MeterRegistry metrics) {
        this.endpoints = endpoints;
        this.transport = transport;
        this.sink = sink;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.random = random;
        this.metrics = metrics;
        this.chunks = Reassembly.standard(ticker);
        for (State each : State.values()) {
            Gauge.builder("pushbot_ws_state", this, c -> c.state() == each ? 1 : 0)
                    .description("The long connection's state: 1 for the current one")
                    .tag("state", each.name().toLowerCase(Locale.ROOT))
                    .register(metrics);
        }
        Gauge.builder("pushbot_ws_in_flight", this, c -> c.inFlight())
                .description("Events handed to the event service and not yet acknowledged")
                .register(metrics);
        Gauge.builder("pushbot_ws_chunk_bytes", chunks, Reassembly::pendingBytes)
                .description("Bytes held in incomplete chunked payloads")
                .register(metrics);
        FunctionCounter.builder("pushbot_ws_chunk_sets_dropped", chunks, Reassembly::expiredSets)
                .description("Incomplete chunked payloads dropped").tag("reason", "expired").register(metrics);
        FunctionCounter.builder("pushbot_ws_chunk_sets_dropped", chunks, Reassembly::evictedSets)
                .description("Incomplete chunked payloads dropped").tag("reason", "evicted").register(metrics);
    }

    /** Port: {@link EndpointCall#fetch}. */
    @FunctionalInterface
    interface EndpointSource {
        EndpointCall.Result fetch(ClientConfig current);
    }

    /**
     * Starts connecting (once; later calls return the same outcome). The future completes when the
     * first connection is open and acknowledged, or fails with a {@link LongConnectionException}
     * that says what to fix. Temporary failures are retried and do not fail it. Dependents run on
     * the connection's threads: keep them short.
     */
    public CompletableFuture<Void> start() {
        synchronized (lock) {
            if (state == State.NEW) {
                state = State.CONNECTING;
                scheduler.execute(this::attempt);
            }
        }
        return started.thenApply(ready -> ready);
    }

    /** Open and acknowledged by Feishu: events can arrive (for readiness). */
    public boolean connected() {
        synchronized (lock) {
            return state == State.CONNECTED;
        }
    }

    /** Where the connection stands now. */
    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Why the connection stopped, once {@link #state()} is {@link State#FAILED}; else null. */
    public @Nullable LongConnectionException failure() {
        synchronized (lock) {
            return failure;
        }
    }

    /** The settings in force now: the defaults, then Feishu's from the endpoint and from pongs. */
    public ClientConfig config() {
        synchronized (lock) {
            return config;
        }
    }

    /** Events handed to the sink whose ack has not gone out yet. */
    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /**
     * From now on each event is acked at once with {@code {"code":500}}, so that Feishu pushes it
     * again (to another connection); events already taken go on. Pings and pongs go on.
     */
    public void stopTakingFrames() {
        synchronized (lock) {
            takingFrames = false;
        }
    }

    /** Waits up to {@code timeout} until every event taken has been acked (or its ack lost); true if so. */
    public boolean awaitAcked(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return inFlight == 0;
                }
            }
            return true;
        }
    }

    /**
     * Closes the connection normally (1000), waiting at most about a second for Feishu's answer,
     * cancels every timer and ends the sockets' reader threads (daemons in any case). Acks still to
     * come are lost (Feishu pushes those events again). The scheduler and the OkHttp client stay
     * the caller's to shut down.
     */
    @Override
    public void close() {
        Transport.Session closing;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            generation++;
            cancelTimers();
            closing = session;
            session = null;
            started.completeExceptionally(new LongConnectionException(LongConnectionException.Kind.CLOSED,
                    "the long connection was closed before it was ready"));
            lock.notifyAll();
        }
        if (closing != null) {
            closing.close(1000, "bye");
        }
        transport.shutdown();
        log.info("long connection closed");
    }

    // ---- connecting and reconnecting ----

    /** One try: a new URL, then the handshake. Runs on the scheduler. */
    private void attempt() {
        long gen;
        ClientConfig current;
        synchronized (lock) {
            if (state == State.CLOSED || state == State.FAILED) {
                return;
            }
            retryTimer = null;
            state = State.CONNECTING;
            gen = ++generation;
            current = config;
        }
        EndpointCall.Result result;
        try {
            result = endpoints.fetch(current);
        } catch (RuntimeException e) {
            result = new EndpointCall.Result.TryLater("the endpoint call failed: " + e);
        }
        result.accept(new EndpointCall.Result.Cases<Void>() {
            @Override
            public @Nullable Void url(EndpointCall.Result.Url answer) {
                synchronized (lock) {
                    if (gen != generation) {
                        return null;
                    }
                    url = answer;
                    config = answer.config();
                    log.info("long connection: connecting to {}", EndpointCall.describe(answer.url()));
                    try {
                        session = transport.open(answer.url(), new Listener(gen));
                    } catch (RuntimeException e) {
                        connects("failed");
                        retryLater("failed", "the connection could not be started: " + e.getClass().getSimpleName());
                    }
                }
                return null;
            }

            @Override
            public @Nullable Void tryLater(EndpointCall.Result.TryLater later) {
                connects("endpoint_try_later");
                synchronized (lock) {
                    if (gen == generation) {
                        retryLater("endpoint", "no connection URL yet: " + later.reason());
                    }
                }
                return null;
            }

            @Override
            public @Nullable Void misconfigured(EndpointCall.Result.Misconfigured misconfigured) {
                connects("endpoint_misconfigured");
                synchronized (lock) {
                    if (gen == generation) {
                        stop(new LongConnectionException(LongConnectionException.Kind.ENDPOINT_MISCONFIGURED,
                                misconfigured.whatToFix()));
                    }
                }
                return null;
            }
        });
    }

    /**
     * Ends the current session (if any) and schedules the next try: after a random 0..nonce wait
     * for the first try since the last acknowledged connection, after the interval for the others;
     * gives up past {@code ReconnectCount} tries. Holds the lock.
     */
    private void retryLater(String reason, String why) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        endSession();
        Duration delay;
        if (!retrying) {
            retrying = true;
            tries = 1;
            long nonce = config.reconnectNonce().toMillis();
            delay = Duration.ofMillis(nonce == 0 ? 0 : random.nextLong(nonce + 1));
        } else {
            tries++;
            delay = config.reconnectInterval();
        }
        if (!config.retriesForever() && tries > config.reconnectCount()) {
            stop(new LongConnectionException(LongConnectionException.Kind.GAVE_UP, "the long connection gave up after "
                    + config.reconnectCount() + " tries to reconnect, as Feishu's ReconnectCount allows; the last"
                    + " problem: " + why + ". Check the network path to Feishu, then restart the bot"));
            return;
        }
        if (delay.compareTo(MIN_RETRY_DELAY) < 0) {
            delay = MIN_RETRY_DELAY;
        }
        state = State.WAITING;
        metrics.counter("pushbot_ws_reconnects", "reason", reason).increment();
        log.warn("long connection {}: {}; next try in {} s ({})", deviceId(), why, seconds(delay),
                config.retriesForever() ? "try " + tries : "try " + tries + " of " + config.reconnectCount());
        retryTimer = scheduler.schedule(delay, this::attempt);
    }

    /** Stops for good with what to fix. Holds the lock. */
    private void stop(LongConnectionException why) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        endSession();
        state = State.FAILED;
        failure = why;
        log.error("long connection stopped: {}", why.getMessage());
        started.completeExceptionally(why);
    }

    /** Drops the current session and its timers; its late callbacks and acks are ignored. Holds the lock. */
    private void endSession() {
        generation++;
        cancelTimers();
        if (session != null) {
            session.cancel();
            session = null;
        }
    }

    private void cancelTimers() {
        for (Scheduler.Cancellable timer : new Scheduler.Cancellable[] {pingTimer, watchdogTimer, retryTimer}) {
            if (timer != null) {
                timer.cancel();
            }
        }
        pingTimer = null;
        watchdogTimer = null;
        retryTimer = null;
    }

    /** Feishu acknowledged the session (first pong or event). */
    private void acknowledged(long gen) {
        synchronized (lock) {
            if (gen != generation || state != State.OPEN) {
                return;
            }
            state = State.CONNECTED;
            retrying = false;
            tries = 0;
            connects("acknowledged");
            log.info("long connection {} ready ({})", deviceId(), config.describe());
            started.complete(null);
        }
    }

    // ---- keep-alive ----

    /** Holds the lock. */
    private void ping() {
        if (session == null || url == null) {
            return;
        }
        if (session.send(codec.encode(Frame.ping(url.serviceId())))) {
            framesOut("ping");
        }
    }

    private void pingTick(long gen) {
        synchronized (lock) {
            if (gen != generation || session == null) {
                return;
            }
            ping();
            chunks.purge();
            pingTimer = scheduler.schedule(config.pingInterval(), () -> pingTick(gen));
        }
    }

    private Duration silenceLimit() {
        return config.pingInterval().plus(WATCHDOG_MARGIN);
    }

    private void watchdogTick(long gen) {
        synchronized (lock) {
            if (gen != generation || session == null) {
                return;
            }
            long silent = ticker.read() - lastReceived;
            long limit = silenceLimit().toNanos();
            if (silent >= limit) {
                retryLater("watchdog", "no frame from Feishu for " + seconds(Duration.ofNanos(silent))
                        + " s, taking the connection for dead");
            } else {
                watchdogTimer = scheduler.schedule(Duration.ofNanos(limit - silent), () -> watchdogTick(gen));
            }
        }
    }

    // ---- frames ----

    private void frame(long gen, byte[] bytes, long received) {
        Frame frame;
        try {
            frame = codec.decode(bytes);
        } catch (FrameFormatException e) {
            framesIn("malformed");
            log.warn("long connection {}: ignored an unreadable frame of {} bytes: {}", deviceId(), bytes.length,
                    e.getMessage());
            return;
        }
        if (frame.method() == Frame.METHOD_CONTROL) {
            control(gen, frame);
        } else if (frame.method() == Frame.METHOD_DATA) {
            data(gen, frame, received);
        } else {
            framesIn("other");
        }
    }

    private void control(long gen, Frame frame) {
        String type = frame.type();
        if ("pong".equals(type)) {
            framesIn("pong");
            acknowledged(gen);
            if (frame.payloadLength() > 0) {
                settings(gen, frame);
            }
        } else if ("ping".equals(type)) {
            framesIn("ping");
        } else {
            framesIn("other");
        }
    }

    private void settings(long gen, Frame pong) {
        JsonNode json;
        try {
            json = mapper.readTree(pong.payload());
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("long connection {}: a pong's payload is not JSON, ignored", deviceId());
            return;
        }
        if (json == null) {
            return;
        }
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            ClientConfig updated = config.apply(json);
            if (!updated.equals(config)) {
                config = updated;
                log.info("long connection {}: Feishu's settings now: {}", deviceId(), updated.describe());
            }
        }
    }

    private void data(long gen, Frame frame, long received) {
        String type = frame.type();
        if (!"event".equals(type) && !"card".equals(type)) {
            framesIn("other");
            return;
        }
        framesIn(type);
        String traceId = safe(frame.header("trace_id"));
        int sum = number(frame.header("sum"), 1);
        int seq = number(frame.header("seq"), 0);
        String messageId = frame.header("message_id");
        byte[] payload;
        if (sum == 1 && seq == 0) {
            payload = frame.payload();
        } else {
            Reassembly.Offer offer = messageId == null
                    ? new Reassembly.Offer(Reassembly.Status.INVALID, null)
                    : chunks.offer(messageId, sum, seq, frame.payload());
            metrics.counter("pushbot_ws_chunked_messages", "outcome",
                    offer.status().name().toLowerCase(Locale.ROOT)).increment();
            if (offer.status() != Reassembly.Status.COMPLETE || offer.payload() == null) {
                if (offer.status() != Reassembly.Status.PENDING) {
                    log.warn("long connection {}: chunk {} of {} ignored ({}) trace_id={}", deviceId(), seq, sum,
                            offer.status().name().toLowerCase(Locale.ROOT), traceId);
                }
                return;
            }
            payload = offer.payload();
        }
        acknowledged(gen);
        boolean take;
        synchronized (lock) {
            take = takingFrames && state != State.CLOSED;
            if (take) {
                inFlight++;
            }
        }
        if (!take) {
            ack(gen, frame, new EventAnswer.DeliverAgain(EventAnswer.Why.SHUTTING_DOWN), received, traceId);
            return;
        }
        CompletableFuture<EventAnswer> answer;
        try (MDC.MDCCloseable t = MDC.putCloseable("trace_id", traceId);
             MDC.MDCCloseable d = MDC.putCloseable("ws_device_id", deviceId())) {
            answer = sink.handle(payload);
        } catch (RuntimeException e) {
            log.error("long connection {}: the event service failed, trace_id={}", deviceId(), traceId, e);
            answer = null;
        }
        if (answer == null) {
            answer = CompletableFuture.completedFuture(new EventAnswer.DeliverAgain(EventAnswer.Why.REPLY_FAILED));
        }
        answer.whenComplete((done, failed) -> {
            try {
                if (failed != null || done == null) {
                    log.error("long connection {}: the event service's answer failed, trace_id={}", deviceId(),
                            traceId, failed);
                }
                ack(gen, frame, failed == null && done != null ? done
                        : new EventAnswer.DeliverAgain(EventAnswer.Why.REPLY_FAILED), received, traceId);
            } finally {
                synchronized (lock) {
                    inFlight--;
                    lock.notifyAll();
                }
            }
        });
    }

    /** Sends the received frame back with {@code biz_rt} and the answer's payload, on the session it came on. */
    private void ack(long gen, Frame frame, EventAnswer answer, long received, String traceId) {
        int code = AckPayloads.codeFor(answer);
        Duration took = Duration.ofNanos(Math.max(0, ticker.read() - received));
        byte[] bytes = codec.encode(frame.withHeader("biz_rt", String.valueOf(took.toMillis()))
                .withPayload(acks.payloadFor(answer)));
        boolean sent;
        synchronized (lock) {
            sent = gen == generation && session != null && session.send(bytes);
        }
        if (sent) {
            framesOut("ack");
            metrics.counter("pushbot_ws_acks", "code", String.valueOf(code)).increment();
            Timer.builder("pushbot_ws_ack_latency")
                    .description("From an event's (last) frame to its ack")
                    .tag("code", String.valueOf(code))
                    .register(metrics)
                    .record(took);
            log.debug("long connection {}: ack {} ({}) in {} ms, trace_id={}", deviceId(), code, answer.label(),
                    took.toMillis(), traceId);
        } else {
            metrics.counter("pushbot_ws_acks", "code", "lost").increment();
            log.info("long connection {}: ack {} ({}) not sent, the connection is gone; Feishu pushes the event"
                    + " again, trace_id={}", deviceId(), code, answer.label(), traceId);
        }
    }

    // ---- the session's callbacks ----

    /** The callbacks of one session; they act only while that session is the current one. */
    private final class Listener implements Transport.Listener {

        private final long gen;

        Listener(long gen) {
            this.gen = gen;
        }

        @Override
        public void opened() {
            synchronized (lock) {
                if (gen != generation || state != State.CONNECTING) {
                    return;
                }
                state = State.OPEN;
                lastReceived = ticker.read();
                connects("opened");
                log.info("long connection {} open, waiting for Feishu's pong", deviceId());
                ping();
                pingTimer = scheduler.schedule(config.pingInterval(), () -> pingTick(gen));
                watchdogTimer = scheduler.schedule(silenceLimit(), () -> watchdogTick(gen));
            }
        }

        @Override
        public void binary(byte[] bytes) {
            long now = ticker.read();
            synchronized (lock) {
                if (gen != generation || (state != State.OPEN && state != State.CONNECTED)) {
                    return;
                }
                lastReceived = now;
            }
            frame(gen, bytes, now);
        }

        @Override
        public void text() {
            framesIn("text");
        }

        @Override
        public void closed(int code, String reason) {
            synchronized (lock) {
                if (gen == generation) {
                    retryLater("closed", "Feishu closed the connection (" + code
                            + (reason.isBlank() ? "" : " " + safe(reason)) + ")");
                }
            }
        }

        @Override
        public void failed(Throwable failure, Transport.@Nullable Refusal refusal) {
            synchronized (lock) {
                if (gen != generation) {
                    return;
                }
                if (refusal == null) {
                    connects(state == State.CONNECTING ? "failed" : "dropped");
                    retryLater("failure", "the connection failed: " + failure.getClass().getSimpleName()
                            + (failure.getMessage() == null ? "" : " " + scrub(failure.getMessage())));
                    return;
                }
                String said = "status " + refusal.status() + ", autherrcode " + safe(refusal.authErrorCode())
                        + ", " + safe(refusal.message());
                if (refusal.status() == 514 && TOO_MANY_CONNECTIONS.equals(refusal.authErrorCode())) {
                    connects("too_many_connections");
                    stop(new LongConnectionException(LongConnectionException.Kind.TOO_MANY_CONNECTIONS,
                            "Feishu refused the long connection: the app already has the 50 connections it may"
                                    + " have (" + said + "); stop other copies of the bot using this app id, or"
                                    + " run fewer replicas"));
                } else if (refusal.status() == 403) {
                    connects("forbidden");
                    stop(new LongConnectionException(LongConnectionException.Kind.FORBIDDEN,
                            "Feishu refused the long connection with 403, the app is forbidden (" + said + "):"
                                    + " check in the developer console that the app is a self-built app, enabled,"
                                    + " and set to receive events over the long connection"));
                } else {
                    connects("refused");
                    retryLater("handshake", "Feishu refused the handshake (" + said + ")");
                }
            }
        }
    }

    // ---- small helpers ----

    private String deviceId() {
        synchronized (lock) {
            return url == null ? "-" : url.deviceId();
        }
    }

    /** Removes the URL's query from a text (an exception message) in case it quotes the URL. */
    private String scrub(String text) {
        EndpointCall.Result.Url current;
        synchronized (lock) {
            current = url;
        }
        String query = current == null ? null : current.url().encodedQuery();
        String scrubbed = query == null || query.isEmpty() ? text : text.replace(query, "…");
        return safe(scrubbed);
    }

    /** A peer's text made fit for one log line: controls replaced, at most 200 characters. */
    private static String safe(@Nullable String text) {
        if (text == null) {
            return "-";
        }
        String oneLine = text.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    private static int number(@Nullable String text, int absent) {
        if (text == null) {
            return absent;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }

    private void connects(String outcome) {
        metrics.counter("pushbot_ws_connects", "outcome", outcome).increment();
    }

    private void framesIn(String type) {
        metrics.counter("pushbot_ws_frames_in", "type", type).increment();
    }

    private void framesOut(String type) {
        metrics.counter("pushbot_ws_frames_out", "type", type).increment();
    }
}
