package dev.pushstatus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.app.Application;
import dev.pushstatus.app.Config;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.LongConnectionServer;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.RecordedReply;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The real app with {@code FEISHU_EVENT_MODE=websocket} against the simulator's long connection,
 * both on free ports. The simulator starts first, with small {@link #FAST} settings (they reach
 * the bot with the first endpoint answer), so that a test can inject start-up faults before
 * {@link #startBot()}.
 */
final class LongConnectionHarness implements AutoCloseable {

    /** Ping every 1 s (watchdog 31 s), reconnect forever, every 1 s, the first try after 0..1 s. */
    static final LongConnectionServer.ClientConfig FAST = new LongConnectionServer.ClientConfig(-1, 1, 1, 1);
    static final String HELPDESK = "/open-apis/helpdesk/v1/notifications/";
    static final String REPLY = "/open-apis/im/v1/messages/";
    private static final ObjectMapper JSON = new ObjectMapper();

    final SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
    final FeishuSimulator sim;
    final LongConnectionServer lc;
    final EventFactory events;
    Application bot;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

    LongConnectionHarness() {
        Clock clock = Clock.systemUTC();
        sim = new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper(), clock), FeishuJson.newMapper(), clock)
                .start(0);
        lc = sim.longConnection();
        lc.setClientConfig(FAST);
        events = new EventFactory(creds, FeishuJson.newMapper(), clock);
    }

    /** The simulator with the bot started and connected (its first pong seen) and knowing its identity. */
    static LongConnectionHarness connected() throws Exception {
        LongConnectionHarness h = new LongConnectionHarness();
        try {
            h.startBot();
            if (!h.bot.awaitReady(Duration.ofSeconds(10))) {
                throw new IllegalStateException("bot did not learn its identity from the simulator");
            }
            h.awaitReadyz(200, Duration.ofSeconds(10));
        } catch (Exception | AssertionError e) {
            h.close();
            throw e;
        }
        return h;
    }

    /** {@code Application.start} with the simulator's long-connection environment on port 0; may throw. */
    Application startBot() throws dev.pushstatus.app.ConfigException {
        Map<String, String> env = new HashMap<>(sim.longConnectionBotEnvironment());
        env.put("PORT", "0");
        bot = Application.start(Config.fromEnv(env));
        return bot;
    }

    String botUrl() {
        return "http://127.0.0.1:" + bot.port();
    }

    /** Endpoint calls ({@code POST /callback/ws/endpoint}) so far. */
    int endpointCalls() {
        return sim.calls(LongConnectionServer.ENDPOINT_PATH).size();
    }

    int helpdeskCalls() {
        return sim.calls(HELPDESK).size();
    }

    /** The codes of every ack the simulator received, in order. */
    List<Integer> ackCodes() {
        return lc.acks().stream().map(LongConnectionServer.Ack::code).toList();
    }

    Answer get(String path) throws IOException {
        return call(new Request.Builder().url(botUrl() + path).get().build());
    }

    Answer post(String path, String body) throws IOException {
        return call(new Request.Builder().url(botUrl() + path)
                .post(RequestBody.create(body, MediaType.get("application/json; charset=utf-8"))).build());
    }

    private Answer call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), response.body().string());
        }
    }

    record Answer(int code, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /**
     * Polls {@code /readyz} every 10 ms until its status satisfies the test, or the timeout passes;
     * returns the last status seen.
     */
    int awaitReadyz(IntPredicate wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status;
        do {
            status = get("/readyz").code();
            if (wanted.test(status)) {
                return status;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        return status;
    }

    int awaitReadyz(int wanted, Duration timeout) throws Exception {
        return awaitReadyz(s -> s == wanted, timeout);
    }

    /** The value of a status card's Refresh button. */
    static Map<String, String> refreshValue(RecordedReply card) throws IOException {
        JsonNode button = JSON.readTree(card.content()).path("i18n_elements").path("en_us").findValue("actions").get(0);
        Map<String, String> value = new LinkedHashMap<>();
        button.path("value").fields().forEachRemaining(e -> value.put(e.getKey(), e.getValue().asText()));
        return value;
    }

    @Override
    public void close() {
        if (bot != null) {
            bot.close();
        }
        sim.close();
    }
}
