package dev.pushstatus.bench.jmh;

import dev.pushstatus.store.MemoryDedupe;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.pushstatus.app.BenchSettings;
import dev.pushstatus.bot.MessageDedupe;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link MessageDedupe#claim} with the bot's own bounds ({@link BenchSettings}): a message_id
 * never seen (insert, and past the bound an eviction), and one seen before (a redelivery).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DedupeBenchmark {

    private MessageDedupe dedupe;
    private long next;
    private final String seen = "om_0123456789abcdef0123456789abcdef";

    @Setup
    public void setUp() {
        dedupe = new MemoryDedupe(BenchSettings.DEDUPE_RETENTION, BenchSettings.DEDUPE_MAX_ENTRIES,
                Ticker.systemTicker());
        dedupe.claim(seen);
    }

    @Benchmark
    public MessageDedupe.Claim claimFirstSight() {
        // Feishu's shape: "om_" and 32 hex digits.
        return dedupe.claim("om_" + Long.toHexString(0x1000_0000_0000_0000L | next++) + "0123456789abcdef");
    }

    @Benchmark
    public MessageDedupe.Claim claimRedelivery() {
        return dedupe.claim(seen);
    }
}
