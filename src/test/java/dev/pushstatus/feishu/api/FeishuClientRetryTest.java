package dev.pushstatus.feishu.api;

import static dev.pushstatus.feishu.api.FakeFeishu.HELPDESK_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.LookupResult;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import dev.pushstatus.bot.Outcome;
import dev.pushstatus.bot.Replier;
import org.junit.jupiter.api.Test;

/** Waiting for rate permits and trying again after transient failures, all inside the lookup's budget. */
class FeishuClientRetryTest {

    private static final String ID = "6981801914270744596";
    private static final Instant START = Instant.parse("2024-05-01T08:00:00Z");
    private static final FakeFeishu.Answer OK = FakeFeishu.Answer.json(200, HelpdeskAnswers.SEED_EXAMPLE);
    private static final FakeFeishu.Answer INTERNAL = FakeFeishu.Answer.json(500, HelpdeskAnswers.error(155000, "internal"));

    private final MutableClock clock = new MutableClock(START);
    private final FakeFeishu feishu = new FakeFeishu();
    private final FeishuClient client = feishu.client(clock);

    private Duration elapsed() {
        return Duration.between(START, clock.instant());
    }

    @Test
    void aServerErrorIsTriedAgainAfterAShortJitteredPause() {
        feishu.on(HELPDESK_PATH, INTERNAL, OK);

        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Found.class);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).hasSize(2);
        assertThat(elapsed()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void aTimeoutAndAnHtml502AreTriedAgainToo() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.failing(new InterruptedIOException("timeout")),
                FakeFeishu.Answer.html(502, "<html>bad gateway</html>"), OK);

        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Found.class);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).hasSize(3);
    }

    @Test
    void triesStopAtThreeAndInsideTheBudget() {
        feishu.on(HELPDESK_PATH, INTERNAL);

        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Unavailable.class);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).hasSize(3);
        assertThat(elapsed()).isLessThan(Retries.standard(d -> { }).budget());
    }

    @Test
    void answersThatWillNotChangeAreNotTriedAgain() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(404, HelpdeskAnswers.error(154004, "not found")));
        assertThat(client.fetch(ID)).isEqualTo(new LookupResult.NotFound(ID));
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(403, HelpdeskAnswers.error(154003, "no scope")));
        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Forbidden.class);

        assertThat(feishu.requestsTo(HELPDESK_PATH)).hasSize(2);
        assertThat(elapsed()).isZero();
    }

    @Test
    void whenTheBudgetFreesAPermitSoonTheLookupWaitsForIt() {
        feishu.on(HELPDESK_PATH, OK);
        for (int i = 0; i < FeishuClient.HELPDESK_CALLS_PER_MINUTE; i++) {
            client.fetch(ID);
        }
        clock.advance(Duration.ofSeconds(59));

        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Found.class);
        assertThat(feishu.requestsTo(HELPDESK_PATH)).hasSize(101);
        assertThat(elapsed()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void whenNoPermitFreesWithinTheBudgetTheAnswerIsBusyWithoutARequest() {
        feishu.on(HELPDESK_PATH, OK);
        for (int i = 0; i < FeishuClient.HELPDESK_CALLS_PER_MINUTE; i++) {
            client.fetch(ID);
        }
        clock.advance(Duration.ofSeconds(50));

        assertThat(client.fetch(ID)).isEqualTo(new LookupResult.RateLimited(Duration.ofSeconds(10)));
        assertThat(feishu.requestsTo(HELPDESK_PATH)).hasSize(100);
    }

    @Test
    void feishusRateLimitStopsEveryLookupUntilItsResetHasPassed() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(429, HelpdeskAnswers.error(99991400, "frequency limit"))
                .withHeader("x-ogw-ratelimit-reset", "7"), OK);

        assertThat(client.fetch(ID)).isEqualTo(new LookupResult.RateLimited(Duration.ofSeconds(7)));
        clock.advance(Duration.ofSeconds(3));
        assertThat(client.fetch(ID)).isEqualTo(new LookupResult.RateLimited(Duration.ofSeconds(4)));
        assertThat(feishu.requestsTo(HELPDESK_PATH)).as("no call while Feishu said wait").hasSize(1);

        clock.advance(Duration.ofSeconds(4));
        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Found.class);
    }

    @Test
    void aFailedReplyIsSentOnceMoreWithTheSameUuid() {
        String path = "/open-apis/im/v1/messages/om_1/reply";
        feishu.on(path, FakeFeishu.Answer.json(503, "{\"code\":-1,\"msg\":\"busy\"}"),
                FakeFeishu.Answer.json(200, "{\"code\":0,\"msg\":\"ok\",\"data\":{\"message_id\":\"om_r\"}}"));

        assertThat(client.replyCard("om_1", "{}", "ps-om_1")).isEqualTo(new Replier.SendResult.Sent("om_r"));
        assertThat(feishu.requestsTo(path)).hasSize(2)
                .allSatisfy(r -> assertThat(r.json().path("uuid").asText()).isEqualTo("ps-om_1"));
    }

    @Test
    void backoffDoublesFromTheFirstPauseUpToTheCap() {
        Retries retries = new Retries(Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(800), 5, d -> { });
        for (int i = 0; i < 50; i++) {
            assertThat(retries.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(retries.backoff(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(retries.backoff(30)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        }
    }
}
