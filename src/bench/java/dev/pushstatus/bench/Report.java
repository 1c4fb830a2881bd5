package dev.pushstatus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.app.BenchSettings;
import dev.pushstatus.bench.jmh.CardRenderBenchmark;
import dev.pushstatus.bench.jmh.CommandParseBenchmark;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Writes docs/benchmarks.md from the result files of one {@code scripts/bench} run.
 *
 * <p>Every figure and every verdict in the text is computed from those files, or is one of the
 * goals below or a setting of the benchmarks, referenced by name (never a number typed into a
 * sentence): a sentence that explains a missed goal states the measured figures it rests on and
 * its verdict follows from them, so a run that measures otherwise says otherwise.
 * {@link ReportCheck} renders the text from made-up figures and checks exactly that; run it by hand
 * after changing this class: {@code java -cp target/bench/push-status-bot-bench.jar
 * dev.pushstatus.bench.ReportCheck}.
 *
 * <p>Arguments: results directory, output file, then key=value facts about the run that only
 * the script knows (command, started, seconds, jmh, loadavg_start, loadavg_end, others_share, commit).
 */
public final class Report {

    /** Goal: a redelivery at no less than this share of the /healthz ceiling, at every concurrency. */
    static final double DUPLICATE_GOAL = 0.8;
    /** Goal: a full reply at no less than this share of the /healthz ceiling, at every concurrency. */
    static final double REPLY_GOAL = 0.5;
    /** Goal: start-up of the fat jar to the first 200 from /readyz, in ms. */
    static final double STARTUP_GOAL_MS = 1_500;
    /**
     * A run counts as CPU-bound when the process kept at least this share of the machine's cores
     * busy (process CPU time over wall time); below it, latency and not CPU sets the pace.
     */
    static final double CPU_BOUND_SHARE = 0.9;
    /** The confidence of JMH's {@code scoreError} ({@code Result.getScoreError}: the 99.9 % interval). */
    static final String JMH_ERROR_CONFIDENCE = "99.9 %";
    /** Where the official SDK's jar records its coordinates (read from the classpath this runs on). */
    private static final String SDK_POM = "/META-INF/maven/com.larksuite.oapi/oapi-sdk/pom.properties";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Map<String, String> facts;
    private final StringBuilder md = new StringBuilder();
    private final List<Goal> goals = new ArrayList<>();

    /** One goal: which, what it asks, what was measured, and the verdict ("yes", "**no**" or why neither). */
    private record Goal(String id, String what, String measured, String verdict) {
        boolean met() {
            return verdict.equals("yes");
        }
    }

    Report(Path dir, Map<String, String> facts) {
        this.dir = dir;
        this.facts = Map.copyOf(facts);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> facts = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            facts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Files.writeString(Path.of(args[1]), new Report(Path.of(args[0]), facts).render());
        System.out.println("wrote " + args[1]);
    }

    String render() throws IOException {
        List<JsonNode> rounds = new ArrayList<>();
        for (int i = 1; Files.exists(dir.resolve("jmh-ingest-" + i + ".json")); i++) {
            rounds.add(read("jmh-ingest-" + i + ".json"));
        }
        JsonNode jmh = read("jmh-other.json");
        // The in-JVM load and growth runs (LoadBench) are optional: scripts/bench now measures end to
        // end from outside the bot's process (OutsideBench, outside.json).
        JsonNode load = Files.exists(dir.resolve("load.json")) ? read("load.json") : null;
        JsonNode economy = read("economy.json");
        JsonNode growth = Files.exists(dir.resolve("growth.json")) ? read("growth.json") : null;
        JsonNode process = read("process.json");
        JsonNode outsideJson = Files.exists(dir.resolve("outside.json")) ? read("outside.json") : null;

        StringBuilder body = new StringBuilder();
        String ingest = ingest(rounds, jmh);
        OutsideReport outsideReport = new OutsideReport(outsideJson,
                Files.exists(dir.resolve("ingest-ab.json")) ? read("ingest-ab.json") : null,
                Files.exists(dir.resolve("dedupe-cost.json")) ? read("dedupe-cost.json") : null,
                jmhScore(jmh, "DedupeBenchmark.claimFirstSight"), process);
        String outside = outsideReport.render();
        for (OutsideReport.Goal g : outsideReport.goals()) {
            goals.add(new Goal(g.id(), g.what(), g.measured(), g.met() ? "yes" : "**no**"));
        }
        String e2e = load == null ? "" : endToEnd(load);
        String econ = economy(economy);
        String mem = memory(process);
        String grow = growth == null ? "" : growth(growth);
        String longConn = longConnection(Files.exists(dir.resolve("longconn.json")) ? read("longconn.json") : null);

        md.append("# Benchmarks\n\n");
        md.append("Generated by `").append(facts.getOrDefault("command", "scripts/bench"))
                .append("` from the figures it measured in one run; do not edit by hand, run it again. ")
                .append("Benchmarks are not tests: `scripts/test` asserts no timing.\n\n");
        md.append("| Run | |\n|---|---|\n");
        md.append("| Command | `").append(facts.getOrDefault("command", "scripts/bench")).append("` |\n");
        md.append("| Date | ").append(facts.getOrDefault("started", now())).append(" |\n");
        md.append("| Took | ").append(facts.getOrDefault("seconds", "?")).append(" s for the whole script (build included) |\n");
        md.append("| Commit | ").append(facts.getOrDefault("commit", "?")).append(" |\n");
        md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vendor"))
                .append(") |\n");
        md.append("| Machine | ").append(cores(load)).append(" cores, ")
                .append(cpuModel()).append(", ").append(memTotal()).append(", ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.version")).append(" |\n");
        md.append("| Load average (1 min) | ").append(facts.getOrDefault("loadavg_start", "?"))
                .append(" at the start, ").append(facts.getOrDefault("loadavg_end", "?"))
                .append(" at the end |\n");
        md.append("| CPU taken by other processes during the run | ").append(facts.getOrDefault("others_share", "?"))
                .append(" of the machine (all busy CPU time minus this script's own; 0 % would be a quiet machine) |\n\n");

        body.append(ingest).append(outside).append(e2e).append(econ).append(mem).append(grow).append(longConn);

