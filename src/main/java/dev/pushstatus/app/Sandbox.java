package dev.pushstatus.app;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.SealedRequest;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sandbox mode: the bot against an in-process Feishu simulator with fresh random credentials
 * and the seed notifications, plus the lines a newcomer pastes to see a reply card.
 */
final class Sandbox implements AutoCloseable {

    /** How long the banner waits for the bot's {@code /readyz} to say 200 before it is printed anyway. */
    static final Duration READY_WAIT = Duration.ofSeconds(10);
    private static final Duration READY_POLL = Duration.ofMillis(50);
    /** How often the sandbox checks a watched notification, unless BOT_WATCH_INTERVAL says otherwise. */
    static final String SANDBOX_WATCH_INTERVAL = "10s";

    private final FeishuSimulator simulator;
    private final Application bot;
    private final List<Application> moreReplicas;

    private Sandbox(FeishuSimulator simulator, Application bot, List<Application> moreReplicas) {
        this.simulator = simulator;
        this.bot = bot;
        this.moreReplicas = List.copyOf(moreReplicas);
    }

    /** A started simulator and the configuration that points at it. */
    record Simulated(FeishuSimulator simulator, Config config) implements AutoCloseable {
        @Override
        public void close() {
            simulator.close();
        }
    }

    /**
     * Starts a simulator with fresh credentials and returns the configuration that points the bot
     * at it: the user's environment with the simulator's on top ({@link #onTop}), read as any
     * environment is.
     */
    static Simulated simulate(Map<String, String> env) {
        SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
        Clock clock = Clock.systemUTC();
        FeishuSimulator simulator = new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper(), clock),
                FeishuJson.newMapper(), clock).start(0);
        try {
            Map<String, String> feishu = overLongConnection(env)
                    ? simulator.longConnectionBotEnvironment() : simulator.botEnvironment();
            Map<String, String> merged = onTop(env, feishu);
            // A watched card should move within seconds in a demo; a real tenant keeps the 1 min default.
            merged.putIfAbsent("BOT_WATCH_INTERVAL", SANDBOX_WATCH_INTERVAL);
            return new Simulated(simulator, Config.fromEnv(merged));
        } catch (ConfigException e) {
            // Main has read the user's variables already, and the simulator's are valid: not expected.
            simulator.close();
            throw new IllegalStateException("the sandbox's configuration: " + e.getMessage(), e);
        }
    }

    /** Whether the user asked for the long connection ({@code FEISHU_EVENT_MODE=websocket}). */
    static boolean overLongConnection(Map<String, String> env) {
        try {
            return EventMode.parse(env.getOrDefault("FEISHU_EVENT_MODE", "webhook")) == EventMode.WEBSOCKET;
        } catch (ConfigException e) {
            return false; // Main has refused such a value already
        }
    }

    /** The user's environment with every {@code FEISHU_} variable replaced by the simulator's. */
    static Map<String, String> onTop(Map<String, String> userEnv, Map<String, String> simulatorEnv) {
        Map<String, String> merged = new LinkedHashMap<>(userEnv);
        merged.keySet().removeIf(name -> name.startsWith("FEISHU_"));
        merged.putAll(simulatorEnv);
        return merged;
    }

    /**
     * Starts the simulator, then the bot pointed at it, then the simulator's chat with the bot;
     * prints the lines to try once the bot's {@code /readyz} says 200, or after {@code readyWait}
     * with a warning saying what {@code /readyz} says instead.
     */
    static Sandbox start(Map<String, String> env, PrintStream out, Duration readyWait) {
        Simulated simulated = simulate(env);
        FeishuSimulator simulator = simulated.simulator();
        Application bot;
        try {
            bot = Application.start(simulated.config());
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        URI botUrl = URI.create("http://127.0.0.1:" + bot.port());
        boolean longConnection = simulated.config().eventMode() == EventMode.WEBSOCKET;
        if (longConnection) {
            simulator.startChatOverLongConnection(botUrl);
        } else {
            simulator.startChat(botUrl);
        }
        List<Application> more = new ArrayList<>();
        try {
            // More replicas of the same app (SANDBOX_REPLICAS, with REDIS_URL): the simulator's chat
            // talks to the first; the banner's curl line delivers one event to all of them.
            for (int i = 1; i < simulated.config().sandboxReplicas(); i++) {
                more.add(Application.start(simulated.config().withPort(0)));
            }
        } catch (RuntimeException e) {
            more.forEach(Application::close);
            bot.close();
            simulator.close();
            throw e;
        }
        Optional<String> notReady = awaitReadyz(botUrl, readyWait);
        printBanner(out, simulator, botUrl.toString(), longConnection, simulated.config().redisUrl() != null);
        if (!more.isEmpty()) {
            printReplicas(out, simulator, botUrl.toString(), more, simulated.config());
        }
        notReady.ifPresent(why -> {
            out.println("!! the bot is not ready yet: " + why + "; it will not reply until /readyz says 200 "
                    + "(the log above says why)");
            out.println();
        });
        return new Sandbox(simulator, bot, more);
    }

    static Sandbox start(Map<String, String> env, PrintStream out) {
        return start(env, out, READY_WAIT);
    }

    /**
     * Polls the bot's {@code /readyz} until it answers 200 (empty) or the wait is over: then what
     * it answered last, or why it did not answer.
     */
    static Optional<String> awaitReadyz(URI botUrl, Duration wait) {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
        Request readyz = new Request.Builder().url(botUrl.resolve("/readyz").toString()).build();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                String last;
                try (Response response = http.newCall(readyz).execute()) {
                    if (response.code() == 200) {
                        return Optional.empty();
                    }
                    last = "/readyz answers " + response.code() + " " + response.body().string().strip();
                } catch (IOException e) {
                    last = "/readyz did not answer (" + e.getMessage() + ")";
                }
                if (System.nanoTime() >= deadline) {
                    String waited = wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
                    return Optional.of("after " + waited + " " + last);
                }
                try {
                    Thread.sleep(READY_POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.of("interrupted while waiting, " + last);
                }
            }
        } finally {
            http.connectionPool().evictAll();
        }
    }

    private static void printBanner(PrintStream out, FeishuSimulator simulator, String botUrl, boolean longConnection,
                                    boolean onRedis) {
        Clock clock = Clock.systemUTC();
        SimCredentials creds = simulator.credentials();
        String sampleId = "6981801914270744596";
        String sim = simulator.baseUrl();
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + sampleId);
        // The exact bytes Feishu would send, then the simulator's word on what the bot replied:
        // run twice, the second run is a redelivery and prints that no second reply was sent.
        String signed = new EventSealer(creds, clock)
                .seal(new EventFactory(creds, FeishuJson.newMapper(), clock).message(message))
                .toCurl(botUrl + "/webhook/event", "-s -o /dev/null -w 'the bot answered HTTP %{http_code}\\n'")
                + " && curl -s '" + sim + "/sim/replies/summary?to=" + message.messageId() + "'";
        out.println();
        out.println("== push-status-bot sandbox: no FEISHU_APP_ID, so Feishu is simulated at " + simulator.baseUrl()
                + (longConnection ? "\n   events come over the long connection (FEISHU_EVENT_MODE=websocket): no webhook" : ""));
        out.println("   console: " + simulator.baseUrl() + "/console/   (open it in a browser: chat with the bot, see its cards)");
        out.println("   bot: " + botUrl + "   (health: " + botUrl + "/healthz, metrics: " + botUrl + "/metrics)");
        out.println("   sample ids: " + String.join(" ", simulator.fixtures().ids())
                + "   (404: " + NotificationFixtures.MISSING_ID + ")");
        out.println("   one per stage: scheduled 7301402215380811001, sending 7301402215380811009, delivered 7301402215380811008,"
                + " overdue 7301402215380811010, not sent yet 7301402215380811011");
        out.println();
        out.println("-- Say something to the bot as a Feishu user would; prints the reply card's headline"
                + " (&lang=zh_cn for Chinese; without format=text, the whole card JSON):");
        out.println("curl -s -X POST '" + sim + "/sim/say?chat=p2p&format=text' --data '/push-status " + sampleId + "'");
        out.println("curl -s -X POST '" + sim + "/sim/say?chat=p2p&format=text' --data '/push-status 7301402215380811001'"
                + "   # scheduled in 3 h");
        out.println("curl -s -X POST '" + sim + "/sim/say?chat=group&mention=true&format=text' --data '/help'");
        out.println();
        if (longConnection) {
            out.println("-- The simulator pushes each event down the bot's long connection and prints the ack; its state:");
            out.println("curl -s " + simulator.baseUrl() + "/sim/ws/status");
        } else {
            out.println("-- Or send Feishu's exact bytes (encrypted, signed) to the webhook; run it twice: the second is a"
                    + " redelivery, answered 200 with no second reply:");
            out.println(signed);
        }
        out.println();
        out.println("-- Watch a push go out (/push-watch keeps the card current; checked every " + SANDBOX_WATCH_INTERVAL
                + " here): start sending the scheduled one now, watch it, and ask for its card again in a minute.");
        out.println("   In the console: pick it in the helpdesk panel, press \"Send it now\", type /push-watch 7301402215380811001."
                + (onRedis ? ""
                : "\n   (No REDIS_URL: watches live in this process and end when it stops; their cards keep their last numbers.)"));
        out.println("curl -s -X POST " + sim + "/sim/notifications/7301402215380811001/send -o /dev/null"
                + " && curl -s -X POST '" + sim + "/sim/say?chat=p2p&format=text' --data '/push-watch 7301402215380811001 10m'");
        out.println("curl -s " + sim + "/sim/cards/latest   # the watched card as it is now; run it again in a minute");
        out.println();
        out.println("-- Click Refresh on the first card (om_sim_1); prints the toast and the updated card's headline:");
        out.println("curl -s -X POST '" + sim + "/sim/click?format=text' --data '{\"card_message_id\":\"om_sim_1\"}'");
        out.println();
        out.println("-- Replies the simulated Feishu received: curl -s " + simulator.baseUrl() + "/sim/replies");
        out.println();
    }

    /** Where the simulator listens (its console, its /sim endpoints). */
    String simulatorUrl() {
        return simulator.baseUrl();
    }

    /** Where the other replicas listen, and one curl line that delivers the same signed event to each of them. */
    private static void printReplicas(PrintStream out, FeishuSimulator simulator, String firstUrl, List<Application> more,
                                      Config config) {
        Clock clock = Clock.systemUTC();
        SimCredentials creds = simulator.credentials();
        EventFactory.Message message = EventFactory.Message.p2p("/push-status 6981801914270744596");
        SealedRequest sealed = new EventSealer(creds, clock)
                .seal(new EventFactory(creds, FeishuJson.newMapper(), clock).message(message));
        List<String> urls = new ArrayList<>(List.of(firstUrl));
        more.forEach(app -> urls.add("http://127.0.0.1:" + app.port()));
        out.println("-- " + urls.size() + " replicas of one app share " + config.redisWhere() + ": " + String.join(", ", urls));
        out.println("   The same event delivered to each at once (as Feishu's redeliveries may land): one replies,"
                + " the others answer 200 (answered) or 503 (still being answered elsewhere); then the reply count:");
        StringBuilder line = new StringBuilder();
        for (String url : urls) {
            line.append(sealed.toCurl(url + "/webhook/event", "-s -o /dev/null -w '" + url + " answered HTTP %{http_code}\\n'"))
                    .append(" & ");
        }
        line.append("wait; curl -s '").append(simulator.baseUrl()).append("/sim/replies/summary?to=")
                .append(message.messageId()).append("'");
        out.println(line);
        out.println();
    }

    @Override
    public void close() {
        moreReplicas.forEach(Application::close);
        bot.close();
        simulator.close();
    }
}
