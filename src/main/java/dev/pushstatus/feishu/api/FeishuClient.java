package dev.pushstatus.feishu.api;

import dev.pushstatus.bot.CallBudget;
import dev.pushstatus.bot.CardUpdater;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.bot.ErrorIds;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.NotificationSource;
import dev.pushstatus.bot.Outcome;
import dev.pushstatus.bot.Replier;
import dev.pushstatus.feishu.event.FeishuIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Feishu Open Platform calls the bot makes. Every method returns a value describing the
 * outcome; network trouble and error codes never escape as exceptions.
 */
public final class FeishuClient implements NotificationSource {

    /** Feishu's documented limit for the helpdesk GET. */
    public static final int HELPDESK_CALLS_PER_MINUTE = 100;
    private static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(FeishuClient.class);

    private final HttpJson http;
    private final HttpUrl baseUrl;
    private final FeishuCredentials credentials;
    private final TenantTokens tokens;
    private final CallBudget helpdeskLimiter;
    private final Counter budgetRefusals;
    private final Timer permitWaits;
    private final Retries retries;
    private final Clock clock;

    public FeishuClient(OkHttpClient http, HttpUrl baseUrl, FeishuCredentials credentials, ObjectMapper mapper,
                        CallBudget helpdeskLimiter, Clock clock, MeterRegistry metrics, Retries retries) {
        this.http = new HttpJson(http, mapper, metrics);
        this.retries = retries;
        this.budgetRefusals = Counter.builder("pushbot_ratelimit_refusals")
                .description("Helpdesk lookups refused because the rate budget had no permit within the lookup's time")
                .register(metrics);
        this.permitWaits = Timer.builder("pushbot_ratelimit_waits")
                .description("Waits for a helpdesk rate permit that ended with the permit")
                .register(metrics);
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.tokens = new TenantTokens(this.http, baseUrl, credentials, clock);
        this.helpdeskLimiter = helpdeskLimiter;
        this.clock = clock;
    }

    /**
     * Idle connections the client keeps open: at least as many as the bot's handlers that may call
     * Feishu at once (16), so that replies sent together reuse their connections. OkHttp's default
     * of 5 made about one reply in ten open a new connection at 16 replies in flight
     * (docs/benchmarks.md, "upstream connections closed").
     */
    public static final int IDLE_CONNECTIONS = 32;

    /** An OkHttp client with the given timeouts on every call. */
    public static OkHttpClient httpClient(ApiTimeouts timeouts) {
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                .retryOnConnectionFailure(false)
                .build();
    }

    /** Fetches (or reuses) the tenant token; empty when fine, else why not. For the doctor. */
    public Optional<String> tokenProblem() {
        TenantTokens.TokenResult result = tokens.get();
        return result.value().isPresent() ? Optional.empty() : Optional.of(result.problem());
    }

    /** Whether an unexpired tenant token is held right now (readiness); never waits on a token call. */
    public boolean hasToken() {
        return tokens.held();
    }

    /** Renews the tenant token when due, with backoff after failures; for the background scheduler. */
    public void refreshTokenIfDue() {
        tokens.refreshIfDue();
    }

    /** The bot's own open_id, from {@code GET /open-apis/bot/v3/info}; empty, with a log line, on failure. */
    public Optional<String> botOpenId() {
        Exchange exchange = withToken("bot_info", token -> new Request.Builder()
                .url(baseUrl.newBuilder().addPathSegments("open-apis/bot/v3/info").build())
                .header("Authorization", "Bearer " + token)
                .get().build());
        if (exchange instanceof Exchange.Answered answer && answer.ok()) {
            String openId = answer.body().path("bot").path("open_id").asText("");
            if (!openId.isEmpty()) {
                return Optional.of(openId);
            }
        }
        log.warn("bot info not obtained: {}", exchange.describe());
        return Optional.empty();
    }

