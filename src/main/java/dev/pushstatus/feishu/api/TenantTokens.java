package dev.pushstatus.feishu.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant access token: fetched on first use, used until it expires, and renewed in the
 * background from 30 minutes before expiry (Feishu hands out a new one only then) by
 * {@link #refreshIfDue()}, so no call ever waits for a renewal. A failed renewal keeps the held
 * token until it really expires and is tried again after a backoff (5 s doubling to 5 min), as is
 * a failed first fetch: a down token endpoint gets one request per backoff, not one per call.
 *
 * <p>{@code synchronized} on the fetch is the single flight: while one thread fetches, the others
 * wait for the same token instead of sending their own request. {@link #held()} reads a volatile
 * snapshot and never waits on that lock, so a readiness probe cannot hang behind a slow token call.
 */
final class TenantTokens {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(30);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(TenantTokens.class);

    private final HttpJson http;
    private final HttpUrl baseUrl;
    private final FeishuCredentials credentials;
    private final Clock clock;
    private volatile @Nullable Held current;
    /** After a failed fetch: no new attempt before this, and the failure to report meanwhile. */
    private Instant nextAttempt = Instant.MIN;
    private Duration backoff = Duration.ZERO;
    private String lastProblem = "";

    TenantTokens(HttpJson http, HttpUrl baseUrl, FeishuCredentials credentials, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A valid token, or why none could be had; fetches only when no unexpired token is held. */
    TokenResult get() {
        Held held = current;
        if (held != null && clock.instant().isBefore(held.expiresAt())) {
            return TokenResult.of(held.token());
        }
        return fetchUnlessHeld();
    }

    /**
     * Renews the token once it is within 30 minutes of expiry (or fetches one if none is held),
     * unless a failed attempt is still backing off. Called every few seconds by the background
     * scheduler; never by a request.
     */
    void refreshIfDue() {
        Held held = current;
        Instant now = clock.instant();
        if (held != null && now.isBefore(held.refreshAt())) {
            return;
        }
        synchronized (this) {
            if (current == held && !now.isBefore(nextAttempt)) {
                TokenResult fetched = fetch();
                if (fetched.value().isEmpty() && held != null && now.isBefore(held.expiresAt())) {
                    log.warn("tenant token renewal failed ({}); the held one works {} s more; next try in {} s",
                            fetched.problem(), Duration.between(now, held.expiresAt()).toSeconds(), backoff.toSeconds());
                }
            }
        }
    }

    private synchronized TokenResult fetchUnlessHeld() {
        Held held = current;
        Instant now = clock.instant();
        if (held != null && now.isBefore(held.expiresAt())) {
            return TokenResult.of(held.token()); // another thread fetched it while this one waited
        }
        if (now.isBefore(nextAttempt)) {
            return new TokenResult(Optional.empty(), lastProblem + " (next try in "
                    + Duration.between(now, nextAttempt).toSeconds() + " s)");
        }
        return fetch();
    }

    /** Forgets the token if it is still the given one (another thread may have refreshed it already). */
    synchronized void invalidate(String rejected) {
        Held held = current;
        if (held != null && rejected.equals(held.token())) {
            current = null;
        }
    }

    /** Whether a token that has not expired is held now; for readiness. Never blocks. */
    boolean held() {
        Held held = current;
        return held != null && clock.instant().isBefore(held.expiresAt());
    }

    private TokenResult fetch() {
        Request request = new Request.Builder()
                .url(baseUrl.newBuilder().addPathSegments("open-apis/auth/v3/tenant_access_token/internal").build())
                .post(http.body(Map.of("app_id", credentials.appId(), "app_secret", credentials.appSecret())))
                .build();
        Exchange exchange = http.execute("token", request);
        if (exchange instanceof Exchange.Answered answer && answer.ok()) {
            String fresh = answer.body().path("tenant_access_token").asText("");
            long expire = answer.body().path("expire").asLong(0);
            if (!fresh.isEmpty() && expire > 0) {
                Instant now = clock.instant();
                Duration reuse = Duration.ofSeconds(expire).minus(REFRESH_BEFORE_EXPIRY);
                current = new Held(fresh, now.plus(reuse.isNegative() ? Duration.ZERO : reuse),
                        now.plusSeconds(expire));
                nextAttempt = Instant.MIN;
                backoff = Duration.ZERO;
                log.info("tenant access token obtained, expires in {} s", expire);
                return TokenResult.of(fresh);
            }
        }
        String why = exchange.either(answer -> "code " + answer.code() + " (" + answer.msg() + ")",
                Exchange.NoAnswer::reason);
        backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
        nextAttempt = clock.instant().plus(backoff);
        lastProblem = why;
        log.warn("tenant access token not obtained: {}; next try in {} s", why, backoff.toSeconds());
        return new TokenResult(Optional.empty(), why);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The token held, when to refresh it and when it stops working. */
    private record Held(String token, Instant refreshAt, Instant expiresAt) {}

    /**
     * A token, or why there is none.
     *
     * @param problem empty when there is a token
     */
    record TokenResult(Optional<String> value, String problem) {
        static TokenResult of(String token) {
            return new TokenResult(Optional.of(token), "");
        }
    }
}
