package dev.pushstatus.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.bot.ErrorIds;
import dev.pushstatus.inbound.EventService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bot's HTTP server: webhook routes, {@code /healthz}, {@code /readyz}, {@code /metrics}. */
public final class WebServer implements AutoCloseable {

    /** Feishu's events are a few KB; anything past 1 MiB is refused unread. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final String STARTED = "pushbot.started";
    private static final Duration RESPONSE_SETTLE = Duration.ofMillis(200);
    private static final Set<String> ROUTES = Set.of("/webhook/event", "/webhook/card", "/healthz", "/readyz", "/metrics");
    /**
     * A blocking read or write that sees no byte for this long fails (408). Feishu sends a few KB in
     * one go; a client that stalls mid-body would otherwise hold a thread for Jetty's default 30 s.
     */
    static final Duration IO_IDLE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Slower request bodies are cut off (408): a trickle of one byte every few seconds keeps a
     * connection from ever being idle, so the idle timeout alone does not stop it.
     */
    static final long MIN_REQUEST_BYTES_PER_SECOND = 1_024;
    /**
     * Requests from one address handled at once; more wait their turn without a thread. Keeps one
     * client from taking every thread (Javalin's pool has 250) while Feishu and the probes, which
     * come from other addresses, are answered. Behind a proxy all requests share its address: 64
     * at once still serves hundreds per second, and proxies usually buffer whole bodies anyway.
     */
    static final int REQUESTS_PER_CLIENT = 64;

    private final Javalin app;
    private final java.util.Map<String, Timer> requestTimers = new java.util.concurrent.ConcurrentHashMap<>();
    private final EventService service;
    private final AtomicInteger webhooksInFlight = new AtomicInteger();

    /**
     * @param webhooks whether the webhook routes exist: false when events come over the long
     *                 connection, and then {@code /webhook/*} answers 404 like any unknown path
     */
    public WebServer(EventService service, boolean webhooks, Readiness readiness, PrometheusMeterRegistry metrics,
                     ObjectMapper mapper) {
        this(service, webhooks, Optional::empty, readiness, metrics, mapper);
    }