    /**
     * Looks the notification up within the {@link Retries#budget()}: waits for a rate permit when
     * the budget allows (else answers rate-limited), and tries again after a 5xx or timeout.
     */
    @Override
    public LookupResult fetch(String notificationId) {
        Instant deadline = clock.instant().plus(retries.budget());
        HttpUrl url = baseUrl.newBuilder()
                .addPathSegments("open-apis/helpdesk/v1/notifications")
                .addPathSegment(notificationId)
                .addQueryParameter("user_id_type", "open_id")
                .build();
        Exchange exchange = null;
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> refused = awaitPermit(deadline);
            if (refused.isPresent()) {
                budgetRefusals.increment();
                log.info("notification_id={} no helpdesk permit within the lookup's budget ({}/min, or Feishu's "
                        + "own rate-limit reset); next in {} ms", notificationId, HELPDESK_CALLS_PER_MINUTE,
                        refused.get().toMillis());
                // After a failed try, that failure is the better answer than "busy".
                return exchange == null ? new LookupResult.RateLimited(refused.get()) : toLookupResult(notificationId, exchange);
            }
            exchange = withToken("helpdesk", token -> new Request.Builder()
                    .url(url)
                    .header("Authorization", "Bearer " + token)
                    .header("X-Lark-Helpdesk-Authorization", credentials.helpdeskAuthorization())
                    .get().build(), () -> helpdeskLimiter.tryAcquire().isEmpty());
            if (!exchange.retryable() || attempt >= retries.maxAttempts() || !pauseBeforeRetry(attempt, deadline)) {
                return toLookupResult(notificationId, exchange);
            }
            log.info("notification_id={} helpdesk try {} failed ({}), trying again", notificationId, attempt, exchange.describe());
        }
    }

    /** Takes a rate permit, waiting for one while the deadline allows; else how long until one frees. */
    private Optional<Duration> awaitPermit(Instant deadline) {
        while (true) {
            Optional<Duration> wait = helpdeskLimiter.tryAcquire();
            if (wait.isEmpty()) {
                return Optional.empty();
            }
            if (clock.instant().plus(wait.get()).isAfter(deadline) || !sleep(wait.get())) {
                return wait;
            }
            permitWaits.record(wait.get());
        }
    }

    /** Sleeps the backoff after a failed try if the deadline leaves room; false when it does not. */
    private boolean pauseBeforeRetry(int failedTry, Instant deadline) {
        Duration pause = retries.backoff(failedTry);
        return clock.instant().plus(pause).isBefore(deadline) && sleep(pause);
    }

    private boolean sleep(Duration duration) {
        try {
            retries.sleeper().sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Replies to a message with an interactive card; the uuid makes Feishu drop a repeated send. */
    public Replier.SendResult replyCard(String messageId, String cardJson, String uuid) {
        if (!FeishuIds.wellFormed(messageId)) {
            // OkHttp resolves "." and ".." segments: such an id would send the reply to another API.
            throw new IllegalArgumentException("message id is not shaped like a Feishu id");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msg_type", "interactive");
        body.put("content", cardJson);
        body.put("uuid", uuid);
        HttpUrl url = baseUrl.newBuilder()
                .addPathSegments("open-apis/im/v1/messages")
                .addPathSegment(messageId)
                .addPathSegment("reply")
                .build();
        Function<String, Request> call = token -> new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + token)
                .post(http.body(body))
                .build();
        Exchange exchange = withToken("reply", call);
        if (exchange.retryable() && sleep(retries.backoff(1))) {
            // Safe to send again: Feishu delivers a reply with a uuid it has seen at most once.
            log.info("message_id={} reply failed ({}), trying once more", messageId, exchange.describe());
            exchange = withToken("reply", call);
        }
        if (exchange instanceof Exchange.Answered answer && answer.ok()) {
            return new Replier.SendResult.Sent(answer.body().path("data").path("message_id").asText(""));
        }
        String errorId = ErrorIds.next();
        log.warn("message_id={} error_id={} reply not sent: {}", messageId, errorId, exchange.describe());
        return new Outcome.Failed(errorId, exchange.describe());
    }

    /**
     * Puts a new card in place of a message's card (PATCH): how a watched card stays current. Not
     * tried again here: the watch checks again on its own schedule.
     */
    public CardUpdater.Result updateCard(String messageId, String cardJson) {
        if (!FeishuIds.wellFormed(messageId)) {
            throw new IllegalArgumentException("message id is not shaped like a Feishu id");
        }
        HttpUrl url = baseUrl.newBuilder().addPathSegments("open-apis/im/v1/messages").addPathSegment(messageId).build();
        Exchange exchange = withToken("update", token -> new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + token)
                .patch(http.body(Map.of("content", cardJson)))
                .build());
        if (exchange instanceof Exchange.Answered answer && answer.ok()) {
            return new CardUpdater.Result.Updated();
        }
        if (exchange instanceof Exchange.Answered answer && (FeishuCodes.CARD_GONE.contains(answer.code())
                || answer.httpStatus() == 404)) {
            return new CardUpdater.Result.CardGone(exchange.describe());
        }
        String errorId = ErrorIds.next();
        log.warn("message_id={} error_id={} card not updated: {}", messageId, errorId, exchange.describe());
        return new CardUpdater.Result.Failed(errorId, exchange.describe());
    }

    /** Runs a call with the tenant token; on a token-invalid answer, refetches it and retries once. */
    private Exchange withToken(String endpoint, Function<String, Request> call) {
        return withToken(endpoint, call, () -> true);
    }

    /**
     * As {@link #withToken(String, Function)}, but the retry happens only if {@code mayRetry} allows it:
     * the helpdesk retry is a second GET and must fit the rate budget like the first.
     */
    private Exchange withToken(String endpoint, Function<String, Request> call, BooleanSupplier mayRetry) {
        for (int attempt = 1; ; attempt++) {
            TenantTokens.TokenResult token = tokens.get();
            if (token.value().isEmpty()) {
                return new Exchange.NoAnswer("no tenant access token: " + token.problem(), false);
            }
            String value = token.value().get();
            Exchange exchange = http.execute(endpoint, call.apply(value));
            if (attempt == 1 && exchange instanceof Exchange.Answered answer && answer.tokenInvalid()
                    && mayRetry.getAsBoolean()) {
                log.info("tenant token rejected (code {}), fetching a new one", answer.code());
                tokens.invalidate(value);
                continue;
            }
            return exchange;
        }
    }

    private LookupResult toLookupResult(String id, Exchange exchange) {
        return exchange.either(answer -> toLookupResult(id, answer), none -> {
            String errorId = ErrorIds.next();
            log.warn("notification_id={} error_id={} helpdesk lookup failed: {}", id, errorId, none.reason());
            return new LookupResult.Unavailable(errorId, none.reason());
        });
    }

    private LookupResult toLookupResult(String id, Exchange.Answered answer) {
        if (answer.ok()) {
            try {
                HelpdeskNotificationDto data = http.read(answer.body().path("data"), HelpdeskNotificationDto.class);
                if (data != null && data.notification() != null) {
                    return new LookupResult.Found(NotificationMapper.toDomain(id, data), clock.instant());
                }
            } catch (JacksonException wrongShape) {
                log.debug("notification_id={} answer has the wrong shape: {}", id, wrongShape.getOriginalMessage());
            }
            String errorId = ErrorIds.next();
            log.warn("notification_id={} error_id={} helpdesk answer without a notification, logid={}",
                    id, errorId, answer.logId());
            return new LookupResult.Unavailable(errorId, "unreadable answer", true);
        }
        if (answer.code() == FeishuCodes.NOT_FOUND || (answer.httpStatus() == 404 && answer.code() != 0)) {
            return new LookupResult.NotFound(id);
        }
        if (answer.code() == FeishuCodes.RATE_LIMITED || answer.httpStatus() == 429) {
            Duration reset = resetAfter(answer.rateLimitReset());
            // Feishu counts for the whole app: no lookup from this process until it says so.
            helpdeskLimiter.blockFor(reset);
            log.warn("notification_id={} helpdesk rate limited by Feishu; no lookups for {} s, logid={}",
                    id, reset.toSeconds(), answer.logId());
            return new LookupResult.RateLimited(reset);
        }
        if (FeishuCodes.FORBIDDEN.contains(answer.code()) || answer.tokenInvalid()) {
            log.warn("notification_id={} helpdesk refused: code {} ({}), logid={}; check the helpdesk id/token "
                    + "and the helpdesk:all:readonly scope", id, answer.code(), answer.msg(), answer.logId());
            return new LookupResult.Forbidden(answer.code(), answer.msg());
        }
        String errorId = ErrorIds.next();
        log.warn("notification_id={} error_id={} helpdesk lookup failed: {}", id, errorId, answer.describe());
        return new LookupResult.Unavailable(errorId, "code " + answer.code());
    }

    private static Duration resetAfter(String header) {
        if (header != null) {
            try {
                long seconds = Long.parseLong(header.strip());
                if (seconds >= 0 && seconds <= 3600) {
                    return Duration.ofSeconds(Math.max(1, seconds));
                }
            } catch (NumberFormatException ignoredHeader) {
                // an unreadable header is the same as none: fall back to the default wait
            }
        }
        return DEFAULT_RATE_LIMIT_WAIT;
    }

}
