package dev.pushstatus.it;

import dev.pushstatus.feishu.sim.FeishuSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot as its own process ({@code java -jar target/push-status-bot.jar}) against a simulator
 * in the test's JVM: for what only a real process shows (SIGTERM, kill -9, exit codes).
 */
final class BotProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/push-status-bot.jar");
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();

    private record Watch(String text, CompletableFuture<String> seen) {}

    private BotProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "bot-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar configured for the simulator and waits until it has learned its identity. */
    static BotProcess start(FeishuSimulator sim) throws Exception {
        return start(sim, Map.of());
    }

    /** The same, with more environment variables (LOG_FORMAT, say). */
    static BotProcess start(FeishuSimulator sim, Map<String, String> extraEnv) throws Exception {
        return start(sim.botEnvironment(), extraEnv);
    }

    /** Starts the jar with {@code FEISHU_EVENT_MODE=websocket} against the simulator's long connection. */
    static BotProcess startOverLongConnection(FeishuSimulator sim) throws Exception {
        return start(sim.longConnectionBotEnvironment(), Map.of());
    }

    private static BotProcess start(Map<String, String> simEnv, Map<String, String> extraEnv) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", JAR.toString()).redirectErrorStream(true);
        var env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("FEISHU_") || k.startsWith("BOT_"));
        env.putAll(simEnv);
        env.put("PORT", "0");
        env.putAll(extraEnv);
        BotProcess bot = new BotProcess(builder.start());
        try {
            bot.port.get(30, TimeUnit.SECONDS);
            bot.ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            bot.process.destroyForcibly();
            throw new IllegalStateException("bot did not start; its output:\n" + String.join("\n", bot.lines), e);
        }
        return bot;
    }

    private static String java() {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after `mvn package`");
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A line the process printed, and when: the time since it was launched. */
    record Timed(String text, Duration after) {}

    /** A run of the jar to its end: the exit code, each stream's lines, when it exited. */
    record Finished(int exitCode, List<Timed> stdout, List<Timed> stderr, Duration exitedAfter) {
        String out() {
            return text(stdout);
        }

        String err() {
            return text(stderr);
        }

        /** How long the process lived on after printing the first line containing the text. */
        Duration exitedAfterLine(String text) {
            Timed line = stdout.stream().filter(l -> l.text().contains(text)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line with '" + text + "' on stdout:\n" + out()));
            return exitedAfter.minus(line.after());
        }

        private static String text(List<Timed> lines) {
            return lines.stream().map(l -> l.text() + "\n").collect(java.util.stream.Collectors.joining());
        }
    }

    /**
     * Runs {@code java -jar target/push-status-bot.jar ARGS} until it exits, stdout and stderr
     * apart, with the given environment on top of this one without its FEISHU_, BOT_ and LOG_
     * variables, PORT and PUBLIC_URL (so no FEISHU_APP_ID: sandbox mode unless env sets it).
     */
    static Finished run(Map<String, String> env, Duration timeout, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("FEISHU_") || k.startsWith("BOT_")
                || k.startsWith("LOG_") || k.equals("PORT") || k.equals("PUBLIC_URL"));
        builder.environment().putAll(env);
        long launched = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        List<Timed> out = new CopyOnWriteArrayList<>();
        List<Timed> err = new CopyOnWriteArrayList<>();
        Thread outReader = timedLines(process.getInputStream(), out, launched, "jar-stdout");
        Thread errReader = timedLines(process.getErrorStream(), err, launched, "jar-stderr");
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("`java -jar " + JAR + " " + String.join(" ", args) + "` still running after "
                    + timeout + "; stdout:\n" + Finished.text(out) + "stderr:\n" + Finished.text(err));
        }
        Duration exited = Duration.ofNanos(System.nanoTime() - launched);
        outReader.join(5_000);
        errReader.join(5_000);
        return new Finished(process.exitValue(), List.copyOf(out), List.copyOf(err), exited);
    }

    private static Thread timedLines(java.io.InputStream stream, List<Timed> lines, long launched, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(new Timed(line, Duration.ofNanos(System.nanoTime() - launched)));
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    String url() {
        return "http://127.0.0.1:" + port.join();
    }

    /** Waits until a line containing the text was printed; returns it. */
    String awaitLine(String text, Duration timeout) throws Exception {
        Watch watch = new Watch(text, new CompletableFuture<>());
        watches.add(watch);
        lines.stream().filter(l -> l.contains(text)).findFirst().ifPresent(watch.seen()::complete);
        try {
            return watch.seen().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no line with '" + text + "' (process alive: " + process.isAlive() + (process.isAlive() ? "" : ", exit " + process.exitValue()) + ") in:\n" + String.join("\n", lines), e);
        }
    }

    /**
     * SIGTERM, as Kubernetes or systemd stops a process. Through the handle: {@code Process.destroy}
     * would also close our end of its output, and what it prints while stopping is the point.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: a crash, nothing runs after it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("bot still running after " + timeout + "; output:\n" + String.join("\n", lines));
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> output() {
        return List.copyOf(lines);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                Matcher m = PORT.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
                if (line.contains("bot identity known")) {
                    ready.complete(null);
                }
                for (Watch watch : watches) {
                    if (line.contains(watch.text())) {
                        watch.seen().complete(line);
                    }
                }
            }
        } catch (IOException closed) {
            // the process ended; what it printed is in lines
        }
        port.completeExceptionally(new IllegalStateException("process ended"));
        ready.completeExceptionally(new IllegalStateException("process ended"));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
