package dev.pushstatus.bench.jmh;

import dev.pushstatus.bot.Command;
import dev.pushstatus.bot.CommandParser;
import dev.pushstatus.bot.CommandRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Message text to a {@link Command}: a typical ask, and one with everything the parser forgives. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommandParseBenchmark {

    /** A typical ask, as the report names it. */
    public static final String TYPICAL_TEXT = "/push-status 6981801914270744596";

    private final CommandParser parser = new CommandParser(CommandRegistry.standard());
    // A field, not the constant: JMH must not see a value the JIT can fold.
    private String typical = TYPICAL_TEXT;
    private String messy = "  @PushStatusBot  ／PUSH-STATUS\u3000 “6981801914270744596”。 ";

    @Benchmark
    public Command parseTypical() {
        return parser.parse(typical);
    }

    @Benchmark
    public Command parseMessy() {
        return parser.parse(messy);
    }
}
