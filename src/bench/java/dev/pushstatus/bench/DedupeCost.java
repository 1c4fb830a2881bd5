package dev.pushstatus.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * What a first-sight dedupe claim costs at the 100,000 bound, counted three ways: the caller's
 * wall time, the caller's CPU time, and the whole process's CPU time (which includes Caffeine's
 * maintenance: eviction, the expiry order and the frequency sketch, done by the cache's executor).
 * Each way back to back (claims only, as {@code DedupeBenchmark} runs them) and spaced out by other
 * work (one SHA-256 of 1 KB per claim, as a claim comes after decoding an event), with the
 * maintenance on {@link ForkJoinPool#commonPool()} (Caffeine's default, the bot's
 * {@code MemoryDedupe} as shipped) and on the caller's thread ({@code executor(Runnable::run)}).
 * Writes {@code <out>}.
 */
public final class DedupeCost {

    static final int BOUND = 100_000;
    static final int CLAIMS = 600_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long counter;
    private static volatile Object sink;

    private DedupeCost() {
    }

    public static void main(String[] args) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int round = 0; round < 2; round++) { // the first round is the JIT's warm-up
            rows.clear();
            for (String executor : List.of("commonPool", "caller")) {
                for (boolean spaced : new boolean[] {false, true}) {
                    rows.add(measure(executor, spaced));
                }
            }
            rows.add(measure("work only", true));
        }
        for (Map<String, Object> r : rows) {
            System.out.println("dedupe-cost " + r);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bound", BOUND);
        result.put("claims", CLAIMS);
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("rows", rows);
        result.put("jvm_flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
        result.put("collectors", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
        LoadBench.write(Path.of(args[0]), result);
    }

    static Map<String, Object> measure(String executor, boolean spaced) throws Exception {
        boolean claims = !executor.equals("work only");
        Executor ex = executor.equals("caller") ? Runnable::run : ForkJoinPool.commonPool();
        Cache<String, CompletableFuture<Object>> seen = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofHours(8)).maximumSize(BOUND).executor(ex).build();
        for (int i = 0; i < BOUND; i++) {
            seen.asMap().putIfAbsent(id(), new CompletableFuture<>());
        }
        seen.cleanUp();
        ForkJoinPool.commonPool().awaitQuiescence(10, java.util.concurrent.TimeUnit.SECONDS);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] kb = new byte[1024];
        String[] ids = new String[CLAIMS];
        for (int i = 0; i < CLAIMS; i++) {
            ids[i] = id();
        }
        long wall0 = System.nanoTime();
        long own0 = THREADS.getCurrentThreadCpuTime();
        long all0 = processCpu();
        long gc0 = gcMillis();
        for (int i = 0; i < CLAIMS; i++) {
            if (spaced) {
                kb[0] = (byte) i;
                sink = sha.digest(kb);
            }
            if (claims) {
                sink = seen.asMap().putIfAbsent(ids[i], new CompletableFuture<>());
            }
        }
        long wall = System.nanoTime() - wall0;
        long own = THREADS.getCurrentThreadCpuTime() - own0;
        ForkJoinPool.commonPool().awaitQuiescence(10, java.util.concurrent.TimeUnit.SECONDS);
        long all = processCpu() - all0;
        long gc = gcMillis() - gc0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maintenance_on", executor);
        m.put("spaced_by_sha256_1kb", spaced);
        m.put("caller_wall_us_per_claim", wall / 1e3 / CLAIMS);
        m.put("caller_cpu_us_per_claim", own / 1e3 / CLAIMS);
        m.put("process_cpu_us_per_claim", all / 1e3 / CLAIMS);
        m.put("gc_us_per_claim", gc * 1e3 / CLAIMS);
        m.put("size_after", seen.estimatedSize());
        return m;
    }

    private static String id() {
        return "om_" + Long.toHexString(0x1000_0000_0000_0000L | counter++) + "0123456789abcdef";
    }

    private static long gcMillis() {
        long t = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
