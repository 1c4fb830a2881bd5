package dev.pushstatus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.SealedRequest;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.BufferedReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * End-to-end figures the way the field measures them: every party its own process. The bot is
 * {@code java -jar target/push-status-bot.jar} with the Deployment's JVM flags, the Feishu
 * simulator is {@link SimMain} in a second JVM, the "bare relay" ceiling is {@link BareRelay} in a
 * third (the bot's flags), Redis is {@code redis-server}, and the load comes from {@code wrk}
 * (a C program, one Lua script replaying pre-signed request bytes), or for the long connection
 * from the simulator's process, which pushes the events itself. This JVM only orchestrates: it
 * seals the events before each run, reads every process's CPU time from {@code /proc}, and is
 * idle while a run is timed. No CPU pinning: all processes share the 2 cores, as a pod's
 * containers would on a 2-core node.
 *
 * <p>Every run is bounded by a count (the request file, or a cap per wrk thread) and by time
 * ({@code wrk -d}), on 127.0.0.1 only. Writes {@code <out>/outside.json}.
 */
public final class OutsideBench {

    static final int[] CONNECTIONS = {1, 16, 64, 256};
    static final int MAIN_CONNECTIONS = 16;
    static final int MEASURE_SECONDS = 4;
    static final int WARM_SECONDS = 1;
    static final int JIT_WARM_SECONDS = 10;
    /** Fresh events sealed per measured reply run: the run's count bound. */
    static final int MAX_FRESH = 24_000;
    /** Per wrk thread, requests of a run that replays the same bytes (redeliveries, /healthz). */
    static final int MAX_REPEATS = 400_000;
    static final int PRIMED = 256;
    static final int[] WATCHES = {10, 50};
    /** The shortest watch interval the bot accepts, so that watch checks happen within a short run. */
    static final String WATCH_INTERVAL = "10s";
    /**
     * The Deployment's JVM flags (Dockerfile ENTRYPOINT), MaxRAM standing for the pod's 384Mi limit.
     * In the pod the JVM sees 384 MiB of physical memory, less than a "server-class machine" (1792
     * MiB), so it picks the Serial collector; MaxRAM does not change that choice on a larger
     * machine, so the collector is named here.
     */
    static final List<String> DEPLOYED_FLAGS = List.of("-XX:MaxRAMPercentage=75", "-XX:MaxRAM=384m",
            "-XX:+UseSerialGC");

    private static final ObjectMapper JSON = FeishuJson.newMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long TICK_NS = 1_000_000_000L / 100;

    private final Path out;
    private final Path shippedJar;
    private final String benchClasspath;
    private final Path lua;
    private final List<Process> started = new ArrayList<>();
    private JsonNode sim;
    private Path healthFile;
    private long simPid;
    private int simControl;
    private EventFactory events;
    private EventSealer sealer;
    private int files;

    private OutsideBench(Path out, Path shippedJar, String benchClasspath) throws IOException {
        this.out = out;
        this.shippedJar = shippedJar;
        this.benchClasspath = benchClasspath;
        this.lua = out.resolve("replay.lua");
        Files.writeString(lua, LUA);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        OutsideBench bench = new OutsideBench(out, Path.of(args[1]), System.getProperty("java.class.path"));
        Map<String, Object> result;
        try {
            result = bench.run();
        } finally {
            bench.stopAll();
        }
        LoadBench.write(out.resolve("outside.json"), result);
        System.exit(0);
    }

    // ---- the run ------------------------------------------------------------------------------

    private Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("loadavg_start", loadavg());
        result.put("deployed_flags", DEPLOYED_FLAGS);
        result.put("measure_seconds", MEASURE_SECONDS);
        result.put("warm_seconds", WARM_SECONDS);
        result.put("jit_warm_seconds", JIT_WARM_SECONDS);
        result.put("max_fresh", MAX_FRESH);
        result.put("max_repeats_per_thread", MAX_REPEATS);
        result.put("wrk", wrkVersion());
        result.put("pinning", "none: every process may run on every core (taskset not used); affinity of this JVM "
                + affinity(ProcessHandle.current().pid()));
        startSim();
        List<Map<String, Object>> runs = new ArrayList<>();
        result.put("runs", runs);

        // ---- A: one bot, in memory, over the webhook; the relay beside it --------------------
        Bot bot = startBot("memory", Map.of("BOT_WATCH_INTERVAL", WATCH_INTERVAL), false);
        result.put("startup_ms", bot.startupMillis);
        Thread.sleep(3000);
        result.put("rss_idle_bytes", rss(bot.pid, "VmRSS"));
        List<byte[]> firsts = prime(bot);
        String content = control("/reply-sample").path("content").asText();
        require(!content.isEmpty(), "no reply recorded while priming");
        Path dupFile = writeRequests(firsts);
        healthFile = writeRequests(List.of(HttpLoad.Req.get("/healthz").bytes()));
        jitWarm(List.of(bot), dupFile);
        result.put("reply_content_bytes", content.getBytes(StandardCharsets.UTF_8).length);
        Relay relay = startRelay(content);
        wrk(List.of(relay.port), MAIN_CONNECTIONS, JIT_WARM_SECONDS / 2, fresh(MAX_FRESH), false, MAX_FRESH);
        control("/reset");
        RssSampler sampler = new RssSampler(bot.pid);
        if (Boolean.getBoolean("outside.quick")) {
            // For working on the bot: the profiles and the main ratios only.
            result.put("profile_reply", profile(bot, "reply", null, false));
            result.put("profile_duplicate", profile(bot, "duplicate", dupFile, true));
            runs.add(measure("healthz", "memory", "webhook", 1, MAIN_CONNECTIONS, List.of(bot), healthFile, true, null));
            runs.add(measure("duplicate", "memory", "webhook", 1, MAIN_CONNECTIONS, List.of(bot), dupFile, true, null));
            runs.add(measure("relay", "-", "webhook", 1, MAIN_CONNECTIONS, List.of(relay.asBot()), null, false, null));
            runs.add(measure("reply", "memory", "webhook", 1, MAIN_CONNECTIONS, List.of(bot), null, false, null));
            result.put("rss_load_peak_bytes", sampler.stop());
            return result;
        }
        // One connection after 16: a few seconds of each at 1 first, so the first measured run is not the
        // one that meets the last compilations.
        wrkAll(List.of(bot.port), 1, 2, healthFile, true, MAX_REPEATS, 0);
        wrkAll(List.of(bot.port), 1, 2, dupFile, true, MAX_REPEATS, 0);
        for (int c : CONNECTIONS) {
            runs.add(measure("healthz", "memory", "webhook", 1, c, List.of(bot), healthFile, true, null));
            runs.add(measure("duplicate", "memory", "webhook", 1, c, List.of(bot), dupFile, true, null));
            runs.add(measure("relay", "-", "webhook", 1, c, List.of(relay.asBot()), null, false, null));
            runs.add(measure("reply", "memory", "webhook", 1, c, List.of(bot), null, false, null));
        }
        result.put("rss_load_peak_bytes", sampler.stop());
        // Profiles come last for each bot: starting JFR retransforms JDK classes, and the code
        // recompiled after it ran measurably slower for a while (seen in trials).
        Map<String, Object> profiles = new LinkedHashMap<>();
        result.put("profiles", profiles);
        result.put("rss_hwm_bytes", rss(bot.pid, "VmHWM"));
        result.put("memory_after_load", memoryParts(bot.pid));
        // Watches: /push-watch messages (each in a chat of its own: the bot allows a few per chat),
        // signed and encrypted as the simulator signs them, then replies again.
        Map<String, Object> watches = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        control("/add-notifications?count=" + WATCHES[WATCHES.length - 1]).forEach(n -> ids.add(n.asText()));
        int watching = 0;
        double lookups0 = metric(bot.port, "pushbot_watch_lookups_total");
        long watchStart = System.nanoTime();
        long getsDuringRuns = 0;
        double runSeconds = 0;
        List<Map<String, Object>> watchRuns = new ArrayList<>();
        for (int target : WATCHES) {
            List<byte[]> asks = new ArrayList<>();
            for (; watching < target; watching++) {
                EventFactory.Message m = EventFactory.Message.p2p("/push-watch " + ids.get(watching) + " 1h");
                m = new EventFactory.Message(m.messageId(), m.chatType(), "oc_bench_watch_" + watching,
                        m.senderOpenId(), m.senderType(), m.senderTenant(), m.messageType(), m.text(), m.mentionBot());
                SealedRequest sealed = sealer.seal(events.message(m));
                asks.add(HttpLoad.Req.post("/webhook/event", sealed.body(), sealed.headers()).bytes());
            }
            HttpLoad.Result r = new HttpLoad(bot.port).run(1, asks.size(), 60, i -> new HttpLoad.Req(asks.get(i)));
            require(r.ok() == asks.size(), "starting watches: " + r.toMap());
            Thread.sleep(1000);
            Map<String, Object> m = measure("reply", "memory", "webhook", 1, MAIN_CONNECTIONS, List.of(bot), null,
                    false, null);
            m.put("watches", target);
            m.put("watches_active", metric(bot.port, "pushbot_watches_active"));
            getsDuringRuns += (long) m.get("helpdesk_gets");
            runSeconds += (double) m.get("seconds");
            watchRuns.add(m);
            runs.add(m);
        }
        double minutes = (System.nanoTime() - watchStart) / 60e9;
        watches.put("interval", WATCH_INTERVAL);
        watches.put("watch_lookups", metric(bot.port, "pushbot_watch_lookups_total") - lookups0);
        watches.put("helpdesk_gets_during_runs", getsDuringRuns);
        watches.put("run_seconds", runSeconds);
        watches.put("minutes", minutes);
        watches.put("active_watches", metric(bot.port, "pushbot_watches_active"));
        watches.put("budget_per_minute", dev.pushstatus.feishu.api.FeishuClient.HELPDESK_CALLS_PER_MINUTE);
        result.put("watches", watches);
        result.put("rss_after_watches_bytes", rss(bot.pid, "VmRSS"));
        result.put("rss_hwm_after_watches_bytes", rss(bot.pid, "VmHWM"));
        profiles.put("reply", profile(bot, "reply", null, false));
        profiles.put("duplicate", profile(bot, "duplicate", dupFile, true));
        relay.stop();
        // The watching bot stays up, idle but for its watches, while the other modes run: its watch
        // lookups over that longer time give the share of the helpdesk budget the watches take.
        double watchLookupsMark = metric(bot.port, "pushbot_watch_lookups_total");
        double helpdeskMark = metric(bot.port, "pushbot_upstream_requests_seconds_count", "endpoint=\"helpdesk\"");
        long watchMarkNanos = System.nanoTime();

        // ---- B: the long connection, driven from the simulator's process ------------------------
        Bot ws = startBot("websocket", Map.of(), true);
        JsonNode primedLc = control("/lc?kind=prime&inflight=16&max=" + PRIMED + "&seconds=30");
        require(primedLc.path("ok").asLong() == PRIMED, "priming the long connection: " + primedLc);
        control("/lc?kind=reply&inflight=16&max=" + MAX_FRESH + "&seconds=" + JIT_WARM_SECONDS);
        control("/lc?kind=duplicate&inflight=16&max=" + MAX_REPEATS + "&seconds=" + JIT_WARM_SECONDS / 3);
        control("/reset");
        for (String kind : List.of("duplicate", "reply")) {
            for (int n : new int[] {1, MAIN_CONNECTIONS}) {
                runs.add(measureLongConnection(kind, n, ws));
            }
        }
        ws.stop();

        // ---- C: Redis, one replica and two -------------------------------------------------------
        if (!commandExists("redis-server")) {
            result.put("redis", "redis-server not installed");
        } else {
            int redisPort = freePort();
            Process redis = start(List.of("redis-server", "--port", Integer.toString(redisPort), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no"), Map.of(), out.resolve("redis-server.log"));
            awaitPort(redisPort);
            result.put("redis_version", redisVersion());
            Map<String, String> env = Map.of("REDIS_URL", "redis://127.0.0.1:" + redisPort,
                    "BOT_WATCH_INTERVAL", WATCH_INTERVAL);
            Bot r1 = startBot("redis-1", env, false);
            List<byte[]> redisFirsts = prime(r1);
            Path redisDups = writeRequests(redisFirsts);
            jitWarm(List.of(r1), redisDups);
            // The same replies in memory, at 1 connection, right beside: Redis's cost per message.
            runs.add(measure("reply", "redis", "webhook", 1, 1, List.of(r1), null, false, null));
            runs.add(measure("duplicate", "redis", "webhook", 1, MAIN_CONNECTIONS, List.of(r1), redisDups, true, null));
            runs.add(measure("reply", "redis", "webhook", 1, MAIN_CONNECTIONS, List.of(r1), null, false, null));
            Bot r2 = startBot("redis-2", env, false);
            jitWarm(List.of(r2), redisDups);
            runs.add(measure("healthz", "redis", "webhook", 2, MAIN_CONNECTIONS, List.of(r1, r2), healthFile, true, null));
            runs.add(measure("duplicate", "redis", "webhook", 2, MAIN_CONNECTIONS, List.of(r1, r2), redisDups, true, null));
            runs.add(measure("reply", "redis", "webhook", 2, MAIN_CONNECTIONS, List.of(r1, r2), null, false, null));
            r2.stop();
            profiles.put("reply_redis", profile(r1, "reply", null, false));
            r1.stop();
            redis.destroy();
        }
        double idleMinutes = (System.nanoTime() - watchMarkNanos) / 60e9;
        watches.put("idle_minutes", idleMinutes);
        watches.put("idle_watch_lookups", metric(bot.port, "pushbot_watch_lookups_total") - watchLookupsMark);
        watches.put("idle_helpdesk_gets", metric(bot.port, "pushbot_upstream_requests_seconds_count",
                "endpoint=\"helpdesk\"") - helpdeskMark);
        watches.put("idle_active_watches", metric(bot.port, "pushbot_watches_active"));
        bot.stop();
        result.put("loadavg_end", loadavg());
        return result;
    }

    // ---- measuring ----------------------------------------------------------------------------

    /**
     * One wrk run (after {@link #WARM_SECONDS} of the same): scenario requests at {@code connections}
     * split evenly over the targets (one wrk process per target), then the CPU every process used.
     */
    private Map<String, Object> measure(String scenario, String state, String mode, int replicas, int connections,
                                        List<Bot> targets, Path repeat, boolean cycle, Integer unused)
            throws Exception {
        List<Integer> ports = targets.stream().map(b -> b.port).toList();
        int per = Math.max(1, connections / targets.size());
        int fresh = MAX_FRESH / targets.size();
        // Warm: the same kind of requests, short.
        wrkAll(ports, per, WARM_SECONDS, repeat != null ? repeat : null, repeat != null, cycle ? MAX_REPEATS : fresh,
                repeat == null ? fresh / 4 : 0);
        control("/reset");
        Map<Long, Long> cpu0 = cpu(targets);
        double[] gc0 = gc(targets);
        long sim0 = cpuOf(simPid);
        int simPort = URI.create(sim.path("base_url").asText()).getPort();
        long closed0 = timeWait(simPort);
        long wall0 = System.nanoTime();
        List<Map<String, Object>> parts = wrkAll(ports, per, MEASURE_SECONDS, repeat, repeat != null,
                cycle ? MAX_REPEATS : fresh, repeat == null ? fresh : 0);
        double wall = (System.nanoTime() - wall0) / 1e9;
        long botCpu = 0;
        for (Bot b : targets) {
            botCpu += cpuOf(b.pid) - cpu0.get(b.pid);
        }
        long simCpu = cpuOf(simPid) - sim0;
        double[] gc1 = gc(targets);
        JsonNode counts = control("/counts");
        Map<String, Object> m = merge(parts);
        m.put("bot_gc_ms", gc1[0] - gc0[0]);
        m.put("bot_full_gcs", gc1[1] - gc0[1]);
        m.put("scenario", scenario);
        m.put("state", state);
        m.put("mode", mode);
        m.put("replicas", replicas);
        m.put("connections", per * targets.size());
        long ok = ((Number) m.get("ok")).longValue();
        m.put("bot_cpu_us_per_event", botCpu / 1e3 / Math.max(1, ok));
        m.put("bot_busy_cores", botCpu / 1e9 / wall);
        m.put("sim_cpu_us_per_event", simCpu / 1e3 / Math.max(1, ok));
        m.put("replies_recorded", counts.path("replies").asLong());
        m.put("helpdesk_gets", counts.path("helpdesk_gets").asLong());
        m.put("upstream_connections_closed", timeWait(simPort) - closed0);
        m.put("loadavg", loadavg());
        control("/reset");
        System.out.printf("gc %.0f ms (%s full); closed upstream connections %d; ", (double) m.get("bot_gc_ms"),
                m.get("bot_full_gcs"), (long) m.get("upstream_connections_closed"));
        System.out.printf("outside %-9s %-6s %-8s x%d c=%-3d %8.0f/s p50 %.2f p99 %.2f ms bot %.0f us/ev (%.2f cores) "
                        + "wrk %.0f us/ev non-2xx %s errors %s replies %d%n", scenario, state, mode, replicas,
                per * targets.size(), (double) m.get("per_second"), (double) m.get("p50_ms"), (double) m.get("p99_ms"),
                botCpu / 1e3 / Math.max(1, ok), botCpu / 1e9 / wall, (double) m.get("driver_cpu_us_per_event"),
                m.get("not_ok"), m.get("io_errors"), counts.path("replies").asLong());
        return m;
    }

    /**
     * One more run of the scenario at {@link #MAIN_CONNECTIONS} under JFR (started in the bot with
     * {@code jcmd JFR.start}, Java execution samples every 10 ms), summarised by {@link Profiles}.
     */
    private Map<String, Object> profile(Bot bot, String scenario, Path repeat, boolean cycle) throws Exception {
        Path jfr = out.resolve("profile-" + bot.name + "-" + scenario + ".jfr");
        Path settings = out.resolve("samples.jfc");
        Files.writeString(settings, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0">
                  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting>
                    <setting name="period">10 ms</setting></event>
                </configuration>
                """);
        jcmd(bot.pid, "JFR.start", "name=bench", "settings=" + settings.toAbsolutePath());
        java.time.Instant from = java.time.Instant.now();
        Map<String, Object> run = measure(scenario, bot.name, "webhook (under JFR)", 1, MAIN_CONNECTIONS, List.of(bot),
                repeat, cycle, null);
        jcmd(bot.pid, "JFR.stop", "name=bench", "filename=" + jfr.toAbsolutePath());
        Map<String, Object> summary = Profiles.summarise(jfr, from);
        summary.put("run", run);
        summary.put("file", jfr.toString());
        summary.put("sample_period_ms", 10);
        return summary;
    }

    /** Where the bot's resident memory is: heap generations and metaspace committed (jcmd GC.heap_info), threads. */
    private static Map<String, Object> memoryParts(long pid) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        String info = jcmdOutput(pid, "GC.heap_info");
        long heap = 0;
        java.util.regex.Matcher gen = java.util.regex.Pattern.compile("(?m)^\\s*(\\S.*?)\\s+total (\\d+)K, used (\\d+)K")
                .matcher(info);
        while (gen.find()) {
            heap += Long.parseLong(gen.group(2)) * 1024;
        }
        m.put("heap_committed_bytes", heap);
        java.util.regex.Matcher meta = java.util.regex.Pattern.compile("Metaspace\\s+used (\\d+)K, committed (\\d+)K")
                .matcher(info);
        if (meta.find()) {
            m.put("metaspace_committed_bytes", Long.parseLong(meta.group(2)) * 1024);
        }
        m.put("rss_bytes", rss(pid, "VmRSS"));
        m.put("threads", rss(pid, "Threads") / 1024);
        m.put("heap_info", info.strip());
        return m;
    }

    private static String jcmdOutput(long pid, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = readAll(p.getInputStream());
        p.waitFor(60, TimeUnit.SECONDS);
        return text;
    }

    /** GC time (ms) and full collections so far, summed over the bots ({@code jstat -gc}); NaN when unknown. */
    private static double[] gc(List<Bot> bots) {
        double[] sum = new double[2];
        for (Bot b : bots) {
            try {
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                        Long.toString(b.pid)).redirectErrorStream(true).start();
                List<String> lines = readAll(p.getInputStream()).lines().toList();
                p.waitFor(30, TimeUnit.SECONDS);
                List<String> head = List.of(lines.get(0).trim().split("\\s+"));
                String[] values = lines.get(1).trim().split("\\s+");
                sum[0] += Double.parseDouble(values[head.indexOf("GCT")]) * 1000;
                sum[1] += Double.parseDouble(values[head.indexOf("FGC")]);
            } catch (Exception e) {
                return new double[] {Double.NaN, Double.NaN};
            }
        }
        return sum;
    }

    private static void jcmd(long pid, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = readAll(p.getInputStream());
        require(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "jcmd " + String.join(" ", args) + ": " + text);
    }

    private Map<String, Object> measureLongConnection(String kind, int inFlight, Bot bot) throws Exception {
        String q = "&inflight=" + inFlight + "&max=" + (kind.equals("reply") ? MAX_FRESH : MAX_REPEATS);
        control("/lc?kind=" + kind + q + "&seconds=" + WARM_SECONDS);
        control("/reset");
        long bot0 = cpuOf(bot.pid);
        long wall0 = System.nanoTime();
        JsonNode r = control("/lc?kind=" + kind + q + "&seconds=" + MEASURE_SECONDS);
        double wall = (System.nanoTime() - wall0) / 1e9;
        long botCpu = cpuOf(bot.pid) - bot0;
        JsonNode counts = control("/counts");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(r, LinkedHashMap.class);
        long ok = r.path("ok").asLong();
        m.put("scenario", kind);
        m.put("state", "memory");
        m.put("mode", "websocket");
        m.put("replicas", 1);
        m.put("connections", inFlight);
        m.put("bot_cpu_us_per_event", botCpu / 1e3 / Math.max(1, ok));
        m.put("bot_busy_cores", botCpu / 1e9 / wall);
        // The simulator is the driver here: its CPU is the driver's.
        m.put("sim_cpu_us_per_event", r.path("sim_cpu_ns").asLong() / 1e3 / Math.max(1, ok));
        m.put("driver_cpu_us_per_event", 0.0);
        m.put("replies_recorded", counts.path("replies").asLong());
        m.put("helpdesk_gets", counts.path("helpdesk_gets").asLong());
        m.put("loadavg", loadavg());
        control("/reset");
        System.out.printf("outside %-9s memory websocket x1 c=%-3d %8.0f/s p50 %.2f p99 %.2f ms bot %.0f us/ev (%.2f cores)%n",
                kind, inFlight, r.path("per_second").asDouble(), r.path("p50_ms").asDouble(), r.path("p99_ms").asDouble(),
                botCpu / 1e3 / Math.max(1, ok), botCpu / 1e9 / wall);
        return m;
    }

    /** wrk against every port at once, {@code perConnections} each; fresh > 0 seals that many new events per port. */
    private List<Map<String, Object>> wrkAll(List<Integer> ports, int perConnections, int seconds, Path repeat,
                                             boolean cycle, int maxPerThread, int fresh) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            files.add(repeat != null ? repeat : fresh(fresh));
        }
        List<CompletableFuture<Map<String, Object>>> runs = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            Path file = files.get(i);
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return wrk(List.of(port), perConnections, seconds, file, cycle, maxPerThread);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        for (var r : runs) {
            parts.add(r.get());
        }
        for (Path f : files) {
            if (!f.equals(repeat)) {
                Files.deleteIfExists(f);
            }
        }
        return parts;
    }

    /** One wrk process: its summary (from the Lua {@code done} hook) and its own CPU time (bash's {@code times}). */
    private Map<String, Object> wrk(List<Integer> ports, int connections, int seconds, Path requests, boolean cycle,
                                    int maxPerThread) throws Exception {
        int threads = Math.min(2, connections);
        List<String> cmd = List.of("bash", "-c", "wrk \"$@\"; rc=$?; times >&2; exit $rc", "wrk",
                "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "-s", lua.toString(),
                "http://127.0.0.1:" + ports.get(0) + "/");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("WRK_REQS", requests.toString());
        pb.environment().put("WRK_THREADS", Integer.toString(threads));
        pb.environment().put("WRK_CYCLE", cycle ? "1" : "0");
        pb.environment().put("WRK_MAX", Integer.toString(maxPerThread));
        Process p = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        String stdout = readAll(p.getInputStream());
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not stop");
        }
        String stderr = err.get();
        String line = stdout.lines().filter(l -> l.startsWith("WRKJSON ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no summary: " + stdout + stderr));
        JsonNode s = JSON.readTree(line.substring(8));
        Map<String, Object> m = new LinkedHashMap<>();
        long requestsDone = s.path("requests").asLong();
        long non2xx = s.path("status_errors").asLong();
        long io = s.path("connect").asLong() + s.path("read").asLong() + s.path("write").asLong()
                + s.path("timeout").asLong();
        double secs = s.path("duration_us").asDouble() / 1e6;
        m.put("sent", requestsDone);
        m.put("ok", requestsDone - non2xx);
        m.put("not_ok", non2xx);
        m.put("io_errors", io);
        m.put("seconds", secs);
        m.put("per_second", (requestsDone - non2xx) / secs);
        m.put("p50_ms", s.path("p50").asDouble() / 1e3);
        m.put("p90_ms", s.path("p90").asDouble() / 1e3);
        m.put("p99_ms", s.path("p99").asDouble() / 1e3);
        m.put("p999_ms", s.path("p999").asDouble() / 1e3);
        m.put("max_ms", s.path("max").asDouble() / 1e3);
        m.put("wrk_threads", threads);
        // bash's times: the second line is the children's user and system time, e.g. "0m1.234s 0m0.567s".
        List<String> times = stderr.lines().filter(l -> l.matches("\\d+m[\\d.]+s \\d+m[\\d.]+s")).toList();
        double driver = times.isEmpty() ? Double.NaN : seconds(times.get(times.size() - 1));
        m.put("driver_cpu_seconds", driver);
        return m;
    }

    /** Sums the parts of a run over several targets; latencies are the worst part's (conservative). */
    private static Map<String, Object> merge(List<Map<String, Object>> parts) {
        Map<String, Object> m = new LinkedHashMap<>();
        long sent = 0;
        long ok = 0;
        long notOk = 0;
        long io = 0;
        double perSecond = 0;
        double seconds = 0;
        double driver = 0;
        for (Map<String, Object> p : parts) {
            sent += (long) p.get("sent");
            ok += (long) p.get("ok");
            notOk += (long) p.get("not_ok");
            io += (long) p.get("io_errors");
            perSecond += (double) p.get("per_second");
            seconds = Math.max(seconds, (double) p.get("seconds"));
            driver += (double) p.get("driver_cpu_seconds");
        }
        m.put("sent", sent);
        m.put("ok", ok);
        m.put("not_ok", notOk);
        m.put("io_errors", io);
        m.put("seconds", seconds);
        m.put("per_second", perSecond);
        for (String k : List.of("p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms")) {
            m.put(k, parts.stream().mapToDouble(p -> (double) p.get(k)).max().orElse(Double.NaN));
        }
        m.put("driver_cpu_us_per_event", driver * 1e6 / Math.max(1, ok));
        m.put("wrk_processes", parts.size());
        return m;
    }

    // ---- the processes ------------------------------------------------------------------------

    private record Bot(String name, Process process, long pid, int port, long startupMillis) {
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private record Relay(Process process, long pid, int port) {
        Bot asBot() {
            return new Bot("relay", process, pid, port, 0);
        }

        void stop() {
            process.destroy();
        }
    }

    private void startSim() throws Exception {
        Process p = start(List.of(javaBin(), "-Xmx1g", "-DLOG_LEVEL=WARN", "-cp", benchClasspath,
                SimMain.class.getName()), Map.of(), null);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("SIM ")) {
                sim = JSON.readTree(line.substring(4));
                break;
            }
        }
        require(sim != null, "the simulator process printed no SIM line");
        drain(p, out.resolve("sim.log"), r);
        simPid = p.pid();
        simControl = sim.path("control_port").asInt();
        SimCredentials creds = JSON.treeToValue(sim.path("credentials"), SimCredentials.class);
        events = new EventFactory(creds, FeishuJson.newMapper(), Clock.systemUTC());
        sealer = new EventSealer(creds, Clock.systemUTC());
    }

    private Bot startBot(String name, Map<String, String> extra, boolean websocket) throws Exception {
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        sim.path(websocket ? "websocket_env" : "webhook_env").fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        // As the Deployment sets them (manifest/kubernetes/deployment.yaml).
        env.put("PORT", Integer.toString(port));
        env.put("LOG_FORMAT", "json");
        env.put("BOT_CACHE_TTL", "30s");
        env.put("BOT_TIMEZONE", "Asia/Shanghai");
        env.putAll(extra);
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(DEPLOYED_FLAGS);
        cmd.add("-jar");
        cmd.add(shippedJar.toString());
        long t0 = System.nanoTime();
        Process p = start(cmd, env, out.resolve("bot-" + name + ".log"));
        long deadline = t0 + Duration.ofSeconds(30).toNanos();
        while (true) {
            require(p.isAlive(), "bot " + name + " exited; see " + out.resolve("bot-" + name + ".log"));
            require(System.nanoTime() < deadline, "bot " + name + " not ready in 30 s");
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("outside bot %s ready in %d ms on port %d (pid %d)%n", name, ms, port, p.pid());
        return new Bot(name, p, p.pid(), port, ms);
    }

    private Relay startRelay(String content) throws Exception {
        int port = freePort();
        JsonNode c = sim.path("credentials");
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(DEPLOYED_FLAGS);
        cmd.addAll(List.of("-DLOG_LEVEL=WARN", "-cp", benchClasspath, BareRelay.class.getName(),
                sim.path("base_url").asText(), c.path("appId").asText(), c.path("appSecret").asText(), content,
                Integer.toString(port)));
        Process p = start(cmd, Map.of(), out.resolve("relay.log"));
        awaitPort(port);
        return new Relay(p, p.pid(), port);
    }

    /** The 256 messages the duplicate runs deliver again, each answered once. */
    private List<byte[]> prime(Bot bot) throws Exception {
        List<byte[]> firsts = new ArrayList<>();
        for (int i = 0; i < PRIMED; i++) {
            firsts.add(pushStatus(World.SEED_ID));
        }
        HttpLoad.Result r = new HttpLoad(bot.port).run(8, PRIMED, 30, i -> new HttpLoad.Req(firsts.get(i)));
        require(r.ok() == PRIMED, "priming " + bot.name + ": " + r.toMap());
        return firsts;
    }

    private void jitWarm(List<Bot> bots, Path dups) throws Exception {
        List<Integer> ports = bots.stream().map(b -> b.port).toList();
        wrkAll(ports, MAIN_CONNECTIONS, JIT_WARM_SECONDS, null, false, MAX_FRESH, MAX_FRESH);
        wrkAll(ports, MAIN_CONNECTIONS, JIT_WARM_SECONDS / 3, dups, true, MAX_REPEATS, 0);
        wrkAll(ports, MAIN_CONNECTIONS, JIT_WARM_SECONDS / 4, healthFile, true, MAX_REPEATS, 0);
        control("/reset");
    }

    private byte[] pushStatus(String id) {
        SealedRequest sealed = sealer.seal(events.message(EventFactory.Message.p2p("/push-status " + id)));
        return HttpLoad.Req.post("/webhook/event", sealed.body(), sealed.headers()).bytes();
    }

    /** A file of {@code count} fresh, signed and encrypted /push-status events for the seed notification. */
    private Path fresh(int count) throws IOException {
        List<byte[]> reqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reqs.add(pushStatus(World.SEED_ID));
        }
        return writeRequests(reqs);
    }

    private Path writeRequests(List<byte[]> reqs) throws IOException {
        Path f = out.resolve("requests-" + (++files) + ".bin");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
            for (byte[] r : reqs) {
                os.write((r.length + "\n").getBytes(StandardCharsets.US_ASCII));
                os.write(r);
            }
        }
        return f;
    }

    private JsonNode control(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simControl + pathAndQuery))
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode n = JSON.readTree(r.body());
        require(!n.has("error"), pathAndQuery + ": " + n);
        return n;
    }

    private static double metric(int port, String name, String... filters) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            boolean all = true;
            for (String f : filters) {
                all &= line.contains(f);
            }
            if (all && (line.startsWith(name + " ") || line.startsWith(name + "{"))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private Process start(List<String> cmd, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("FEISHU_") || k.startsWith("BOT_") || k.equals("REDIS_URL"));
        pb.environment().putAll(env);
        if (log != null) {
            pb.redirectOutput(log.toFile());
        }
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private void stopAll() {
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }

    private static void drain(Process p, Path log, BufferedReader r) {
        Thread t = new Thread(() -> {
            try (var w = Files.newBufferedWriter(log)) {
                for (String line; (line = r.readLine()) != null; ) {
                    w.write(line);
                    w.newLine();
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "drain-" + p.pid());
        t.setDaemon(true);
        t.start();
    }

    // ---- /proc --------------------------------------------------------------------------------

    private Map<Long, Long> cpu(List<Bot> bots) throws IOException {
        Map<Long, Long> m = new LinkedHashMap<>();
        for (Bot b : bots) {
            m.put(b.pid, cpuOf(b.pid));
        }
        return m;
    }

    /** utime + stime of a process (all its threads), in nanoseconds. */
    static long cpuOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NS;
    }

    static long rss(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    /** Samples a process's RSS every 100 ms until stopped; the peak. */
    private static final class RssSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        RssSampler(long pid) {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        peak.accumulateAndGet(rss(pid, "VmRSS"), Math::max);
                        Thread.sleep(100);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "rss");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }
    }

    /** Sockets in TIME-WAIT to or from the port: connections closed in the last minute. */
    static long timeWait(int port) {
        try {
            Process p = new ProcessBuilder("ss", "-Htan", "state", "time-wait", "( sport = :" + port + " or dport = :"
                    + port + " )").redirectErrorStream(true).start();
            long n = readAll(p.getInputStream()).lines().filter(l -> !l.isBlank()).count();
            p.waitFor();
            return n;
        } catch (Exception e) {
            return -1;
        }
    }

    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String affinity(long pid) {
        try {
            Process p = new ProcessBuilder("taskset", "-cp", Long.toString(pid)).redirectErrorStream(true).start();
            String s = readAll(p.getInputStream()).strip();
            p.waitFor();
            return s.isEmpty() ? "?" : s.substring(s.lastIndexOf(':') + 1).strip();
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String wrkVersion() {
        try {
            Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String s = readAll(p.getInputStream());
            p.waitFor();
            return s.lines().findFirst().orElse("wrk").strip();
        } catch (Exception e) {
            return "wrk (version unknown)";
        }
    }

    private static String redisVersion() {
        try {
            Process p = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
            String s = readAll(p.getInputStream()).strip();
            p.waitFor();
            return s;
        } catch (Exception e) {
            return "?";
        }
    }

    private static boolean commandExists(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static double seconds(String times) {
        double total = 0;
        for (String part : times.split(" ")) {
            String[] ms = part.replace("s", "").split("m");
            total += Double.parseDouble(ms[0]) * 60 + Double.parseDouble(ms[1]);
        }
        return total;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("nothing listens on " + port);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("outside benchmark: " + what);
        }
    }

    /**
     * wrk's script: each thread loads its share of the request file (records {@code <length>\n<bytes>})
     * and sends them in order; without WRK_CYCLE it stops after its last one, with it, it starts over;
     * either way it stops after WRK_MAX. {@code done} prints the summary as one JSON line.
     */
    static final String LUA = """
            local reqs = {}
            local n = 0
            local i = 0
            local sent = 0
            local cycle = false
            local max = 0
            local counter = 0
            function setup(thread)
              counter = counter + 1
              thread:set("tid", counter)
            end
            function init(args)
              local nthreads = tonumber(os.getenv("WRK_THREADS"))
              cycle = os.getenv("WRK_CYCLE") == "1"
              max = tonumber(os.getenv("WRK_MAX"))
              local f = assert(io.open(os.getenv("WRK_REQS"), "rb"))
              local data = f:read("*a")
              f:close()
              local pos = 1
              local k = 0
              while pos <= #data do
                local nl = data:find("\\n", pos, true)
                local len = tonumber(data:sub(pos, nl - 1))
                if nthreads == 1 or (k % nthreads) == (tid - 1) or (#data < 100000) then
                  n = n + 1
                  reqs[n] = data:sub(nl + 1, nl + len)
                end
                k = k + 1
                pos = nl + 1 + len
              end
            end
            function request()
              i = i + 1
              sent = sent + 1
              if i > n then
                if cycle then i = 1 else i = n; wrk.thread:stop() end
              end
              if sent >= max then wrk.thread:stop() end
              return reqs[i]
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"status_errors":%d,'
                .. '"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}\\n',
                summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write, e.timeout,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
                latency.max))
            end
            """;
}
