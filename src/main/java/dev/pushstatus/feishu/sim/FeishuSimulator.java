package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Feishu Open Platform on loopback: the four endpoints the bot calls, answered as Feishu
 * answers them, every call recorded, faults played on request. Started first, it gives the bot
 * its {@link #botEnvironment()}; once the bot listens, {@link #startChat} lets the simulator play
 * the Feishu client too ({@code /sim/say}, {@code /sim/click}, the console's view of the bot).
 *
 * <p>It also serves Feishu's long connection ({@link #longConnection()}): the URL endpoint
 * {@code POST /callback/ws/endpoint} and the WebSocket {@code /sim/ws}. A bot configured with
 * {@link #longConnectionBotEnvironment()} connects there, and {@link #startChatOverLongConnection}
 * makes {@code /sim/say} and {@code /sim/click} push over it instead of POSTing to the webhook.
 */
public final class FeishuSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeishuSimulator.class);
    private static final Duration UUID_WINDOW = Duration.ofHours(1);
    private static final Duration LONG_CONNECTION_IDLE = Duration.ofMinutes(10);
    private static final long LONG_CONNECTION_MAX_MESSAGE = 4L << 20;

    private final SimCredentials credentials;
    private final NotificationFixtures fixtures;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Javalin app;
    private final Set<String> validTokens = new HashSet<>();
    private final List<RecordedCall> calls = new ArrayList<>();
    private final List<RecordedReply> replies = new ArrayList<>();
    private final Map<String, RecordedReply> repliesByUuid = new HashMap<>();
    private final Map<Fault.Endpoint, Queue<QueuedFault>> faults = new EnumMap<>(Fault.Endpoint.class);
    /** Every fault queued lately and what became of it, newest last: what the console's fault panel shows. */
    private final List<FaultRecord> faultLog = new ArrayList<>();
    private long faultSequence;
    /** Per message id, how many replies {@code /sim/replies/summary} reported last time: to tell a second reply from none. */
    private final Map<String, Integer> repliesReported = new HashMap<>();
    private int updates;
    private final SendProgress sending;
    /** Completed once, by {@link #startChat}: until then there is no bot to chat with. */
    private final CompletableFuture<SandboxChat> chat = new CompletableFuture<>();
    private final LongConnectionServer longConnection;
    private int tokenCounter;

    public FeishuSimulator(SimCredentials credentials, NotificationFixtures fixtures, ObjectMapper mapper, Clock clock) {
        this.credentials = credentials;
        this.fixtures = fixtures;
        this.mapper = mapper;
        this.clock = clock;
        this.sending = new SendProgress(clock);
        this.longConnection = new LongConnectionServer(credentials, mapper, clock, this::port);
        ConsoleRoutes console = new ConsoleRoutes(this, mapper);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.modifyWebSocketServletFactory(ws -> {
                // The client's keep-alive is its protobuf ping, every PingInterval (120 s by default).
                ws.setIdleTimeout(LONG_CONNECTION_IDLE);
                ws.setMaxBinaryMessageSize(LONG_CONNECTION_MAX_MESSAGE);
            });
            cfg.routes.post(LongConnectionServer.ENDPOINT_PATH, this::wsEndpoint);
            cfg.routes.wsBeforeUpgrade(LongConnectionServer.WS_PATH, longConnection::beforeUpgrade);
            cfg.routes.ws(LongConnectionServer.WS_PATH, longConnection::configure);
            cfg.routes.exception(LongConnectionServer.HandshakeRefused.class, (refused, ctx) -> refused.answer(ctx));
            cfg.routes.get("/sim/ws/status", this::wsStatus);
            cfg.routes.post("/sim/ws/faults", console::longConnectionFault);
            cfg.routes.delete("/sim/ws/faults", console::clearLongConnectionFaults);
            cfg.routes.post("/open-apis/auth/v3/tenant_access_token/internal", this::token);
            cfg.routes.get("/open-apis/bot/v3/info", this::botInfo);
            cfg.routes.get("/open-apis/helpdesk/v1/notifications/{id}", this::notification);
            cfg.routes.post("/open-apis/im/v1/messages/{message_id}/reply", this::reply);
            cfg.routes.patch("/open-apis/im/v1/messages/{message_id}", this::update);
            cfg.routes.post("/sim/say", ctx -> withChat(ctx, SandboxChat::say));
            cfg.routes.post("/sim/click", ctx -> withChat(ctx, SandboxChat::click));
            cfg.routes.get("/sim/metrics", ctx -> withChat(ctx, SandboxChat::metrics));
            cfg.routes.get("/sim/replies", ctx -> send(ctx, 200, mapper.valueToTree(replies())));
            cfg.routes.get("/sim/replies/summary", this::replySummary);
            cfg.routes.get("/sim/cards/latest", this::latestCard);
            cfg.routes.get("/console", console::file);
            cfg.routes.get("/console/{file}", console::file);
            cfg.routes.get("/sim/notifications", console::notifications);
            cfg.routes.post("/sim/notifications/{id}", console::change);
            cfg.routes.post("/sim/notifications/{id}/send", console::sendNow);
            cfg.routes.post("/sim/faults", console::fault);
            cfg.routes.get("/sim/faults", console::faultLog);
            cfg.routes.delete("/sim/faults", console::clearFaults);
        });
    }

    /** Starts on 127.0.0.1 at the port (0 = a free one). */
    public FeishuSimulator start(int port) {
        app.start(port);
        log.info("Feishu simulator listening on {}", baseUrl());
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    private int port() {
        return app.port();
    }

    /**
     * The environment that points a bot at this started simulator: its base URL and the
     * credentials it accepts (the Encrypt Key only when events are encrypted), in a fixed order,
     * and nothing else: no port, no bot settings. Sandbox mode, the integration tests and the
     * benchmarks all configure their bot from it.
     */
    public Map<String, String> botEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FEISHU_BASE_URL", baseUrl());
        env.put("FEISHU_APP_ID", credentials.appId());
        env.put("FEISHU_APP_SECRET", credentials.appSecret());
        env.put("FEISHU_VERIFICATION_TOKEN", credentials.verificationToken());
        if (credentials.encryptKey() != null) {
            env.put("FEISHU_ENCRYPT_KEY", credentials.encryptKey());
        }
        env.put("FEISHU_HELPDESK_ID", credentials.helpdeskId());
        env.put("FEISHU_HELPDESK_TOKEN", credentials.helpdeskToken());
        return Collections.unmodifiableMap(env);
    }

    /**
     * The environment for a bot that receives events over the long connection: the base URL, the
     * app id and secret, {@code FEISHU_EVENT_MODE=websocket} and the helpdesk credentials, in a fixed
     * order; no Verification Token and no Encrypt Key, which that mode does not use.
     */
    public Map<String, String> longConnectionBotEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FEISHU_BASE_URL", baseUrl());
        env.put("FEISHU_APP_ID", credentials.appId());
        env.put("FEISHU_APP_SECRET", credentials.appSecret());
        env.put("FEISHU_EVENT_MODE", "websocket");
        env.put("FEISHU_HELPDESK_ID", credentials.helpdeskId());
        env.put("FEISHU_HELPDESK_TOKEN", credentials.helpdeskToken());
        return Collections.unmodifiableMap(env);
    }

    /** The server side of the long connection: settings, deliveries, faults and records. */
    public LongConnectionServer longConnection() {
        return longConnection;
    }

    public SimCredentials credentials() {
        return credentials;
    }

    public NotificationFixtures fixtures() {
        return fixtures;
    }

    /**
     * Starts the chat with the bot listening at this URL (e.g. {@code http://127.0.0.1:8080}):
     * from now on {@code POST /sim/say} and {@code /sim/click} deliver to it and
     * {@code GET /sim/metrics} shows its metrics; before, they answer 503. Once per simulator.
     */
    public void startChat(URI botUrl) {
        begin(SandboxChat.overWebhook(this, botUrl, mapper, clock));
    }

    /**
     * Starts the chat with a bot connected over the long connection: from now on {@code /sim/say}
     * and {@code /sim/click} push their event once over an open connection (waiting for one up to
     * the connection wait) and answer as in webhook mode, with the ack's code as the status and, for
     * a click, the ack's decoded {@code data} as the answer. {@code GET /sim/metrics} says the
     * bot's metrics are unknown: see {@link #startChatOverLongConnection(URI)}. Once per simulator.
     */
    public void startChatOverLongConnection() {
        begin(SandboxChat.overLongConnection(this, longConnection, null, mapper, clock));
    }

    /** As {@link #startChatOverLongConnection()}; the bot's URL serves only {@code GET /sim/metrics}. */
    public void startChatOverLongConnection(URI botUrl) {
        begin(SandboxChat.overLongConnection(this, longConnection, botUrl, mapper, clock));
    }

    private void begin(SandboxChat started) {
        if (!chat.complete(started)) {
            throw new IllegalStateException("the chat has started already, " + chat.join().describe());
        }
    }

    /** Plays the fault on the next call to the endpoint (faults queue up in order). */
    public synchronized void inject(Fault.Endpoint endpoint, Fault fault) {
        inject(endpoint, fault, FaultRecord.describe(fault));
    }

    /** As {@link #inject(Fault.Endpoint, Fault)}, under a label the fault log shows (e.g. "429"). */
    public synchronized void inject(Fault.Endpoint endpoint, Fault fault, String label) {
        long seq = ++faultSequence;
        faults.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).add(new QueuedFault(seq, fault));
        faultLog.add(FaultRecord.queued(seq, endpoint, label, clock.instant()));
        while (faultLog.size() > FaultRecord.KEPT) {
            faultLog.remove(0);
        }
    }

    /** The faults queued lately, oldest first, each queued, used (played on a call) or cleared. */
    public synchronized List<FaultRecord> faultLog() {
        return List.copyOf(faultLog);
    }

    /** Drops the faults still queued for the endpoint (they show as cleared); those played stay in the log. */
    public synchronized int clearFaults(Fault.Endpoint endpoint) {
        Queue<QueuedFault> queue = faults.remove(endpoint);
        if (queue == null) {
            return 0;
        }
        queue.forEach(q -> settle(q.seq(), FaultRecord.CLEARED));
        return queue.size();
    }

    /** A fault waiting in an endpoint's queue, with its place in the log. */
    private record QueuedFault(long seq, Fault fault) {}

    private void settle(long seq, String state) {
        for (int i = 0; i < faultLog.size(); i++) {
            if (faultLog.get(i).seq() == seq) {
                faultLog.set(i, faultLog.get(i).settled(state, clock.instant()));
            }
        }
    }

    /** Makes every token issued so far invalid, as if they had expired. */
    public synchronized void expireTokens() {
        validTokens.clear();
    }

    public synchronized List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<RecordedCall> calls(String pathPrefix) {
        return calls.stream().filter(c -> c.path().startsWith(pathPrefix)).toList();
    }

    public synchronized List<RecordedReply> replies() {
        return List.copyOf(replies);
    }

    /**
     * Replaces the card of a sent reply, as Feishu does when a callback answers with a new card;
     * false when no reply has that message id.
     */
    public synchronized boolean updateCard(String newMessageId, String cardJson) {
        for (int i = 0; i < replies.size(); i++) {
            RecordedReply r = replies.get(i);
            if (r.newMessageId().equals(newMessageId)) {
                replies.set(i, new RecordedReply(r.replyToMessageId(), r.msgType(), cardJson, r.uuid(), r.newMessageId(),
                        r.at()));
                return true;
            }
        }
        return false;
    }

    /** Waits (without polling) until at least this many calls under the path prefix arrived, or the timeout passed. */
    public synchronized List<RecordedCall> awaitCalls(String pathPrefix, int atLeast, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls(pathPrefix).size() < atLeast) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return calls(pathPrefix);
    }

    /** Waits (without polling) until at least this many replies arrived, or the timeout passed. */
    public synchronized List<RecordedReply> awaitReplies(int atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (replies.size() < atLeast) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(replies);
    }

    /** Forgets calls, replies and pending faults, and the long connection's records and faults (its connections stay open). */
    public synchronized void reset() {
        calls.clear();
        replies.clear();
        repliesReported.clear();
        repliesByUuid.clear();
        updates = 0;
        faults.clear();
        faultLog.clear();
        longConnection.reset();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void token(Context ctx) throws InterruptedException {
        Optional<Fault.Error> error = begin(ctx, Fault.Endpoint.TOKEN);
        if (error.isPresent()) {
            fail(ctx, error.get());
            return;
        }
        JsonNode body = readJson(ctx.body());
        if (!credentials.appId().equals(body.path("app_id").asText())
                || !credentials.appSecret().equals(body.path("app_secret").asText())) {
            send(ctx, 400, codeMsg(10014, "app secret invalid"));
            return;
        }
        String token;
        synchronized (this) {
            token = "t-sim-" + (++tokenCounter) + "-" + UUID.randomUUID().toString().substring(0, 8);
            validTokens.add(token);
        }
        send(ctx, 200, codeMsg(0, "ok").put("tenant_access_token", token).put("expire", 7200));
    }

    private void botInfo(Context ctx) throws InterruptedException {
        if (!authorized(ctx, Fault.Endpoint.BOT_INFO)) {
            return;
        }
        ObjectNode answer = codeMsg(0, "ok");
        answer.putObject("bot").put("activate_status", 2).put("app_name", credentials.botName())
                .put("avatar_url", "").put("open_id", credentials.botOpenId()).putArray("ip_white_list");
        send(ctx, 200, answer);
    }

    private void notification(Context ctx) throws InterruptedException {
        if (!authorized(ctx, Fault.Endpoint.HELPDESK)) {
            return;
        }
        String expected = Base64.getEncoder().encodeToString(
                (credentials.helpdeskId() + ":" + credentials.helpdeskToken()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ctx.header("X-Lark-Helpdesk-Authorization"))) {
            send(ctx, 401, codeMsg(154001, "Unauthorized, please check you have the correct access"));
            return;
        }
        sending.advance(ctx.pathParam("id"), fixtures);
        Optional<ObjectNode> data = fixtures.find(ctx.pathParam("id"));
        if (data.isEmpty()) {
            send(ctx, 404, codeMsg(154004, "Resource not found"));
            return;
        }
        ObjectNode answer = codeMsg(0, "success");
        answer.set("data", data.get());
        send(ctx, 200, answer);
    }

    private void reply(Context ctx) throws InterruptedException {
        if (!authorized(ctx, Fault.Endpoint.REPLY)) {
            return;
        }
        JsonNode body = readJson(ctx.body());
        String msgType = body.path("msg_type").asText("");
        String content = body.path("content").isTextual() ? body.path("content").asText() : null;
        if (msgType.isEmpty() || content == null || ("interactive".equals(msgType) && !readJson(content).isObject())) {
            send(ctx, 400, codeMsg(230001, "invalid message content"));
            return;
        }
        String uuid = body.path("uuid").asText(null);
        RecordedReply recorded;
        synchronized (this) {
            RecordedReply earlier = uuid == null ? null : repliesByUuid.get(uuid);
            if (earlier != null && earlier.at().plus(UUID_WINDOW).isAfter(clock.instant())) {
                recorded = earlier;
            } else {
                recorded = new RecordedReply(ctx.pathParam("message_id"), msgType, content, uuid,
                        "om_sim_" + (replies.size() + 1), clock.instant());
                replies.add(recorded);
                if (uuid != null) {
                    repliesByUuid.put(uuid, recorded);
                }
                notifyAll();
            }
        }
        ObjectNode answer = codeMsg(0, "success");
        answer.putObject("data").put("message_id", recorded.newMessageId()).put("parent_id", recorded.replyToMessageId())
                .put("msg_type", msgType).put("chat_id", "oc_sim");
        send(ctx, 200, answer);
    }

    /**
     * {@code PATCH /open-apis/im/v1/messages/{message_id}}: replaces a sent card, with Feishu's rules:
     * an interactive message the bot sent, {@code update_multi} true in the new card, at most 30 KB,
     * within 14 days (230031 past them); an unknown message is 230001 with HTTP 400.
     */
    private void update(Context ctx) throws InterruptedException {
        if (!authorized(ctx, Fault.Endpoint.UPDATE)) {
            return;
        }
        JsonNode body = readJson(ctx.body());
        String content = body.path("content").isTextual() ? body.path("content").asText() : null;
        JsonNode card = content == null ? null : readJson(content);
        if (card == null || !card.isObject() || !card.path("config").path("update_multi").asBoolean(false)
                || content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 30 * 1024) {
            send(ctx, 400, codeMsg(230001, "invalid card: interactive, update_multi true, at most 30 KB"));
            return;
        }
        String id = ctx.pathParam("message_id");
        RecordedReply sent;
        synchronized (this) {
            sent = replies.stream().filter(r -> r.newMessageId().equals(id)).findFirst().orElse(null);
        }
        if (sent == null) {
            send(ctx, 400, codeMsg(230001, "message not found"));
            return;
        }
        if (sent.at().plus(Duration.ofDays(14)).isBefore(clock.instant())) {
            send(ctx, 400, codeMsg(230031, "the message is older than 14 days and can no longer be updated"));
            return;
        }
        synchronized (this) {
            updateCard(id, content);
            updates++;
            notifyAll();
        }
        ObjectNode answer = codeMsg(0, "success");
        answer.putObject("data");
        send(ctx, 200, answer);
    }

    /** Starts the push of a notification now (the console's "send it now"); false for an unknown id. */
    public boolean sendNow(String id) {
        if (fixtures.find(id).isEmpty()) {
            return false;
        }
        sending.start(id, fixtures);
        return true;
    }

    /** How many cards were updated in place by the bot (PATCH), since the start or the last reset. */
    public synchronized int updates() {
        return updates;
    }

    /**
     * {@code GET /sim/replies/summary?to=<message_id>}: in a few lines of text, the card the bot
     * replied to that message with; asked again with no new reply since, it says no second reply
     * was sent (what a redelivery of the same event must come to).
     */
    private void replySummary(Context ctx) {
        String to = ctx.queryParam("to") == null ? "" : ctx.queryParam("to");
        String lang = SandboxChat.lang(ctx);
        List<RecordedReply> matching;
        Integer before;
        synchronized (this) {
            matching = replies.stream().filter(r -> r.replyToMessageId().equals(to)).toList();
            before = repliesReported.put(to, matching.size());
        }
        String text;
        if (matching.isEmpty()) {
            text = "no reply to " + to + " (yet)";
        } else if (before != null && before == matching.size()) {
            text = "no second reply: still " + matching.size() + " repl" + (matching.size() == 1 ? "y" : "ies") + " to " + to
                    + " (a redelivered event gets its 200 and no new reply)";
        } else {
            RecordedReply last = matching.get(matching.size() - 1);
            text = "replied to " + to + " with card " + last.newMessageId() + ":\n"
                    + CardSummary.of(readJson(last.content()), lang);
        }
        ctx.contentType("text/plain; charset=utf-8").result(text + "\n");
    }

    /**
     * {@code GET /sim/cards/latest}: in a few lines of text, the last card the bot sent as it is now,
     * after any updates in place (a watched card), and how many updates the bot made so far.
     */
    private void latestCard(Context ctx) {
        RecordedReply last;
        int updated;
        synchronized (this) {
            last = replies.isEmpty() ? null : replies.get(replies.size() - 1);
            updated = updates;
        }
        String text = last == null ? "no card sent yet"
                : "card " + last.newMessageId() + " now (the bot made " + updated + " update" + (updated == 1 ? "" : "s")
                        + " in place so far):\n" + CardSummary.of(readJson(last.content()), SandboxChat.lang(ctx));
        ctx.contentType("text/plain; charset=utf-8").result(text + "\n");
    }

    /** {@code POST /callback/ws/endpoint}: recorded, a queued {@link Fault} played, then the long connection's answer. */
    private void wsEndpoint(Context ctx) throws InterruptedException {
        Optional<Fault.Error> error = begin(ctx, Fault.Endpoint.WS_ENDPOINT);
        if (error.isPresent()) {
            fail(ctx, error.get());
            return;
        }
        send(ctx, 200, longConnection.endpoint(readJson(ctx.body())));
    }

    /** {@code GET /sim/ws/status}: how the chat reaches the bot, and the long connection in short. */
    private void wsStatus(Context ctx) {
        ObjectNode status = mapper.createObjectNode()
                .put("chat", !chat.isDone() ? "not started" : chat.join().overLongConnection() ? "long connection" : "webhook");
        status.setAll(longConnection.status());
        send(ctx, 200, status);
    }

    /** Records the call, plays a queued fault; true when the caller may answer normally. */
    private boolean authorized(Context ctx, Fault.Endpoint endpoint) throws InterruptedException {
        Optional<Fault.Error> error = begin(ctx, endpoint);
        if (error.isPresent()) {
            fail(ctx, error.get());
            return false;
        }
        String auth = ctx.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            send(ctx, 400, codeMsg(99991661, "Missing access token for authorization."));
            return false;
        }
        boolean valid;
        synchronized (this) {
            valid = validTokens.contains(auth.substring("Bearer ".length()));
        }
        if (!valid) {
            fail(ctx, (Fault.Error) Fault.tokenInvalid());
            return false;
        }
        return true;
    }

    private Optional<Fault.Error> begin(Context ctx, Fault.Endpoint endpoint) throws InterruptedException {
        Fault fault;
        synchronized (this) {
            Map<String, String> headers = new LinkedHashMap<>();
            ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            calls.add(new RecordedCall(ctx.method().name(), ctx.path(), ctx.queryString(), headers, ctx.body(),
                    clock.instant()));
            notifyAll();
            Queue<QueuedFault> queue = faults.get(endpoint);
            QueuedFault next = queue == null ? null : queue.poll();
            if (next != null) {
                settle(next.seq(), FaultRecord.USED);
            }
            fault = next == null ? null : next.fault();
        }
        if (fault instanceof Fault.Delay delay) {
            // The simulator is the slow server here: blocking this request's thread is the point.
            Thread.sleep(delay.delay().toMillis());
            return Optional.empty();
        }
        return Optional.ofNullable((Fault.Error) fault);
    }

    private void fail(Context ctx, Fault.Error error) {
        error.headers().forEach(ctx::header);
        send(ctx, error.httpStatus(), codeMsg(error.code(), error.msg()));
    }

    /** A route of the chat with the bot. */
    @FunctionalInterface
    private interface ChatRoute {
        void handle(SandboxChat chat, Context ctx) throws Exception;
    }

    private void withChat(Context ctx, ChatRoute route) throws Exception {
        if (!chat.isDone()) {
            send(ctx, 503, mapper.createObjectNode().put("error", "no bot to chat with yet: the chat starts once the bot listens"));
            return;
        }
        route.handle(chat.join(), ctx);
    }

    ObjectNode codeMsg(int code, String msg) {
        return mapper.createObjectNode().put("code", code).put("msg", msg);
    }

    void send(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8")
                    .header("X-Tt-Logid", "sim" + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                    .result(mapper.writeValueAsString(body));
        } catch (JacksonException e) {
            throw new IllegalStateException("answers always serialise", e);
        }
    }

    private JsonNode readJson(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node == null ? mapper.createObjectNode() : node;
        } catch (JacksonException e) {
            return mapper.createObjectNode();
        }
    }
}
