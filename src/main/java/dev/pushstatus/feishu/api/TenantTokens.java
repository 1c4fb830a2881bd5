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
 * The tenant access token: fetched on first use, reused until 30 minutes before it expires
 * (Feishu hands out a new one only then), and dropped when Feishu says it is invalid. When a
 * refresh fails, the held token is used until it really expires.
 *
 * <p>{@code synchronized} on {@link #get()} is the single flight: while one thread fetches, the
 * others wait for the same token instead of sending their own request. {@link #held()} reads a
 * volatile snapshot and never waits on that lock, so a readiness probe cannot hang behind a slow
 * token endpoint.
 */
final class TenantTokens {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(TenantTokens.class);

    private final HttpJson http;
    private final HttpUrl baseUrl;
    private final FeishuCredentials credentials;
    private final Clock clock;
    private volatile @Nullable Held current;

    TenantTokens(HttpJson http, HttpUrl baseUrl, FeishuCredentials credentials, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A valid token, or why none could be had. */
    synchronized TokenResult get() {
        Held held = current;
        Instant now = clock.instant();
        if (held != null && now.isBefore(held.refreshAt())) {
            return TokenResult.of(held.token());
        }
        TokenResult fetched = fetch();
        if (fetched.value().isEmpty() && held != null && now.isBefore(held.expiresAt())) {
            log.warn("tenant token refresh failed ({}); using the held one until it expires in {} s",
                    fetched.problem(), Duration.between(now, held.expiresAt()).toSeconds());
            return TokenResult.of(held.token());
        }
        return fetched;
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
                log.info("tenant access token obtained, expires in {} s", expire);
                return TokenResult.of(fresh);
            }
        }
        String why = exchange.either(answer -> "code " + answer.code() + " (" + answer.msg() + ")",
                Exchange.NoAnswer::reason);
        log.warn("tenant access token not obtained: {}", why);
        return new TokenResult(Optional.empty(), why);
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
