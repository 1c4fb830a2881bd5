package dev.pushstatus.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintStream;
import java.net.BindException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** Entry point: {@code java -jar push-status-bot.jar [doctor | --help]}. */
public final class Main {

    /** Exit code for a configuration error: the one line on stderr names every wrong variable. */
    static final int EXIT_CONFIG = 2;
    /** Exit code for an argument the jar does not know; the usage goes to stderr. */
    static final int EXIT_USAGE = 2;
    /** Exit code when the server cannot start (port in use, say). */
    static final int EXIT_START = 1;

    static final String USAGE = """
            Usage: java -jar push-status-bot.jar [doctor | --help]

            A Feishu (Lark) bot: answers /push-status <id> in chat with a card about a helpdesk
            push notification. Configured by environment variables only.

            Commands:
              (none)     start the bot: HTTP on PORT, webhook at /webhook/event; SIGTERM stops it
              doctor     check the configuration against the live tenant (without FEISHU_APP_ID:
                         the built-in simulator), print one line per check, exit 0 if all pass
              --help     print this text (also -h, help)

            Environment:
              FEISHU_APP_ID, FEISHU_APP_SECRET   the app's credentials; FEISHU_APP_ID unset means
                                 sandbox mode (a built-in Feishu simulator, no other variable needed)
              FEISHU_HELPDESK_ID, FEISHU_HELPDESK_TOKEN   also required when FEISHU_APP_ID is set
              FEISHU_EVENT_MODE  webhook (default: Feishu POSTs to /webhook/event) or websocket (the
                                 bot opens Feishu's long connection; no public URL needed)
              FEISHU_VERIFICATION_TOKEN   required in webhook mode when FEISHU_APP_ID is set
              FEISHU_ENCRYPT_KEY  webhook mode: events arrive encrypted and signed (default: unset)
              FEISHU_BASE_URL    default %s (Lark: https://open.larksuite.com)
              PORT               HTTP port, default %s (0 = any free port)
              LOG_FORMAT         text (default) or json
              LOG_LEVEL          TRACE, DEBUG, INFO (default), WARN, ERROR or OFF
              BOT_CACHE_TTL      how long a lookup stays fresh, default %s (PT10M, 10m, 1h ...)
              BOT_TIMEZONE       time zone on cards, default %s
              BOT_STATUS_LABELS  labels for status numbers, e.g. 0=Draft,2=Sent
              BOT_ALLOWED_CHATS, BOT_ALLOWED_USERS   comma-separated chat_ids / open_ids
                                 (default: everyone in the app's tenant)
              REDIS_URL          shared state for several replicas: redis://[user:password@]host:port[/db]
                                 or rediss:// (TLS); default unset (this process's memory)
              BOT_CLAIM_LEASE    with REDIS_URL: how long a replica's claim on a message outlives it
                                 if it dies mid-work, default %s
              SANDBOX_REPLICAS   sandbox only: how many bots share the simulator (1-4; more than one
                                 needs REDIS_URL)
              BOT_WATCH_INTERVAL, BOT_WATCH_MAX, BOT_WATCH_LIMIT   /push-watch: shortest time between
                                 two checks (default %s), longest watch (%s), most at once (%s)
              PUBLIC_URL         doctor only: the bot's public URL, checked for reachability

            Exit codes: 0 fine; 1 could not start, or a doctor check failed; 2 configuration or
            usage error (one line on stderr). More in README.md.
            """.formatted(Config.DEFAULT_BASE_URL, Config.DEFAULT_PORT, Config.DEFAULT_CACHE_TTL,
            Config.DEFAULT_TIMEZONE, Config.DEFAULT_CLAIM_LEASE, Config.DEFAULT_WATCH_INTERVAL, Config.DEFAULT_WATCH_MAX,
            Config.DEFAULT_WATCH_LIMIT);

    private static final List<String> HELP = List.of("--help", "-h", "help");

    private Main() {
    }

    /**
     * Runs the command and ends the process with its exit code. Starting the bot never returns
     * normally (the shutdown hook halts); {@code doctor} and the usage end here at once, whatever
     * their code, rather than when the last non-daemon thread ends: in sandbox mode that was
     * Javalin's check for a server created but never started (a thread that sleeps 5 s, made with
     * the simulator), which kept the JVM up 3-4 s after the verdict; OkHttp's dispatcher threads,
     * were a call ever made asynchronously, would do the same.
     */
    public static void main(String[] args) throws InterruptedException {
        int code = execute(args, System.getenv(), System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** What {@code main} does, minus ending the process: returns the exit code. */
    static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err)
            throws InterruptedException {
        if (args.length == 0) {
            return run(env, out, err);
        }
        if (args.length == 1 && "doctor".equals(args[0])) {
            return doctor(env, out, err);
        }
        if (args.length == 1 && HELP.contains(args[0])) {
            out.print(USAGE);
            return 0;
        }
        err.println("push-status-bot: unknown argument" + (args.length == 1 ? "" : "s") + ": "
                + String.join(" ", args));
        err.println();
        err.print(USAGE);
        return EXIT_USAGE;
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
            running = withJavalinStartErrorMuted(
                    () -> config.sandbox() ? Sandbox.start(env, out) : Application.start(config));
        } catch (RuntimeException e) {
            // Typically the port is taken; one line, like a configuration error, not a stack trace.
            err.println("push-status-bot: could not start: " + startFailure(e, config.port()));
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

    /**
     * Why the bot could not start, in words. A taken port is recognised by the exception's type (a
     * {@link BindException} somewhere in the chain: Javalin wraps Jetty's IOException, which wraps
     * it), not by its wording. Only the bot's own {@code PORT} can be taken: in sandbox mode the
     * simulator listens on a free port.
     */
    static String startFailure(Throwable e, int port) {
        if (port > 0 && causedBy(e, BindException.class)) {
            // Below 1024 the same exception also means "not allowed"; Java does not tell which by type.
            return "port " + port + " is already in use" + (port < 1024 ? " or needs root" : "")
                    + " (set PORT to another port, or 0 for any free one)";
        }
        Throwable root = rootCause(e);
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /**
     * Runs the start with Javalin's own "Failed to start Javalin" (an ERROR line before it throws,
     * without the reason) silenced: the caller prints the one line that says why.
     */
    private static <T> T withJavalinStartErrorMuted(Supplier<T> start) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
            return start.get();
        }
        ch.qos.logback.classic.Logger javalin = logback.getLogger("io.javalin.Javalin");
        Level before = javalin.getLevel();
        javalin.setLevel(Level.OFF);
        try {
            return start.get();
        } finally {
            javalin.setLevel(before);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
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
