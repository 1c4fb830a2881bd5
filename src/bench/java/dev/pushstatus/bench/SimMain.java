package dev.pushstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.api.BenchNotifications;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The Feishu simulator as a process of its own, for {@link OutsideBench}: it prints one line
 * {@code SIM <json>} (its base URL, the credentials it accepts, the environment of a webhook bot
 * and of a long-connection bot, the port of its control server) and then serves until killed.
 *
 * <p>The control server (JDK {@code HttpServer}, loopback) lets the benchmark forget recorded
 * calls, count them, add notifications, start the sandbox chat, and drive the long connection from
 * inside this process ({@link LongConnectionLoad}), so that the webhook and the long connection are
 * both driven from outside the bot's JVM.
 */
public final class SimMain {

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final FeishuSimulator sim;
    private final EventFactory events;
    private final ObjectMapper json = FeishuJson.newMapper();
    private final List<String> primed = new ArrayList<>();

    private SimMain(FeishuSimulator sim, EventFactory events) {
        this.sim = sim;
        this.events = events;
    }

    public static void main(String[] args) throws Exception {
        SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
        Clock clock = Clock.systemUTC();
        FeishuSimulator sim = new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper(), clock),
                FeishuJson.newMapper(), clock).start(0);
        sim.longConnection().setAckTimeout(ACK_TIMEOUT);
        sim.longConnection().setMaxPushes(1);
        SimMain main = new SimMain(sim, new EventFactory(creds, FeishuJson.newMapper(), clock));
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        control.setExecutor(Executors.newFixedThreadPool(4));
        control.createContext("/", main::handle);
        control.start();
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("base_url", sim.baseUrl());
        hello.put("control_port", control.getAddress().getPort());
        hello.put("credentials", creds);
        hello.put("webhook_env", sim.botEnvironment());
        hello.put("websocket_env", sim.longConnectionBotEnvironment());
        hello.put("pid", ProcessHandle.current().pid());
        System.out.println("SIM " + main.json.writeValueAsString(hello));
        System.out.flush();
        Thread.currentThread().join();
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI());
        Object answer;
        try {
            answer = switch (ex.getRequestURI().getPath()) {
                case "/reset" -> {
                    sim.reset();
                    yield Map.of("ok", true);
                }
                case "/counts" -> counts();
                case "/reply-sample" -> {
                    var replies = sim.replies();
                    yield Map.of("content", replies.isEmpty() ? "" : replies.get(replies.size() - 1).content());
                }
                case "/add-notifications" -> addNotifications(Integer.parseInt(q.get("count")));
                case "/chat" -> {
                    sim.startChat(URI.create(q.get("bot")));
                    yield Map.of("ok", true);
                }
                case "/lc" -> longConnection(q);
                default -> Map.of("error", "unknown " + ex.getRequestURI());
            };
        } catch (Exception e) {
            answer = Map.of("error", String.valueOf(e));
        }
        byte[] body = json.writeValueAsBytes(answer);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private Map<String, Object> counts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replies", sim.replies().size());
        m.put("helpdesk_gets", sim.calls("/open-apis/helpdesk").size());
        m.put("updates", sim.updates());
        m.put("calls", sim.calls().size());
        m.put("cpu_ns", cpuNanos());
        return m;
    }

    private List<String> addNotifications(int count) throws IOException {
        String seed = BenchNotifications.fixtureJson("seed-example.json");
        List<String> ids = new ArrayList<>();
        long base = 7_100_000_000_000_000_000L + System.nanoTime() % 1_000_000 * 1000;
        for (int k = 0; k < count; k++) {
            ObjectNode data = (ObjectNode) json.readTree(seed);
            ((ObjectNode) data.path("notification")).put("id", String.valueOf(base + k));
            ids.add(sim.fixtures().put(json.writeValueAsString(data)));
        }
        return ids;
    }

    /**
     * {@code /lc?kind=prime|duplicate|reply&inflight=N&max=M&seconds=S&id=ID}: events pushed over the
     * long connection from this process, each waiting for its ack. Fresh events are built before the
     * timed part; duplicates are the primed events again.
     */
    private Map<String, Object> longConnection(Map<String, String> q) throws InterruptedException {
        String kind = q.get("kind");
        int inFlight = Integer.parseInt(q.getOrDefault("inflight", "16"));
        int max = Integer.parseInt(q.getOrDefault("max", "10000"));
        double seconds = Double.parseDouble(q.getOrDefault("seconds", "4"));
        String id = q.getOrDefault("id", World.SEED_ID);
        LongConnectionLoad load = new LongConnectionLoad(sim.longConnection());
        java.util.function.IntFunction<String> make;
        if (kind.equals("duplicate")) {
            List<String> all = List.copyOf(primed);
            make = i -> all.get(i % all.size());
        } else {
            String[] fresh = new String[max];
            for (int i = 0; i < max; i++) {
                fresh[i] = events.message(EventFactory.Message.p2p("/push-status " + id));
            }
            if (kind.equals("prime")) {
                primed.clear();
                primed.addAll(List.of(fresh));
            }
            make = i -> fresh[i];
        }
        long cpu = cpuNanos();
        HttpLoad.Result r = load.run(inFlight, max, seconds, make);
        Map<String, Object> m = r.toMap();
        m.put("sim_cpu_ns", cpuNanos() - cpu);
        m.put("open_connections", sim.longConnection().openConnections().size());
        return m;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
