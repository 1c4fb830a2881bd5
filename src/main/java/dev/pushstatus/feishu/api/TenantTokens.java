package dev.pushstatus.feishu.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant access token: fetched on first use, reused until 30 minutes before it expires
 * (Feishu hands out a new one only then), and dropped when Feishu says it is invalid.
 *
 * <p>{@code synchronized} is the single flight: while one thread fetches, the others wait for
 * the same token instead of sending their own request.
 */
final class TenantTokens {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(TenantTokens.class);

    private final HttpJson http;
    private final HttpUrl baseUrl;
    private final FeishuCredentials credentials;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    TenantTokens(HttpJson http, HttpUrl baseUrl, FeishuCredentials credentials, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A valid token, or why none could be had. */
    synchronized TokenResult get() {
        if (token != null && clock.instant().isBefore(refreshAt)) {
            return new TokenResult.Token(token);
        }
        return fetch();
    }

    /** Forgets the token if it is still the given one (another thread may have refreshed it already). */
    synchronized void invalidate(String rejected) {
        if (rejected.equals(token)) {
            token = null;
        }
    }

    /** Whether a token is held now; for readiness. */
    synchronized boolean held() {
        return token != null;
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
                token = fresh;
                Duration reuse = Duration.ofSeconds(expire).minus(REFRESH_BEFORE_EXPIRY);
                refreshAt = clock.instant().plus(reuse.isNegative() ? Duration.ZERO : reuse);
                log.info("tenant access token obtained, expires in {} s", expire);
                return new TokenResult.Token(fresh);
            }
        }
        String why = exchange instanceof Exchange.Answered answer
                ? "code " + answer.code() + " (" + answer.msg() + ")"
                : ((Exchange.NoAnswer) exchange).reason();
        log.warn("tenant access token not obtained: {}", why);
        return new TokenResult.Unavailable(why, exchange instanceof Exchange.Answered);
    }

    /** A token, or why there is none. */
    sealed interface TokenResult {
        record Token(String value) implements TokenResult {}

        /** @param refused true when Feishu answered and said no (wrong app id or secret) */
        record Unavailable(String reason, boolean refused) implements TokenResult {}
    }
}