    /**
     * @param brokenBeyondRepair why the process can no longer do its work and should be restarted
     *                           (e.g. the long connection refused for good), else empty: then
     *                           {@code /healthz} answers 503 so that the orchestrator restarts it
     */
    public WebServer(EventService service, boolean webhooks, Supplier<Optional<String>> brokenBeyondRepair,
                     Readiness readiness, PrometheusMeterRegistry metrics, ObjectMapper mapper) {
        this.service = service;
        Json json = new Json(mapper);
        WebhookRoutes routes = new WebhookRoutes(service, json);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            // The application stops the server itself, after the work in flight (Application.close).
            cfg.jetty.modifyServer(server -> server.setStopAtShutdown(false));
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(IO_IDLE_TIMEOUT.toMillis());
                http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
            });
            cfg.jetty.modifyServletContextHandler(context -> {
                ThreadLimitHandler perClient = new ThreadLimitHandler();
                perClient.setThreadLimit(REQUESTS_PER_CLIENT);
                context.insertHandler(perClient);
            });
            cfg.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
            cfg.routes.after(ctx -> recordRequest(ctx, metrics));
            cfg.routes.before("/webhook/*", ctx -> admit(ctx, json));
            if (webhooks) {
                cfg.routes.post("/webhook/event", ctx -> counted(ctx, routes::event));
                cfg.routes.post("/webhook/card", ctx -> counted(ctx, routes::legacyCard));
            }
            cfg.routes.get("/healthz", ctx -> brokenBeyondRepair.get().ifPresentOrElse(
                    why -> json.send(ctx, 503, Map.of("status", "failed", "reason", why)),
                    () -> json.send(ctx, 200, Map.of("status", "ok"))));
            cfg.routes.get("/readyz", ctx -> ready(ctx, new Readiness() {
                @Override
                public Map<String, Boolean> checks() {
                    Map<String, Boolean> checks = new LinkedHashMap<>(readiness.checks());
                    checks.put("accepting", service.accepting());
                    return checks;
                }

                @Override
                public Map<String, String> degraded() {
                    return readiness.degraded();
                }
            }, json));
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    json.send(ctx, e.getStatus(), Map.of("error", reason(e.getStatus()))));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                Optional<Integer> clientFault = clientFault(e);
                if (clientFault.isPresent()) {
                    // The client went away or was too slow: its problem, one line, no stack trace.
                    log.debug("{} {} ended by the client: {}", ctx.method(), ctx.path(), e.toString());
                    json.send(ctx, clientFault.get(), Map.of("error", reason(clientFault.get())));
                    return;
                }
                String errorId = ErrorIds.next();
                log.error("error_id={} {} {} failed", errorId, ctx.method(), ctx.path(), e);
                json.send(ctx, 500, Map.of("error", "internal error", "error_id", errorId));
            });
        });
    }

    /** Starts listening on all interfaces at the port (0 = a free one). */
    public WebServer start(int port) {
        app.start(port);
        log.info("listening on port {}", app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Waits until no admitted webhook call is still being answered; false if the time ran out. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (webhooksInFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            // A few requests at most, each finishing within Feishu's 3 s: a short poll is simplest.
            Thread.sleep(10);
        }
        // Jetty writes a response just after the handler returns; stopping at once could cut it.
        Thread.sleep(RESPONSE_SETTLE.toMillis());
        return true;
    }

    @Override
    public void close() {
        app.stop();
    }

    /**
     * One timer per route and status; unknown paths share one tag so scanners cannot grow the series.
     * Each timer is looked up once (building its id per request was a measurable part of answering
     * a redelivery, docs/benchmarks.md); the keys are as bounded as the series.
     */
    private void recordRequest(Context ctx, MeterRegistry metrics) {
        Long started = ctx.attribute(STARTED);
        String route = ROUTES.contains(ctx.path()) ? ctx.path() : "other";
        String method = ctx.method().name();
        int status = ctx.statusCode();
        requestTimers.computeIfAbsent(route + ' ' + method + ' ' + status, k -> Timer.builder("pushbot_http_requests")
                        .description("HTTP requests served by the bot, by route and status")
                        .tag("route", route).tag("method", method).tag("status", String.valueOf(status))
                        .register(metrics))
                .record(started == null ? 0 : System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The short reason sent with an error status. */
    static String reason(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 408 -> "request timeout";
            case 413 -> "body too large";
            default -> status >= 500 ? "internal error" : "bad request";
        };
    }

    /**
     * The status for a failure that the client caused while its request was read (aborted, too
     * slow, a broken message), or empty for a failure of the bot's own.
     */
    static Optional<Integer> clientFault(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of(http.getCode());
            }
            if (cause instanceof IOException || cause instanceof java.util.concurrent.TimeoutException) {
                return Optional.of(408);
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses bodies declared over the limit (413) before any is read. (Shutdown is the service's
     * to say: it answers "deliver again" once it stops accepting.)
     */
    private void admit(Context ctx, Json json) {
        long declared = ctx.contentLength();
        if (declared > MAX_BODY_BYTES) {
            json.send(ctx, 413, Map.of("error", "body too large"));
            ctx.skipRemainingHandlers();
            return;
        }
    }

    /** Runs a webhook handler, counted so that shutdown can wait for the ones in flight. */
    private void counted(Context ctx, io.javalin.http.Handler handler) throws Exception {
        webhooksInFlight.incrementAndGet();
        try {
            handler.handle(ctx);
        } finally {
            webhooksInFlight.decrementAndGet();
        }
    }

    private static void ready(Context ctx, Readiness readiness, Json json) {
        Map<String, Boolean> checks = readiness.checks();
        boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not ready");
        body.put("checks", checks);
        Map<String, String> degraded = readiness.degraded();
        if (!degraded.isEmpty()) {
            body.put("degraded", degraded);
        }
        json.send(ctx, ready ? 200 : 503, body);
    }
}
