package dev.pushstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.app.Application;
import dev.pushstatus.app.Config;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.api.BenchNotifications;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.SealedRequest;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bot wired against the Feishu simulator, both in this JVM on loopback ports, as the
 * integration tests wire them (encrypted, signed events; the seed fixtures).
 */
final class World implements AutoCloseable {

    static final String SEED_ID = "6981801914270744596";

    final SimCredentials creds;
    final FeishuSimulator sim;
    /** The bot's configuration, as it read it from the environment this world gave it. */
    final Config config;
    final Application bot;
    final EventFactory events;
    final EventSealer sealer;
    private final ObjectMapper mapper = FeishuJson.newMapper();

    /** A bot that receives events over the webhook. */
    World(Map<String, String> extraEnv) throws Exception {
        this(extraEnv, null);
    }

    /**
     * A bot that receives events over the webhook ({@code longConnectionAckTimeout} null) or over
     * the simulator's long connection ({@code FEISHU_EVENT_MODE=websocket}); then every event is
     * pushed once only (no re-push) and its push waits up to {@code longConnectionAckTimeout} for
     * the ack, set before the bot connects. Returns once the bot is ready (and connected).
     */
    World(Map<String, String> extraEnv, Duration longConnectionAckTimeout) throws Exception {
        this.creds = SimCredentials.sandbox(new SecureRandom());
        Clock clock = Clock.systemUTC();
        this.sim = new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper(), clock),
                FeishuJson.newMapper(), clock).start(0);
        boolean longConnection = longConnectionAckTimeout != null;
        if (longConnection) {
            sim.longConnection().setAckTimeout(longConnectionAckTimeout);
            sim.longConnection().setMaxPushes(1);
        }
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putAll(longConnection ? sim.longConnectionBotEnvironment() : sim.botEnvironment());
        env.put("PORT", "0");
        this.config = Config.fromEnv(env);
        this.bot = Application.start(config);
        if (!bot.awaitReady(Duration.ofSeconds(10))) {
            throw new IllegalStateException("bot did not become ready against the simulator");
        }
        if (longConnection && sim.longConnection().awaitOpenConnections(1, Duration.ofSeconds(10)).size() != 1) {
            throw new IllegalStateException("bot did not open its long connection to the simulator");
        }
        this.events = new EventFactory(creds, FeishuJson.newMapper(), clock);
        this.sealer = new EventSealer(creds, clock);
    }

    int port() {
        return bot.port();
    }

    /** Adds {@code count} notifications shaped like the seed example, with ids 7000000000000000000 + k. */
    List<String> addNotifications(int count) throws IOException {
        String seed = BenchNotifications.fixtureJson("seed-example.json");
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            ObjectNode data = (ObjectNode) mapper.readTree(seed);
            String id = String.valueOf(7_000_000_000_000_000_000L + k);
            ((ObjectNode) data.path("notification")).put("id", id);
            ids.add(sim.fixtures().put(mapper.writeValueAsString(data)));
        }
        return ids;
    }

    /** A fresh, signed and encrypted p2p message event asking for the notification. */
    HttpLoad.Req pushStatus(String notificationId) {
        SealedRequest sealed = sealer.seal(events.message(EventFactory.Message.p2p("/push-status " + notificationId)));
        return HttpLoad.Req.post("/webhook/event", sealed.body(), sealed.headers());
    }

    /** A fresh, plain p2p message event asking for the notification, as the long connection pushes it. */
    String pushStatusEvent(String notificationId) {
        return events.message(EventFactory.Message.p2p("/push-status " + notificationId));
    }

    /** The value of a counter or gauge on the bot's /metrics, summed over the lines that contain every filter. */
    double metric(String name, String... filters) throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name) || line.startsWith("#")) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf(' '));
            boolean all = true;
            for (String f : filters) {
                all &= series.contains(f);
            }
            if (all && (series.equals(name) || series.startsWith(name + "{"))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Override
    public void close() {
        bot.close();
        sim.close();
    }
}
