package dev.pushstatus.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The long connection ({@code FEISHU_EVENT_MODE=websocket}) beside the webhook, in one run: two
 * bots in this JVM, each with its own simulator, one receiving events over the webhook (as
 * {@link LoadBench}) and one over the simulator's long connection (one WebSocket). For each kind
 * of event, duplicates (a message already answered, delivered again: 200, no reply) and cache-hit
 * replies (a fresh message_id asking for the one notification already cached), at each number of
 * events in flight, the two modes run one after the other (interleaved), measured the same way:
 * a driver thread per event in flight sends the next event when the last one is answered, and the
 * latency is from sending the event to its answer (the webhook's 200, the long connection's ack).
 *
 * <p>Writes {@code <out>/longconn.json}. Every run is bounded by an event count and a time limit;
 * loopback only. The long connection's simulator pushes every event once (no re-push) and waits up
 * to {@link #ACK_TIMEOUT} for its ack.
 */
public final class LongConnectionBench {

    /** Events in flight: driver threads, on one long connection, or one HTTP connection each. */
    static final int[] IN_FLIGHT = {1, 16};
    /** Per mode and kind, once, before the first measured run. */
    static final double JIT_WARMUP_SECONDS = 6;
    static final int JIT_WARMUP_IN_FLIGHT = 16;
    static final double WARMUP_SECONDS = 2;
    static final double MEASURE_SECONDS = 8;
    /** Cap per run of duplicates (the same events again and again). */
    static final int MAX_DUPLICATES = 100_000;
    /** Cap per run of fresh events, built (and sealed, for the webhook) before the run starts. */
    static final int MAX_FRESH = 30_000;
    /** Messages delivered once before the runs (each replied to), then delivered again by the duplicate runs. */
    static final int PRIMED = 256;
    /** Long enough that no push ever counts as unanswered, so the simulator never pushes again. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private LongConnectionBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        LoadBench.write(out.resolve("longconn.json"), run());
        System.exit(0);
    }

    /** One side: a bot, and its events of one kind prepared (built, sealed) before a run. */
    private interface Side {
        Prepared prepare(int max, boolean duplicates);
    }

    /** A run whose events are ready: only sending them is timed and in the CPU figure. */
    private interface Prepared {
        HttpLoad.Result run(int inFlight, int max, double seconds) throws InterruptedException;
    }

    static Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, String> env = Map.of("BOT_CACHE_TTL", LoadBench.LONG_CACHE_TTL);
        try (World hook = new World(env); World ws = new World(env, ACK_TIMEOUT)) {
            // The webhook: the same sealed requests again for duplicates, fresh sealed events for replies.
            HttpLoad http = new HttpLoad(hook.port());
            List<HttpLoad.Req> hookFirsts = new ArrayList<>();
            for (int i = 0; i < PRIMED; i++) {
                hookFirsts.add(hook.pushStatus(World.SEED_ID));
            }
            require(http.run(16, PRIMED, 30, hookFirsts::get).ok() == PRIMED, "priming the webhook bot");
            Side webhook = (max, duplicates) -> {
                IntFunction<HttpLoad.Req> reqs = duplicates ? i -> hookFirsts.get(i % PRIMED)
                        : ahead(i -> hook.pushStatus(World.SEED_ID), max, HttpLoad.Req[]::new);
                return (inFlight, n, seconds) -> http.run(inFlight, n, seconds, reqs);
            };
            // The long connection: the same event JSON again for duplicates, fresh events for replies.
            LongConnectionLoad lc = new LongConnectionLoad(ws.sim.longConnection());
            List<String> wsFirsts = new ArrayList<>();
            for (int i = 0; i < PRIMED; i++) {
                wsFirsts.add(ws.pushStatusEvent(World.SEED_ID));
            }
            require(lc.run(16, PRIMED, 30, wsFirsts::get).ok() == PRIMED, "priming the long-connection bot");
            Side longConnection = (max, duplicates) -> {
                IntFunction<String> events = duplicates ? i -> wsFirsts.get(i % PRIMED)
                        : ahead(i -> ws.pushStatusEvent(World.SEED_ID), max, String[]::new);
                return (inFlight, n, seconds) -> lc.run(inFlight, n, seconds, events);
            };
            Map<String, Side> sides = new LinkedHashMap<>();
            sides.put("webhook", webhook);
            sides.put("websocket", longConnection);
            Map<String, World> worlds = Map.of("webhook", hook, "websocket", ws);
            require(hook.sim.replies().size() == PRIMED && ws.sim.replies().size() == PRIMED, "one reply per primed message");
            reset(hook, ws);

            for (String kind : List.of("duplicate", "reply")) {
                for (Map.Entry<String, Side> side : sides.entrySet()) {
                    long until = System.nanoTime() + (long) (JIT_WARMUP_SECONDS * 1e9);
                    for (double left = JIT_WARMUP_SECONDS; left > 0.5; left = (until - System.nanoTime()) / 1e9) {
                        side.getValue().prepare(warmupCap(kind), kind.equals("duplicate"))
                                .run(JIT_WARMUP_IN_FLIGHT, warmupCap(kind), left);
                        reset(hook, ws);
                    }
                }
            }
            List<Map<String, Object>> runs = new ArrayList<>();
            for (int n : IN_FLIGHT) {
                for (String kind : List.of("duplicate", "reply")) {
                    for (Map.Entry<String, Side> side : sides.entrySet()) {
                        boolean dup = kind.equals("duplicate");
                        side.getValue().prepare(warmupCap(kind), dup).run(n, warmupCap(kind), WARMUP_SECONDS);
                        reset(hook, ws);
                        World world = worlds.get(side.getKey());
                        Prepared prepared = side.getValue().prepare(cap(kind), dup);
                        long cpu = cpuNanos();
                        long jit = jitMillis();
                        HttpLoad.Result r = prepared.run(n, cap(kind), MEASURE_SECONDS);
                        long cpuUsed = cpuNanos() - cpu;
                        Map<String, Object> m = r.toMap();
                        m.remove("connections");
                        m.put("mode", side.getKey());
                        m.put("kind", kind);
                        m.put("in_flight", n);
                        m.put("cpu_us_per_event", cpuUsed / 1e3 / Math.max(1, r.ok()));
                        m.put("jit_ms", jitMillis() - jit);
                        m.put("replies_during_run", world.sim.replies().size());
                        reset(hook, ws);
                        runs.add(m);
                        System.out.printf("longconn %-9s %-9s in flight %-2d %8.0f/s p50 %.2f ms p99 %.2f ms "
                                        + "cpu %.0f us/event (not 200: %d, no answer: %d, replies %s)%n",
                                side.getKey(), kind, n, r.perSecond(), r.percentileMillis(0.5),
                                r.percentileMillis(0.99), cpuUsed / 1e3 / Math.max(1, r.ok()),
                                r.notOk(), r.ioErrors(), m.get("replies_during_run"));
                    }
                }
            }
            // Every event went over the connections open now (the simulator refuses none, and none dropped).
            result.put("websocket_connections", ws.sim.longConnection().openConnections().size());
            result.put("websocket_connects", ws.sim.longConnection().connections().size());
            result.put("runs", runs);
            result.put("in_flight", IN_FLIGHT);
            result.put("jit_warmup_seconds", JIT_WARMUP_SECONDS);
            result.put("jit_warmup_in_flight", JIT_WARMUP_IN_FLIGHT);
            result.put("warmup_seconds", WARMUP_SECONDS);
            result.put("measure_seconds", MEASURE_SECONDS);
            result.put("max_duplicates", MAX_DUPLICATES);
            result.put("max_fresh", MAX_FRESH);
            result.put("primed", PRIMED);
            result.put("ack_timeout_seconds", ACK_TIMEOUT.toSeconds());
            result.put("pushes_per_event", 1);
            result.put("cores", Runtime.getRuntime().availableProcessors());
            result.put("cache_ttl_seconds", ws.config.cacheTtl().toSeconds());
            result.put("webhook_event_bytes", hookFirsts.get(0).bodyLength());
            result.put("websocket_event_bytes", wsFirsts.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        return result;
    }

    private static int cap(String kind) {
        return kind.equals("duplicate") ? MAX_DUPLICATES : MAX_FRESH;
    }

    /** Fewer fresh events for the unmeasured runs (a run that reaches it just ends sooner). */
    private static int warmupCap(String kind) {
        return kind.equals("duplicate") ? MAX_DUPLICATES : MAX_FRESH / 3;
    }

    private static void reset(World... worlds) {
        for (World w : worlds) {
            w.sim.reset();
        }
    }

    private static <T> IntFunction<T> ahead(IntFunction<T> make, int count, IntFunction<T[]> array) {
        T[] all = array.apply(count);
        for (int i = 0; i < count; i++) {
            all[i] = make.apply(i);
        }
        return i -> all[i];
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark precondition failed: " + what);
        }
    }

    private static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** CPU time of this whole process (both bots, both simulators, the drivers, GC, JIT), in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
