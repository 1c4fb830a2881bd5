package dev.pushstatus.bench;

import dev.pushstatus.store.MemoryDedupe;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.pushstatus.bot.MessageDedupe;
import dev.pushstatus.bot.Outcome;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Retained heap per {@link MessageDedupe} entry: heap in use after a full GC, before and after
 * claiming N Feishu-shaped message_ids ("om_" + 32 hex digits), each claim completed with the
 * {@code Replied} outcome the bot keeps for it. One size per JVM (run with a fixed heap and the
 * serial collector, whose "used" is exact after a full GC).
 *
 * <p>The bound is set to N so that nothing is evicted; above the bot's own bound
 * ({@link dev.pushstatus.app.BenchSettings#DEDUPE_MAX_ENTRIES}) this is what raising it would cost.
 */
public final class DedupeFootprint {

    private DedupeFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        long before = usedAfterGc();
        MessageDedupe dedupe = new MemoryDedupe(dev.pushstatus.app.BenchSettings.DEDUPE_RETENTION, n, Ticker.systemTicker());
        SplittableRandom random = new SplittableRandom(42);
        HexFormat hex = HexFormat.of();
        byte[] b = new byte[16];
        for (int i = 0; i < n; i++) {
            random.nextBytes(b);
            String id = "om_" + hex.formatHex(b);
            MessageDedupe.Claim claim = dedupe.claim(id);
            random.nextBytes(b);
            claim.future()
                    .complete(new Outcome.Replied("push-status", "om_" + hex.formatHex(b)));
        }
        // Let Caffeine drain its buffers, then measure.
        for (int i = 0; i < 3; i++) {
            dedupe.claim("om_drain");
            Thread.sleep(200);
        }
        long after = usedAfterGc();
        long size = dedupe.size();
        if (size < n) {
            throw new IllegalStateException("entries were evicted: " + size + " of " + n);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("entries", n);
        result.put("retained_bytes", after - before);
        result.put("bytes_per_entry", (after - before) / (double) n);
        result.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        result.put("gc", ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
        result.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        result.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("dedupe " + result);
        LoadBench.write(out, result);
        // Keep the map reachable until after the measurement.
        if (dedupe.size() < 0) {
            System.out.println(dedupe);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
