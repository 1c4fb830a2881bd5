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

    private final CommandParser parser = new CommandParser(CommandRegistry.standard());
    private String typical = "/push-status 6981801914270744596";
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
