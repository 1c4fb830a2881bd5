package dev.pushstatus.feishu.api;

import static dev.pushstatus.feishu.api.FakeFeishu.HELPDESK_PATH;
import static dev.pushstatus.feishu.api.FakeFeishu.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.LookupResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way the helpdesk GET can fail becomes a {@link LookupResult.Failure}, never an exception. */
class FeishuClientErrorMappingTest {

    private static final String ID = "6981801914270744596";
    private static final String ERROR_ID = "E-[0-9A-F]{6}";

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T08:00:00Z"));
    private final FakeFeishu feishu = new FakeFeishu();
    private final FeishuClient client = feishu.client(clock);

    private LookupResult answer(FakeFeishu.Answer answer) {
        feishu.on(HELPDESK_PATH, answer);
        return client.fetch(ID);
    }

    @Test
    void notFound() {
        assertThat(answer(FakeFeishu.Answer.json(404, HelpdeskAnswers.error(154004, "Resource not found"))))
                .isEqualTo(new LookupResult.NotFound(ID));
    }

    @Test
    void notFoundCodeEvenOnHttp200() {
        assertThat(answer(FakeFeishu.Answer.json(200, HelpdeskAnswers.error(154004, "Resource not found"))))
                .isEqualTo(new LookupResult.NotFound(ID));
    }

    @ParameterizedTest
    @CsvSource({"401, 154001, Unauthorized", "403, 154003, check access", "405, 154005, Method Forbidden",
            "400, 99991672, missing scope"})
    void forbidden(int status, int code, String msg) {
        assertThat(answer(FakeFeishu.Answer.json(status, HelpdeskAnswers.error(code, msg))))
                .isEqualTo(new LookupResult.Forbidden(code, msg));
    }

    @Test
    void rateLimitedWaitsAsLongAsTheResetHeaderSays() {
        var limited = FakeFeishu.Answer.json(429, HelpdeskAnswers.error(99991400, "request trigger frequency limit"))
                .withHeader("x-ogw-ratelimit-limit", "100")
                .withHeader("x-ogw-ratelimit-reset", "7");

        assertThat(answer(limited)).isEqualTo(new LookupResult.RateLimited(Duration.ofSeconds(7)));
    }

    @Test
    void rateLimitedWithoutResetHeaderWaitsADefault() {
        assertThat(answer(FakeFeishu.Answer.json(429, HelpdeskAnswers.error(99991400, "limit"))))
                .isEqualTo(new LookupResult.RateLimited(Duration.ofSeconds(5)));
    }

    @ParameterizedTest
    @CsvSource({"soon, 5", "-3, 5", "99999, 5", "0, 1", "' 12 ', 12"})
    void anOddResetHeaderFallsBackToSaneWaits(String header, long expectedSeconds) {
        var limited = FakeFeishu.Answer.json(429, HelpdeskAnswers.error(99991400, "limit"))
                .withHeader("x-ogw-ratelimit-reset", header);

        assertThat(answer(limited)).isEqualTo(new LookupResult.RateLimited(Duration.ofSeconds(expectedSeconds)));
    }

    @Test
    void rateLimitCodeOnAnOldStyleHttp400IsRateLimitedToo() {
        assertThat(answer(FakeFeishu.Answer.json(400, HelpdeskAnswers.error(99991400, "limit"))))
                .isInstanceOf(LookupResult.RateLimited.class);
    }

    @Test
    void internalErrorIsUnavailableWithAnErrorId() {
        assertThat(answer(FakeFeishu.Answer.json(500, HelpdeskAnswers.error(155000, "Internal error"))))
                .isInstanceOfSatisfying(LookupResult.Unavailable.class, u -> {
                    assertThat(u.errorId()).matches(ERROR_ID);
                    assertThat(u.reason()).contains("155000");
                });
    }

    @Test
    void aTimeoutIsUnavailableTimeout() {
        assertThat(answer(FakeFeishu.Answer.failing(new InterruptedIOException("timeout"))))
                .isInstanceOfSatisfying(LookupResult.Unavailable.class, u -> {
                    assertThat(u.errorId()).matches(ERROR_ID);
                    assertThat(u.reason()).isEqualTo("timeout");
                });
    }

    @Test
    void aBrokenConnectionIsUnavailable() {
        assertThat(answer(FakeFeishu.Answer.failing(new IOException("connection reset"))))
                .isInstanceOfSatisfying(LookupResult.Unavailable.class,
                        u -> assertThat(u.reason()).isEqualTo("connection failed"));
    }

    @Test
    void anHtmlBodyIsUnavailable() {
        assertThat(answer(FakeFeishu.Answer.html(502, "<html><body>Bad Gateway</body></html>")))
                .isInstanceOfSatisfying(LookupResult.Unavailable.class, u -> {
                    assertThat(u.errorId()).matches(ERROR_ID);
                    assertThat(u.reason()).contains("502");
                });
    }

    @Test
    void anHtmlBodyWithHttp200IsUnavailableToo() {
        assertThat(answer(FakeFeishu.Answer.html(200, "<html>maintenance</html>")))
                .isInstanceOf(LookupResult.Unavailable.class);
    }

    @Test
    void aJsonArrayBodyIsUnavailable() {
        assertThat(answer(FakeFeishu.Answer.json(200, "[]"))).isInstanceOf(LookupResult.Unavailable.class);
    }

    @Test
    void theHundredAndFirstCallInsideAMinuteIsRateLimitedWithoutAnyRequest() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(200, HelpdeskAnswers.SEED_EXAMPLE));
        for (int i = 0; i < 100; i++) {
            assertThat(client.fetch(ID)).as("call %d", i + 1).isInstanceOf(LookupResult.Found.class);
            clock.advance(Duration.ofMillis(500));
        }
        int requestsBefore = feishu.requests.size();

        LookupResult hundredAndFirst = client.fetch(ID);

        assertThat(hundredAndFirst).isEqualTo(new LookupResult.RateLimited(Duration.ofMillis(10_000)));
        assertThat(feishu.requests).hasSize(requestsBefore);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).hasSize(100);
        assertThat(feishu.requestsTo(TOKEN_PATH)).hasSize(1);
    }

    @Test
    void aSlotFreesOnceTheOldestCallLeavesTheWindow() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(200, HelpdeskAnswers.SEED_EXAMPLE));
        for (int i = 0; i < 100; i++) {
            client.fetch(ID);
        }
        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.RateLimited.class);

        clock.advance(Duration.ofMinutes(1));

        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Found.class);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).hasSize(101);
    }

    @Test
    void theRetryAfterAnInvalidTokenCountsAgainstTheBudgetToo() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(200, HelpdeskAnswers.SEED_EXAMPLE));
        for (int i = 0; i < 99; i++) {
            client.fetch(ID);
        }
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(400, HelpdeskAnswers.error(99991663, "invalid token")),
                FakeFeishu.Answer.json(200, HelpdeskAnswers.SEED_EXAMPLE));

        LookupResult hundredth = client.fetch(ID);

        assertThat(hundredth).isInstanceOf(LookupResult.Forbidden.class);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).hasSize(100);
    }
}
