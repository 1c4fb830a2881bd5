package dev.pushstatus.it;

import dev.pushstatus.app.Application;
import dev.pushstatus.app.Config;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.SealedRequest;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The real app wired against the simulator, both on free ports, the simulator's chat started with
 * the bot as in sandbox mode ({@code /sim/say}, {@code /sim/click}), plus a client playing Feishu.
 */
final class BotHarness implements AutoCloseable {

    final SimCredentials creds;
    final FeishuSimulator sim;
    final Application bot;
    final EventFactory events;
    final EventSealer sealer;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(15)).build();
    /** Added to the bot's ticker: lets a test move the caches' time ahead without waiting. */
    private final java.util.concurrent.atomic.AtomicLong skippedNanos = new java.util.concurrent.atomic.AtomicLong();
    /** Added to the bot's clock (not the simulator's): lets a test move the watches' time ahead without waiting. */
    private final java.util.concurrent.atomic.AtomicLong clockSkippedNanos = new java.util.concurrent.atomic.AtomicLong();

    private BotHarness(SimCredentials creds, Map<String, String> extraEnv) throws Exception {
        this.creds = creds;
        Clock clock = Clock.systemUTC();
        this.sim = new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper(), clock),
                FeishuJson.newMapper(), clock).start(0);
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.putAll(sim.botEnvironment());
        env.put("PORT", "0");
        Config config = Config.fromEnv(env);
        Clock botClock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.time.Instant instant() {
                return clock.instant().plusNanos(clockSkippedNanos.get());
            }
        };
        this.bot = Application.start(config, botClock, () -> System.nanoTime() + skippedNanos.get());
        sim.startChat(URI.create(botUrl()));
        if (!bot.awaitReady(Duration.ofSeconds(10))) {
            throw new IllegalStateException("bot did not learn its identity from the simulator");
        }
        this.events = new EventFactory(creds, FeishuJson.newMapper(), clock);
        this.sealer = new EventSealer(creds, clock);
    }

    /** Moves the bot's clock and cache time ahead together (watches, freshness); the simulator's clock is untouched. */
    void skipClockAhead(Duration duration) {
        clockSkippedNanos.addAndGet(duration.toNanos());
        skippedNanos.addAndGet(duration.toNanos());
    }

    /** Moves the bot's cache time (freshness, refresh spacing, allowances) ahead; the wall clock is untouched. */
    void skipAhead(Duration duration) {
        skippedNanos.addAndGet(duration.toNanos());
    }

    static BotHarness encrypted() throws Exception {
        return new BotHarness(SimCredentials.sandbox(new SecureRandom()), Map.of());
    }

    static BotHarness plain() throws Exception {
        return new BotHarness(SimCredentials.sandbox(new SecureRandom()).withoutEncryption(), Map.of());
    }

    static BotHarness withEnv(Map<String, String> env) throws Exception {
        return new BotHarness(SimCredentials.sandbox(new SecureRandom()), env);
    }

    String botUrl() {
        return "http://127.0.0.1:" + bot.port();
    }

    /** Sends a message event as Feishu would; returns the HTTP status. */
    int deliver(EventFactory.Message message) throws IOException {
        return post("/webhook/event", sealer.seal(events.message(message))).code;
    }

    Answer post(String path, SealedRequest request) throws IOException {
        Request.Builder builder = new Request.Builder().url(botUrl() + path)
                .post(RequestBody.create(request.body(), MediaType.get("application/json; charset=utf-8")));
        request.headers().forEach(builder::header);
        return call(builder.build());
    }

    Answer get(String path) throws IOException {
        return call(new Request.Builder().url(botUrl() + path).get().build());
    }

    private Answer call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), response.body().string());
        }
    }

    record Answer(int code, String body) {}

    @Override
    public void close() {
        bot.close();
        sim.close();
    }
}
