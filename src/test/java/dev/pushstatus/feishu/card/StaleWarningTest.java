package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.CardScenarios.RENDERER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A stale copy standing in for a failed lookup opens with a warning that says why and how old the
 * numbers are; a fresh card has none. (Fetched 15:30:00 CST, rendered two minutes later.)
 */
class StaleWarningTest {

    private static JsonNode firstElement(LookupResult.Found found, String lang) {
        JsonNode card = CardJson.parse(RENDERER.render(new Reply.Status(found)));
        return card.path("i18n_elements").path(lang).get(0);
    }

    private static String warning(LookupResult.Failure because, String lang) {
        JsonNode first = firstElement(SampleNotifications.found(SampleNotifications.seed()).asStale(because), lang);
        assertThat(first.path("tag").asText()).isEqualTo("markdown");
        return first.path("content").asText();
    }

    @Test
    void rateLimitedSaysFeishuIsBusyAndWhenToRetry() {
        LookupResult.RateLimited busy = new LookupResult.RateLimited(Duration.ofMillis(11_001));

        assertThat(warning(busy, "en_us")).isEqualTo(
                "⚠️ **Feishu is busy** (try again in 12 s): these numbers are from 15:30:00 CST (2 min ago)");
        assertThat(warning(busy, "zh_cn")).isEqualTo("⚠️ **飞书繁忙**（12 秒后可重试）：以下是 15:30:00 CST（2 分钟前）的数据");
    }

    @Test
    void unavailableGivesTheErrorId() {
        LookupResult.Unavailable silent = new LookupResult.Unavailable("E-ABC123", "timeout");

        assertThat(warning(silent, "en_us")).isEqualTo(
                "⚠️ **Feishu did not answer** (error id E-ABC123): these numbers are from 15:30:00 CST (2 min ago)");
        assertThat(warning(silent, "zh_cn")).isEqualTo("⚠️ **飞书未响应**（错误 ID E-ABC123）：以下是 15:30:00 CST（2 分钟前）的数据");
    }

    @Test
    void anyOtherReasonOnlySaysFreshNumbersAreNotAvailable() {
        for (LookupResult.Failure because : new LookupResult.Failure[] {
                new LookupResult.NotFound(SampleNotifications.ID), new LookupResult.Forbidden(154001, "x")}) {
            assertThat(warning(because, "en_us")).as(because.toString()).isEqualTo(
                    "⚠️ **Fresh numbers are not available**: these numbers are from 15:30:00 CST (2 min ago)");
            assertThat(warning(because, "zh_cn")).as(because.toString())
                    .isEqualTo("⚠️ **暂时无法获取最新数据**：以下是 15:30:00 CST（2 分钟前）的数据");
        }
    }

    @Test
    void aFreshCardOpensWithItsHeadline() {
        for (String lang : new String[] {"en_us", "zh_cn"}) {
            JsonNode first = firstElement(SampleNotifications.found(SampleNotifications.seed()), lang);

            assertThat(first.path("content").asText()).as(lang).startsWith("**").doesNotContain("⚠️");
        }
    }

    @Test
    void aStaleCopySaysSoInItsHeaderNotOnlyInTheBody() {
        JsonNode fresh = CardJson.parse(RENDERER.render(new Reply.Status(SampleNotifications.found(SampleNotifications.seed()))));
        JsonNode stale = CardJson.parse(RENDERER.render(new Reply.Status(SampleNotifications.found(SampleNotifications.seed())
                .asStale(new LookupResult.RateLimited(Duration.ofSeconds(12))))));

        assertThat(fresh.path("header").path("template").asText()).isEqualTo("green");
        assertThat(stale.path("header").path("template").asText()).as("a stale copy is never green").isEqualTo("grey");
        assertThat(stale.path("header").path("subtitle").path("i18n").path("en_us").asText())
                .isEqualTo("ID 6981801914270744596 · stale copy from 15:30:00 CST");
        assertThat(stale.path("header").path("subtitle").path("i18n").path("zh_cn").asText())
                .isEqualTo("ID 6981801914270744596 · 旧数据，获取于 15:30:00 CST");
        JsonNode tags = stale.path("header").path("i18n_text_tag_list");
        assertThat(tags.path("en_us").get(1).path("text").path("content").asText()).isEqualTo("Stale copy");
        assertThat(tags.path("en_us").get(1).path("color").asText()).isEqualTo("orange");
        assertThat(tags.path("zh_cn").get(1).path("text").path("content").asText()).isEqualTo("旧数据");
        assertThat(fresh.path("header").path("i18n_text_tag_list").path("en_us")).hasSize(1);
    }
}
