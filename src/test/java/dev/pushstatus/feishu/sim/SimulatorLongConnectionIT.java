package dev.pushstatus.feishu.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.LongConnectionServer.Ack;
import dev.pushstatus.feishu.sim.LongConnectionServer.ClientConfig;
import dev.pushstatus.feishu.sim.LongConnectionServer.Delivery;
import dev.pushstatus.feishu.sim.LongConnectionServer.PushResult;
import dev.pushstatus.feishu.sim.LongConnectionTestClient.Ending;
import dev.pushstatus.feishu.sim.LongConnectionTestClient.Frame;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's long connection (the server side) against a real WebSocket client: OkHttp with
 * the test's own frame code ({@link LongConnectionTestClient}), one fresh simulator per test.
 */
class SimulatorLongConnectionIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration SHORT = Duration.ofMillis(400);

    FeishuSimulator sim;
    LongConnectionServer lc;
    final List<LongConnectionTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = new FeishuSimulator(SimCredentials.sandbox(new SecureRandom()), NotificationFixtures.seeded(FeishuJson.newMapper(), Clock.systemUTC()),
                FeishuJson.newMapper(), Clock.systemUTC()).start(0);
        lc = sim.longConnection();
        lc.setClientConfig(new ClientConfig(-1, 2, 1, 1));
    }

    @AfterEach
    void stop() {
        clients.forEach(LongConnectionTestClient::close);
        sim.close();
    }

    LongConnectionTestClient connected() throws Exception {
        LongConnectionTestClient client = LongConnectionTestClient.connect(sim);
        clients.add(client);
        return client.awaitOpen();
    }

    LongConnectionTestClient attempt(String url) {
        LongConnectionTestClient client = LongConnectionTestClient.open(url);
        clients.add(client);
        return client;
    }

    String url() throws IOException {
        return LongConnectionTestClient.endpoint(sim, sim.credentials().appId(), sim.credentials().appSecret())
                .path("data").path("URL").asText();
    }

    static CompletableFuture<Delivery> inBackground(Callable<Delivery> delivery) {
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(delivery.call());
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        }, "deliver");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    interface Callable<T> {
        T call() throws Exception;
    }

    static Delivery join(CompletableFuture<Delivery> delivery) throws Exception {
        return delivery.get(30, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- endpoint

    @Test
    void theEndpointHandsOutAFreshUrlWithTheClientConfigAndRecordsTheCall() throws Exception {
        JsonNode answer = LongConnectionTestClient.endpoint(sim, sim.credentials().appId(), sim.credentials().appSecret());

        assertThat(answer.path("code").asInt(-1)).isZero();
        String url = answer.path("data").path("URL").asText();
        assertThat(url).matches("ws://127\\.0\\.0\\.1:" + URI.create(sim.baseUrl()).getPort()
                + "/sim/ws\\?device_id=\\d+&service_id=" + lc.serviceId() + "&access_key=[0-9a-f]{32}&ticket=[0-9a-f]{32}");
        assertThat(answer.path("data").path("ClientConfig")).isEqualTo(FeishuJson.newMapper().readTree(
                "{\"ReconnectCount\":-1,\"ReconnectInterval\":2,\"ReconnectNonce\":1,\"PingInterval\":1}"));
        assertThat(url()).as("a new URL each call").isNotEqualTo(url);

        List<RecordedCall> calls = sim.calls(LongConnectionServer.ENDPOINT_PATH);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).method()).isEqualTo("POST");
        assertThat(calls.get(0).header("locale")).isEqualTo("zh");
        assertThat(calls.get(0).body()).contains("\"AppID\":\"" + sim.credentials().appId() + "\"");
    }

    @Test
    void aWrongSecretIsAConfigurationError() throws Exception {
        JsonNode answer = LongConnectionTestClient.endpoint(sim, sim.credentials().appId(), "wrong");
        assertThat(answer.path("code").asInt()).isEqualTo(10014);
        assertThat(answer.path("msg").asText()).isEqualTo("app secret invalid");
        assertThat(answer.has("data")).isFalse();
        assertThat(LongConnectionTestClient.endpoint(sim, "cli_other", sim.credentials().appSecret()).path("code").asInt())
                .isEqualTo(10014);
    }

    @Test
    void endpointFaultsPlayOnceOrUntilCleared() throws Exception {
        String id = sim.credentials().appId();
        String secret = sim.credentials().appSecret();
        lc.inject(LongConnectionFault.ENDPOINT_TEMPORARY);
        assertThat(LongConnectionTestClient.endpoint(sim, id, secret).path("code").asInt()).isEqualTo(1000040343);
        assertThat(LongConnectionTestClient.endpoint(sim, id, secret).path("code").asInt()).isZero();

        lc.injectUntilCleared(LongConnectionFault.ENDPOINT_CONFIG_ERROR);
        assertThat(LongConnectionTestClient.endpoint(sim, id, secret).path("code").asInt()).isEqualTo(10014);
        assertThat(LongConnectionTestClient.endpoint(sim, id, secret).path("code").asInt()).isEqualTo(10014);
        lc.clearFaults();
        assertThat(LongConnectionTestClient.endpoint(sim, id, secret).path("code").asInt()).isZero();

        // The generic faults of every simulated endpoint apply too: here a slow answer.
        sim.inject(Fault.Endpoint.WS_ENDPOINT, Fault.delay(Duration.ofMillis(300)));
        long before = System.nanoTime();
        assertThat(LongConnectionTestClient.endpoint(sim, id, secret).path("code").asInt()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    // ---------------------------------------------------------------- handshake and keep-alive

    @Test
    void aConnectionOpensWithAUrlFromTheEndpointAndIsTracked() throws Exception {
        LongConnectionTestClient first = connected();
        LongConnectionTestClient second = connected();

        List<LongConnectionServer.Connection> open = lc.awaitOpenConnections(2, WAIT);
        assertThat(open).hasSize(2).allMatch(LongConnectionServer.Connection::isOpen);
        assertThat(lc.openDeviceIds()).doesNotHaveDuplicates().allMatch(id -> id.matches("\\d+"));

        first.close();
        assertThat(lc.awaitOpenConnections(1, WAIT)).hasSize(1);
        LongConnectionServer.Connection closed = lc.connections().get(0);
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.closeStatus()).isEqualTo(1000);
        assertThat(lc.connections()).hasSize(2);
        assertThat(second.ended).isNotDone();
    }

    @Test
    void anUnknownOrReusedUrlIsRefused() throws Exception {
        String url = url();
        attempt(url).awaitOpen();

        Ending reused = attempt(url).awaitEnd();
        assertThat(reused.httpStatus()).isEqualTo(401);
        assertThat(reused.headers()).containsEntry("handshake-status", "401").containsKey("handshake-msg");

        Ending forged = attempt(url().replaceAll("ticket=[0-9a-f]+", "ticket=00")).awaitEnd();
        assertThat(forged.httpStatus()).isEqualTo(401);
        assertThat(lc.refusals()).extracting(LongConnectionServer.Refusal::status).containsExactly(401, 401);
        assertThat(lc.awaitOpenConnections(1, WAIT)).hasSize(1);
    }

    @Test
    void aPingGetsAPongCarryingTheCurrentClientConfig() throws Exception {
        LongConnectionTestClient client = connected();
        client.send(Frame.ping(client.service));

        Frame pong = client.next();
        assertThat(pong.method()).isZero();
        assertThat(pong.header("type")).isEqualTo("pong");
        assertThat(pong.service()).isEqualTo(lc.serviceId());
        assertThat(FeishuJson.newMapper().readTree(pong.text())).isEqualTo(FeishuJson.newMapper().readTree(
                "{\"ReconnectCount\":-1,\"ReconnectInterval\":2,\"ReconnectNonce\":1,\"PingInterval\":1}"));

        lc.setClientConfig(ClientConfig.DEFAULT.withPingInterval(5));
        client.send(Frame.ping(client.service));
        assertThat(FeishuJson.newMapper().readTree(client.next().text()).path("PingInterval").asInt()).isEqualTo(5);
        assertThat(lc.awaitPings(2, WAIT)).hasSize(2).allMatch(r -> r.frame().service() == lc.serviceId());
    }

    @Test
    void textMessagesAndUndecodableFramesAreIgnoredAndRecorded() throws Exception {
        LongConnectionTestClient client = connected();
        client.sendText("hello");
        client.sendRaw(new byte[] {0x08});
        client.send(Frame.ping(client.service));

        assertThat(client.next().header("type")).isEqualTo("pong");
        assertThat(lc.received()).hasSize(2);
        assertThat(lc.received().get(0).frame()).isNull();
        assertThat(lc.received().get(0).error()).contains("truncated");
        assertThat(client.ended).isNotDone();
    }

    // ---------------------------------------------------------------- delivery

    @Test
    void anEventIsPushedAsADataFrameAndTheAckIsRecorded() throws Exception {
        LongConnectionTestClient client = connected();
        String event = "{\"schema\":\"2.0\",\"header\":{\"event_type\":\"im.message.receive_v1\"},\"event\":{\"t\":\"飞书\"}}";
        CompletableFuture<Delivery> delivery = inBackground(() -> lc.deliver(event));

        Frame pushed = client.next();
        assertThat(pushed.method()).isEqualTo(1);
        assertThat(pushed.service()).isEqualTo(lc.serviceId());
        assertThat(pushed.headers()).extracting(Map.Entry::getKey)
                .containsExactly("type", "message_id", "sum", "seq", "trace_id", "timestamp");
        assertThat(pushed.header("type")).isEqualTo("event");
        assertThat(pushed.header("message_id")).matches("[0-9a-f-]{36}");
        assertThat(pushed.header("sum")).isEqualTo("1");
        assertThat(pushed.header("seq")).isEqualTo("0");
        assertThat(Long.parseLong(pushed.header("timestamp"))).isPositive();
        assertThat(pushed.text()).isEqualTo(event);
        client.send(pushed.ack("{\"code\":200}"));

        Delivery done = join(delivery);
        assertThat(done.handled()).isTrue();
        assertThat(done.pushes()).hasSize(1);
        Ack ack = done.ack();
        assertThat(ack.code()).isEqualTo(200);
        assertThat(ack.data()).isNull();
        assertThat(ack.matched()).isTrue();
        assertThat(ack.problems()).isEmpty();
        assertThat(ack.messageId()).isEqualTo(pushed.header("message_id"));
        assertThat(done.pushes().get(0).seqId()).isEqualTo(pushed.seqId());
        assertThat(lc.pushes()).hasSize(1);
        assertThat(lc.acks()).containsExactly(ack);
    }

    @Test
    void anAckThatDoesNotEchoTheFrameIsAcceptedWithItsProblemsNamed() throws Exception {
        LongConnectionTestClient client = connected();
        CompletableFuture<Delivery> delivery = inBackground(() -> lc.deliver("{}"));
        Frame pushed = client.next();
        client.send(new Frame(pushed.seqId() + 1, 0, pushed.service(), 1,
                List.of(Map.entry("type", "event"), Map.entry("message_id", pushed.header("message_id"))),
                "{\"code\":200}".getBytes(StandardCharsets.UTF_8)));

        Ack ack = join(delivery).ack();
        assertThat(ack.code()).isEqualTo(200);
        assertThat(ack.problems()).anyMatch(p -> p.startsWith("SeqID")).anyMatch(p -> p.startsWith("LogID"))
                .contains("headers not echoed: sum, seq, trace_id, timestamp", "no biz_rt header");
    }

    @Test
    void noAckInTimeOrACodeOtherThan200IsPushedAgainWithANewMessageId() throws Exception {
        lc.setAckTimeout(SHORT);
        LongConnectionTestClient client = connected();
        String event = "{\"header\":{\"event_type\":\"im.message.receive_v1\"}}";
        CompletableFuture<Delivery> delivery = inBackground(() -> lc.deliver(event));

        Frame first = client.next();             // not acked
        Frame second = client.next();            // acked with 500
        client.send(second.ack("{\"code\":500}"));
        Frame third = client.next();             // acked
        client.send(third.ack("{\"code\":200}"));
        // A late ack for the first push is recorded, unmatched.
        client.send(first.ack("{\"code\":200}"));

        Delivery done = join(delivery);
        assertThat(done.handled()).isTrue();
        assertThat(done.pushes()).extracting(LongConnectionServer.Push::result)
                .containsExactly(PushResult.NO_ACK, PushResult.ACKED, PushResult.ACKED);
        assertThat(done.acks()).extracting(Ack::code).containsExactly(500, 200);
        assertThat(List.of(first, second, third)).extracting(f -> f.header("message_id")).doesNotHaveDuplicates();
        assertThat(List.of(first, second, third)).extracting(Frame::text).containsOnly(event);
        assertThat(List.of(first.seqId(), second.seqId(), third.seqId())).doesNotHaveDuplicates();

        eventually(() -> lc.acks().size() >= 3);
        Ack late = lc.acks().get(2);
        assertThat(late.matched()).isFalse();
        assertThat(late.problems()).anyMatch(p -> p.contains("no push is waiting"));
    }

    @Test
    void pushesStopAtTheMaximumAndNoConnectionIsRecorded() throws Exception {
        lc.setAckTimeout(Duration.ofMillis(200));
        lc.setMaxPushes(2);
        LongConnectionTestClient client = connected();
        Delivery ignored = lc.deliver("{}");
        assertThat(ignored.handled()).isFalse();
        assertThat(ignored.pushes()).extracting(LongConnectionServer.Push::result)
                .containsExactly(PushResult.NO_ACK, PushResult.NO_ACK);
        eventually(() -> client.frames.size() >= 2);
        assertThat(client.frames).hasSize(2);

        client.close();
        lc.awaitOpenConnections(0, WAIT);
        lc.setConnectionWait(Duration.ofMillis(100));
        Delivery nowhere = lc.deliver("{}");
        assertThat(nowhere.pushes()).extracting(LongConnectionServer.Push::result)
                .containsExactly(PushResult.NO_CONNECTION, PushResult.NO_CONNECTION);
        assertThat(nowhere.pushes()).allMatch(p -> p.deviceId() == null);
    }

    @Test
    void aChunkedEventArrivesInPartsThatJoinToTheEvent() throws Exception {
        LongConnectionTestClient client = connected();
        String event = "{\"header\":{\"event_type\":\"im.message.receive_v1\"},\"text\":\"" + "推送状态".repeat(20) + "\"}";
        CompletableFuture<Delivery> delivery = inBackground(() -> lc.deliver(event, 3));

        List<Frame> parts = List.of(client.next(), client.next(), client.next());
        assertThat(parts).extracting(f -> f.header("message_id")).containsOnly(parts.get(0).header("message_id"));
        assertThat(parts).extracting(f -> f.header("sum")).containsOnly("3");
        assertThat(parts).extracting(f -> f.header("seq")).containsExactly("0", "1", "2");
        assertThat(parts).extracting(Frame::seqId).containsOnly(parts.get(0).seqId());
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        parts.forEach(p -> joined.writeBytes(p.payload()));
        assertThat(joined.toString(StandardCharsets.UTF_8)).isEqualTo(event);
        assertThat(client.next(SHORT)).as("nothing more until the ack").isNull();
        client.send(parts.get(2).ack("{\"code\":200}"));

        Delivery done = join(delivery);
        assertThat(done.handled()).isTrue();
        assertThat(done.chunks()).isEqualTo(3);
        assertThat(done.ack().problems()).isEmpty();
    }

    @Test
    void aCardCallbackIsPushedOnceAsTypeCardAndItsAnswerDecoded() throws Exception {
        LongConnectionTestClient client = connected();
        String click = "{\"schema\":\"2.0\",\"header\":{\"event_type\":\"card.action.trigger\"}}";
        CompletableFuture<Delivery> delivery = inBackground(() -> lc.deliverCard(click));

        Frame pushed = client.next();
        assertThat(pushed.header("type")).isEqualTo("card");
        String answer = "{\"toast\":{\"type\":\"info\",\"content\":\"已刷新\"}}";
        client.send(pushed.ack("{\"code\":200,\"data\":\""
                + Base64.getEncoder().encodeToString(answer.getBytes(StandardCharsets.UTF_8)) + "\"}"));

        Delivery done = join(delivery);
        assertThat(done.answer()).isEqualTo(answer);
        assertThat(done.ack().problems()).isEmpty();

        lc.setAckTimeout(SHORT);
        Delivery unanswered = lc.deliverCard(click);
        assertThat(unanswered.pushes()).hasSize(1);
        assertThat(unanswered.handled()).isFalse();
    }

    @Test
    void eachPushGoesToOneOfTheOpenConnections() throws Exception {
        LongConnectionTestClient a = connected();
        LongConnectionTestClient b = connected();
        lc.awaitOpenConnections(2, WAIT);
        lc.setAckTimeout(Duration.ofMillis(100));
        lc.setMaxPushes(1);
        for (int i = 0; i < 20; i++) {
            lc.deliver("{}");
        }
        eventually(() -> a.frames.size() + b.frames.size() == 20);
        assertThat(a.frames.size() + b.frames.size()).isEqualTo(20);
        assertThat(a.frames).isNotEmpty();
        assertThat(b.frames).isNotEmpty();
        assertThat(lc.pushes()).extracting(LongConnectionServer.Push::deviceId).isSubsetOf(lc.openDeviceIds());
    }

    // ---------------------------------------------------------------- faults

    @Test
    void dropCutsTheConnectionWithoutACloseFrame() throws Exception {
        LongConnectionTestClient client = connected();
        lc.awaitOpenConnections(1, WAIT);
        lc.inject(LongConnectionFault.DROP);

        Ending ending = client.awaitEnd();
        assertThat(ending.closeCode()).isNull();
        assertThat(ending.failure()).isInstanceOf(EOFException.class);
        assertThat(lc.awaitOpenConnections(0, WAIT)).isEmpty();
        assertThat(lc.connections().get(0).closeStatus()).isNotEqualTo(1000).isNotEqualTo(1001);

        // Once: the next connection stays.
        LongConnectionTestClient next = connected();
        next.send(Frame.ping(next.service));
        assertThat(next.next().header("type")).isEqualTo("pong");
    }

    @Test
    void dropUntilClearedCutsEveryNewConnectionToo() throws Exception {
        lc.injectUntilCleared(LongConnectionFault.DROP);
        LongConnectionTestClient first = LongConnectionTestClient.connect(sim);
        clients.add(first);
        assertThat(first.awaitEnd().failure()).isNotNull();
        LongConnectionTestClient second = LongConnectionTestClient.connect(sim);
        clients.add(second);
        assertThat(second.awaitEnd().failure()).isNotNull();

        lc.clearFaults();
        connected();
        assertThat(lc.awaitOpenConnections(1, WAIT)).hasSize(1);
        assertThat(lc.awaitConnects(3, WAIT)).hasSize(3);
    }

    @Test
    void dropBeforeAnyConnectionCutsTheNextOne() throws Exception {
        sim.longConnection().dropConnections(); // nothing open: nothing happens
        lc.inject(LongConnectionFault.DROP);
        LongConnectionTestClient client = LongConnectionTestClient.connect(sim);
        clients.add(client);
        assertThat(client.awaitEnd().failure()).isNotNull();
        connected();
        assertThat(lc.awaitOpenConnections(1, WAIT)).hasSize(1);
    }

    @Test
    void closeEndsTheConnectionWithGoingAway() throws Exception {
        LongConnectionTestClient client = connected();
        lc.awaitOpenConnections(1, WAIT);
        lc.inject(LongConnectionFault.CLOSE);
        assertThat(client.awaitEnd().closeCode()).isEqualTo(1001);
        assertThat(lc.awaitOpenConnections(0, WAIT)).isEmpty();
    }

    @Test
    void silentStopsPongsAndSwallowsPushesUntilCleared() throws Exception {
        lc.setAckTimeout(SHORT);
        lc.setMaxPushes(1);
        LongConnectionTestClient client = connected();
        lc.awaitOpenConnections(1, WAIT);
        lc.inject(LongConnectionFault.SILENT);

        client.send(Frame.ping(client.service));
        assertThat(lc.awaitPings(1, WAIT)).hasSize(1);
        assertThat(client.next(SHORT)).isNull();
        assertThat(lc.deliver("{}").pushes().get(0).result()).isEqualTo(PushResult.SWALLOWED);
        assertThat(client.next(SHORT)).isNull();
        assertThat(lc.openConnections().get(0).silent()).isTrue();
        assertThat(client.ended).isNotDone();

        // A one-shot silence is this connection's: a new one speaks.
        LongConnectionTestClient other = connected();
        other.send(Frame.ping(other.service));
        assertThat(other.next().header("type")).isEqualTo("pong");

        lc.clearFaults();
        client.send(Frame.ping(client.service));
        assertThat(client.next().header("type")).isEqualTo("pong");
    }

    @Test
    void silentUntilClearedSilencesNewConnectionsToo() throws Exception {
        lc.injectUntilCleared(LongConnectionFault.SILENT);
        LongConnectionTestClient client = connected();
        client.send(Frame.ping(client.service));
        assertThat(client.next(SHORT)).isNull();
        lc.clearFaults();
        client.send(Frame.ping(client.service));
        assertThat(client.next().header("type")).isEqualTo("pong");
    }

    @Test
    void tooManyConnectionsRefusesTheHandshakeWith514() throws Exception {
        lc.inject(LongConnectionFault.HANDSHAKE_TOO_MANY);
        Ending refused = attempt(url()).awaitEnd();
        assertThat(refused.httpStatus()).isEqualTo(514);
        assertThat(refused.headers()).containsEntry("handshake-status", "514")
                .containsEntry("handshake-autherrcode", "1000040350").containsKey("handshake-msg");
        connected();

        // The limit itself: one connection allowed, the second refused the same way.
        lc.setMaxConnections(1);
        Ending limited = attempt(url()).awaitEnd();
        assertThat(limited.httpStatus()).isEqualTo(514);
        assertThat(limited.headers()).containsEntry("handshake-autherrcode", "1000040350");
        assertThat(lc.refusals()).extracting(LongConnectionServer.Refusal::status).containsExactly(514, 514);
    }

    @Test
    void forbiddenRefusesEveryHandshakeWith403UntilCleared() throws Exception {
        lc.injectUntilCleared(LongConnectionFault.HANDSHAKE_FORBIDDEN);
        for (int i = 0; i < 2; i++) {
            Ending refused = attempt(url()).awaitEnd();
            assertThat(refused.httpStatus()).isEqualTo(403);
            assertThat(refused.headers()).containsEntry("handshake-status", "403").doesNotContainKey("handshake-autherrcode");
        }
        lc.clearFaults();
        connected();
        assertThat(lc.awaitOpenConnections(1, WAIT)).hasSize(1);
    }

    @Test
    void faultsCanBeInjectedAndClearedOverHttp() throws Exception {
        LongConnectionTestClient client = connected();
        lc.awaitOpenConnections(1, WAIT);
        assertThat(http("POST", "/sim/ws/faults", "{\"kind\":\"nonsense\"}").statusCode()).isEqualTo(400);
        assertThat(http("POST", "/sim/ws/faults", "{\"kind\":\"silent\",\"until_cleared\":true}").statusCode()).isEqualTo(200);
        assertThat(http("POST", "/sim/ws/faults", "{\"kind\":\"endpoint-temporary\"}").statusCode()).isEqualTo(200);

        JsonNode status = FeishuJson.newMapper().readTree(http("GET", "/sim/ws/status", null).body());
        assertThat(status.path("chat").asText()).isEqualTo("not started");
        assertThat(status.path("open")).hasSize(1);
        assertThat(status.path("faults_until_cleared").toString()).isEqualTo("[\"silent\"]");
        assertThat(status.path("faults_once").toString()).isEqualTo("[\"endpoint-temporary\"]");

        client.send(Frame.ping(client.service));
        assertThat(client.next(SHORT)).isNull();
        assertThat(http("DELETE", "/sim/ws/faults", null).statusCode()).isEqualTo(200);
        client.send(Frame.ping(client.service));
        assertThat(client.next().header("type")).isEqualTo("pong");
        assertThat(LongConnectionTestClient.endpoint(sim, sim.credentials().appId(), sim.credentials().appSecret())
                .path("code").asInt()).isZero();

        assertThat(http("POST", "/sim/ws/faults", "{\"kind\":\"drop\"}").statusCode()).isEqualTo(200);
        assertThat(client.awaitEnd().failure()).isNotNull();
    }

    // ---------------------------------------------------------------- the chat over the long connection

    @Test
    void sayAndClickGoOverTheLongConnectionAndAnswerAsInWebhookMode() throws Exception {
        sim.startChatOverLongConnection();
        LongConnectionTestClient bot = connected();
        lc.awaitOpenConnections(1, WAIT);

        // The fake bot: acks the message after replying with a card, as the real bot does.
        CompletableFuture<HttpResponse<String>> said = CompletableFuture.supplyAsync(() -> call("POST", "/sim/say?chat=p2p", "/help"));
        Frame event = bot.next();
        assertThat(event.header("type")).isEqualTo("event");
        JsonNode envelope = FeishuJson.newMapper().readTree(event.text());
        assertThat(envelope.path("header").path("event_type").asText()).isEqualTo("im.message.receive_v1");
        assertThat(envelope.has("encrypt")).as("plain JSON over the long connection").isFalse();
        String messageId = envelope.path("event").path("message").path("message_id").asText();
        String card = "{\"header\":{\"title\":{\"tag\":\"plain_text\",\"content\":\"Help\"}},"
                + "\"elements\":[{\"tag\":\"action\",\"actions\":[{\"tag\":\"button\",\"value\":{\"refresh\":\"1\"}}]}]}";
        replyAsTheBot(messageId, card);
        bot.send(event.ack("{\"code\":200}"));

        HttpResponse<String> sayAnswer = said.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(sayAnswer.statusCode()).isEqualTo(200);
        JsonNode sayJson = FeishuJson.newMapper().readTree(sayAnswer.body());
        assertThat(sayJson.path("status").asInt()).isEqualTo(200);
        assertThat(sayJson.path("message_id").asText()).isEqualTo("om_sim_1");
        assertThat(sayJson.path("reply")).isEqualTo(FeishuJson.newMapper().readTree(card));

        CompletableFuture<HttpResponse<String>> clicked = CompletableFuture.supplyAsync(
                () -> call("POST", "/sim/click", "{\"card_message_id\":\"om_sim_1\"}"));
        Frame click = bot.next();
        assertThat(click.header("type")).isEqualTo("card");
        JsonNode clickEnvelope = FeishuJson.newMapper().readTree(click.text());
        assertThat(clickEnvelope.path("header").path("event_type").asText()).isEqualTo("card.action.trigger");
        assertThat(clickEnvelope.path("event").path("action").path("value").path("refresh").asText()).isEqualTo("1");
        String newCard = "{\"header\":{\"title\":{\"tag\":\"plain_text\",\"content\":\"Refreshed\"}}}";
        String answer = "{\"toast\":{\"type\":\"info\",\"content\":\"ok\"},\"card\":{\"type\":\"raw\",\"data\":" + newCard + "}}";
        bot.send(click.ack("{\"code\":200,\"data\":\""
                + Base64.getEncoder().encodeToString(answer.getBytes(StandardCharsets.UTF_8)) + "\"}"));

        JsonNode clickJson = FeishuJson.newMapper().readTree(clicked.get(WAIT.toSeconds(), TimeUnit.SECONDS).body());
        assertThat(clickJson.path("status").asInt()).isEqualTo(200);
        assertThat(clickJson.path("answer")).isEqualTo(FeishuJson.newMapper().readTree(answer));
        assertThat(sim.replies().get(0).content()).isEqualTo(FeishuJson.newMapper().readTree(newCard).toString());

        // The legacy callback is webhook only.
        assertThat(call("POST", "/sim/click", "{\"card_message_id\":\"om_sim_1\",\"legacy\":true}").statusCode())
                .isEqualTo(400);
        assertThat(FeishuJson.newMapper().readTree(http("GET", "/sim/ws/status", null).body()).path("chat").asText())
                .isEqualTo("long connection");
        assertThat(http("GET", "/sim/metrics", null).body()).startsWith("bot metrics unknown");
        assertThatThrownBy(() -> sim.startChat(URI.create("http://127.0.0.1:1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("over the long connection");
    }

    @Test
    void overTheLongConnectionSayAnswers502WhenNoBotIsConnectedOrItDoesNotAck() throws Exception {
        sim.startChatOverLongConnection();
        lc.setConnectionWait(Duration.ofMillis(200));
        HttpResponse<String> nobody = http("POST", "/sim/say?chat=p2p", "/help");
        assertThat(nobody.statusCode()).isEqualTo(502);
        assertThat(nobody.body()).contains("no bot is connected over the long connection");

        lc.setAckTimeout(SHORT);
        LongConnectionTestClient mute = connected();
        lc.awaitOpenConnections(1, WAIT);
        HttpResponse<String> unanswered = http("POST", "/sim/say?chat=p2p", "/help");
        assertThat(unanswered.statusCode()).isEqualTo(502);
        assertThat(unanswered.body()).contains("no ack");
        eventually(() -> !mute.frames.isEmpty());
        assertThat(mute.frames).as("one push, as the webhook chat POSTs once").hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    /** Waits for something the simulator or the client does on other threads (frames in flight). */
    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private void replyAsTheBot(String messageId, String card) throws Exception {
        String token = FeishuJson.newMapper().readTree(http("POST", "/open-apis/auth/v3/tenant_access_token/internal",
                "{\"app_id\":\"" + sim.credentials().appId() + "\",\"app_secret\":\"" + sim.credentials().appSecret() + "\"}")
                .body()).path("tenant_access_token").asText();
        ObjectNode body = FeishuJson.newMapper().createObjectNode().put("msg_type", "interactive").put("content", card);
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sim.baseUrl() + "/open-apis/im/v1/messages/" + messageId + "/reply"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> call(String method, String path, String body) {
        try {
            return http(method, path, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> http(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(WAIT);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