        md.append("## Goals\n\n| Goal | Measured | Met |\n|---|---|---|\n");
        for (Goal g : goals) {
            md.append("| ").append(g.what()).append(" | ").append(g.measured()).append(" | ")
                    .append(g.verdict()).append(" |\n");
        }
        md.append('\n');
        md.append(body);
        md.append(why(load, process, rounds));
        md.append(method(load, process, rounds, jmh, outsideReport));
        return md.toString();
    }

    // ---- 1. ingest ----------------------------------------------------------------------------

    private String ingest(List<JsonNode> rounds, JsonNode jmh) throws IOException {
        Map<String, JsonNode> byName = byName(jmh);
        List<Map<String, JsonNode>> ingestRounds = rounds.stream().map(Report::byName).toList();
        JsonNode any = rounds.get(0).get(0);
        StringBuilder s = new StringBuilder("## 1. Ingest micro-benchmarks (JMH)\n\n");
        s.append("One `im.message.receive_v1` event from raw bytes and headers to a claimed message_id: ours is ")
                .append("`EventDecoder.decodeEvent` (signature, AES-256-CBC decrypt, parse, token check) then ")
                .append("`MessageDedupe.claim`; the SDK is `").append(sdkCoordinates())
                .append("`'s `EventDispatcher.handle` ")
                .append("with an `onP2MessageReceiveV1` handler that claims the message_id in the same `MessageDedupe` ")
                .append("(the SDK has no dedupe). Same bytes, same headers, ").append(count(any.path("threads").asInt(), "thread"))
                .append(", same JVM fork settings. ")
                .append(rounds.size() > 1 ? "The " + rounds.get(0).size() + " benchmarks ran " + rounds.size()
                        + " times in turn; ops/s is the mean of those rounds.\n\n" : "\n\n");
        JsonNode ab = read("ingest-ab.json");
        s.append("The ratio is checked a second way (`IngestAB`): both sides in one JVM, alternating in ")
                .append(ab.path("slice_ms").asInt()).append(" ms slices (ABBA) for ")
                .append(ab.path("measure_seconds").asDouble()).append(" s after ")
                .append(ab.path("warmup_seconds").asDouble())
                .append(" s of warm-up; each pair of slices is one ratio and the median (with the middle half) is shown. ")
                .append("A neighbour's load shifts JMH's ratio, whose two sides run at different times, but not this one.\n\n");
        s.append("| Input | Ours (ops/s) | SDK (ops/s) | Ours / SDK (JMH) | Ours / SDK interleaved, median (p25–p75) |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (String[] pair : new String[][] {{"signed, encrypted", "Encrypted"}, {"plain (token only)", "Plain"}}) {
            JsonNode check = ab.path(pair[1].toLowerCase(Locale.ROOT));
            double median = check.path("ratio_median").asDouble();
            double ours = 0;
            double sdk = 0;
            for (Map<String, JsonNode> round : ingestRounds) {
                double o = score(round, "IngestBenchmark.ours" + pair[1]);
                double k = score(round, "IngestBenchmark.sdk" + pair[1]);
                ours += o / ingestRounds.size();
                sdk += k / ingestRounds.size();
            }
            double ratio = ours / sdk;
            s.append("| ").append(pair[0]).append(" | ").append(ops(ours)).append(" | ").append(ops(sdk))
                    .append(" | **").append(ratio(ratio)).append("**")
                    .append(" | **").append(ratio(median)).append("** (").append(ratio(check.path("ratio_p25").asDouble()))
                    .append("–").append(ratio(check.path("ratio_p75").asDouble())).append(") |\n");
            String verdict = ratio >= 1.0 && median >= 1.0 ? "yes"
                    : ratio < 1.0 && median < 1.0 ? "**no**" : "unclear (the two ways disagree)";
            goals.add(new Goal("ingest", "Ingest, " + pair[0] + ": ours ahead of the SDK",
                    "ours / SDK = " + ratio(ratio) + " (JMH), " + ratio(median) + " (interleaved)", verdict));
        }
        s.append("\n| Other micro-benchmark | ops/s | µs/op (per thread) |\n|---|---:|---:|\n");
        String[][] others = {
                {"CommandParseBenchmark.parseTypical", "Command parsing: `" + CommandParseBenchmark.TYPICAL_TEXT + "`"},
                {"CommandParseBenchmark.parseMessy", "Command parsing: mention, full-width slash and space, quotes, trailing 。"},
                {"CardRenderBenchmark.renderLargest", "Card rendering, largest fixture (`"
                        + CardRenderBenchmark.LARGEST_FIXTURE + "`) to JSON text"},
                {"CardRenderBenchmark.renderTypical", "Card rendering, typical fixture (`"
                        + CardRenderBenchmark.TYPICAL_FIXTURE + "`) to JSON text"},
                {"DedupeBenchmark.claimFirstSight", "Dedupe claim, new message_id (" + duration(
                        BenchSettings.DEDUPE_RETENTION.toSeconds()) + ", " + count(BenchSettings.DEDUPE_MAX_ENTRIES)
                        + " bound)"},
                {"DedupeBenchmark.claimRedelivery", "Dedupe claim, message_id seen before"},
        };
        for (String[] o : others) {
            if (byName.containsKey(o[0])) {
                double ops = score(byName, o[0]);
                int threads = Math.max(1, byName.get(o[0]).path("threads").asInt());
                s.append("| ").append(o[1]).append(" | ").append(opsWithError(byName, o[0])).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", threads * 1e6 / ops)).append(" |\n");
            }
        }
        String logLevel = null;
        for (JsonNode arg : any.path("jvmArgs")) {
            if (arg.asText().startsWith("-DLOG_LEVEL=")) {
                logLevel = arg.asText();
            }
        }
        s.append("\nJMH ").append(facts.getOrDefault("jmh", "")).append(": ")
                .append(any.path("forks").asInt()).append(" fork(s), ")
                .append(any.path("warmupIterations").asInt()).append(" × ").append(any.path("warmupTime").asText())
                .append(" warm-up, ").append(any.path("measurementIterations").asInt()).append(" × ")
                .append(any.path("measurementTime").asText())
                .append(" measured per benchmark; ± is JMH's ").append(JMH_ERROR_CONFIDENCE)
                .append(" error over those few iterations, so short runs show wide intervals. ")
                .append(logLevel == null ? "Logging as shipped in the forks. "
                        : "Logging at " + logLevel.substring("-DLOG_LEVEL=".length()) + " in the forks (`" + logLevel + "`); ")
                .append("note the SDK still serialises every request's headers and body for its INFO log line ")
                .append("before the level check.\n\n");
        return s.toString();
    }

    /** The SDK's Maven coordinates as its own jar on this classpath records them. */
    private static String sdkCoordinates() throws IOException {
        try (InputStream in = Report.class.getResourceAsStream(SDK_POM)) {
            if (in == null) {
                return "the official SDK (version not found on the classpath)";
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("groupId") + ":" + pom.getProperty("artifactId") + ":" + pom.getProperty("version");
        }
    }

    private static Map<String, JsonNode> byName(JsonNode jmh) {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode b : jmh) {
            String full = b.path("benchmark").asText();
            byName.put(full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1), b);
        }
        return byName;
    }

    private static double score(Map<String, JsonNode> byName, String name) {
        JsonNode b = byName.get(name);
        return b == null ? Double.NaN : b.path("primaryMetric").path("score").asDouble();
    }

    private static String opsWithError(Map<String, JsonNode> byName, String name) {
        JsonNode b = byName.get(name);
        if (b == null) {
            return "n/a";
        }
        double score = b.path("primaryMetric").path("score").asDouble();
        double err = b.path("primaryMetric").path("scoreError").asDouble();
        return Double.isNaN(err) || err == 0 ? ops(score) : ops(score) + " ± " + ops(err);
    }

    // ---- 2. end-to-end load -------------------------------------------------------------------

    private String endToEnd(JsonNode load) {
        StringBuilder s = new StringBuilder("## 2. End-to-end load over HTTP\n\n");
        s.append("Bot and simulator **in one JVM** (`World`: the wiring of the integration tests), each on its own ")
                .append("loopback port; the load driver in the same JVM holds one keep-alive HTTP/1.1 connection per ")
                .append("worker and sends signed, encrypted events back to back. Latency is from writing the request to ")
                .append("reading the whole 200 answer. First every scenario runs at ")
                .append(count(load.path("jit_warmup_connections").asInt(), "connection")).append(" for the JIT (")
                .append(load.path("jit_warmup_seconds").asDouble()).append(" s, replies ")
                .append(load.path("jit_warmup_reply_seconds").asDouble()).append(" s, not counting the sealing of ")
                .append("their events); then each ")
                .append("run: ").append(load.path("warmup_seconds").asDouble())
                .append(" s warm-up, then at most ").append(load.path("measure_seconds").asDouble()).append(" s or ")
                .append(count(load.path("max_requests").asLong()))
                .append(" requests (")
                .append(count(load.path("max_sealed").asLong()))
                .append(" for replies, whose events are sealed beforehand), whichever first; scenarios interleaved per ")
                .append("concurrency. CPU µs/event is this whole process's CPU time (bot, simulator, driver, GC, JIT) ")
                .append("during the run divided by the events answered 200; busy cores is that CPU time over the ")
                .append("run's wall time (").append(cores(load)).append(" is all of them); JIT ms is the compile time ")
                .append("the JVM reports during the run (compilers still at work take CPU from the run).\n\n")
                .append("- **reply**: a fresh message_id asking for a cached notification: decode, dedupe, parse, ")
                .append("cache hit, render the card, POST the reply to the simulator, then 200.\n")
                .append("- **duplicate**: a redelivery of a message already answered (")
                .append(kb(load.path("duplicate_body_bytes").asDouble()))
                .append(" body): decode, dedupe hit, 200.\n")
                .append("- **/healthz**: `GET /healthz`, the ceiling of the HTTP stack and this driver on this machine.\n\n");
        s.append("| Scenario | Connections | Events/s | × ceiling | p50 ms | p99 ms | p99.9 ms | CPU µs/event | Busy cores | JIT ms | Not 200 |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<Integer, Double> ceiling = new HashMap<>();
        for (JsonNode r : load.path("runs")) {
            if (r.path("scenario").asText().equals("healthz")) {
                ceiling.put(r.path("connections").asInt(), r.path("per_second").asDouble());
            }
        }
        double worstDup = Double.MAX_VALUE;
        double worstReply = Double.MAX_VALUE;
        String worstDupAt = "";
        String worstReplyAt = "";
        for (String scenario : List.of("reply", "duplicate", "healthz")) {
            for (JsonNode r : load.path("runs")) {
                if (!r.path("scenario").asText().equals(scenario)) {
                    continue;
                }
                int c = r.path("connections").asInt();
                double ratio = r.path("per_second").asDouble() / ceiling.get(c);
                s.append("| ").append(scenario.equals("healthz") ? "/healthz (ceiling)" : scenario).append(" | ")
                        .append(c).append(" | ").append(ops(r.path("per_second").asDouble())).append(" | ")
                        .append(scenario.equals("healthz") ? "1" : ratio(ratio)).append(" | ")
                        .append(ms(r.path("p50_ms").asDouble())).append(" | ").append(ms(r.path("p99_ms").asDouble()))
                        .append(" | ").append(ms(r.path("p999_ms").asDouble())).append(" | ")
                        .append(ops(r.path("cpu_us_per_event").asDouble())).append(" | ")
                        .append(ratio(busyCores(r))).append(" | ")
                        .append(r.path("jit_ms").asLong()).append(" | ")
                        .append(r.path("not_ok").asLong() + r.path("io_errors").asLong()).append(" |\n");
                if (scenario.equals("duplicate") && ratio < worstDup) {
                    worstDup = ratio;
                    worstDupAt = count(c, "connection");
                }
                if (scenario.equals("reply") && ratio < worstReply) {
                    worstReply = ratio;
                    worstReplyAt = count(c, "connection");
                }
            }
        }
        goal("duplicates", "Duplicates ≥ " + plain(DUPLICATE_GOAL) + " × ceiling (every concurrency)",
                "lowest " + ratio(worstDup) + " (" + worstDupAt + ")", worstDup >= DUPLICATE_GOAL);
        goal("replies", "Full replies ≥ " + plain(REPLY_GOAL) + " × ceiling (every concurrency)",
                "lowest " + ratio(worstReply) + " (" + worstReplyAt + ")", worstReply >= REPLY_GOAL);
        s.append('\n');
        JsonNode p = load.path("profile");
        s.append("### Where the time goes (reply, ").append(count(p.path("run").path("connections").asInt(), "connection"))
                .append(", JFR)\n\n");
        s.append("JFR `jdk.ExecutionSample` every ").append(p.path("sample_period_ms").asLong())
                .append(" ms per thread during one more reply run (")
                .append(ops(p.path("run").path("per_second").asDouble())).append(" events/s while recorded), ")
                .append(p.path("samples").asInt()).append(" samples; summarised in-process like ")
                .append("`jfr print --events jdk.ExecutionSample` would list them. A sample belongs to the simulator when ")
                .append("any frame is simulator code, to the driver by thread name, else to the bot; a bot sample goes to ")
                .append("the component of its top-most non-JDK frame.\n\n");
        s.append(sentence(p)).append("\n\n");
        s.append("| On CPU | Share of all samples |\n|---|---:|\n");
        for (JsonNode o : p.path("by_owner")) {
            s.append("| ").append(o.path("name").asText()).append(" | ").append(pct(o.path("share").asDouble())).append(" |\n");
        }
        s.append("\n| Bot component | Share of bot samples |\n|---|---:|\n");
        for (JsonNode o : p.path("bot_by_component")) {
            s.append("| ").append(o.path("name").asText()).append(" | ").append(pct(o.path("share").asDouble())).append(" |\n");
        }
        s.append("\n| Bot top frame (self) | Share of bot samples |\n|---|---:|\n");
        for (JsonNode o : p.path("bot_top_frames")) {
            s.append("| `").append(o.path("name").asText()).append("` | ").append(pct(o.path("share").asDouble())).append(" |\n");
        }
        s.append('\n');
        return s.toString();
    }

    private static String sentence(JsonNode p) {
        JsonNode owners = p.path("by_owner");
        JsonNode comps = p.path("bot_by_component");
        StringBuilder s = new StringBuilder("**In one sentence:** ");
        double bot = botShare(p);
        s.append("the bot itself had ").append(pct(bot)).append(" of the on-CPU samples (the rest: ");
        List<String> rest = new ArrayList<>();
        for (JsonNode o : owners) {
            if (!o.path("name").asText().equals("bot")) {
                rest.add(o.path("name").asText() + " " + pct(o.path("share").asDouble()));
            }
        }
        s.append(String.join(", ", rest)).append("), and of the bot's own time the largest parts are ");
        List<String> top = new ArrayList<>();
        for (int i = 0; i < Math.min(3, comps.size()); i++) {
            top.add(comps.get(i).path("name").asText() + " " + pct(comps.get(i).path("share").asDouble()));
        }
        s.append(String.join(", ", top)).append('.');
        return s.toString();
    }

    /** The bot's share of all on-CPU samples of the profile. */
    private static double botShare(JsonNode p) {
        for (JsonNode o : p.path("by_owner")) {
            if (o.path("name").asText().equals("bot")) {
                return o.path("share").asDouble();
            }
        }
        return 0;
    }

    // ---- 3. economy ---------------------------------------------------------------------------

    private String economy(JsonNode e) {
        StringBuilder s = new StringBuilder("## 3. Upstream economy\n\n");
        JsonNode run = e.path("run");
        int ids = e.path("ids").asInt();
        int messages = e.path("messages").asInt();
        long gets = e.path("helpdesk_gets").asLong();
        double limited = e.path("ratelimit_refusals").asDouble() + e.path("upstream_ratelimited").asDouble();
        long replies = e.path("replies").asLong();
        String code = e.path("ratelimit_code").asText();
        s.append(count(messages)).append(" `/push-status` messages over ").append(ids)
                .append(" distinct notification ids, scheduled one every ")
                .append(String.format(Locale.ROOT, "%.1f", e.path("schedule_seconds").asDouble() * 1000 / messages))
                .append(" ms (").append(e.path("schedule_seconds").asInt()).append(" s) on ")
                .append(count(e.path("connections").asInt(), "connection")).append(", default cache TTL (")
                .append(duration(e.path("cache_ttl_seconds").asLong())).append(") and the ")
                .append(e.path("helpdesk_budget_per_minute").asInt()).append("/min helpdesk budget; ")
                .append("they actually took ").append(String.format(Locale.ROOT, "%.1f", run.path("seconds").asDouble()))
                .append(" s (p99 ").append(ms(run.path("p99_ms").asDouble())).append(" ms). Counted at the simulator ")
                .append("(GETs, replies) and on the bot's `/metrics` (budget refusals, upstream ").append(code)
                .append(" answers).\n\n");
        s.append("| | Measured | Goal |\n|---|---:|---:|\n");
        s.append("| Helpdesk GETs | ").append(gets).append(" | ").append(ids).append(" (one per id per TTL) |\n");
        s.append("| Rate-limit errors (budget refusals + upstream ").append(code).append(") | ").append((long) limited)
                .append(" | 0 |\n");
        s.append("| Replies sent | ").append(count(replies)).append(" | ").append(count(messages)).append(" |\n");
        s.append("| Answers that were not 200 | ").append(run.path("not_ok").asLong() + run.path("io_errors").asLong())
                .append(" | 0 |\n\n");
        goal("gets", "Helpdesk GETs: one per id per TTL", gets + " for " + ids + " ids", gets <= ids);
        goal("ratelimited", "Rate-limit errors: 0", String.valueOf((long) limited), limited == 0);
        goal("replies-sent", "Replies: " + count(messages), count(replies), replies == messages);
        return s.toString();
    }

    // ---- 4. memory and start-up ---------------------------------------------------------------

    private String memory(JsonNode process) throws IOException {
        StringBuilder s = new StringBuilder("## 4. Memory and start-up\n\n");
        s.append("### Heap per dedupe entry\n\n");
        List<JsonNode> footprints = footprints();
        JsonNode first = footprints.get(0);
        List<String> flags = new ArrayList<>();
        first.path("jvm_args").forEach(a -> flags.add(a.asText()));
        long bound = BenchSettings.DEDUPE_MAX_ENTRIES;
        List<String> above = footprints.stream().map(f -> f.path("entries").asLong()).filter(n -> n > bound)
                .map(Report::count).toList();
        s.append("`MessageDedupe` filled with N Feishu-shaped message_ids (`om_` + 32 hex), each claim completed with ")
                .append("the `Replied` outcome the bot keeps; heap used after a full GC, after minus before, divided by N. ")
                .append("One JVM per size (").append(flags.isEmpty() ? "default flags" : "`" + String.join(" ", flags) + "`")
                .append(", collector ").append(first.path("gc").asText()).append("). The bound is raised to N so nothing is ")
                .append("evicted; the bot's own bound is ").append(count(bound)).append(" entries")
                .append(above.isEmpty() ? ".\n\n" : ", so the " + String.join(" and ", above)
                        + (above.size() == 1 ? " row is" : " rows are") + " what raising it would cost.\n\n");
        s.append("| Entries | Retained heap | Bytes per entry |\n|---:|---:|---:|\n");
        for (JsonNode f : footprints) {
            s.append("| ").append(count(f.path("entries").asLong())).append(" | ")
                    .append(mib(f.path("retained_bytes").asLong())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", f.path("bytes_per_entry").asDouble())).append(" |\n");
        }
        s.append("\n### The shipped jar as a process\n\n");
        s.append("`java -jar ").append(process.path("jar").asText()).append("` (")
                .append(mib(process.path("jar_bytes").asLong())).append(") on Java ")
                .append(Runtime.version().feature()).append(". Start-up is from launching the process to the first ")
                .append("`GET /readyz` answered 200 (polled every ").append(process.path("ready_poll_ms").asLong())
                .append(" ms: the bot holds a tenant token and knows its own ")
                .append("identity); per variant ").append(count(process.path("unmeasured_launches").asInt(), "unmeasured launch"))
                .append(", then ").append(process.path("startup").path(0).path("runs_ms").size())
                .append(" measured. The milestones are the medians of when the log lines were written; the classes are ")
                .append("the medians of what the JVM's own counters (`jcmd PerfCounter.print`) showed once it was ready: ")
                .append("classes loaded (of them from the class-data archive) and `sun.cls.time`, the time spent ")
                .append("loading, linking and initialising classes.\n\n");
        s.append("| Variant | Start-up median | min – max | first log line | simulator listening | bot listening "
                        + "| classes loaded (from archive) | class loading ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode v : process.path("startup")) {
            JsonNode m = v.path("milestones_median_ms");
            JsonNode c = v.path("class_loading_median");
            s.append("| ").append(v.path("label").asText()).append(" | **")
                    .append(String.format(Locale.ROOT, "%.0f ms", v.path("median_ms").asDouble())).append("** | ")
                    .append(String.format(Locale.ROOT, "%.0f – %.0f", v.path("min_ms").asDouble(), v.path("max_ms").asDouble()))
                    .append(" | ").append(milestone(m, "first log line")).append(" | ")
                    .append(milestone(m, "simulator listening")).append(" | ")
                    .append(milestone(m, "bot listening")).append(" | ")
                    .append(c.has("classes_loaded") ? count(c.path("classes_loaded").asLong()) + " ("
                            + count(c.path("classes_from_archive").asLong()) + ")" : "not measured").append(" | ")
                    .append(c.has("class_loading_ms") ? c.path("class_loading_ms").asLong() : "–").append(" |\n");
        }
        JsonNode deployed = process.path("rss_deployed");
        JsonNode sandbox = process.path("rss_sandbox");
        List<String> deployedFlags = new ArrayList<>();
        deployed.path("jvm_flags").forEach(f -> deployedFlags.add(f.asText()));
        s.append("\nResident memory: idle ").append(deployed.path("idle_wait_seconds").asLong())
                .append(" s after ready, then sampled every ").append(deployed.path("sample_ms").asLong())
                .append(" ms while ").append(count(deployed.path("load").path("connections").asInt(), "connection"))
                .append(" drive `POST /sim/say` at the simulator for ").append(String.format(Locale.ROOT, "%.0f",
                        deployed.path("load").path("seconds").asDouble()))
                .append(" s (each a signed, encrypted event to the bot, a lookup, a reply; from a cold JVM). As deployed: ")
                .append("the bot alone with the Deployment's JVM flag and its memory limit as the machine's memory (`")
                .append(String.join(" ", deployedFlags)).append("`), so the heap is capped as in the pod. Sandbox: bot and ")
                .append("simulator in one process, default flags (the JVM sizes the heap from this machine's RAM, and the ")
                .append("simulator keeps every reply it receives).\n\n");
        s.append("| | As deployed | Sandbox |\n|---|---:|---:|\n");
        s.append("| Maximum heap (as the JVM chose it) | ").append(heap(deployed)).append(" | ").append(heap(sandbox))
                .append(" |\n");
        s.append("| RSS idle | ").append(mib(deployed.path("rss_idle_bytes").asLong())).append(" | ")
                .append(mib(sandbox.path("rss_idle_bytes").asLong())).append(" |\n");
        s.append("| RSS under load, peak | ").append(mib(deployed.path("rss_load_peak_bytes").asLong())).append(" | ")
                .append(mib(sandbox.path("rss_load_peak_bytes").asLong())).append(" |\n");
        s.append("| VmHWM (peak RSS of the process) | ").append(mib(deployed.path("vm_hwm_bytes").asLong())).append(" | ")
                .append(mib(sandbox.path("vm_hwm_bytes").asLong())).append(" |\n");
        s.append("| Replies/s during the load | ").append(ops(deployed.path("load").path("per_second").asDouble()))
                .append(" | ").append(ops(sandbox.path("load").path("per_second").asDouble())).append(" |\n\n");
        double median = startup(process, "bot").path("median_ms").asDouble();
        goal("startup", "Start-up to /readyz under " + plain(STARTUP_GOAL_MS / 1000) + " s (fat jar)",
                String.format(Locale.ROOT, "median %.0f ms as deployed; %.0f ms with scripts/run's archive; %.0f ms in "
                                + "sandbox mode (Java %d)", median,
                        startup(process, "bot_cds").path("median_ms").asDouble(),
                        startup(process, "sandbox").path("median_ms").asDouble(), Runtime.version().feature()),
                median < STARTUP_GOAL_MS);
        return s.toString();
    }

    /** The footprint-N.json files of the run, smallest N first. */
    private List<JsonNode> footprints() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("footprint-\\d+\\.json")).toList()) {
                all.add(JSON.readTree(f.toFile()));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no footprint-N.json in " + dir);
        }
        all.sort(Comparator.comparingLong(f -> f.path("entries").asLong()));
        return all;
    }

    private static String heap(JsonNode rss) {
        long bytes = rss.path("max_heap_bytes").asLong(-1);
        return bytes < 0 ? "not measured" : mib(bytes);
    }

    private static JsonNode startup(JsonNode process, String name) {
        for (JsonNode v : process.path("startup")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new IllegalStateException("no start-up variant " + name);
    }

    private static String milestone(JsonNode milestones, String name) {
        return milestones.has(name) ? milestones.path(name).asLong() + " ms" : "–";
    }

    // ---- 5. growth ----------------------------------------------------------------------------

    private String growth(JsonNode growth) {
        StringBuilder s = new StringBuilder("## 5. How cost grows\n\n");
        List<String> sets = new ArrayList<>();
        growth.path("distinct_id_sets").forEach(n -> sets.add(count(n.asLong())));
        s.append("Replies (cache hits: TTL ").append(duration(growth.path("cache_ttl_seconds").asLong()))
                .append(", every id looked up once before) as concurrency and the number of ")
                .append("distinct notification ids grow; one bot for all rows, runs interleaved per concurrency (")
                .append(joined(sets)).append(" ids, ").append(growth.path("lookups_to_fill").asInt())
                .append(" lookups in all to stay inside the ").append(growth.path("helpdesk_budget_per_minute").asInt())
                .append("/min budget), same warm-up and limits as ")
                .append("section 2. Every message has a new message_id, so the dedupe map grows by one entry per event ")
                .append("throughout.\n\n");
        s.append("| Distinct ids | Connections | Events/s | p99 ms | CPU µs/event | Helpdesk GETs in run |\n")
                .append("|---:|---:|---:|---:|---:|---:|\n");
        List<JsonNode> rows = new ArrayList<>();
        growth.path("rows").forEach(rows::add);
        rows.sort(Comparator.comparingInt((JsonNode r) -> r.path("distinct_ids").asInt())
                .thenComparingInt(r -> r.path("connections").asInt()));
        for (JsonNode r : rows) {
            s.append("| ").append(r.path("distinct_ids").asInt()).append(" | ").append(r.path("connections").asInt())
                    .append(" | ").append(ops(r.path("per_second").asDouble())).append(" | ")
                    .append(ms(r.path("p99_ms").asDouble())).append(" | ")
                    .append(ops(r.path("cpu_us_per_event").asDouble())).append(" | ")
                    .append(r.path("helpdesk_gets_during_run").asInt()).append(" |\n");
        }
        s.append("\nWhere the time goes: see the JFR summary in section 2.\n\n");
        return s.toString();
    }

    // ---- 6. the long connection beside the webhook -------------------------------------------

    private String longConnection(JsonNode lc) {
        StringBuilder s = new StringBuilder("## 6. The long connection beside the webhook\n\n");
        if (lc == null) {
            return s.append("Not measured in this run (no `longconn.json`).\n\n").toString();
        }
        List<String> inFlight = new ArrayList<>();
        lc.path("in_flight").forEach(n -> inFlight.add(count(n.asLong())));
        s.append("Two bots **in one JVM** (`LongConnectionBench`), each with its own simulator: one receives events ")
                .append("over the webhook (signed, encrypted, ").append(kb(lc.path("webhook_event_bytes").asDouble()))
                .append(" body; one keep-alive HTTP/1.1 connection per event in flight, as section 2), the other over ")
                .append("the simulator's long connection (`FEISHU_EVENT_MODE=websocket`: plain events, ")
                .append(kb(lc.path("websocket_event_bytes").asDouble()))
                .append(", all of them on the bot's open WebSockets: **")
                .append(count(lc.path("websocket_connections").asLong())).append("**). Events in flight are driver ")
                .append("threads, each sending its next event when the last one is answered (").append(joined(inFlight))
                .append(" at a time). Latency is from sending an event to its answer: the webhook's 200 read whole, or ")
                .append("the long connection's ack received by the simulator (`LongConnectionServer.deliver`, which ")
                .append("pushes the event ").append(count(lc.path("pushes_per_event").asLong(), "time"))
                .append(" and waits up to ").append(duration(lc.path("ack_timeout_seconds").asLong()))
                .append(" for the ack, so nothing is pushed again). Per kind and number in flight the two modes run one ")
                .append("after the other: first each mode and kind runs ")
                .append(lc.path("jit_warmup_seconds").asDouble()).append(" s at ")
                .append(lc.path("jit_warmup_in_flight").asInt()).append(" in flight for the JIT; then each run ")
                .append(lc.path("warmup_seconds").asDouble()).append(" s warm-up, then at most ")
                .append(lc.path("measure_seconds").asDouble()).append(" s or ")
                .append(count(lc.path("max_duplicates").asLong())).append(" events (")
                .append(count(lc.path("max_fresh").asLong()))
                .append(" for replies, built and sealed beforehand), whichever first.\n\n")
                .append("- **duplicate**: one of ").append(count(lc.path("primed").asLong()))
                .append(" messages already answered, delivered again: 200 (ack code 200) and no reply.\n")
                .append("- **reply**: a fresh message_id asking for the one cached notification (cache TTL ")
                .append(duration(lc.path("cache_ttl_seconds").asLong()))
                .append("): the card is sent to the simulator, then the answer.\n\n")
                .append("CPU µs/event is the CPU time of the **whole process** (both bots, both simulators, the driver, ")
                .append("GC, JIT; the idle bot included) during the run divided by the events answered; the bot's own ")
                .append("threads are not measured apart. So the long connection's figure includes the simulator's push ")
                .append("side (framing each event, recording each push and ack), as the webhook's includes the driver's ")
                .append("HTTP client. Busy cores is that CPU time over the run's wall time (")
                .append(lc.path("cores").asInt()).append(" is all of them). Not 200 counts the answers other than 200 ")
                .append("and, on the long connection, the pushes not acked within the ack timeout; JIT ms is the compile ")
                .append("time the JVM reports during the run, as in section 2.\n\n");
        s.append("| Kind | In flight | Mode | Events/s | × webhook | p50 ms | p99 ms | CPU µs/event | CPU × webhook "
                        + "| Busy cores | JIT ms | Not 200 | Replies in run |\n")
                .append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode r : lc.path("runs")) {
            byKey.put(r.path("mode").asText() + "/" + r.path("kind").asText() + "/" + r.path("in_flight").asInt(), r);
        }
        for (String kind : List.of("duplicate", "reply")) {
            for (JsonNode n : lc.path("in_flight")) {
                JsonNode hook = byKey.get("webhook/" + kind + "/" + n.asInt());
                for (String mode : List.of("webhook", "websocket")) {
                    JsonNode r = byKey.get(mode + "/" + kind + "/" + n.asInt());
                    if (r == null) {
                        continue;
                    }
                    boolean ws = mode.equals("websocket");
                    s.append("| ").append(kind).append(" | ").append(n.asInt()).append(" | ")
                            .append(ws ? "long connection" : "webhook").append(" | ")
                            .append(ops(r.path("per_second").asDouble())).append(" | ")
                            .append(ws && hook != null ? ratio(r.path("per_second").asDouble()
                                    / hook.path("per_second").asDouble()) : "1").append(" | ")
                            .append(ms(r.path("p50_ms").asDouble())).append(" | ")
                            .append(ms(r.path("p99_ms").asDouble())).append(" | ")
                            .append(ops(r.path("cpu_us_per_event").asDouble())).append(" | ")
                            .append(ws && hook != null ? ratio(r.path("cpu_us_per_event").asDouble()
                                    / hook.path("cpu_us_per_event").asDouble()) : "1").append(" | ")
                            .append(ratio(busyCores(r))).append(" | ")
                            .append(r.path("jit_ms").asLong()).append(" | ")
                            .append(r.path("not_ok").asLong() + r.path("io_errors").asLong()).append(" | ")
                            .append(count(r.path("replies_during_run").asLong())).append(" |\n");
                }
            }
        }
        s.append('\n');
        return s.toString();
    }

    // ---- why the missed goals are missed ------------------------------------------------------

    /** What the figures of this run say about each missed goal; each verdict follows from the figures it names. */
    private String why(JsonNode load, JsonNode process, List<JsonNode> rounds) {
        StringBuilder s = new StringBuilder("## Why the missed goals are missed (from this run's figures)\n\n");
        Map<String, JsonNode> runs = new HashMap<>();
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        for (JsonNode r : load == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : load.path("runs")) {
            int c = r.path("connections").asInt();
            runs.put(r.path("scenario").asText() + "@" + c, r);
            fewest = Math.min(fewest, c);
            most = Math.max(most, c);
        }
        int cores = cores(load);
        boolean any = false;
        for (Goal g : goals) {
            if (g.met()) {
                continue;
            }
            any = true;
            switch (g.id()) {
                case "replies" -> {
                    JsonNode reply = runs.get("reply@" + most);
                    JsonNode ceiling = runs.get("healthz@" + most);
                    double replyCpu = reply.path("cpu_us_per_event").asDouble();
                    double ceilCpu = ceiling.path("cpu_us_per_event").asDouble();
                    s.append("- **Replies** (").append(g.measured()).append("): at ").append(count(most, "connection"))
                            .append(" a reply cost ").append(ops(replyCpu)).append(" µs of CPU against ")
                            .append(ops(ceilCpu)).append(" µs for `/healthz` (")
                            .append(String.format(Locale.ROOT, "%.0f", replyCpu / ceilCpu))
                            .append("×). The design answers Feishu only after the reply is sent (docs/architecture.md, \"Delivery ")
                            .append("semantics\"), so one reply is the event in, the reply out through OkHttp, and the ")
                            .append("simulator (doing Feishu's part) receiving and checking the card, all on the same ")
                            .append(cores).append(" cores; plus a hop to a handler thread and the card rendered and ")
                            .append("serialised. The ceiling is one exchange with an empty handler. ");
                    if (cpuBound(reply, cores) && cpuBound(ceiling, cores)) {
                        double needed = ceilCpu / REPLY_GOAL;
                        double cut = 1 - needed / replyCpu;
                        JsonNode largest = load.path("profile").path("bot_by_component").path(0);
                        double largestOfAll = largest.path("share").asDouble() * botShare(load.path("profile"));
                        s.append("Both runs were CPU-bound (").append(ratio(busyCores(reply))).append(" and ")
                                .append(ratio(busyCores(ceiling))).append(" of ").append(cores)
                                .append(" cores busy), so ").append(plain(REPLY_GOAL)).append(" would need a reply at ")
                                .append(plain(1 / REPLY_GOAL)).append("× the ceiling's CPU, ").append(ops(needed))
                                .append(" µs: ").append(pct(cut)).append(" less than now. The largest bot component in ")
                                .append("the JFR summary of section 2, ").append(largest.path("name").asText())
                                .append(", was ").append(pct(largestOfAll)).append(" of all on-CPU samples, so removing ")
                                .append("it entirely ").append(cut > largestOfAll ? "would not be enough" : "could be enough")
                                .append(".\n");
                    } else {
                        s.append("The runs were not both CPU-bound (").append(ratio(busyCores(reply))).append(" and ")
                                .append(ratio(busyCores(ceiling))).append(" of ").append(cores)
                                .append(" cores busy), so the CPU per request alone does not set the ratio here.\n");
                    }
                }
                case "duplicates" -> {
                    JsonNode dupFew = runs.get("duplicate@" + fewest);
                    JsonNode ceilFew = runs.get("healthz@" + fewest);
                    JsonNode dupMost = runs.get("duplicate@" + most);
                    JsonNode ceilMost = runs.get("healthz@" + most);
                    double dup = dupMost.path("cpu_us_per_event").asDouble();
                    double ceil = ceilMost.path("cpu_us_per_event").asDouble();
                    double needed = ceil / DUPLICATE_GOAL;
                    double margin = needed - ceil;
                    int threads = Math.max(1, rounds.get(0).get(0).path("threads").asInt());
                    // JMH's score is the throughput of all its threads together: per event, each took this long.
                    double proof = threads * 1e6 / meanScore(rounds, "IngestBenchmark.oursEncrypted");
                    s.append("- **Duplicates** (").append(g.measured()).append("): at ").append(count(fewest, "connection"))
                            .append(" a redelivery runs at ")
                            .append(ratio(dupFew.path("per_second").asDouble() / ceilFew.path("per_second").asDouble()))
                            .append(" of the ceiling with ").append(ratio(busyCores(dupFew))).append(" of ").append(cores)
                            .append(" cores busy (").append(cpuBound(dupFew, cores) ? "CPU-bound already"
                                    : "latency, not CPU, sets the pace").append("); at ").append(count(most, "connection"))
                            .append(" the redeliveries kept ").append(ratio(busyCores(dupMost))).append(" and `/healthz` ")
                            .append(ratio(busyCores(ceilMost))).append(" cores busy (")
                            .append(cpuBound(dupMost, cores) && cpuBound(ceilMost, cores)
                                    ? "both CPU-bound, so the ratio follows the CPU per request"
                                    : "not both CPU-bound, so the CPU per request alone does not set the ratio")
                            .append("): ").append(ops(dup)).append(" µs for a redelivery against ")
                            .append(ops(ceil)).append(" µs for `/healthz`. ").append(plain(DUPLICATE_GOAL))
                            .append(" would need a redelivery at ").append(ops(needed)).append(" µs, ").append(ops(margin))
                            .append(" µs above a bare GET, while proving it is a redelivery (SHA-256 signature, AES-256-CBC, ")
                            .append("the JSON down to the message_id) takes ").append(ops(proof))
                            .append(" µs per event (section 1, ").append(count(threads, "JMH thread")).append("), ")
                            .append(proof > margin ? "more than that margin" : "within that margin")
                            .append(", before Jetty reads its ").append(kb(load.path("duplicate_body_bytes").asDouble()))
                            .append(" body. The bot does not skip that proof for bytes it has seen: whether Feishu ")
                            .append("re-encrypts a redelivery is not documented, and the dedupe must hold either way.\n");
                }
                case "startup" -> {
                    JsonNode bot = startup(process, "bot");
                    JsonNode cds = startup(process, "bot_cds");
                    JsonNode m = bot.path("milestones_median_ms");
                    double saved = bot.path("median_ms").asDouble() - cds.path("median_ms").asDouble();
                    s.append("- **Start-up** (").append(g.measured()).append("): the first log line came ")
                            .append(milestone(m, "first log line")).append(" after launch and the server was listening at ")
                            .append(milestone(m, "bot listening")).append(". As deployed, ").append(classLoading(bot))
                            .append(". With the class-data archive `scripts/run` records, ").append(classLoading(cds))
                            .append(String.format(Locale.ROOT, "; its median start-up was %.0f ms %s.\n", Math.abs(saved),
                                    saved >= 0 ? "shorter" : "longer"));
                }
                case "ingest" -> s.append("- **").append(g.what()).append("** (").append(g.measured())
                        .append("): ").append(g.verdict().startsWith("unclear")
                                ? "the two measures disagree, so the sides are within this machine's noise of each other: "
                                        + "the JMH forks run one after the other, the interleaved check runs both sides "
                                        + "in the same seconds."
                                : "ours is slower on both measures.")
                        .append('\n');
                default -> {
                    if (!g.id().startsWith(OutsideReport.GOAL_PREFIX)) {
                        s.append("- **").append(g.what()).append("**: measured ").append(g.measured()).append(".\n");
                    }
                }
            }
        }
        if (!any) {
            s.append("Every goal was met in this run.\n");
        } else if (goals.stream().anyMatch(g -> !g.met() && g.id().startsWith(OutsideReport.GOAL_PREFIX))) {
            s.append("- The goals of section 2 that were missed: by how much and where the time goes is at the end ")
                    .append("of section 2 (\"Where the time goes\").\n");
        }
        return s.append('\n').toString();
    }

    /** What the JVM had loaded by the time a start-up variant was ready, and its share of the start-up. */
    private static String classLoading(JsonNode variant) {
        JsonNode c = variant.path("class_loading_median");
        if (!c.has("classes_loaded") || !c.has("class_loading_ms")) {
            return "the class-loading counters were not measured (no jcmd)";
        }
        double share = c.path("class_loading_ms").asDouble() / variant.path("median_ms").asDouble();
        return count(c.path("classes_loaded").asLong()) + " classes were loaded by the time `/readyz` answered ("
                + count(c.path("classes_from_archive").asLong()) + " of them from a class-data archive), and loading, "
                + "linking and initialising classes took " + c.path("class_loading_ms").asLong() + " ms (`sun.cls.time`), "
                + pct(share) + " of the median start-up";
    }

    private static double meanScore(List<JsonNode> rounds, String name) {
        double sum = 0;
        for (JsonNode round : rounds) {
            sum += score(byName(round), name);
        }
        return sum / rounds.size();
    }

    // ---- method and caveats -------------------------------------------------------------------

    private String method(JsonNode load, JsonNode process, List<JsonNode> rounds, JsonNode jmh,
                          OutsideReport outside) {
        long jitMin = Long.MAX_VALUE;
        long jitMax = 0;
        for (JsonNode r : load == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : load.path("runs")) {
            if (r.path("scenario").asText().equals("reply")) {
                jitMin = Math.min(jitMin, r.path("jit_ms").asLong());
                jitMax = Math.max(jitMax, r.path("jit_ms").asLong());
            }
        }
        List<JsonNode> benchmarks = new ArrayList<>();
        rounds.forEach(round -> round.forEach(benchmarks::add));
        jmh.forEach(benchmarks::add);
        double spread = 0;
        String spreadOf = "";
        for (JsonNode b : benchmarks) {
            double lo = Double.MAX_VALUE;
            double hi = 0;
            double sum = 0;
            int n = 0;
            for (JsonNode fork : b.path("primaryMetric").path("rawData")) {
                for (JsonNode iteration : fork) {
                    lo = Math.min(lo, iteration.asDouble());
                    hi = Math.max(hi, iteration.asDouble());
                    sum += iteration.asDouble();
                    n++;
                }
            }
            if (n > 1 && (hi - lo) / (sum / n) > spread) {
                spread = (hi - lo) / (sum / n);
                String full = b.path("benchmark").asText();
                spreadOf = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1);
            }
        }
        int cores = cores(load);
        String inJvm = load == null ? outside.method()
                : "- Everything ran on this one machine in one `scripts/bench` run; each ratio compares two figures of that run.\n"
                + "- The load figures put the bot, the simulator (a stand-in for Feishu, doing Feishu's part of each reply) "
                + "and the load driver on the same cores, so the simulator's and driver's CPU is taken from the bot; the "
                + "/healthz ceiling pays the same driver cost, which is why the scenarios are reported as ratios of it.\n"
                + "- The bot logs one INFO line per message (as shipped); the load runs keep that, writing to a file.\n"
                + "- JFR samples only threads running Java code, every " + load.path("profile").path("sample_period_ms").asLong()
                + " ms: threads blocked in socket reads (the load "
                + "driver, mostly) and the JVM's own GC and JIT threads do not appear in the profile, though their CPU "
                + "is in CPU µs/event.\n";
        String jit = load == null ? ""
                : "- On " + cores + " cores the JIT compilers compete with the load for CPU: the reply runs still "
                + "compiled for " + (jitMin == jitMax ? jitMax + " ms" : jitMin + "–" + jitMax + " ms")
                + " within their measured seconds after the warm-up (JIT ms in section 2)"
                + (jitMax > 0 ? ", so the reply figures may be below what a long-running bot reaches.\n" : ".\n");
        return "## Method and caveats\n\n"
                + inJvm
                + "- The start-up and sandbox figures (section 4) are from `java -jar` with default flags on this machine ("
                + memTotal() + "), where the JVM sizes the heap from the RAM (" + heap(process.path("rss_sandbox"))
                + " for the sandbox process); the as-deployed memory column caps it as the Deployment does ("
                + heap(process.path("rss_deployed")) + ").\n"
                + jit
                + "- Short runs: the iterations of one JMH benchmark differed by up to " + pct(spread)
                + (spreadOf.isEmpty() ? "" : " (" + spreadOf + ")")
                + " in this run; the load runs are not repeated, so their run-to-run spread is not measured here. A "
                + "load average above 0 at the start means other work shared the CPU.\n";
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void goal(String id, String what, String measured, boolean met) {
        goals.add(new Goal(id, what, measured, met ? "yes" : "**no**"));
    }

    private JsonNode read(String name) throws IOException {
        return JSON.readTree(dir.resolve(name).toFile());
    }

    /** Cores of the machine the load ran on, as the load benchmark saw them. */
    private static int cores(JsonNode load) {
        return load == null ? Runtime.getRuntime().availableProcessors()
                : load.path("cores").asInt(Runtime.getRuntime().availableProcessors());
    }

    private static double jmhScore(JsonNode jmh, String name) {
        Map<String, JsonNode> byName = byName(jmh);
        return byName.containsKey(name) ? score(byName, name) : Double.NaN;
    }

    /** Cores the process kept busy during a run: its CPU time over the run's wall time. */
    private static double busyCores(JsonNode run) {
        return run.path("per_second").asDouble() * run.path("cpu_us_per_event").asDouble() / 1e6;
    }

    private static boolean cpuBound(JsonNode run, int cores) {
        return busyCores(run) >= CPU_BOUND_SHARE * cores;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 connection", "16 connections". */
    private static String count(long n, String what) {
        return count(n) + " " + what + (n == 1 ? "" : what.endsWith("h") ? "es" : "s");
    }

    /** "1, 10 and 80". */
    private static String joined(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** A setting's value without trailing zeros: 0.8, 1.5, 2. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** "30 s", "10 min", "8 h". */
    private static String duration(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    private static String kb(double bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1000);
    }

    private static String ops(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ms(double v) {
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return "unknown CPU";
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f GiB RAM", kb / 1048576.0);
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return "unknown RAM";
    }
}
