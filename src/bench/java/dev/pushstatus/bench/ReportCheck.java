package dev.pushstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A check of {@link Report} without running the benchmarks: made-up result files whose figures
 * differ from any real run's (3 cores, 1/8/32 connections, a 2,345-byte body, 4,321 classes...),
 * rendered; every figure must come out as given, no figure of an earlier run may appear, and each
 * verdict must turn when the figures it rests on do. Run by hand after changing the report:
 *
 * <pre>java -cp target/bench/push-status-bot-bench.jar dev.pushstatus.bench.ReportCheck [file]</pre>
 *
 * Exits 1, listing what is wrong, when the text does not follow the figures; with a file, also
 * writes the first made-up report there, to read.
 */
public final class ReportCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> problems = new ArrayList<>();

    private ReportCheck() {
    }

    public static void main(String[] args) throws Exception {
        ReportCheck check = new ReportCheck();
        check.run(args.length > 0 ? Path.of(args[0]) : null);
        if (!check.problems.isEmpty()) {
            check.problems.forEach(p -> System.out.println("FAIL " + p));
            System.exit(1);
        }
        System.out.println("ReportCheck: the report follows its figures");
    }

    private void run(Path writeTo) throws Exception {
        // A: duplicates and replies missed while CPU-bound, start-up missed; the margins as designed below.
        String a = render("A", results -> { });
        if (writeTo != null) {
            Files.writeString(writeTo, a);
        }
        expect("A", a,
                // section 1
                "com.larksuite.oapi:oapi-sdk:", "2 threads, same JVM fork settings", "The 4 benchmarks ran 2 times",
                "Logging at ERROR in the forks (`-DLOG_LEVEL=ERROR`)", "70 ms slices",
                // section 2
                "at 12 connections for the JIT (7.0 s, replies 33.0 s", "at most 3.5 s or 77,000 requests (9,000 for replies",
                "(3 is all of them)", "(2.3 KB body)", "### Where the time goes (reply, 12 connections, JFR)",
                "every 20 ms per thread", "Duplicates ≥ 0.8 × ceiling", "Full replies ≥ 0.5 × ceiling",
                // section 3
                "7,000 `/push-status` messages over 35", "on 48 connections", "default cache TTL (45 s)",
                "the 77/min helpdesk budget", "upstream 99991400 answers",
                // section 4
                "`-XX:+UseSerialGC -Xms1g -Xmx1g`", "the bot's own bound is 100,000 entries, so the 200,000 row is what",
                "polled every 7 ms", "per variant 2 unmeasured launches, then 4 measured", "4,321 (1,234)",
                "Resident memory: idle 4 s after ready, then sampled every 300 ms while 9 connections",
                "`-XX:MaxRAM=300m -XX:MaxRAMPercentage=60`", "| Maximum heap (as the JVM chose it) | 180.0 MiB | 2048.0 MiB |",
                "Start-up to /readyz under 1.5 s (fat jar)",
                // section 5
                "TTL 10 min", "(2, 5 and 40 ids, 47 lookups in all to stay inside the 77/min budget)",
                // section 6
                "(signed, encrypted, 2.3 KB body;", "plain events, 1.4 KB, all of them on the bot's open WebSockets: **3**)",
                "(2 and 12 at a time)", "pushes the event 1 time and waits up to 45 s for the ack",
                "first each mode and kind runs 5.5 s at 12 in flight", "each run 1.5 s warm-up, then at most 7.5 s or 55,000 events (22,000 for replies",
                "one of 128 messages already answered", "(cache TTL 7 min)", "(3 is all of them). Not 200 counts", "JIT ms is the compile time the JVM reports during the run, as in section 2.\n\n| Kind | In flight",
                "| duplicate | 2 | webhook | 11,000 | 1 | 0.37 | 7.70 | 100 | 1 | 1.10 | 110 | 3 | 0 |",
                "| duplicate | 2 | long connection | 5,500 | 0.50 | 0.37 | 7.70 | 220 | 2.20 | 1.21 | 55 | 3 | 0 |",
                "| reply | 2 | long connection | 2,700 | 1.50 | 0.37 | 7.70 | 630 | 0.90 | 1.70 | 27 | 3 | 20,250 |",
                "| duplicate | 12 | long connection | 10,000 | 0.50 | 0.37 | 7.70 | 140 | 1.75 | 1.40 | 100 | 3 | 0 |",
                "| reply | 12 | long connection | 2,400 | 0.80 | 0.37 | 7.70 | 504 | 1.05 | 1.21 | 24 | 3 | 18,000 |",
                // why
                "at 32 connections a reply cost 950 µs", "all on the same 3 cores", "Both runs were CPU-bound (2.85 and 2.85 of 3",
                "0.5 would need a reply at 2× the ceiling's CPU, 190 µs: 80 % less than now",
                "JSON (Jackson), was 24 % of all on-CPU samples, so removing it entirely would not be enough",
                "at 1 connection a redelivery runs at 0.50 of the ceiling with 0.75 of 3 cores busy (latency, not CPU, sets the pace)",
                "both CPU-bound, so the ratio follows the CPU per request", "0.8 would need a redelivery at 119 µs, 24 µs above",
                "takes 40 µs per event (section 1, 2 JMH threads), more than that margin",
                "before Jetty reads its 2.3 KB body", "| 123,456 ± 2,469 | 16.20 |",
                "4,321 classes were loaded by the time `/readyz` answered (1,234 of them", "took 654 ms (`sun.cls.time`), 38 %",
                "its median start-up was 800 ms shorter",
                // method
                "every 20 ms: threads blocked", "(2048.0 MiB for the sandbox process)", "as the Deployment does (180.0 MiB)",
                "On 3 cores the JIT compilers", "compiled for 300–1200 ms", "may be below what a long-running bot reaches",
                "differed by up to 20 % (IngestBenchmark.sdkPlain)");
        // Figures and verdicts of earlier runs, once typed into the text: none may survive.
        refuse("A", a, "5,000 classes", "1.6 KB", "two cores", "On 2 cores", "24 GiB machine", "64 connections",
                "16 connections", "every 10 ms", "100/min", "(30 s)", "10^6", "a quarter", "longer trials",
                "several per cent", "com.lark.oapi:oapi-sdk:2.4.0", "one thread", "more than any one component",
                "nearly all of it");

        // B: the same misses, but figures under which the verdicts turn.
        String b = render("B", results -> {
            for (ObjectNode run : runs(results)) {
                if (run.path("scenario").asText().equals("reply")) {
                    run.put("per_second", 12_000).put("cpu_us_per_event", 240);
                }
            }
            score(results.jmhIngest, "oursEncrypted", 100_000);
        });
        expect("B", b, "190 µs: 21 % less than now", "was 24 % of all on-CPU samples, so removing it entirely could be enough",
                "takes 20 µs per event (section 1, 2 JMH threads), within that margin");
        refuse("B", b, "would not be enough", "more than that margin");

        // C: no longer CPU-bound at the most connections, no class counters, the archive slower.
        String c = render("C", results -> {
            for (ObjectNode run : runs(results)) {
                if (run.path("connections").asInt() == 32 && !run.path("scenario").asText().equals("healthz")) {
                    run.put("per_second", run.path("scenario").asText().equals("reply") ? 1_000 : 4_000);
                }
            }
            for (var v : results.process.withArray("startup")) {
                ((ObjectNode) v).remove("class_loading_median");
                if (v.path("name").asText().equals("bot_cds")) {
                    ((ObjectNode) v).put("median_ms", 1_750);
                }
            }
        });
        expect("C", c, "The runs were not both CPU-bound", "not both CPU-bound, so the CPU per request alone does not set",
                "the class-loading counters were not measured (no jcmd)", "its median start-up was 50 ms longer",
                "| not measured | – |");
        refuse("C", c, "Both runs were CPU-bound", "would not be enough", "could be enough", "shorter");

        // D: a run without the long connection's figures.
        String d = render("D", results -> results.longConn = null);
        expect("D", d, "## 6. The long connection beside the webhook\n\nNot measured in this run (no `longconn.json`).");
        refuse("D", d, "| Kind | In flight |", "long connection |");

        // E: as scripts/bench runs now: end to end from outside (outside.json), no in-JVM load or growth.
        String e = render("E", results -> {
            results.load = null;
            results.growth = null;
            results.longConn = null;
            outside(results);
        });
        expect("E", e,
                "## 2. End to end, every party its own process",
                "| duplicate | webhook | memory | 1 | 9,000 | **0.75** × /healthz |",
                "| reply | webhook | memory | 1 | 2,400 | **0.80** × relay |",
                "| Duplicates ≥ 0.85 × `/healthz`, outside driver (every concurrency) | lowest 0.50 (1 connections); 0.75 at 16 | **no** |",
                "| Replies ≥ 0.5 × the bare relay (every concurrency) | lowest 0.80 (1 connections); 0.80 at 16 | yes |",
                "| Ingest, encrypted: ours ≥ 2× the SDK (interleaved) | ours / SDK = 1.31 | **no** |",
                "| Ingest, encrypted, distinct events with fresh message_ids: ours ≥ 2× the SDK | ours / SDK = 2.10 | yes |",
                "| duplicate | 16 | 9,000 | 80 | 10,000 | 50 | **1.60** |",
                "| Redis adds ≤ 1 ms p99 per message (loopback) | +1.50 ms p99 (2.50 against 1.00); p50 +0.75 ms | **no** |",
                "| RSS as deployed ≤ 128 MiB idle | 100.0 MiB | yes |",
                "| RSS as deployed ≤ 128 MiB under load | peak 200.0 MiB | **no** |",
                "missed by 41 %", "30 %", "12 watch lookups", "of the helpdesk budget",
                "A first-sight claim on this stream cost **2.00 µs**", "CPU pinning**: none (made up)",
                "Load average (1 min) 0.10 when this section started, 0.20 when it ended",
                "| the common pool (Caffeine's default) | back to back | 0.30 | 0.30 | 1.00 | 0.00 |",
                "Everything ran on this one machine in one `scripts/bench` run");
        refuse("E", e, "## 5. How cost grows", "End-to-end load over HTTP", "Not measured in this run (no `outside.json`)");
    }

    // ---- made-up results ----------------------------------------------------------------------

    /** The result files of one made-up run, as objects to change before they are written. */
    private static final class Results {
        final ArrayNode jmhIngest = ingestRound(1.0);
        final ArrayNode jmhIngest2 = ingestRound(1.0);
        final ArrayNode jmhOther = JSON.createArrayNode();
        final ObjectNode ab = JSON.createObjectNode();
        ObjectNode load = JSON.createObjectNode();
        final ObjectNode economy = JSON.createObjectNode();
        ObjectNode growth = JSON.createObjectNode();
        /** outside.json and dedupe-cost.json (issue 18), absent unless a variant adds them. */
        ObjectNode outside;
        ObjectNode dedupeCost;
        final ObjectNode process = JSON.createObjectNode();
        /** Null: the run did not measure the long connection (no longconn.json). */
        ObjectNode longConn = JSON.createObjectNode();
        final List<ObjectNode> footprints = new ArrayList<>();

        Results() {
            for (String name : List.of("CommandParseBenchmark.parseTypical", "CommandParseBenchmark.parseMessy",
                    "CardRenderBenchmark.renderLargest", "CardRenderBenchmark.renderTypical",
                    "DedupeBenchmark.claimFirstSight", "DedupeBenchmark.claimRedelivery")) {
                jmhOther.add(benchmark("dev.pushstatus.bench.jmh." + name, 123_456, 100_000, 110_000, 120_000));
            }
            ab.put("slice_ms", 70).put("warmup_seconds", 9).put("measure_seconds", 11);
            ab.putObject("encrypted").put("ratio_median", 1.31).put("ratio_p25", 1.2).put("ratio_p75", 1.4);
            ab.putObject("plain").put("ratio_median", 1.11).put("ratio_p25", 1.05).put("ratio_p75", 1.15);

            load.put("cores", 3).put("jit_warmup_connections", 12).put("jit_warmup_seconds", 7.0)
                    .put("jit_warmup_reply_seconds", 33.0).put("warmup_seconds", 1.5).put("measure_seconds", 3.5)
                    .put("max_requests", 77_000).put("max_sealed", 9_000).put("cache_ttl_seconds", 600)
                    .put("duplicate_body_bytes", 2_345.0).put("reply_body_bytes", 2_400);
            ArrayNode runs = load.putArray("runs");
            // connections, per_second, cpu µs/event, jit ms: healthz, duplicate, reply
            run(runs, "healthz", 1, 10_000, 90, 1);
            run(runs, "healthz", 8, 28_000, 100, 5);
            run(runs, "healthz", 32, 30_000, 95, 9);
            run(runs, "duplicate", 1, 5_000, 150, 20);
            run(runs, "duplicate", 8, 13_000, 210, 30);
            run(runs, "duplicate", 32, 12_000, 230, 40);
            run(runs, "reply", 1, 1_000, 1_500, 1_200);
            run(runs, "reply", 8, 2_500, 1_000, 700);
            run(runs, "reply", 32, 3_000, 950, 300);
            ObjectNode profile = load.putObject("profile");
            profile.put("samples", 321).put("bot_samples", 193).put("sample_period_ms", 20);
            profile.putObject("run").put("connections", 12).put("per_second", 2_222);
            ArrayNode owners = profile.putArray("by_owner");
            owners.addObject().put("name", "bot").put("share", 0.6);
            owners.addObject().put("name", "simulator (stands in for Feishu)").put("share", 0.38);
            owners.addObject().put("name", "load driver").put("share", 0.02);
            ArrayNode components = profile.putArray("bot_by_component");
            components.addObject().put("name", "JSON (Jackson)").put("share", 0.4);
            components.addObject().put("name", "HTTP server (Jetty, Javalin)").put("share", 0.3);
            profile.putArray("bot_top_frames").addObject().put("name", "x.Y.z").put("share", 0.1);

            economy.put("messages", 7_000).put("ids", 35).put("schedule_seconds", 7).put("connections", 48)
                    .put("cache_ttl_seconds", 45).put("helpdesk_budget_per_minute", 77).put("ratelimit_code", 99991400)
                    .put("helpdesk_gets", 35).put("ratelimit_refusals", 0).put("upstream_ratelimited", 0)
                    .put("replies", 7_000);
            economy.putObject("run").put("seconds", 7.2).put("p99_ms", 55).put("not_ok", 0).put("io_errors", 0);

            growth.put("cache_ttl_seconds", 600).put("lookups_to_fill", 47).put("helpdesk_budget_per_minute", 77);
            growth.putArray("distinct_id_sets").add(2).add(5).add(40);
            growth.putArray("rows").addObject().put("distinct_ids", 2).put("connections", 1).put("per_second", 900)
                    .put("p99_ms", 3).put("cpu_us_per_event", 1_400).put("helpdesk_gets_during_run", 0);

            process.put("jar", "target/push-status-bot.jar").put("jar_bytes", 17_000_000).put("ready_poll_ms", 7)
                    .put("unmeasured_launches", 2);
            ArrayNode startup = process.putArray("startup");
            variant(startup, "bot", 1_700);
            variant(startup, "bot_cds", 900);
            variant(startup, "sandbox", 1_900);
            rss(process.putObject("rss_deployed"), 180).putArray("jvm_flags").add("-XX:MaxRAM=300m")
                    .add("-XX:MaxRAMPercentage=60");
            rss(process.putObject("rss_sandbox"), 2_048).putArray("jvm_flags");

            longConn.put("cores", 3).put("jit_warmup_seconds", 5.5).put("jit_warmup_in_flight", 12)
                    .put("warmup_seconds", 1.5).put("measure_seconds", 7.5).put("max_duplicates", 55_000)
                    .put("max_fresh", 22_000).put("primed", 128).put("ack_timeout_seconds", 45)
                    .put("pushes_per_event", 1).put("cache_ttl_seconds", 420).put("webhook_event_bytes", 2_345)
                    .put("websocket_event_bytes", 1_357).put("websocket_connections", 3);
            longConn.putArray("in_flight").add(2).add(12);
            ArrayNode lcRuns = longConn.putArray("runs");
            // mode, kind, in flight, per_second, cpu µs/event, replies during the run
            lcRun(lcRuns, "webhook", "duplicate", 2, 11_000, 100, 0);
            lcRun(lcRuns, "websocket", "duplicate", 2, 5_500, 220, 0);
            lcRun(lcRuns, "webhook", "reply", 2, 1_800, 700, 13_500);
            lcRun(lcRuns, "websocket", "reply", 2, 2_700, 630, 20_250);
            lcRun(lcRuns, "webhook", "duplicate", 12, 20_000, 80, 0);
            lcRun(lcRuns, "websocket", "duplicate", 12, 10_000, 140, 0);
            lcRun(lcRuns, "webhook", "reply", 12, 3_000, 480, 22_000);
            lcRun(lcRuns, "websocket", "reply", 12, 2_400, 504, 18_000);

            for (long n : new long[] {10_000, 200_000}) {
                ObjectNode f = JSON.createObjectNode().put("entries", n).put("retained_bytes", n * 300)
                        .put("bytes_per_entry", 300.0).put("gc", "Copy");
                f.putArray("jvm_args").add("-XX:+UseSerialGC").add("-Xms1g").add("-Xmx1g");
                footprints.add(f);
            }
        }

        private static ArrayNode ingestRound(double factor) {
            ArrayNode round = JSON.createArrayNode();
            round.add(benchmark("dev.pushstatus.bench.jmh.IngestBenchmark.oursEncrypted", 50_000 * factor,
                    49_000, 50_000, 51_000));
            round.add(benchmark("dev.pushstatus.bench.jmh.IngestBenchmark.sdkEncrypted", 40_000 * factor,
                    39_000, 40_000, 41_000));
            round.add(benchmark("dev.pushstatus.bench.jmh.IngestBenchmark.oursPlain", 90_000 * factor,
                    89_000, 90_000, 91_000));
            // The widest spread of iterations: 18,000 of 90,000, 20 %.
            round.add(benchmark("dev.pushstatus.bench.jmh.IngestBenchmark.sdkPlain", 80_000 * factor,
                    81_000, 90_000, 99_000));
            return round;
        }

        private static ObjectNode benchmark(String name, double score, double... iterations) {
            ObjectNode b = JSON.createObjectNode().put("benchmark", name).put("threads", 2).put("forks", 1)
                    .put("warmupIterations", 3).put("warmupTime", "2 s").put("measurementIterations", 3)
                    .put("measurementTime", "2 s");
            b.putArray("jvmArgs").add("-DLOG_LEVEL=ERROR");
            ObjectNode metric = b.putObject("primaryMetric").put("score", score).put("scoreError", score / 50);
            ArrayNode fork = metric.putArray("rawData").addArray();
            for (double i : iterations) {
                fork.add(i);
            }
            return b;
        }

        private static void run(ArrayNode runs, String scenario, int connections, double perSecond, double cpuUs,
                                long jitMs) {
            runs.addObject().put("scenario", scenario).put("connections", connections).put("per_second", perSecond)
                    .put("cpu_us_per_event", cpuUs).put("jit_ms", jitMs).put("p50_ms", 1.1).put("p99_ms", 4.4)
                    .put("p999_ms", 9.9).put("not_ok", 0).put("io_errors", 0);
        }

        private static void lcRun(ArrayNode runs, String mode, String kind, int inFlight, double perSecond,
                                  double cpuUs, long replies) {
            runs.addObject().put("mode", mode).put("kind", kind).put("in_flight", inFlight).put("per_second", perSecond)
                    .put("cpu_us_per_event", cpuUs).put("p50_ms", 0.37).put("p99_ms", 7.7).put("not_ok", 1)
                    .put("io_errors", 2).put("replies_during_run", replies).put("jit_ms", (long) perSecond / 100);
        }

        private static void variant(ArrayNode startup, String name, double median) {
            ObjectNode v = startup.addObject().put("name", name).put("label", "variant " + name)
                    .put("median_ms", median).put("min_ms", median - 10).put("max_ms", median + 10);
            v.putArray("runs_ms").add(median).add(median).add(median).add(median);
            v.putObject("milestones_median_ms").put("first log line", 555).put("bot listening", 1_111);
            v.putObject("class_loading_median").put("classes_loaded", 4_321).put("classes_from_archive", 1_234)
                    .put("class_loading_ms", 654);
        }

        private static ObjectNode rss(ObjectNode m, long maxHeapMib) {
            m.put("rss_idle_bytes", 100L << 20).put("rss_load_peak_bytes", 150L << 20).put("vm_hwm_bytes", 151L << 20)
                    .put("idle_wait_seconds", 4).put("sample_ms", 300).put("max_heap_bytes", maxHeapMib << 20);
            m.putObject("load").put("connections", 9).put("seconds", 8.0).put("per_second", 333);
            return m;
        }

        void write(Path dir) throws IOException {
            JSON.writeValue(dir.resolve("jmh-ingest-1.json").toFile(), jmhIngest);
            JSON.writeValue(dir.resolve("jmh-ingest-2.json").toFile(), jmhIngest2);
            JSON.writeValue(dir.resolve("jmh-other.json").toFile(), jmhOther);
            JSON.writeValue(dir.resolve("ingest-ab.json").toFile(), ab);
            if (load != null) {
                JSON.writeValue(dir.resolve("load.json").toFile(), load);
            }
            if (outside != null) {
                JSON.writeValue(dir.resolve("outside.json").toFile(), outside);
            }
            if (dedupeCost != null) {
                JSON.writeValue(dir.resolve("dedupe-cost.json").toFile(), dedupeCost);
            }
            JSON.writeValue(dir.resolve("economy.json").toFile(), economy);
            if (growth != null) {
                JSON.writeValue(dir.resolve("growth.json").toFile(), growth);
            }
            JSON.writeValue(dir.resolve("process.json").toFile(), process);
            if (longConn != null) {
                JSON.writeValue(dir.resolve("longconn.json").toFile(), longConn);
            }
            for (ObjectNode f : footprints) {
                JSON.writeValue(dir.resolve("footprint-" + f.path("entries").asLong() + ".json").toFile(), f);
            }
        }
    }

    /** A made-up outside.json, stream rows for ingest-ab.json and a dedupe-cost.json. */
    private static void outside(Results results) {
        ObjectNode o = JSON.createObjectNode();
        results.outside = o;
        o.put("loadavg_start", "0.10").put("loadavg_end", "0.20").put("pinning", "none (made up)").put("wrk", "wrk 9.9")
                .put("measure_seconds", 3).put("warm_seconds", 1).put("jit_warm_seconds", 9).put("max_fresh", 1_000)
                .put("max_repeats_per_thread", 2_000).put("reply_content_bytes", 4_000).put("startup_ms", 1_234)
                .put("rss_idle_bytes", 100L << 20).put("rss_load_peak_bytes", 200L << 20)
                .put("rss_hwm_after_watches_bytes", 190L << 20).put("redis_version", "Redis 9");
        o.putArray("deployed_flags").add("-XX:MaxRAM=1m");
        o.putObject("memory_after_load").put("heap_committed_bytes", 80L << 20).put("metaspace_committed_bytes", 50L << 20)
                .put("threads", 40).put("rss_bytes", 190L << 20);
        o.putObject("watches").put("interval", "10s").put("watch_lookups", 12).put("minutes", 0.5)
                .put("helpdesk_gets_during_runs", 7).put("run_seconds", 6.0).put("active_watches", 50)
                .put("budget_per_minute", 100);
        ArrayNode runs = o.putArray("runs");
        for (int c : OutsideBench.CONNECTIONS) {
            outsideRun(runs, "healthz", "webhook", "memory", 1, c, 12_000, 1.0, 50);
            outsideRun(runs, "duplicate", "webhook", "memory", 1, c, c == 1 ? 6_000 : 9_000, 1.0, 80);
            outsideRun(runs, "relay", "webhook", "-", 1, c, 3_000, 1.0, 300);
            outsideRun(runs, "reply", "webhook", "memory", 1, c, 2_400, 1.0, 400);
        }
        outsideRun(runs, "reply", "webhook", "memory", 1, 16, 2_000, 1.0, 420).put("watches", 50);
        for (int n : new int[] {1, 16}) {
            outsideRun(runs, "duplicate", "websocket", "memory", 1, n, 10_000, 1.0, 50);
            outsideRun(runs, "reply", "websocket", "memory", 1, n, 2_000, 1.0, 500);
        }
        outsideRun(runs, "reply", "webhook", "redis", 1, 1, 1_000, 2.5, 600);
        outsideRun(runs, "reply", "webhook", "redis", 1, 16, 2_000, 3.0, 500);
        outsideRun(runs, "duplicate", "webhook", "redis", 1, 16, 8_000, 3.0, 90);
        outsideRun(runs, "healthz", "webhook", "redis", 2, 16, 11_000, 3.0, 60);
        outsideRun(runs, "duplicate", "webhook", "redis", 2, 16, 7_000, 3.0, 100);
        outsideRun(runs, "reply", "webhook", "redis", 2, 16, 1_800, 3.0, 600);
        ObjectNode profiles = o.putObject("profiles");
        for (String name : List.of("reply", "duplicate", "reply_redis")) {
            ObjectNode p = profiles.putObject(name).put("samples", 321);
            p.putArray("bot_by_component").addObject().put("name", "JSON (Jackson)").put("share", 0.3);
            p.putArray("bot_on_stack").addObject().put("name", "dev.pushstatus.web.WebhookRoutes.answer").put("share", 0.6);
        }
        results.ab.putObject("encrypted_stream").put("ours_ops_per_second", 100_000).put("sdk_ops_per_second", 50_000)
                .put("ratio_median", 2.1).put("ratio_p25", 2.0).put("ratio_p75", 2.2);
        results.ab.putObject("encrypted_stream_decode_only").put("ours_ops_per_second", 125_000)
                .put("sdk_ops_per_second", 60_000).put("ratio_median", 2.08).put("ratio_p25", 2.0).put("ratio_p75", 2.2);
        results.ab.putObject("plain_stream").put("ours_ops_per_second", 200_000).put("sdk_ops_per_second", 150_000)
                .put("ratio_median", 1.3).put("ratio_p25", 1.2).put("ratio_p75", 1.4);
        results.ab.putObject("plain_stream_decode_only").put("ours_ops_per_second", 250_000)
                .put("sdk_ops_per_second", 180_000).put("ratio_median", 1.4).put("ratio_p25", 1.3).put("ratio_p75", 1.5);
        results.ab.put("stream_events", 512);
        results.ab.putObject("profile_ours_encrypted_stream").put("samples", 99);
        ObjectNode d = JSON.createObjectNode().put("bound", 100_000).put("claims", 1_000);
        d.putArray("jvm_flags").add("-Xmx1m");
        d.putArray("collectors").add("Copy");
        ArrayNode rows = d.putArray("rows");
        rows.addObject().put("maintenance_on", "commonPool").put("spaced_by_sha256_1kb", false)
                .put("caller_wall_us_per_claim", 0.3).put("caller_cpu_us_per_claim", 0.3)
                .put("process_cpu_us_per_claim", 1.0).put("gc_us_per_claim", 0.0);
        rows.addObject().put("maintenance_on", "work only").put("spaced_by_sha256_1kb", true)
                .put("caller_wall_us_per_claim", 0.5).put("caller_cpu_us_per_claim", 0.5)
                .put("process_cpu_us_per_claim", 0.5).put("gc_us_per_claim", 0.0);
        results.dedupeCost = d;
    }

    private static ObjectNode outsideRun(ArrayNode runs, String scenario, String mode, String state, int replicas,
                                         int connections, double perSecond, double p99, double botUs) {
        return runs.addObject().put("scenario", scenario).put("mode", mode).put("state", state).put("replicas", replicas)
                .put("connections", connections).put("per_second", perSecond).put("p50_ms", p99 / 2).put("p99_ms", p99)
                .put("bot_cpu_us_per_event", botUs).put("bot_busy_cores", perSecond * botUs / 1e6)
                .put("sim_cpu_us_per_event", 30.0).put("driver_cpu_us_per_event", 10.0).put("not_ok", 0).put("io_errors", 0)
                .put("helpdesk_gets", 1).put("upstream_connections_closed", 0).put("loadavg", "0.15");
    }

    private static List<ObjectNode> runs(Results results) {
        List<ObjectNode> runs = new ArrayList<>();
        results.load.withArray("runs").forEach(r -> runs.add((ObjectNode) r));
        return runs;
    }

    /** Sets a benchmark's score in both ingest rounds. */
    private static void score(ArrayNode round, String benchmark, double score) {
        round.forEach(b -> {
            if (b.path("benchmark").asText().endsWith("." + benchmark)) {
                ((ObjectNode) b.path("primaryMetric")).put("score", score);
            }
        });
    }

    private static String render(String name, Consumer<Results> change) throws Exception {
        Path dir = Files.createTempDirectory("report-check-" + name);
        try {
            Results results = new Results();
            change.accept(results);
            if (results.jmhIngest != null) {
                results.jmhIngest2.removeAll();
                results.jmhIngest.forEach(b -> results.jmhIngest2.add(b.deepCopy()));
            }
            results.write(dir);
            return new Report(dir, Map.of("command", "check", "jmh", "made up")).render();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private void expect(String variant, String text, String... fragments) {
        for (String f : fragments) {
            if (!text.contains(f)) {
                problems.add(variant + ": missing \"" + f + "\"");
            }
        }
    }

    private void refuse(String variant, String text, String... fragments) {
        for (String f : fragments) {
            if (text.contains(f)) {
                problems.add(variant + ": still says \"" + f + "\"");
            }
        }
    }
}
