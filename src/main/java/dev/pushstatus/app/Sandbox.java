package dev.pushstatus.app;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sandbox mode: the bot against an in-process Feishu simulator with fresh random credentials
 * and the seed notifications, plus the lines a newcomer pastes to see a reply card.
 */
final class Sandbox implements AutoCloseable {

    private final FeishuSimulator simulator;
    private final Application bot;

    private Sandbox(FeishuSimulator simulator, Application bot) {
        this.simulator = simulator;
        this.bot = bot;
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
        FeishuSimulator simulator = new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper()),
                FeishuJson.newMapper(), Clock.systemUTC()).start(0);
        try {
            return new Simulated(simulator, Config.fromEnv(onTop(env, simulator.botEnvironment())));
        } catch (ConfigException e) {
            // Main has read the user's variables already, and the simulator's are valid: not expected.
            simulator.close();
            throw new IllegalStateException("the sandbox's configuration: " + e.getMessage(), e);
        }
    }

    /** The user's environment with every {@code FEISHU_} variable replaced by the simulator's. */
    static Map<String, String> onTop(Map<String, String> userEnv, Map<String, String> simulatorEnv) {
        Map<String, String> merged = new LinkedHashMap<>(userEnv);
        merged.keySet().removeIf(name -> name.startsWith("FEISHU_"));
        merged.putAll(simulatorEnv);
        return merged;
    }

    static Sandbox start(Map<String, String> env, PrintStream out) {
        Clock clock = Clock.systemUTC();
        Simulated simulated = simulate(env);
        FeishuSimulator simulator = simulated.simulator();
        SimCredentials creds = simulator.credentials();
        Config live = simulated.config();
        Application bot = Application.start(live);
        String botUrl = "http://127.0.0.1:" + bot.port();
        simulator.startChat(URI.create(botUrl));

        String sampleId = "6981801914270744596";
        String signed = new EventSealer(creds, clock)
                .seal(new EventFactory(creds, FeishuJson.newMapper(), clock)
                        .message(EventFactory.Message.p2p("/push-status " + sampleId)))
                .toCurl(botUrl + "/webhook/event");
        out.println();
        out.println("== push-status-bot sandbox: no FEISHU_APP_ID, so Feishu is simulated at " + simulator.baseUrl());
        out.println("   console: " + simulator.baseUrl() + "/console/   (open it in a browser: chat with the bot, see its cards)");
        out.println("   bot: " + botUrl + "   (health: " + botUrl + "/healthz, metrics: " + botUrl + "/metrics)");
        out.println("   sample ids: " + String.join(" ", simulator.fixtures().ids())
                + "   (404: " + NotificationFixtures.MISSING_ID + ")");
        out.println();
        out.println("-- Say something to the bot as a Feishu user would; prints the reply card:");
        out.println("curl -s -X POST '" + simulator.baseUrl() + "/sim/say?chat=p2p' --data '/push-status " + sampleId + "'");
        out.println("curl -s -X POST '" + simulator.baseUrl() + "/sim/say?chat=group&mention=true' --data '/help'");
        out.println();
        out.println("-- Or send Feishu's exact bytes (encrypted, signed) to the webhook; a second run is a redelivery: 200, no second reply:");
        out.println(signed);
        out.println();
        out.println("-- Click Refresh on the first card (om_sim_1); the answer carries the updated card and a toast:");
        out.println("curl -s -X POST '" + simulator.baseUrl() + "/sim/click' --data '{\"card_message_id\":\"om_sim_1\"}'");
        out.println();
        out.println("-- Replies the simulated Feishu received: curl -s " + simulator.baseUrl() + "/sim/replies");
        out.println();
        return new Sandbox(simulator, bot);
    }

    @Override
    public void close() {
        bot.close();
        simulator.close();
    }
}
