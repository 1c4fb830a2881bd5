package dev.pushstatus.feishu.api;

import static dev.pushstatus.feishu.api.FakeFeishu.HELPDESK_PATH;
import static dev.pushstatus.feishu.api.FakeFeishu.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.LookupResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The tenant access token: fetched once, reused, refreshed before expiry and after a token-invalid answer. */
class FeishuClientTokenTest {

    private static final String ID = "6981801914270744596";
    private static final String TOKEN_INVALID = HelpdeskAnswers.error(99991663, "Invalid access token for authorization");

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T08:00:00Z"));
    private final FakeFeishu feishu = new FakeFeishu().on(HELPDESK_PATH,
            FakeFeishu.Answer.json(200, HelpdeskAnswers.SEED_EXAMPLE));
    private final FeishuClient client = feishu.client(clock);

    @Test
    void theFirstCallFetchesATenantTokenWithTheAppCredentials() {
        assertThat(client.hasToken()).isFalse();

        client.fetch(ID);

        assertThat(feishu.paths()).containsExactly(TOKEN_PATH, HELPDESK_PATH);
        FakeFeishu.Recorded tokenRequest = feishu.requests.get(0);
        assertThat(tokenRequest.method()).isEqualTo("POST");
        assertThat(tokenRequest.url().host()).isEqualTo("open.feishu.cn");
        assertThat(tokenRequest.header("Content-Type")).startsWith("application/json");
        assertThat(tokenRequest.json().path("app_id").asText()).isEqualTo("cli_app");
        assertThat(tokenRequest.json().path("app_secret").asText()).isEqualTo("app-secret");
        assertThat(tokenRequest.header("Authorization")).isNull();
        assertThat(feishu.requests.get(1).header("Authorization")).isEqualTo("Bearer t-1");
        assertThat(client.hasToken()).isTrue();
    }

    @Test
    void theTokenIsReusedForTheNextCall() {
        client.fetch(ID);
        clock.advance(Duration.ofMinutes(10));
        client.fetch(ID);

        assertThat(feishu.requestsTo(TOKEN_PATH)).hasSize(1);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer t-1", "Bearer t-1");
    }

    @Test
    void theTokenIsRenewedInTheBackgroundOnceTheClockReachesExpiryMinusThirtyMinutes() {
        client.fetch(ID);
        clock.advance(Duration.ofSeconds(7200 - 1800 - 1));
        client.refreshTokenIfDue();
        client.fetch(ID);
        assertThat(feishu.requestsTo(TOKEN_PATH)).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        client.fetch(ID);
        assertThat(feishu.requestsTo(TOKEN_PATH)).as("a call never renews a token that still works").hasSize(1);
        client.refreshTokenIfDue();
        client.fetch(ID);

        assertThat(feishu.requestsTo(TOKEN_PATH)).hasSize(2);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer t-1", "Bearer t-1", "Bearer t-1", "Bearer t-2");
    }

