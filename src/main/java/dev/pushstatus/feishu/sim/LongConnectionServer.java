package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of Feishu's long connection (长连接), as the simulator plays it: the endpoint
 * that hands out a connection URL, the WebSocket behind it speaking protobuf {@link Pbbp2Frame}s,
 * pongs carrying the {@link ClientConfig}, events pushed as data frames (whole or in chunks) and
 * pushed again, with a new WebSocket message id, when no ack with code 200 comes within the ack
 * timeout; callbacks ({@code card.action.trigger}) are pushed once, as Feishu does not push them
 * again. Every endpoint answer, handshake refusal, connection, frame received, push and ack is
 * recorded; faults ({@link LongConnectionFault}) play on request.
 *
 * <p>Written from the protocol's description, apart from the bot's client, so that each checks
 * the other. Obtained from {@link FeishuSimulator#longConnection()}.
 */
public final class LongConnectionServer {

    public static final String ENDPOINT_PATH = "/callback/ws/endpoint";
    public static final String WS_PATH = "/sim/ws";
    /** The endpoint's code for a passing internal error: the client tries again. */
    public static final int ENDPOINT_TEMPORARY_CODE = 1000040343;
    /** The endpoint's code for a wrong app id or secret, a configuration error. */
    public static final int SECRET_INVALID_CODE = 10014;
    /** {@code handshake-autherrcode} of a handshake refused for too many connections (status 514). */
    public static final int TOO_MANY_CONNECTIONS_CODE = 1000040350;
    public static final int TOO_MANY_CONNECTIONS_STATUS = 514;

    private static final Logger log = LoggerFactory.getLogger(LongConnectionServer.class);

    private final SimCredentials credentials;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final IntSupplier port;
    private final SecureRandom random = new SecureRandom();
    private final int serviceId;

    // Settings and state, all guarded by this.
    private ClientConfig clientConfig = ClientConfig.DEFAULT;
    private Duration ackTimeout = Duration.ofSeconds(3);
    private int maxPushes = 4;
    private Duration rePushDelay = Duration.ZERO;
    private Duration connectionWait = Duration.ofSeconds(10);
    private int maxConnections = 50;
    private long nextSeqId;
    /** URLs handed out and not used yet, by ticket: each is good for one handshake. */
    private final Map<String, Issued> issued = new HashMap<>();
    /** Handshakes accepted whose connection has not opened yet, by ticket. */
    private final Map<String, Issued> accepted = new HashMap<>();
    private final Map<String, Live> open = new LinkedHashMap<>();
    private final List<Live> connections = new ArrayList<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final List<Push> pushes = new ArrayList<>();
    private final List<Ack> acks = new ArrayList<>();
    private final Map<LongConnectionFault.Site, Queue<LongConnectionFault>> once =
            new EnumMap<>(LongConnectionFault.Site.class);
    private final Set<LongConnectionFault> untilCleared = EnumSet.noneOf(LongConnectionFault.class);

    LongConnectionServer(SimCredentials credentials, ObjectMapper mapper, Clock clock, IntSupplier port) {
        this.credentials = credentials;
        this.mapper = mapper;
        this.clock = clock;
        this.port = port;
        this.serviceId = 1 + random.nextInt(1 << 30);
    }

    // ---------------------------------------------------------------- public records

    /**
     * The settings a client gets with its URL and in every pong, in seconds. A negative
     * {@code reconnectCount} means "try for ever".
     */
    public record ClientConfig(int reconnectCount, int reconnectInterval, int reconnectNonce, int pingInterval) {

        /** What Feishu hands out: ping every 120 s, reconnect every 120 s after a first wait of up to 30 s, for ever. */
        public static final ClientConfig DEFAULT = new ClientConfig(-1, 120, 30, 120);

        public ClientConfig withPingInterval(int seconds) {
            return new ClientConfig(reconnectCount, reconnectInterval, reconnectNonce, seconds);
        }

        public ClientConfig withReconnect(int count, int intervalSeconds, int nonceSeconds) {
            return new ClientConfig(count, intervalSeconds, nonceSeconds, pingInterval);
        }

        ObjectNode toJson(ObjectMapper mapper) {
            return mapper.createObjectNode().put("ReconnectCount", reconnectCount).put("ReconnectInterval", reconnectInterval)
                    .put("ReconnectNonce", reconnectNonce).put("PingInterval", pingInterval);
        }
    }

    /** One WebSocket connection, open or closed; {@code closeStatus} 1006 is an abnormal close (no close frame). */
    public record Connection(String deviceId, Instant openedAt, @Nullable Instant closedAt, @Nullable Integer closeStatus,
                             @Nullable String closeReason, boolean silent) {
        public boolean isOpen() {
            return closedAt == null;
        }
    }

    /** A handshake the simulator refused: the HTTP status and why. */
    public record Refusal(Instant at, int status, String reason) {}

    /**
     * A frame a client sent ({@code frame} is null when the bytes did not decode; {@code error} says why).
     * {@code deviceId} names the connection.
     */
    public record Received(String deviceId, Instant at, @Nullable Pbbp2Frame frame, @Nullable String error) {
        public boolean isPing() {
            return frame != null && frame.method() == Pbbp2Frame.CONTROL && "ping".equals(frame.header("type"));
        }
    }

    /**
     * An ack the client sent: its code ({@code -1} when the payload had none), the callback answer
     * ({@code data}, base64-decoded to text; null when absent), the frame itself, whether a push was
     * waiting for it ({@code matched}; false for a late, duplicate or unknown ack), and how it
     * departs from the protocol ({@code problems}: empty for an ack that echoes the pushed frame
     * with all its headers plus {@code biz_rt}).
     */
    public record Ack(String deviceId, String messageId, int code, @Nullable String data, Pbbp2Frame frame, boolean matched,
                      List<String> problems, Instant at) {
        public Ack {
            problems = List.copyOf(problems);
        }
    }

    /** What became of one push. */
    public enum PushResult {
        /** An ack came (its code may still be other than 200). */
        ACKED,
        /** Sent, but no ack came within the ack timeout. */
        NO_ACK,
        /** The chosen connection was silent ({@link LongConnectionFault#SILENT}): nothing was sent. */
        SWALLOWED,
        /** No connection was open within the connection wait: nothing was sent. */
        NO_CONNECTION
    }

    /**
     * One push of an event: its attempt (1 for the first push), the WebSocket message id (new for
     * every push), SeqID, the connection it went to (null when none), the frame type and number of
     * chunks, and its result with the ack when one came.
     */
    public record Push(int attempt, String messageId, long seqId, @Nullable String deviceId, String frameType, int chunks,
                       Instant at, PushResult result, @Nullable Ack ack) {}

    /** Everything that happened to one delivered event: its pushes in order. */
    public record Delivery(String eventJson, String frameType, int chunks, List<Push> pushes) {
        public Delivery {
            pushes = List.copyOf(pushes);
        }

        /** True when the last push was acked with code 200. */
        public boolean handled() {
            Ack ack = ack();
            return ack != null && ack.code() == 200;
        }

        /** The last push's ack, or null. */
        public @Nullable Ack ack() {
            return pushes.isEmpty() ? null : pushes.get(pushes.size() - 1).ack();
        }

        /** The callback answer of the last ack ({@code data}, decoded), or null. */
        public @Nullable String answer() {
            Ack ack = ack();
            return ack == null ? null : ack.data();
        }

        /** The acks of all pushes, in order. */
        public List<Ack> acks() {
            return pushes.stream().map(Push::ack).filter(a -> a != null).toList();
        }
    }

    // ---------------------------------------------------------------- settings

    public synchronized ClientConfig clientConfig() {
        return clientConfig;
    }

    /** The settings handed out with the next URLs and in the next pongs. */
    public synchronized void setClientConfig(ClientConfig config) {
        this.clientConfig = config;
    }

    /** How long a push waits for its ack before it counts as unanswered (3 s, as Feishu). */
    public synchronized void setAckTimeout(Duration timeout) {
        this.ackTimeout = timeout;
    }

    /** How many times an event is pushed at most, the first push included (4 unless set). */
    public synchronized void setMaxPushes(int pushes) {
        if (pushes < 1) {
            throw new IllegalArgumentException("at least one push");
        }
        this.maxPushes = pushes;
    }

    /** The pause before pushing again (none unless set; Feishu waits about 15 s, then minutes). */
    public synchronized void setRePushDelay(Duration delay) {
        this.rePushDelay = delay;
    }

    /** How long a push waits for an open connection before it counts as {@link PushResult#NO_CONNECTION} (10 s unless set). */
    public synchronized void setConnectionWait(Duration wait) {
        this.connectionWait = wait;
    }

    /** The most connections open at once; the next handshake is refused with 514 (50, as Feishu, unless set). */
    public synchronized void setMaxConnections(int max) {
        this.maxConnections = max;
    }

    /** The {@code service_id} of the URLs handed out (one per simulator). */
    public int serviceId() {
        return serviceId;
    }

    // ---------------------------------------------------------------- faults

    /** Plays the fault once (see {@link LongConnectionFault}); several queue up in order. */
    public void inject(LongConnectionFault fault) {
        List<Live> now = List.of();
        synchronized (this) {
            if (fault.site() == LongConnectionFault.Site.CONNECTION && !open.isEmpty()) {
                now = List.copyOf(open.values());
            } else {
                once.computeIfAbsent(fault.site(), s -> new ArrayDeque<>()).add(fault);
            }
        }
        now.forEach(live -> play(fault, live));
    }

    /** Plays the fault on everything it applies to, from now until {@link #clearFaults()}. */
    public void injectUntilCleared(LongConnectionFault fault) {
        List<Live> now;
        synchronized (this) {
            untilCleared.add(fault);
            now = fault.site() == LongConnectionFault.Site.CONNECTION ? List.copyOf(open.values()) : List.of();
        }
        now.forEach(live -> play(fault, live));
    }

    /** Forgets every pending and lasting fault; silent connections speak again. */
    public synchronized void clearFaults() {
        once.clear();
        untilCleared.clear();
        open.values().forEach(live -> live.silent = false);
    }

    /** Cuts every open connection now, without a close frame (as {@link LongConnectionFault#DROP} once). */
    public void dropConnections() {
        List<Live> now;
        synchronized (this) {
            now = List.copyOf(open.values());
        }
        now.forEach(live -> play(LongConnectionFault.DROP, live));
    }

    private void play(LongConnectionFault fault, Live live) {
        switch (fault) {
            case DROP -> {
                log.info("long connection {}: dropping it (no close frame)", live.deviceId);
                live.session.disconnect();
            }
            case CLOSE -> {
                log.info("long connection {}: closing it (1001)", live.deviceId);
                live.session.close(1001, "going away", Callback.NOOP);
            }
            case SILENT -> {
                log.info("long connection {}: going silent", live.deviceId);
                synchronized (this) {
                    live.silent = true;
                }
            }
            default -> throw new IllegalArgumentException(fault + " does not act on a connection");
        }
    }

    /** The fault to play at this site now, if any: a lasting one first, else the next queued one. */
    private @Nullable LongConnectionFault takeFault(LongConnectionFault.Site site) {
        for (LongConnectionFault fault : untilCleared) {
            if (fault.site() == site) {
                return fault;
            }
        }
        Queue<LongConnectionFault> queue = once.get(site);
        return queue == null ? null : queue.poll();
    }

    // ---------------------------------------------------------------- what happened

    /** Every connection so far, in the order they opened. */
    public synchronized List<Connection> connections() {
        return connections.stream().map(Live::snapshot).toList();
    }

    public synchronized List<Connection> openConnections() {
        return open.values().stream().map(Live::snapshot).toList();
    }

    public synchronized List<String> openDeviceIds() {
        return open.values().stream().map(live -> live.deviceId).toList();
    }

    public synchronized List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** Every frame received from clients, pings and acks alike, in order. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public synchronized List<Received> pings() {
        return received.stream().filter(Received::isPing).toList();
    }

    public synchronized List<Push> pushes() {
        return List.copyOf(pushes);
    }

    public synchronized List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** Waits (without polling) until exactly this many connections are open, or the timeout passed; then the open ones. */
    public synchronized List<Connection> awaitOpenConnections(int count, Duration timeout) throws InterruptedException {
        awaitUntil(() -> open.size() == count, timeout);
        return openConnections();
    }

    /** Waits until at least this many connections have opened in all, or the timeout passed; then all of them. */
    public synchronized List<Connection> awaitConnects(int atLeast, Duration timeout) throws InterruptedException {
        awaitUntil(() -> connections.size() >= atLeast, timeout);
        return connections();
    }

    /** Waits until at least this many pings have arrived in all, or the timeout passed; then all pings. */
    public synchronized List<Received> awaitPings(int atLeast, Duration timeout) throws InterruptedException {
        awaitUntil(() -> pings().size() >= atLeast, timeout);
        return pings();
    }

    /** Waits until at least this many handshakes were refused, or the timeout passed; then all refusals. */
    public synchronized List<Refusal> awaitRefusals(int atLeast, Duration timeout) throws InterruptedException {
        awaitUntil(() -> refusals.size() >= atLeast, timeout);
        return refusals();
    }

    private interface Condition {
        boolean holds();
    }

    /** Called holding the lock. */
    private void awaitUntil(Condition condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Forgets the records and faults; open connections stay open (and in {@link #connections()}). */
    public synchronized void reset() {
        connections.removeIf(live -> live.closedAt != null);
        refusals.clear();
        received.clear();
        pushes.clear();
        acks.clear();
        once.clear();
        untilCleared.clear();
        open.values().forEach(live -> live.silent = false);
    }

    // ---------------------------------------------------------------- delivering

    /** Pushes an event as one {@code type=event} frame, again until acked with 200 (see {@link #deliver(String, String, int, int)}). */
    public Delivery deliver(String eventJson) throws InterruptedException {
        return deliver(eventJson, "event", 1, currentMaxPushes());
    }

    /** Pushes an event in this many chunks ({@code sum}/{@code seq} headers), again until acked with 200. */
    public Delivery deliver(String eventJson, int chunks) throws InterruptedException {
        return deliver(eventJson, "event", chunks, currentMaxPushes());
    }

    /** Pushes a callback ({@code card.action.trigger}) as a {@code type=card} frame, once: callbacks are not pushed again. */
    public Delivery deliverCard(String callbackJson) throws InterruptedException {
        return deliver(callbackJson, "card", 1, 1);
    }

    /**
     * Pushes the JSON to a randomly chosen open connection (waiting for one up to the connection
     * wait) as {@code chunks} data frames of {@code frameType}, and waits for the ack up to the ack
     * timeout; pushes again (a new message id, to a newly chosen connection, after the re-push
     * delay) while no ack with code 200 came, at most {@code maxPushes} times in all. Blocks until
     * done; every push is recorded.
     */
    public Delivery deliver(String json, String frameType, int chunks, int maxPushes) throws InterruptedException {
        if (chunks < 1 || maxPushes < 1) {
            throw new IllegalArgumentException("at least one chunk and one push");
        }
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        Duration delay;
        synchronized (this) {
            delay = rePushDelay;
        }
        List<Push> made = new ArrayList<>();
        for (int attempt = 1; attempt <= maxPushes; attempt++) {
            if (attempt > 1 && !delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            Push push = pushOnce(attempt, payload, frameType, chunks);
            made.add(push);
            if (push.ack() != null && push.ack().code() == 200) {
                break;
            }
        }
        return new Delivery(json, frameType, chunks, made);
    }

    private synchronized int currentMaxPushes() {
        return maxPushes;
    }

    private Push pushOnce(int attempt, byte[] payload, String frameType, int chunks) throws InterruptedException {
        String messageId = UUID.randomUUID().toString();
        Live target;
        long seqId;
        long logId = 1 + (random.nextLong() >>> 2);
        Duration ackWait;
        CompletableFuture<Ack> ack = new CompletableFuture<>();
        List<Pbbp2Frame> frames;
        boolean silent;
        synchronized (this) {
            ackWait = ackTimeout;
            target = awaitTarget(connectionWait);
            seqId = ++nextSeqId;
            if (target == null) {
                return record(new Push(attempt, messageId, seqId, null, frameType, chunks, clock.instant(),
                        PushResult.NO_CONNECTION, null));
            }
            frames = chunked(payload, frameType, chunks, messageId, seqId, logId);
            pending.put(messageId, new Pending(frames.get(0), target, ack));
            silent = target.isSilent();
        }
        Instant at = clock.instant();
        if (!silent) {
            frames.forEach(frame -> target.send(frame.encode()));
        }
        Ack answer;
        try {
            answer = ack.get(ackWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer = null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("acks complete normally", e);
        } finally {
            synchronized (this) {
                pending.remove(messageId);
            }
        }
        PushResult result = answer != null ? PushResult.ACKED : silent ? PushResult.SWALLOWED : PushResult.NO_ACK;
        return record(new Push(attempt, messageId, seqId, target.deviceId, frameType, chunks, at, result, answer));
    }

    private synchronized Push record(Push push) {
        pushes.add(push);
        notifyAll();
        return push;
    }

    /** Called holding the lock: a random open connection, waiting for one if none is open. */
    private @Nullable Live awaitTarget(Duration wait) throws InterruptedException {
        awaitUntil(() -> !open.isEmpty(), wait);
        if (open.isEmpty()) {
            return null;
        }
        List<Live> candidates = List.copyOf(open.values());
        return candidates.get(random.nextInt(candidates.size()));
    }

    private List<Pbbp2Frame> chunked(byte[] payload, String frameType, int chunks, String messageId, long seqId, long logId) {
        List<Pbbp2Frame> frames = new ArrayList<>(chunks);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String timestamp = String.valueOf(clock.millis());
        for (int i = 0; i < chunks; i++) {
            int from = (int) ((long) payload.length * i / chunks);
            int to = (int) ((long) payload.length * (i + 1) / chunks);
            byte[] part = new byte[to - from];
            System.arraycopy(payload, from, part, 0, part.length);
            frames.add(Pbbp2Frame.of(seqId, logId, serviceId, Pbbp2Frame.DATA, List.of(
                    new Pbbp2Frame.Header("type", frameType),
                    new Pbbp2Frame.Header("message_id", messageId),
                    new Pbbp2Frame.Header("sum", String.valueOf(chunks)),
                    new Pbbp2Frame.Header("seq", String.valueOf(i)),
                    new Pbbp2Frame.Header("trace_id", traceId),
                    new Pbbp2Frame.Header("timestamp", timestamp)), part));
        }
        return frames;
    }

    // ---------------------------------------------------------------- the endpoint

    /** {@code POST /callback/ws/endpoint}: the answer to the body, always with HTTP 200. */
    ObjectNode endpoint(JsonNode body) {
        if (!credentials.appId().equals(body.path("AppID").asText())
                || !credentials.appSecret().equals(body.path("AppSecret").asText())) {
            return codeMsg(SECRET_INVALID_CODE, "app secret invalid");
        }
        synchronized (this) {
            LongConnectionFault fault = takeFault(LongConnectionFault.Site.ENDPOINT);
            if (fault == LongConnectionFault.ENDPOINT_TEMPORARY) {
                return codeMsg(ENDPOINT_TEMPORARY_CODE, "system busy, please try again later");
            }
            if (fault == LongConnectionFault.ENDPOINT_CONFIG_ERROR) {
                return codeMsg(SECRET_INVALID_CODE, "app secret invalid");
            }
            String deviceId = String.valueOf(7_000_000_000_000_000_000L + (random.nextLong() >>> 4) % 1_000_000_000_000_000_000L);
            Issued url = new Issued(deviceId, hex(16), hex(16));
            issued.put(url.ticket, url);
            ObjectNode answer = codeMsg(0, "ok");
            ObjectNode data = answer.putObject("data");
            data.put("URL", "ws://127.0.0.1:" + port.getAsInt() + WS_PATH + "?device_id=" + deviceId + "&service_id="
                    + serviceId + "&access_key=" + url.accessKey + "&ticket=" + url.ticket);
            data.set("ClientConfig", clientConfig.toJson(mapper));
            return answer;
        }
    }

    private ObjectNode codeMsg(int code, String msg) {
        return mapper.createObjectNode().put("code", code).put("msg", msg);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ---------------------------------------------------------------- the WebSocket

    /** A handshake refused: the HTTP status and the {@code handshake-*} headers. */
    static final class HandshakeRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final @Nullable Integer authErrorCode;

        HandshakeRefused(int status, String message, @Nullable Integer authErrorCode) {
            super(message, null, false, false);
            this.status = status;
            this.authErrorCode = authErrorCode;
        }

        /** Writes the refusal: the status, the {@code handshake-*} headers and a small JSON body. */
        void answer(Context ctx) {
            ctx.status(status).header("handshake-status", String.valueOf(status)).header("handshake-msg", getMessage());
            if (authErrorCode != null) {
                ctx.header("handshake-autherrcode", String.valueOf(authErrorCode));
            }
            ctx.contentType("application/json; charset=utf-8")
                    .result("{\"code\":" + (authErrorCode == null ? status : authErrorCode) + ",\"msg\":\"" + getMessage() + "\"}");
        }
    }

    /** Before the upgrade: the URL must be one handed out and not used yet; faults and the connection limit refuse it. */
    void beforeUpgrade(Context ctx) {
        String ticket = ctx.queryParam("ticket");
        HandshakeRefused refused;
        synchronized (this) {
            Issued url = ticket == null ? null : issued.remove(ticket);
            LongConnectionFault fault;
            if (url == null || !url.accessKey.equals(ctx.queryParam("access_key"))
                    || !url.deviceId.equals(ctx.queryParam("device_id"))) {
                refused = new HandshakeRefused(401, "invalid or used ticket: fetch a new URL for every connection", null);
            } else if ((fault = takeFault(LongConnectionFault.Site.HANDSHAKE)) == LongConnectionFault.HANDSHAKE_FORBIDDEN) {
                refused = new HandshakeRefused(403, "forbidden", null);
            } else if (fault == LongConnectionFault.HANDSHAKE_TOO_MANY || open.size() >= maxConnections) {
                refused = new HandshakeRefused(TOO_MANY_CONNECTIONS_STATUS, "too many connections",
                        TOO_MANY_CONNECTIONS_CODE);
            } else {
                accepted.put(url.ticket, url);
                return;
            }
            refusals.add(new Refusal(clock.instant(), refused.status, refused.getMessage()));
            notifyAll();
        }
        log.info("long connection handshake refused: {} {}", refused.status, refused.getMessage());
        throw refused;
    }

    /** The handlers of the WebSocket route. */
    void configure(WsConfig ws) {
        ws.onConnect(this::onConnect);
        ws.onBinaryMessage(this::onBinary);
        ws.onMessage(this::onText);
        ws.onClose(this::onClose);
        ws.onError(ctx -> log.debug("long connection error", ctx.error()));
    }

    private void onConnect(WsConnectContext ctx) {
        Live live;
        List<LongConnectionFault> faults = new ArrayList<>();
        synchronized (this) {
            Issued url = accepted.remove(String.valueOf(ctx.queryParam("ticket")));
            if (url == null) {
                ctx.closeSession(1008, "no accepted handshake");
                return;
            }
            live = new Live(ctx.sessionId(), ctx.session, url.deviceId, clock.instant());
            open.put(live.sessionId, live);
            connections.add(live);
            for (LongConnectionFault fault : untilCleared) {
                if (fault.site() == LongConnectionFault.Site.CONNECTION) {
                    faults.add(fault);
                }
            }
            LongConnectionFault next = takeFault(LongConnectionFault.Site.CONNECTION);
            if (next != null && !faults.contains(next)) {
                faults.add(next);
            }
            notifyAll();
        }
        log.info("long connection {} open", live.deviceId);
        faults.forEach(fault -> play(fault, live));
    }

    private void onText(WsMessageContext ctx) {
        log.debug("long connection: a text message, ignored as the protocol says");
    }

    private void onClose(WsCloseContext ctx) {
        synchronized (this) {
            Live live = open.remove(ctx.sessionId());
            if (live != null) {
                live.closedAt = clock.instant();
                live.closeStatus = ctx.status();
                live.closeReason = ctx.reason();
                log.info("long connection {} closed: {} {}", live.deviceId, ctx.status(), ctx.reason());
            }
            notifyAll();
        }
    }

    private void onBinary(WsBinaryMessageContext ctx) {
        ByteBuffer data = ctx.data();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        Live live;
        Pbbp2Frame frame;
        synchronized (this) {
            live = open.get(ctx.sessionId());
            if (live == null) {
                return;
            }
            try {
                frame = Pbbp2Frame.decode(bytes);
            } catch (IllegalArgumentException e) {
                received.add(new Received(live.deviceId, clock.instant(), null, e.getMessage()));
                notifyAll();
                log.info("long connection {}: a frame that does not decode: {}", live.deviceId, e.getMessage());
                return;
            }
            received.add(new Received(live.deviceId, clock.instant(), frame, null));
            notifyAll();
        }
        if (frame.method() == Pbbp2Frame.CONTROL) {
            if ("ping".equals(frame.header("type"))) {
                pong(live);
            }
        } else if (frame.method() == Pbbp2Frame.DATA) {
            ack(live, frame);
        }
    }

    private void pong(Live live) {
        byte[] config;
        synchronized (this) {
            if (live.isSilent()) {
                return;
            }
            config = clientConfig.toJson(mapper).toString().getBytes(StandardCharsets.UTF_8);
        }
        live.send(Pbbp2Frame.of(0, 0, serviceId, Pbbp2Frame.CONTROL, List.of(new Pbbp2Frame.Header("type", "pong")), config)
                .encode());
    }

    private void ack(Live live, Pbbp2Frame frame) {
        String messageId = String.valueOf(frame.header("message_id"));
        List<String> problems = new ArrayList<>();
        int code = -1;
        String data = null;
        JsonNode payload = null;
        try {
            String text = frame.payloadText();
            payload = text == null ? null : mapper.readTree(text);
        } catch (JacksonException e) {
            problems.add("the payload is not JSON");
        }
        if (payload != null && payload.path("code").isInt()) {
            code = payload.path("code").asInt();
        } else {
            problems.add("the payload has no integer code");
        }
        if (payload != null && payload.hasNonNull("data")) {
            try {
                data = new String(Base64.getDecoder().decode(payload.path("data").asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                data = payload.path("data").asText();
                problems.add("data is not base64");
            }
        }
        Ack ack;
        CompletableFuture<Ack> waiting;
        synchronized (this) {
            Pending p = pending.get(messageId);
            if (p == null) {
                problems.add("no push is waiting for message_id " + messageId + " (late, repeated or unknown)");
            } else {
                problems.addAll(departures(p, live, frame));
            }
            waiting = p == null || p.ack.isDone() ? null : p.ack;
            ack = new Ack(live.deviceId, messageId, code, data, frame, waiting != null, problems, clock.instant());
            acks.add(ack);
            notifyAll();
        }
        if (waiting != null) {
            waiting.complete(ack);
        }
    }

    /** How an ack departs from "the pushed frame, every header echoed, plus biz_rt". */
    private static List<String> departures(Pending p, Live live, Pbbp2Frame ack) {
        List<String> problems = new ArrayList<>();
        Pbbp2Frame sent = p.firstFrame;
        if (ack.seqId() != sent.seqId()) {
            problems.add("SeqID " + ack.seqId() + ", pushed " + sent.seqId());
        }
        if (ack.logId() != sent.logId()) {
            problems.add("LogID " + ack.logId() + ", pushed " + sent.logId());
        }
        if (ack.service() != sent.service()) {
            problems.add("service " + ack.service() + ", pushed " + sent.service());
        }
        Set<String> echoed = ack.headers().stream().map(Pbbp2Frame.Header::key).collect(Collectors.toSet());
        List<String> missing = sent.headers().stream().map(Pbbp2Frame.Header::key).filter(k -> !echoed.contains(k)).toList();
        if (!missing.isEmpty()) {
            problems.add("headers not echoed: " + String.join(", ", missing));
        }
        if (!echoed.contains("biz_rt")) {
            problems.add("no biz_rt header");
        }
        if (p.target != live) {
            problems.add("acked on connection " + live.deviceId + ", pushed on " + p.target.deviceId);
        }
        return problems;
    }

    /** {@code GET /sim/ws/status}: the connections, records and faults in short. */
    synchronized ObjectNode status() {
        ObjectNode status = mapper.createObjectNode();
        ArrayNode openIds = status.putArray("open");
        open.values().forEach(live -> openIds.add(live.deviceId));
        status.put("connects", connections.size()).put("refusals", refusals.size()).put("pings", pings().size())
                .put("pushes", pushes.size()).put("acks", acks.size());
        ArrayNode lasting = status.putArray("faults_until_cleared");
        untilCleared.forEach(f -> lasting.add(f.kind()));
        ArrayNode queued = status.putArray("faults_once");
        once.values().forEach(q -> q.forEach(f -> queued.add(f.kind())));
        status.set("client_config", clientConfig.toJson(mapper));
        return status;
    }

    // ---------------------------------------------------------------- internals

    private record Issued(String deviceId, String accessKey, String ticket) {}

    private record Pending(Pbbp2Frame firstFrame, Live target, CompletableFuture<Ack> ack) {}

    /** An open or closed connection; the mutable fields are guarded by the {@link LongConnectionServer}. */
    private final class Live {
        final String sessionId;
        final Session session;
        final String deviceId;
        final Instant openedAt;
        boolean silent;
        @Nullable Instant closedAt;
        @Nullable Integer closeStatus;
        @Nullable String closeReason;

        Live(String sessionId, Session session, String deviceId, Instant openedAt) {
            this.sessionId = sessionId;
            this.session = session;
            this.deviceId = deviceId;
            this.openedAt = openedAt;
        }

        /** Called holding the lock. */
        boolean isSilent() {
            return silent || untilCleared.contains(LongConnectionFault.SILENT);
        }

        Connection snapshot() {
            return new Connection(deviceId, openedAt, closedAt, closeStatus, closeReason, isSilent());
        }

        /** Sends one binary message; Jetty queues it, a failure (a closed connection) is only logged. */
        void send(byte[] bytes) {
            synchronized (this) {
                session.sendBinary(ByteBuffer.wrap(bytes), Callback.from(() -> { },
                        e -> log.debug("long connection {}: a send failed: {}", deviceId, e.toString())));
            }
        }
    }
}
