package dev.pushstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pushstatus.feishu.api.BenchFeishuCodes;
import dev.pushstatus.feishu.api.FeishuClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import jdk.jfr.Recording;

/**
 * End-to-end figures over real HTTP on loopback, bot and simulator in this JVM.
 *
 * <p>Sections (each writes {@code <out>/<section>.json}):
 * <ul>
 *   <li>{@code load}: cache hits that reply, duplicate deliveries and {@code GET /healthz} (the
 *       ceiling), each at 1, 16 and 64 connections, interleaved; then one profiled run.</li>
 *   <li>{@code economy}: {@link #ECONOMY_MESSAGES} messages over {@link #ECONOMY_IDS} ids, scheduled evenly.</li>
 *   <li>{@code growth}: replies as the number of distinct notification ids grows.</li>
 * </ul>
 * Every run is bounded by a request count and a time limit and stops by itself.
 */
public final class LoadBench {

    static final int[] CONNECTIONS = {1, 16, 64};
    static final double WARMUP_SECONDS = 2;
    static final double MEASURE_SECONDS = 4;
    /** Per scenario, once, before the first measured run. */
    static final double JIT_WARMUP_SECONDS = 10;
    /**
     * Replies run the most code, and on 2 cores the C2 compiler drains its queue slowly: their
     * throughput was still rising after a minute of load in trials, so they get longer.
     */
    static final double JIT_WARMUP_REPLY_SECONDS = 40;
    /** Cap per run of requests that cost nothing to build (GET /healthz, redeliveries). */
    static final int MAX_REQUESTS = 100_000;
    /** Cap per run of fresh message events, which are sealed (AES, SHA-256) before the run starts. */
    static final int MAX_SEALED = 12_000;
    /** Connections of the JIT warm-up of every scenario. */
    static final int JIT_WARMUP_CONNECTIONS = 16;
    /** Connections of the one reply run under JFR. */
    static final int PROFILE_CONNECTIONS = 16;
    /** JFR's execution-sample period: every thread running Java code is sampled this often. */
    static final Duration PROFILE_SAMPLE_PERIOD = Duration.ofMillis(10);
    /** The cache TTL of the load and growth bots: long enough that no notification expires mid-run. */
    static final String LONG_CACHE_TTL = "10m";
    /** Economy: this many messages over this many ids, scheduled evenly over the schedule, on these connections. */
    static final int ECONOMY_MESSAGES = 10_000;
    static final int ECONOMY_IDS = 50;
    static final Duration ECONOMY_SCHEDULE = Duration.ofSeconds(10);
    static final int ECONOMY_CONNECTIONS = 64;
    /** Growth: the sets of distinct notification ids, each looked up once to fill the cache. */
    static final int[] GROWTH_DISTINCT_IDS = {1, 10, 80};
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "load" -> write(out.resolve("load.json"), load(out));
                case "economy" -> write(out.resolve("economy.json"), economy());
                case "growth" -> write(out.resolve("growth.json"), growth());
                default -> throw new IllegalArgumentException("unknown section " + args[i]);
            }
        }
        System.exit(0);
    }

    /** Replies, duplicates and the /healthz ceiling at 1, 16 and 64 connections, then a profile. */
    static Map<String, Object> load(Path out) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        try (World world = new World(Map.of("BOT_CACHE_TTL", LONG_CACHE_TTL))) {
            HttpLoad load = new HttpLoad(world.port());
            // Fill the cache, and deliver the messages the duplicate runs will deliver again.
            List<HttpLoad.Req> firsts = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                firsts.add(world.pushStatus(World.SEED_ID));
            }
            HttpLoad.Result primed = load.run(16, firsts.size(), 30, firsts::get);
            require(primed.ok() == firsts.size(), "priming: " + primed.toMap());
            // JIT warm-up of every path before the first measured run (the report shows the
            // compile time still left in each run).
            for (String scenario : List.of("healthz", "duplicate", "reply")) {
                double seconds = scenario.equals("reply") ? JIT_WARMUP_REPLY_SECONDS : JIT_WARMUP_SECONDS;
                long until = System.nanoTime() + (long) (seconds * 1e9);
                // A run stops at its request cap; replies need fresh events, so several runs.
                for (double left = seconds; left > 0.5; left = (until - System.nanoTime()) / 1e9) {
                    load.run(JIT_WARMUP_CONNECTIONS, cap(scenario), left, requests(world, scenario, cap(scenario), firsts));
                    world.sim.reset();
                }
            }
            List<Map<String, Object>> runs = new ArrayList<>();
            for (int c : CONNECTIONS) {
                for (String scenario : List.of("healthz", "duplicate", "reply")) {
                    load.run(c, cap(scenario), WARMUP_SECONDS, requests(world, scenario, cap(scenario), firsts));
                    world.sim.reset();
                    IntFunction<HttpLoad.Req> reqs = requests(world, scenario, cap(scenario), firsts);
                    long cpu = cpuNanos();
                    long jit = jitMillis();
                    HttpLoad.Result r = load.run(c, cap(scenario), MEASURE_SECONDS, reqs);
                    Map<String, Object> m = r.toMap();
                    m.put("cpu_us_per_event", (cpuNanos() - cpu) / 1e3 / Math.max(1, r.ok()));
                    m.put("jit_ms", jitMillis() - jit);
                    m.put("scenario", scenario);
                    if (scenario.equals("reply")) {
                        m.put("replies_recorded", world.sim.replies().size());
                    }
                    world.sim.reset();
                    runs.add(m);
                    System.out.printf("load %-9s c=%-2d %8.0f/s p50 %.2f ms p99 %.2f ms p99.9 %.2f ms (not 200: %d, io: %d)%n",
                            scenario, c, r.perSecond(), r.percentileMillis(0.5), r.percentileMillis(0.99),
                            r.percentileMillis(0.999), r.notOk(), r.ioErrors());
                }
            }
            result.put("runs", runs);
            result.put("warmup_seconds", WARMUP_SECONDS);
            result.put("measure_seconds", MEASURE_SECONDS);
            result.put("jit_warmup_seconds", JIT_WARMUP_SECONDS);
            result.put("jit_warmup_reply_seconds", JIT_WARMUP_REPLY_SECONDS);
            result.put("max_requests", MAX_REQUESTS);
            result.put("max_sealed", MAX_SEALED);
            result.put("jit_warmup_connections", JIT_WARMUP_CONNECTIONS);
            result.put("cores", Runtime.getRuntime().availableProcessors());
            result.put("cache_ttl_seconds", world.config.cacheTtl().toSeconds());
            // What the server reads per event: the sealed bodies of the redeliveries, and of one fresh reply event.
            result.put("duplicate_body_bytes", firsts.stream().mapToInt(HttpLoad.Req::bodyLength).average().orElseThrow());
            result.put("reply_body_bytes", world.pushStatus(World.SEED_ID).bodyLength());
            result.put("profile", profile(world, load, firsts, out));
        }
        return result;
    }

    /** The reply scenario at {@link #PROFILE_CONNECTIONS} under JFR; samples summarised by where they are. */
    static Map<String, Object> profile(World world, HttpLoad load, List<HttpLoad.Req> firsts, Path out)
            throws Exception {
        Path jfr = out.resolve("replies-" + PROFILE_CONNECTIONS + ".jfr");
        HttpLoad.Result r;
        java.time.Instant from;
        // Execution samples only (one period per thread), so that the recording costs little; a
        // warm-up run under the recording first, so that starting JFR is not in the summary.
        try (Recording rec = new Recording()) {
            rec.enable("jdk.ExecutionSample").withPeriod(PROFILE_SAMPLE_PERIOD).withStackTrace();
            rec.start();
            load.run(PROFILE_CONNECTIONS, MAX_SEALED, WARMUP_SECONDS, requests(world, "reply", MAX_SEALED, firsts));
            world.sim.reset();
            IntFunction<HttpLoad.Req> reqs = requests(world, "reply", MAX_SEALED, firsts);
            from = java.time.Instant.now();
            r = load.run(PROFILE_CONNECTIONS, MAX_SEALED, MEASURE_SECONDS, reqs);
            rec.stop();
            rec.dump(jfr);
        }
        world.sim.reset();
        Map<String, Object> summary = Profiles.summarise(jfr, from);
        summary.put("run", r.toMap());
        summary.put("sample_period_ms", PROFILE_SAMPLE_PERIOD.toMillis());
        summary.put("file", jfr.toString());
        return summary;
    }

    /** {@link #ECONOMY_MESSAGES} messages over {@link #ECONOMY_IDS} ids, evenly over the schedule; what went upstream. */
    static Map<String, Object> economy() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        try (World world = new World(Map.of())) {
            List<String> ids = world.addNotifications(ECONOMY_IDS + 1);
            String warmId = ids.remove(ECONOMY_IDS);
            HttpLoad load = new HttpLoad(world.port());
            // JIT warm-up on an id outside the measured ones, then forget every call it made.
            load.run(16, MAX_SEALED, 4, sealedAhead(i -> world.pushStatus(warmId), MAX_SEALED));
            world.sim.reset();
            double refusalsBefore = world.metric("pushbot_ratelimit_refusals_total");
            String rateLimited = "code=\"" + BenchFeishuCodes.RATE_LIMITED + "\"";
            double upstreamLimitedBefore = world.metric("pushbot_upstream_requests_seconds_count", rateLimited);

            int messages = ECONOMY_MESSAGES;
            List<HttpLoad.Req> reqs = new ArrayList<>(messages);
            for (int i = 0; i < messages; i++) {
                reqs.add(world.pushStatus(ids.get(i % ids.size())));
            }
            long intervalNanos = ECONOMY_SCHEDULE.toNanos() / messages;
            HttpLoad.Result r = load.run(ECONOMY_CONNECTIONS, messages, 60, reqs::get, intervalNanos);

            result.put("messages", messages);
            result.put("ids", ids.size());
            result.put("schedule_seconds", ECONOMY_SCHEDULE.toSeconds());
            result.put("connections", ECONOMY_CONNECTIONS);
            result.put("run", r.toMap());
            result.put("helpdesk_gets", world.sim.calls("/open-apis/helpdesk").size());
            result.put("ratelimit_refusals", world.metric("pushbot_ratelimit_refusals_total") - refusalsBefore);
            result.put("upstream_ratelimited", world.metric("pushbot_upstream_requests_seconds_count",
                    rateLimited) - upstreamLimitedBefore);
            result.put("ratelimit_code", BenchFeishuCodes.RATE_LIMITED);
            result.put("helpdesk_budget_per_minute", FeishuClient.HELPDESK_CALLS_PER_MINUTE);
            result.put("replies", world.sim.replies().size());
            result.put("cache_ttl_seconds", world.config.cacheTtl().toSeconds());
            System.out.println("economy " + result);
        }
        return result;
    }

    /**
     * Replies as concurrency and the number of distinct notification ids grow: one bot, the id sets
     * of {@link #GROWTH_DISTINCT_IDS} (all of them looked up once to fill the cache, inside the
     * helpdesk budget), interleaved per concurrency.
     */
    static Map<String, Object> growth() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        int[] distinctCounts = GROWTH_DISTINCT_IDS;
        int lookups = java.util.Arrays.stream(distinctCounts).sum();
        require(lookups <= FeishuClient.HELPDESK_CALLS_PER_MINUTE, "growth must fill its cache inside the budget");
        Map<String, Object> result = new LinkedHashMap<>();
        try (World world = new World(Map.of("BOT_CACHE_TTL", LONG_CACHE_TTL))) {
            result.put("cache_ttl_seconds", world.config.cacheTtl().toSeconds());
            List<String> all = world.addNotifications(lookups);
            Map<Integer, List<String>> idSets = new LinkedHashMap<>();
            int at = 0;
            for (int distinct : distinctCounts) {
                idSets.put(distinct, List.copyOf(all.subList(at, at + distinct)));
                at += distinct;
            }
            HttpLoad load = new HttpLoad(world.port());
            List<HttpLoad.Req> firsts = new ArrayList<>();
            for (String id : all) {
                firsts.add(world.pushStatus(id));
            }
            require(load.run(1, firsts.size(), 30, firsts::get).ok() == firsts.size(), "priming the cache");
            for (List<String> ids : idSets.values()) {
                load.run(16, MAX_SEALED, 2, sealedAhead(i -> world.pushStatus(ids.get(i % ids.size())), MAX_SEALED));
                world.sim.reset();
            }
            for (int c : CONNECTIONS) {
                for (Map.Entry<Integer, List<String>> set : idSets.entrySet()) {
                    List<String> ids = set.getValue();
                    IntFunction<HttpLoad.Req> reqs = i -> world.pushStatus(ids.get(i % ids.size()));
                    load.run(c, MAX_SEALED, WARMUP_SECONDS, sealedAhead(reqs, MAX_SEALED));
                    world.sim.reset();
                    IntFunction<HttpLoad.Req> sealed = sealedAhead(reqs, MAX_SEALED);
                    long cpu = cpuNanos();
                    HttpLoad.Result r = load.run(c, MAX_SEALED, MEASURE_SECONDS, sealed);
                    Map<String, Object> m = r.toMap();
                    m.put("cpu_us_per_event", (cpuNanos() - cpu) / 1e3 / Math.max(1, r.ok()));
                    m.put("distinct_ids", set.getKey());
                    m.put("helpdesk_gets_during_run", world.sim.calls("/open-apis/helpdesk").size());
                    world.sim.reset();
                    rows.add(m);
                    System.out.printf("growth ids=%-3d c=%-2d %8.0f/s p99 %.2f ms%n", set.getKey(), c, r.perSecond(),
                            r.percentileMillis(0.99));
                }
            }
        }
        result.put("distinct_id_sets", distinctCounts);
        result.put("lookups_to_fill", lookups);
        result.put("helpdesk_budget_per_minute", FeishuClient.HELPDESK_CALLS_PER_MINUTE);
        result.put("rows", rows);
        return result;
    }

    /** The requests of one scenario; message events are sealed before the run starts. */
    private static IntFunction<HttpLoad.Req> requests(World world, String scenario, int count,
                                                      List<HttpLoad.Req> firsts) {
        return switch (scenario) {
            case "healthz" -> {
                HttpLoad.Req get = HttpLoad.Req.get("/healthz");
                yield i -> get;
            }
            case "duplicate" -> i -> firsts.get(i % firsts.size());
            case "reply" -> sealedAhead(i -> world.pushStatus(World.SEED_ID), count);
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    /** Builds every request up front, so that sealing (AES, SHA-256) is not done by the driver mid-run. */
    private static IntFunction<HttpLoad.Req> sealedAhead(IntFunction<HttpLoad.Req> make, int count) {
        HttpLoad.Req[] all = new HttpLoad.Req[count];
        for (int i = 0; i < count; i++) {
            all[i] = make.apply(i);
        }
        return i -> all[i];
    }

    private static int cap(String scenario) {
        return scenario.equals("reply") ? MAX_SEALED : MAX_REQUESTS;
    }

    /** CPU time of this whole process (bot, simulator, driver, GC, JIT), in nanoseconds. */
    /** Time the JIT compilers spent so far, summed over their threads. */
    private static long jitMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark precondition failed: " + what);
        }
    }

    static void write(Path file, Object value) throws Exception {
        JSON.writeValue(file.toFile(), value);
    }
}
