package dev.pushstatus.bench;

import dev.pushstatus.app.Application;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * What Redis adds (issue 15): duplicates and cache-hit replies with the state in memory and on a
 * loopback redis-server, then replies with one and two replicas on that Redis, in one run. The bot,
 * the simulator and the driver share this JVM, as in {@link LoadBench}; redis-server is its own
 * process. Nothing is asserted: figures go to {@code redis.json} for the report.
 */
final class RedisBench {

    static final int CONNECTIONS = 16;
    static final double WARMUP_SECONDS = 8;
    static final double MEASURE_SECONDS = 4;
    static final int MAX_SEALED = 8_000;

    private RedisBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(out.resolve("redis-server.log").toFile()).start();
        try {
            awaitListening(port);
            String url = "redis://127.0.0.1:" + port;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("connections", CONNECTIONS);
            result.put("measure_seconds", MEASURE_SECONDS);
            result.put("memory", oneReplica(Map.of("BOT_CACHE_TTL", "10m")));
            result.put("redis", oneReplica(Map.of("BOT_CACHE_TTL", "10m", "REDIS_URL", url)));
            result.put("two_replicas", twoReplicas(Map.of("BOT_CACHE_TTL", "10m", "REDIS_URL", url)));
            LoadBench.write(out.resolve("redis.json"), result);
        } finally {
            redis.destroy();
        }
        System.exit(0);
    }

    /** Duplicates and replies against one bot. */
    static Map<String, Object> oneReplica(Map<String, String> env) throws Exception {
        Map<String, Object> runs = new LinkedHashMap<>();
        try (World world = new World(env)) {
            HttpLoad load = new HttpLoad(world.port());
            List<HttpLoad.Req> firsts = prime(world, load);
            for (String scenario : List.of("duplicate", "reply")) {
                IntFunction<HttpLoad.Req> warm = requests(world, scenario, firsts);
                load.run(CONNECTIONS, MAX_SEALED, WARMUP_SECONDS, warm);
                world.sim.reset();
                HttpLoad.Result r = load.run(CONNECTIONS, MAX_SEALED, MEASURE_SECONDS, requests(world, scenario, firsts));
                world.sim.reset();
                runs.put(scenario, r.toMap());
                System.out.printf("redis %-7s %-9s %8.0f/s p50 %.2f ms p99 %.2f ms (not 200: %d)%n",
                        env.containsKey("REDIS_URL") ? "redis" : "memory", scenario, r.perSecond(),
                        r.percentileMillis(0.5), r.percentileMillis(0.99), r.notOk());
            }
        }
        return runs;
    }

    /** Replies with a second replica on the same Redis and simulator, the load split evenly between them. */
    static Map<String, Object> twoReplicas(Map<String, String> env) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        try (World world = new World(env); Application second = Application.start(world.config.withPort(0))) {
            second.awaitReady(Duration.ofSeconds(10));
            HttpLoad first = new HttpLoad(world.port());
            HttpLoad other = new HttpLoad(second.port());
            prime(world, first);
            for (int round = 0; round < 2; round++) { // the first round warms both up
                IntFunction<HttpLoad.Req> a = requests(world, "reply", List.of());
                IntFunction<HttpLoad.Req> b = requests(world, "reply", List.of());
                double seconds = round == 0 ? WARMUP_SECONDS : MEASURE_SECONDS;
                CompletableFuture<HttpLoad.Result> onOther = CompletableFuture.supplyAsync(() -> {
                    try {
                        return other.run(CONNECTIONS / 2, MAX_SEALED, seconds, b);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                HttpLoad.Result onFirst = first.run(CONNECTIONS / 2, MAX_SEALED, seconds, a);
                HttpLoad.Result r2 = onOther.get();
                world.sim.reset();
                if (round == 1) {
                    double perSecond = onFirst.perSecond() + r2.perSecond();
                    result.put("replies_per_second", perSecond);
                    result.put("first", onFirst.toMap());
                    result.put("second", r2.toMap());
                    System.out.printf("redis two-replicas reply %8.0f/s (%.0f + %.0f) p99 %.2f / %.2f ms%n", perSecond,
                            onFirst.perSecond(), r2.perSecond(), onFirst.percentileMillis(0.99),
                            r2.percentileMillis(0.99));
                }
            }
        }
        return result;
    }

    /** Delivers 256 messages once: the cache is filled and the duplicate runs have messages to repeat. */
    private static List<HttpLoad.Req> prime(World world, HttpLoad load) throws Exception {
        List<HttpLoad.Req> firsts = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            firsts.add(world.pushStatus(World.SEED_ID));
        }
        HttpLoad.Result primed = load.run(16, firsts.size(), 30, firsts::get);
        if (primed.ok() != firsts.size()) {
            throw new IllegalStateException("priming: " + primed.toMap());
        }
        return firsts;
    }

    private static IntFunction<HttpLoad.Req> requests(World world, String scenario, List<HttpLoad.Req> firsts) {
        if (scenario.equals("duplicate")) {
            return i -> firsts.get(i % firsts.size());
        }
        HttpLoad.Req[] all = new HttpLoad.Req[MAX_SEALED];
        for (int i = 0; i < all.length; i++) {
            all[i] = world.pushStatus(World.SEED_ID);
        }
        return i -> all[i];
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }
}
