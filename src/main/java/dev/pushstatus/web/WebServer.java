package dev.pushstatus.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.bot.ErrorIds;
import dev.pushstatus.inbound.EventService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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

    private final Javalin app;
    private final EventService service;
    private final AtomicInteger webhooksInFlight = new AtomicInteger();

    public WebServer(EventService service, Readiness readiness, PrometheusMeterRegistry metrics, ObjectMapper mapper) {
        this.service = service;
        Json json = new Json(mapper);
        WebhookRoutes webhooks = new WebhookRoutes(service, json);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            // The application stops the server itself, after the work in flight (Application.close).
            cfg.jetty.modifyServer(server -> server.setStopAtShutdown(false));
            cfg.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
            cfg.routes.after(ctx -> recordRequest(ctx, metrics));
            cfg.routes.before("/webhook/*", ctx -> admit(ctx, json));
            cfg.routes.post("/webhook/event", ctx -> counted(ctx, webhooks::event));
            cfg.routes.post("/webhook/card", ctx -> counted(ctx, webhooks::legacyCard));
            cfg.routes.get("/healthz", ctx -> json.send(ctx, 200, Map.of("status", "ok")));
            cfg.routes.get("/readyz", ctx -> ready(ctx, () -> {
                Map<String, Boolean> checks = new LinkedHashMap<>(readiness.checks());
                checks.put("accepting", service.accepting());
                return checks;
            }, json));
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    json.send(ctx, e.getStatus(), Map.of("error", e.getStatus() == 413 ? "body too large" : "bad request")));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
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

    /** One timer per route and status; unknown paths share one tag so scanners cannot grow the series. */
    private static void recordRequest(Context ctx, MeterRegistry metrics) {
        Long started = ctx.attribute(STARTED);
        String route = ROUTES.contains(ctx.path()) ? ctx.path() : "other";
        Timer.builder("pushbot_http_requests")
                .description("HTTP requests served by the bot, by route and status")
                .tag("route", route).tag("method", ctx.method().name()).tag("status", String.valueOf(ctx.statusCode()))
                .register(metrics)
                .record(Duration.ofNanos(started == null ? 0 : System.nanoTime() - started));
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
        json.send(ctx, ready ? 200 : 503, body);
    }
}
