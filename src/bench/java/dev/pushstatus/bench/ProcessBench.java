package dev.pushstatus.bench;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped jar as a process: {@code java -jar target/push-status-bot.jar}.
 * <ul>
 *   <li>start-up: from launching the process to the first {@code GET /readyz} answered 200,
 *       polled every {@link #READY_POLL}; {@link #UNMEASURED_LAUNCHES} unmeasured launch first,
 *       then {@code runs} measured ones; as deployed (credentials for a simulator in this JVM), the
 *       same with the class-data archive scripts/run records, and in sandbox mode; once ready, the
 *       JVM's class-loading counters
 *       (classes loaded, from the archive, time in class loading) as {@code jcmd PerfCounter.print}
 *       reports them;</li>
 *   <li>RSS ({@code VmRSS} in {@code /proc/<pid>/status}): idle, and under load (replies through
 *       the simulator), as deployed (the Deployment's flags and memory limit) and in sandbox mode.</li>
 * </ul>
 */
public final class ProcessBench {

    /**
     * manifest/kubernetes/deployment.yaml: its JVM flag, and its memory limit as the machine's RAM;
     * and the collector the JVM picks in a 384 MiB pod (Serial: less than a server-class machine's
     * memory), which MaxRAM alone does not make it pick here ({@link OutsideBench#DEPLOYED_FLAGS}).
     */
    static final List<String> DEPLOYED_FLAGS = OutsideBench.DEPLOYED_FLAGS;

    /** How often start-up polls {@code /readyz}. */
    static final Duration READY_POLL = Duration.ofMillis(5);
    /** Launches per variant before the measured ones (a cold page cache, the JIT of the driver). */
    static final int UNMEASURED_LAUNCHES = 1;
    /** RSS: idle this long after ready, then sampled this often while the load runs. */
    static final Duration RSS_IDLE = Duration.ofSeconds(5);
    static final Duration RSS_SAMPLE = Duration.ofMillis(250);
    /** RSS load: connections driving {@code POST /sim/say}, for at most this long or this many requests. */
    static final int RSS_LOAD_CONNECTIONS = 16;
    static final int RSS_LOAD_SECONDS = 10;
    static final int RSS_LOAD_MAX = 100_000;

    private static final Pattern SIM_URL = Pattern.compile("Feishu is simulated at (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

    private ProcessBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        Path logs = out.getParent().resolve("process-logs");
        Files.createDirectories(logs);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("jar", jar.toString());
        result.put("jar_bytes", Files.size(jar));
        result.put("ready_poll_ms", READY_POLL.toMillis());
        result.put("unmeasured_launches", UNMEASURED_LAUNCHES);

        // The same jar three ways: as deployed (against Feishu, here a simulator in this JVM), the
        // same with the class-data archive scripts/run records, and in sandbox mode (two servers).
        SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
        try (FeishuSimulator feishu = new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper(), Clock.systemUTC()),
                FeishuJson.newMapper(), Clock.systemUTC()).start(0)) {
            Map<String, String> live = feishu.botEnvironment();
            Path archive = out.getParent().resolve("bot.jsa");
            recordArchive(jar, archive, logs.resolve("cds-training.log"));
            List<Map<String, Object>> variants = new ArrayList<>();
            variants.add(startups("bot", "`java -jar`, default flags, against Feishu (the simulator in the benchmark's JVM)",
                    jar, List.of(), live, runs, logs));
            variants.add(startups("bot_cds", "the same with the class-data archive `scripts/run` records "
                            + "(`-XX:SharedArchiveFile`)",
                    jar, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), live, runs, logs));
            variants.add(startups("sandbox", "`java -jar`, default flags, sandbox mode (bot and simulator, two Jetty "
                    + "servers, in one process)", jar, List.of(), Map.of(), runs, logs));
            result.put("startup", variants);

            // Memory as deployed: the Deployment's JVM flag in a 384 MiB container (its limit),
            // emulated with MaxRAM; and the sandbox process, bot and simulator, default flags.
            try (Bot bot = Bot.launch(jar, logs.resolve("rss-deployed.log"), DEPLOYED_FLAGS, live)) {
                bot.awaitReady(30_000);
                feishu.startChat(URI.create("http://127.0.0.1:" + bot.port));
                Map<String, Object> deployed = rss(bot, Integer.parseInt(feishu.baseUrl().substring(feishu.baseUrl().lastIndexOf(':') + 1)));
                deployed.put("jvm_flags", DEPLOYED_FLAGS);
                result.put("rss_deployed", deployed);
            }
        }
        try (Bot bot = Bot.launch(jar, logs.resolve("rss-sandbox.log"), List.of(), Map.of())) {
            bot.awaitReady(30_000);
            String simUrl = bot.simulatorUrl();
            Map<String, Object> sandbox = rss(bot, Integer.parseInt(simUrl.substring(simUrl.lastIndexOf(':') + 1)));
            sandbox.put("jvm_flags", List.of());
            result.put("rss_sandbox", sandbox);
        }

        LoadBench.write(out, result);
    }

    /**
     * RSS idle {@link #RSS_IDLE} after ready, then sampled every {@link #RSS_SAMPLE} while
     * {@link #RSS_LOAD_CONNECTIONS} connections drive {@code POST /sim/say} at the simulator (each
     * a signed, encrypted event to the bot, a lookup and a reply); VmHWM, the peak the kernel saw;
     * and the maximum heap the JVM chose.
     */
    private static Map<String, Object> rss(Bot bot, int simPort) throws Exception {
        Thread.sleep(RSS_IDLE.toMillis());
        long idle = bot.status("VmRSS");
        HttpLoad.Req say = HttpLoad.Req.post("/sim/say?chat=p2p",
                "/push-status 6981801914270744596".getBytes(StandardCharsets.UTF_8), Map.of());
        long[] peak = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak[0] = Math.max(peak[0], bot.status("VmRSS"));
                    Thread.sleep(RSS_SAMPLE.toMillis());
                } catch (InterruptedException | IOException e) {
                    return;
                }
            }
        });
        sampler.start();
        HttpLoad.Result load = new HttpLoad(simPort).run(RSS_LOAD_CONNECTIONS, RSS_LOAD_MAX, RSS_LOAD_SECONDS, i -> say);
        long atEnd = bot.status("VmRSS");
        sampler.interrupt();
        sampler.join();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rss_idle_bytes", idle);
        m.put("rss_load_peak_bytes", Math.max(peak[0], atEnd));
        m.put("vm_hwm_bytes", bot.status("VmHWM"));
        m.put("load", load.toMap());
        m.put("idle_wait_seconds", RSS_IDLE.toSeconds());
        m.put("sample_ms", RSS_SAMPLE.toMillis());
        m.put("max_heap_bytes", bot.maxHeapBytes());
        System.out.printf("RSS idle %d MiB, under load peak %d MiB (%d say/s)%n", idle >> 20,
                Math.max(peak[0], atEnd) >> 20, (long) load.perSecond());
        return m;
    }

    /** One unmeasured launch, then {@code runs} measured ones: ms to ready, and the log milestones' medians. */
    private static Map<String, Object> startups(String name, String label, Path jar, List<String> jvmArgs,
                                                Map<String, String> env, int runs, Path logs) throws Exception {
        List<Double> millis = new ArrayList<>();
        Map<String, List<Long>> milestones = new LinkedHashMap<>();
        Map<String, List<Long>> classes = new LinkedHashMap<>();
        for (int i = 0; i < UNMEASURED_LAUNCHES + runs; i++) {
            boolean measured = i >= UNMEASURED_LAUNCHES;
            try (Bot bot = Bot.launch(jar, logs.resolve(name + "-" + i + ".log"), jvmArgs, env)) {
                double ms = bot.awaitReady(30_000);
                if (measured) {
                    millis.add(ms);
                    bot.milestones().forEach((k, v) -> milestones.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                    // After the time was taken: what the JVM had loaded by the time it was ready.
                    bot.classLoading().forEach((k, v) -> classes.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
                System.out.printf("start-up %s %d: %.0f ms%s%n", name, i, ms, measured ? "" : " (unmeasured)");
            }
        }
        Map<String, Long> medianMilestones = new LinkedHashMap<>();
        milestones.forEach((k, v) -> medianMilestones.put(k, v.stream().sorted().toList().get(v.size() / 2)));
        Map<String, Long> medianClasses = new LinkedHashMap<>();
        classes.forEach((k, v) -> medianClasses.put(k, v.stream().sorted().toList().get(v.size() / 2)));
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("name", name);
        variant.put("label", label);
        variant.put("runs_ms", millis);
        variant.put("median_ms", sorted[sorted.length / 2]);
        variant.put("min_ms", sorted[0]);
        variant.put("max_ms", sorted[sorted.length - 1]);
        variant.put("milestones_median_ms", medianMilestones);
        variant.put("class_loading_median", medianClasses);
        return variant;
    }

    /** The recipe of scripts/run: a sandbox run that answers one message, stopped with SIGTERM. */
    private static void recordArchive(Path jar, Path archive, Path log) throws Exception {
        Files.deleteIfExists(archive);
        try (Bot bot = Bot.launch(jar, log, List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"), Map.of())) {
            bot.awaitReady(30_000);
            String simUrl = bot.simulatorUrl();
            new HttpLoad(Integer.parseInt(simUrl.substring(simUrl.lastIndexOf(':') + 1))).run(1, 1, 10,
                    i -> HttpLoad.Req.post("/sim/say?chat=p2p",
                            "/push-status 6981801914270744596".getBytes(StandardCharsets.UTF_8), Map.of()));
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no class-data archive was written: " + Files.readString(log));
        }
    }

    /** One {@code java -jar} process on a free port: sandbox mode unless {@code env} names a Feishu. */
    private static final class Bot implements AutoCloseable {
        private final Process process;
        private final int port;
        private final long launchedNanos;
        private final Path log;
        private final long launchedWallMillis;

        private Bot(Process process, int port, long launchedNanos, long launchedWallMillis, Path log) {
            this.launchedWallMillis = launchedWallMillis;
            this.process = process;
            this.port = port;
            this.launchedNanos = launchedNanos;
            this.log = log;
        }

        static Bot launch(Path jar, Path log, List<String> jvmArgs, Map<String, String> extraEnv) throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(jvmArgs);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("FEISHU_") || k.startsWith("BOT_") || k.equals("JAVA_TOOL_OPTIONS")
                    || k.equals("JDK_JAVA_OPTIONS") || k.equals("LOG_LEVEL") || k.equals("LOG_FORMAT"));
            env.putAll(extraEnv);
            env.put("PORT", String.valueOf(port));
            long wall = System.currentTimeMillis();
            long t0 = System.nanoTime();
            Process p = pb.start();
            return new Bot(p, port, t0, wall, log);
        }

        /** Milliseconds from launch to the first 200 from /readyz. */
        double awaitReady(long timeoutMillis) throws Exception {
            long deadline = launchedNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            byte[] get = HttpLoad.Req.get("/readyz").bytes();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("bot exited: " + Files.readString(log));
                }
                try {
                    HttpLoad.Connection c = new HttpLoad.Connection(port);
                    try {
                        if (c.exchange(get) == 200) {
                            return (System.nanoTime() - launchedNanos) / 1e6;
                        }
                    } finally {
                        c.close();
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(READY_POLL.toMillis());
            }
            throw new IllegalStateException("not ready within " + timeoutMillis + " ms: " + Files.readString(log));
        }

        /**
         * When the bot's first log lines were written, in ms after launch (log times are wall-clock
         * HH:mm:ss.SSS of this machine's zone): first line, simulator listening, bot listening,
         * identity known.
         */
        Map<String, Long> milestones() throws IOException {
            Map<String, Long> m = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(log);
            String[][] marks = {
                    {"first log line", ""},
                    {"simulator listening", "Feishu simulator listening"},
                    {"bot listening", "listening on port"},
                    {"bot identity known (ready)", "bot identity known"},
            };
            for (String[] mark : marks) {
                for (String line : lines) {
                    if (line.length() > 12 && line.charAt(2) == ':' && line.contains(mark[1])) {
                        java.time.LocalTime t = java.time.LocalTime.parse(line.substring(0, 12));
                        long wall = java.time.LocalDate.now().atTime(t).atZone(java.time.ZoneId.systemDefault())
                                .toInstant().toEpochMilli();
                        long after = Math.floorMod(wall - launchedWallMillis, 86_400_000L);
                        m.put(mark[0], after);
                        break;
                    }
                }
            }
            return m;
        }

        /** From the sandbox's banner, which it prints once its bot's /readyz says 200 (or after 10 s). */
        String simulatorUrl() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                Matcher m = SIM_URL.matcher(Files.readString(log));
                if (m.find()) {
                    return m.group(1);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no simulator URL in the bot's output");
                }
                Thread.sleep(20);
            }
        }

        /**
         * The JVM's class-loading counters now ({@code jcmd <pid> PerfCounter.print}): classes loaded
         * (all, and those mapped from a class-data archive) and the time spent loading, linking and
         * initialising classes ({@code sun.cls.time}), in ms. Empty when jcmd is not there.
         */
        Map<String, Long> classLoading() throws Exception {
            Map<String, String> counters = new LinkedHashMap<>();
            for (String line : jcmd("PerfCounter.print")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    counters.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
            Map<String, Long> m = new LinkedHashMap<>();
            if (counters.containsKey("java.cls.loadedClasses") && counters.containsKey("java.cls.sharedLoadedClasses")) {
                long shared = Long.parseLong(counters.get("java.cls.sharedLoadedClasses"));
                m.put("classes_loaded", Long.parseLong(counters.get("java.cls.loadedClasses")) + shared);
                m.put("classes_from_archive", shared);
            }
            if (counters.containsKey("sun.cls.time") && counters.containsKey("sun.os.hrt.frequency")) {
                m.put("class_loading_ms", Long.parseLong(counters.get("sun.cls.time")) * 1000
                        / Long.parseLong(counters.get("sun.os.hrt.frequency")));
            }
            return m;
        }

        /** {@code -XX:MaxHeapSize} as the JVM chose it ({@code jcmd <pid> VM.flags}), or -1 if unknown. */
        long maxHeapBytes() throws Exception {
            for (String line : jcmd("VM.flags")) {
                Matcher m = MAX_HEAP.matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
            return -1;
        }

        private List<String> jcmd(String command) throws Exception {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            if (!Files.isExecutable(jcmd)) {
                return List.of();
            }
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command)
                    .redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.out.println("jcmd " + command + " failed: " + lines);
                return List.of();
            }
            return lines;
        }

        /** A field of /proc/<pid>/status in bytes (the kernel reports kB). */
        long status(String field) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
            throw new IllegalStateException("no " + field + " in /proc status; fields: "
                    + Arrays.toString(Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).toArray()));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
