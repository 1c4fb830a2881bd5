package dev.pushstatus.app;

import ch.qos.logback.classic.LoggerContext;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** Entry point: {@code java -jar push-status-bot.jar}. */
public final class Main {

    /** Exit code for a configuration error: the one line on stderr says which variable. */
    static final int EXIT_CONFIG = 2;
    /** Exit code when the server cannot start (port in use, say). */
    static final int EXIT_START = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int code = args.length > 0 && "doctor".equals(args[0])
                ? doctor(System.getenv(), System.out, System.err)
                : run(System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Checks the configuration against the live tenant (or, without credentials, the sandbox simulator). */
    static int doctor(Map<String, String> env, PrintStream out, PrintStream err) {
        Config config;
        try {
            config = Config.fromEnv(env);
        } catch (ConfigException e) {
            err.println("push-status-bot: configuration error: " + e.getMessage());
            return EXIT_CONFIG;
        }
        if (!config.sandbox()) {
            return new Doctor(config, env.get("PUBLIC_URL"), out).run();
        }
        out.println("doctor: no FEISHU_APP_ID, so checking against the sandbox's simulated Feishu");
        try (Sandbox.Simulated simulated = Sandbox.simulate(env)) {
            return new Doctor(simulated.config(), env.get("PUBLIC_URL"), out).run();
        }
    }

    /** Starts the bot and blocks until the JVM is asked to stop; returns an exit code on failure to start. */
    static int run(Map<String, String> env, PrintStream out, PrintStream err) throws InterruptedException {
        Config config;
        try {
            config = Config.fromEnv(env);
        } catch (ConfigException e) {
            err.println("push-status-bot: configuration error: " + e.getMessage());
            return EXIT_CONFIG;
        }
        AutoCloseable running;
        try {
            running = config.sandbox() ? Sandbox.start(env, out) : Application.start(config);
        } catch (RuntimeException e) {
            // Typically the port is taken; one line, like a configuration error, not a stack trace.
            err.println("push-status-bot: could not start: " + rootCause(e).getMessage());
            return EXIT_START;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int code = 0;
            try {
                running.close();
            } catch (Exception e) {
                err.println("push-status-bot: error while stopping: " + e);
                code = EXIT_START;
            }
            stopped.countDown();
            flushLogs();
            // A JVM stopped by SIGTERM exits 143 even after a clean shutdown; this process has
            // nothing else to run after start-up, so a finished drain is a normal exit: 0.
            Runtime.getRuntime().halt(code);
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.stop();
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