    @Test
    void aTokenInvalidAnswerFetchesOneNewTokenAndRetriesOnce() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(400, TOKEN_INVALID),
                FakeFeishu.Answer.json(200, HelpdeskAnswers.SEED_EXAMPLE));

        LookupResult result = client.fetch(ID);

        assertThat(result).isInstanceOf(LookupResult.Found.class);
        assertThat(feishu.paths()).containsExactly(TOKEN_PATH, HELPDESK_PATH, TOKEN_PATH, HELPDESK_PATH);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer t-1", "Bearer t-2");
        assertThat(feishu.requestsTo(HELPDESK_PATH)).extracting(r -> r.header("X-Lark-Helpdesk-Authorization"))
                .containsExactly("aGlkOmh0b2tlbg==", "aGlkOmh0b2tlbg==");
    }

    @Test
    void aSecondTokenInvalidAnswerIsNotRetriedAgain() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(400, TOKEN_INVALID));

        LookupResult result = client.fetch(ID);

        assertThat(feishu.paths()).containsExactly(TOKEN_PATH, HELPDESK_PATH, TOKEN_PATH, HELPDESK_PATH);
        assertThat(result).isEqualTo(new LookupResult.Forbidden(99991663, "Invalid access token for authorization"));
    }

    @Test
    void aRefusingTokenEndpointMeansUnavailableAndNoHelpdeskCall() {
        feishu.on(TOKEN_PATH, FakeFeishu.Answer.json(400, "{\"code\":10014,\"msg\":\"app secret invalid\"}"));

        LookupResult result = client.fetch(ID);

        assertThat(result).isInstanceOfSatisfying(LookupResult.Unavailable.class,
                u -> assertThat(u.reason()).contains("10014"));
        assertThat(feishu.paths()).containsExactly(TOKEN_PATH);
        assertThat(client.hasToken()).isFalse();
    }

    @Test
    void aTokenAnswerWithoutTokenOrExpiryIsNoToken() {
        feishu.on(TOKEN_PATH, FakeFeishu.Answer.json(200, "{\"code\":0,\"msg\":\"ok\",\"expire\":7200}"),
                FakeFeishu.Answer.json(200, "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-x\"}"));

        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Unavailable.class);
        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Unavailable.class);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).isEmpty();
    }

    @Test
    void anUnreachableTokenEndpointIsUnavailableAndTheFirstCallAfterTheBackoffTriesAgain() {
        feishu.on(TOKEN_PATH, FakeFeishu.Answer.failing(new IOException("connection refused")),
                FakeFeishu.Answer.json(200, "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-9\",\"expire\":7200}"));

        assertThat(client.fetch(ID)).isInstanceOfSatisfying(LookupResult.Unavailable.class,
                u -> assertThat(u.reason()).contains("connection failed"));
        clock.advance(TenantTokens.FIRST_BACKOFF);
        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Found.class);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer t-9");
    }

    @Test
    void aFailedRenewalKeepsUsingTheHeldTokenUntilItReallyExpiresAndBacksOff() {
        client.fetch(ID);
        feishu.on(TOKEN_PATH, FakeFeishu.Answer.failing(new IOException("connection refused")));
        clock.advance(Duration.ofSeconds(7200 - 1800));

        client.refreshTokenIfDue();
        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Found.class);
        for (int tick = 0; tick < 4; tick++) {
            client.refreshTokenIfDue(); // within the 5 s backoff: no new attempt
        }
        assertThat(feishu.requestsTo(TOKEN_PATH)).hasSize(2);
        clock.advance(Duration.ofSeconds(5));
        client.refreshTokenIfDue();
        clock.advance(Duration.ofSeconds(9));
        client.refreshTokenIfDue();
        assertThat(feishu.requestsTo(TOKEN_PATH)).as("5 s, then 10 s between tries").hasSize(3);
        clock.advance(Duration.ofSeconds(1));
        client.refreshTokenIfDue();
        assertThat(feishu.requestsTo(TOKEN_PATH)).hasSize(4);

        clock.advance(Duration.ofSeconds(7200 - 5415 - 1));
        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Found.class);
        assertThat(client.hasToken()).isTrue();
        assertThat(feishu.requestsTo(HELPDESK_PATH)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer t-1", "Bearer t-1", "Bearer t-1");

        clock.advance(Duration.ofSeconds(1));
        assertThat(client.hasToken()).as("readiness tells the truth once the token has expired").isFalse();
    }

    @Test
    void withoutATokenCallsFailFastDuringTheBackoffInsteadOfEachCallingTheTokenEndpoint() {
        feishu.on(TOKEN_PATH, FakeFeishu.Answer.failing(new IOException("connection refused")));
        for (int i = 0; i < 10; i++) {
            assertThat(client.fetch(ID)).isInstanceOfSatisfying(LookupResult.Unavailable.class,
                    u -> assertThat(u.reason()).contains("connection failed"));
        }
        assertThat(feishu.requestsTo(TOKEN_PATH)).hasSize(1);
        clock.advance(Duration.ofSeconds(5));
        client.fetch(ID);
        assertThat(feishu.requestsTo(TOKEN_PATH)).hasSize(2);
    }

    @Test
    void theBackoffDoublesUpToFiveMinutesAndResetsOnSuccess() {
        feishu.on(TOKEN_PATH, FakeFeishu.Answer.failing(new IOException("connection refused")));
        java.util.List<Long> gaps = new java.util.ArrayList<>();
        Instant last = null;
        for (int second = 0; second < 3_000; second++) {
            int before = feishu.requestsTo(TOKEN_PATH).size();
            client.refreshTokenIfDue();
            if (feishu.requestsTo(TOKEN_PATH).size() > before) {
                if (last != null) {
                    gaps.add(Duration.between(last, clock.instant()).toSeconds());
                }
                last = clock.instant();
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(gaps).startsWith(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L);
        feishu.on(TOKEN_PATH, FakeFeishu.Answer.json(200,
                "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-ok\",\"expire\":7200}"));
        clock.advance(Duration.ofSeconds(300));
        client.refreshTokenIfDue();
        assertThat(client.hasToken()).isTrue();
    }

    @Test
    void readinessNeverWaitsBehindATokenCallInFlight() throws Exception {
        client.fetch(ID);
        clock.advance(Duration.ofSeconds(7200 - 1800));
        Runnable background = client::refreshTokenIfDue;
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        feishu.hold(TOKEN_PATH, arrived, release);
        Thread refresher = new Thread(background, "refresher");
        refresher.start();
        try {
            assertThat(arrived.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // The refresher holds the token lock while its HTTP call hangs; the probe must not wait for it.
            Boolean held = java.util.concurrent.CompletableFuture.supplyAsync(client::hasToken)
                    .get(1, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(held).isTrue();
        } finally {
            release.countDown();
            refresher.join(5_000);
        }
    }
}
