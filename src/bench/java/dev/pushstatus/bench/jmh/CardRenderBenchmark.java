package dev.pushstatus.bench.jmh;

import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Reply;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.api.BenchNotifications;
import dev.pushstatus.feishu.card.CardRenderer;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The status card, rendered to the JSON string that goes into the reply: for the largest
 * simulator fixture ({@code long-lists.json}: 250 users, 60 departments, 40 chats) and the
 * typical one ({@code seed-example.json}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CardRenderBenchmark {

    /** The largest simulator fixture, by card size. */
    public static final String LARGEST_FIXTURE = "long-lists.json";
    /** The typical one: the API document's example. */
    public static final String TYPICAL_FIXTURE = "seed-example.json";

    private CardRenderer renderer;
    private Reply largest;
    private Reply typical;

    @Setup
    public void setUp() {
        renderer = new CardRenderer(FeishuJson.newMapper(), ZoneId.of("Asia/Shanghai"), Map.of(), Clock.systemUTC());
        largest = status(BenchNotifications.fromFixture(LARGEST_FIXTURE));
        typical = status(BenchNotifications.fromFixture(TYPICAL_FIXTURE));
    }

    @Benchmark
    public String renderLargest() {
        return renderer.render(largest);
    }

    @Benchmark
    public String renderTypical() {
        return renderer.render(typical);
    }

    private static Reply status(Notification n) {
        return new Reply.Status(new LookupResult.Found(n, Clock.systemUTC().instant()));
    }
}
