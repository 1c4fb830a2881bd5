package dev.pushstatus.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.pushstatus.bot.AccessGate;
import dev.pushstatus.bot.ClickHandler;
import dev.pushstatus.bot.CommandRegistry;
import dev.pushstatus.bot.MessageDedupe;
import dev.pushstatus.bot.MessageHandler;
import dev.pushstatus.bot.NotificationCache;
import dev.pushstatus.bot.RefreshAllowance;
import dev.pushstatus.bot.WatchView;
import dev.pushstatus.bot.Watches;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.api.FeishuClient;
import dev.pushstatus.feishu.card.CardRenderer;
import dev.pushstatus.feishu.event.EventDecoder;
import dev.pushstatus.feishu.event.WebhookSecrets;
import dev.pushstatus.feishu.event.WebhookRequest;
import dev.pushstatus.feishu.ws.LongConnection;
import dev.pushstatus.feishu.ws.LongConnectionException;
import dev.pushstatus.inbound.Endpoint;
import dev.pushstatus.inbound.EventService;
import dev.pushstatus.web.Readiness;
import dev.pushstatus.web.WebServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running bot: every component built from a {@link Config}, and the web server started. */
public final class Application implements AutoCloseable {

    /** Handling must finish inside Feishu's 3 s ack window, with room for the network. */
    public static final Duration HANDLING_BUDGET = Duration.ofMillis(2_500);
    /** A lookup slower than this gets the "Feishu did not answer" card, still inside the budget. */
    static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(2_000);
    static final Duration NOT_FOUND_TTL = Duration.ofSeconds(10);
    /** Time to finish work in flight on shutdown; well inside Kubernetes' default 30 s. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** How long start-up waits for the first long connection before going on without it. */
    static final Duration FIRST_CONNECTION_WAIT = Duration.ofSeconds(10);
    /**
     * For the long connection: no read timeout (a quiet connection is normal; its watchdog notices
     * a dead one), short connect and write timeouts; the endpoint call adds its own call timeout.
     */
    private static OkHttpClient longConnectionHttp() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .writeTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .build();
    }
    /** How often the background checks whether the tenant token is due for renewal. */
    static final Duration TOKEN_CHECK_EVERY = Duration.ofSeconds(5);
    /** How often due watches are looked for; each watch is checked at most every BOT_WATCH_INTERVAL. */
    static final Duration WATCH_TICK = Duration.ofSeconds(1);
    static final int WORKERS = 16;
    static final int WORK_QUEUE = 512;
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final WebServer web;
    private final EventService service;
    private final @Nullable LongConnection longConnection;
    private final BotIdentity identity;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor lookups;
    private final List<ScheduledExecutorService> schedulers;
    private final SharedState state;

    private Application(WebServer web, EventService service, @Nullable LongConnection longConnection,
                        BotIdentity identity, ThreadPoolExecutor workers, ThreadPoolExecutor lookups,
                        List<ScheduledExecutorService> schedulers, SharedState state) {
        this.web = web;
        this.service = service;
        this.longConnection = longConnection;
        this.identity = identity;
        this.workers = workers;
        this.lookups = lookups;
        this.schedulers = schedulers;
        this.state = state;
    }

    /** Builds and starts the bot with the system clock. */
    public static Application start(Config config) {
        return start(config, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** Builds and starts the bot; tests pass their own clock and ticker. */
    public static Application start(Config config, Clock clock, Ticker ticker) {
        ObjectMapper mapper = FeishuJson.newMapper();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Duration notFoundTtl = min(NOT_FOUND_TTL, config.cacheTtl());
        SharedState state = SharedState.forConfig(config, notFoundTtl, clock, ticker, metrics);
        FeishuClient client = FeishuClients.forConfig(config, clock, metrics, state.budget());

        ThreadPoolExecutor workers = boundedPool("handler", WORKERS, WORK_QUEUE);
        ThreadPoolExecutor lookups = boundedPool("lookup", WORKERS, WORK_QUEUE);
        metrics.gauge("pushbot_work_in_flight", workers, pool -> pool.getActiveCount() + pool.getQueue().size());
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(named("background"));
        // Its own thread: the deadlines must fire on time even while a background call to Feishu hangs.
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, named("deadline"));
        timers.setRemoveOnCancelPolicy(true);

        BotIdentity identity = new BotIdentity(client::botOpenId);

        NotificationCache cache = new NotificationCache(client, state.notifications(), config.cacheTtl(), notFoundTtl,
                new MdcPropagatingExecutor(lookups), ticker, clock);
        CaffeineCacheMetrics.monitor(metrics, cache.caffeine(), "notifications");
        metrics.gauge("pushbot_cache_bytes", cache, NotificationCache::weightedBytes);
        MessageDedupe dedupe = state.dedupe();
        metrics.gauge("pushbot_dedupe_entries", dedupe, MessageDedupe::size);

        CardRenderer renderer = new CardRenderer(mapper, config.timezone(), config.statusLabels(), clock);
        AccessGate gate = new AccessGate(config.allowedChats(), config.allowedUsers());
        Executor handlerPool = new MdcPropagatingExecutor(workers);
        Watches watches = new Watches(state.watches(), cache, new CardUpdates(renderer, client), state.watchShare(),
                config.watch(), LOOKUP_TIMEOUT, clock);
        bindWatchMetrics(watches, metrics);
        // Its own thread: a round of lookups may take seconds and must not hold up token renewals.
        ScheduledExecutorService watching = Executors.newSingleThreadScheduledExecutor(named("watches"));
        MessageHandler handler = new MessageHandler(
                CommandRegistry.standard(),
                gate,
                dedupe,
                cache,
                new CardReplier(renderer, client),
                identity,
                handlerPool,
                LOOKUP_TIMEOUT,
                clock,
                watches);

        EventDecoder decoder = new EventDecoder(
                new WebhookSecrets(config.verificationToken(), config.encryptKey()), mapper, clock);
        ClickHandler clicks = new ClickHandler(gate, cache, new RefreshAllowance(ticker), handlerPool, LOOKUP_TIMEOUT,
                clock, ticker, watches);
        EventService service = new EventService(decoder, handler, clicks, renderer,
                new ScheduledDeadlines(timers), HANDLING_BUDGET, metrics);
        boolean overWebSocket = config.eventMode() == EventMode.WEBSOCKET;
        // Its own thread: the endpoint call before each connect blocks it for up to 10 s.
        ScheduledExecutorService connecting = Executors.newSingleThreadScheduledExecutor(named("long-connection"));
        LongConnection longConnection = overWebSocket
                ? new LongConnection(HttpUrl.get(config.baseUrl().toString()), config.appId(), config.appSecret(),
                        longConnectionHttp(), mapper,
                        payload -> service.handle(Endpoint.LONG_CONNECTION, new WebhookRequest(payload, Map.of())),
                        connecting, ticker, RandomGenerator.getDefault(), metrics)
                : null;
        Readiness readiness = new Readiness() {
            @Override
            public Map<String, Boolean> checks() {
                Map<String, Boolean> checks = new LinkedHashMap<>();
                checks.put("tenant_token", client.hasToken());
                checks.put("bot_info", identity.get().isPresent());
                if (longConnection != null) {
                    checks.put("long_connection", longConnection.connected());
                }
                return checks;
            }

            @Override
            public Map<String, String> degraded() {
                return state.degraded().map(why -> Map.of("redis", why)).orElse(Map.of());
            }
        };
        WebServer web = new WebServer(service, !overWebSocket, () -> longConnection == null
                        || longConnection.state() != LongConnection.State.FAILED ? Optional.<String>empty()
                        : Optional.of("long connection: " + String.valueOf(longConnection.failure() == null
                                ? "stopped" : longConnection.failure().getMessage())), readiness, metrics, mapper);
        Application app = new Application(web, service, longConnection, identity, workers, lookups,
                List.of(background, timers, connecting, watching), state);
        try {
            web.start(config.port());
        } catch (RuntimeException e) {
            state.close(); // Lettuce's threads would otherwise outlive the failed start
            throw e;
        }
        // Only once the port is ours: a taken port then fails start-up before any call to Feishu.
        identity.learn(background, Duration.ofSeconds(5));
        background.scheduleWithFixedDelay(client::refreshTokenIfDue, TOKEN_CHECK_EVERY.toMillis(),
                TOKEN_CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        watching.scheduleWithFixedDelay(watches::tick, WATCH_TICK.toMillis(), WATCH_TICK.toMillis(), TimeUnit.MILLISECONDS);
        if (longConnection != null) {
            app.connect(longConnection);
        }
        log.info("push-status-bot started: {}", config);
        return app;
    }

    /**
     * Opens the long connection, waiting a little for the first one: a configuration error (wrong
     * secret, too many connections, a forbidden app) stops start-up with what to fix; passing
     * trouble does not (the connection keeps trying and {@code /readyz} says 503 meanwhile).
     */
    private void connect(LongConnection longConnection) {
        try {
            longConnection.start().get(FIRST_CONNECTION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            close();
            throw new IllegalStateException(e.getCause() instanceof LongConnectionException misconfigured
                    ? "long connection: " + misconfigured.getMessage()
                    : "long connection failed: " + e.getCause(), null);
        } catch (java.util.concurrent.TimeoutException stillTrying) {
            log.warn("the long connection is not open after {} s; it keeps trying and /readyz says 503 until it is",
                    FIRST_CONNECTION_WAIT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the bot knows its own identity (and so holds a token); false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        try {
            identity.known().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the identity future is only ever completed normally", e);
        }
    }

    /** The port the web server listens on. */
    public int port() {
        return web.port();
    }

    /**
     * Stops gracefully: new webhook calls get 503 at once (Feishu delivers them again later, to
     * this process's successor), work in flight finishes within {@link #SHUTDOWN_GRACE}, then
     * the server and the pools stop.
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        service.stopAccepting();
        if (longConnection != null) {
            longConnection.stopTakingFrames();
        }
        log.info("shutting down: refusing new events, finishing {} in flight", workers.getActiveCount()
                + workers.getQueue().size());
        workers.shutdown();
        try {
            boolean done = workers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                    && web.awaitIdle(SHUTDOWN_GRACE.minusNanos(System.nanoTime() - start))
                    && (longConnection == null
                    || longConnection.awaitAcked(SHUTDOWN_GRACE.minusNanos(System.nanoTime() - start)));
            if (!done) {
                log.warn("work still in flight after {} s; stopping anyway (Feishu will deliver it again)",
                        SHUTDOWN_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (longConnection != null) {
            longConnection.close(); // a normal close: Feishu pushes what was not acked to another connection
        }
        web.close();
        schedulers.forEach(ScheduledExecutorService::shutdownNow);
        workers.shutdownNow();
        lookups.shutdownNow();
        state.close(); // last: work that finished above may still have marked its messages answered
        log.info("stopped after {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static void bindWatchMetrics(Watches watches, PrometheusMeterRegistry metrics) {
        Gauge.builder("pushbot_watches_active", watches, Watches::active)
                .description("/push-watch watches running now").register(metrics);
        FunctionCounter.builder("pushbot_watch_updates", watches, Watches::updates)
                .description("watched cards updated in place (PATCH)").register(metrics);
        FunctionCounter.builder("pushbot_watch_lookups", watches, Watches::lookups)
                .description("lookups made for watches, one per notification per round").register(metrics);
        Gauge.builder("pushbot_watch_budget_per_minute", () -> SharedState.WATCH_SHARE)
                .description("helpdesk GETs a minute the watches may spend together (the rest is for commands)")
                .register(metrics);
        for (WatchView.Ending ending : WatchView.Ending.values()) {
            FunctionCounter.builder("pushbot_watch_endings", watches, w -> w.endings(ending))
                    .tag("reason", ending.name().toLowerCase(java.util.Locale.ROOT))
                    .description("watches ended, by why").register(metrics);
        }
    }

    /** A fixed pool with a bounded queue: when full, submit fails fast and Feishu redelivers later. */
    private static ThreadPoolExecutor boundedPool(String name, int threads, int queue) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                named(name), new ThreadPoolExecutor.AbortPolicy());
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
