package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.CardScenarios.RENDERER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.ClickAnswer;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Reply;
import org.junit.jupiter.api.Test;

/**
 * When Feishu answered but its answer could not be read, the stale card's warning and the toast say
 * so, with the error id, in both languages: not "did not answer", which would send the operator
 * looking at the network.
 */
class MalformedAnswerTextTest {

    private static final LookupResult.Unavailable UNREADABLE =
            new LookupResult.Unavailable("E-ABC123", "unreadable answer", true);

    @Test
    void theStaleCardSaysTheAnswerCouldNotBeRead() {
        JsonNode card = CardJson.parse(RENDERER.render(new Reply.Status(
                SampleNotifications.found(SampleNotifications.seed()).asStale(UNREADABLE))));

        assertThat(card.path("i18n_elements").path("en_us").get(0).path("content").asText()).isEqualTo(
                "⚠️ **Feishu's answer could not be read** (error id E-ABC123): these numbers are from 15:30:00 CST"
                        + " (2 min ago)");
        assertThat(card.path("i18n_elements").path("zh_cn").get(0).path("content").asText())
                .isEqualTo("⚠️ **飞书的应答无法读取**（错误 ID E-ABC123）：以下是 15:30:00 CST（2 分钟前）的数据");
    }

    @Test
    void theToastSaysTheAnswerCouldNotBeRead() {
        JsonNode toast = CardJson.parse(RENDERER.callbackAnswer(
                new ClickAnswer.RefreshFailed(SampleNotifications.ID, UNREADABLE))).path("toast");

        assertThat(toast.path("i18n").path("en_us").asText())
                .isEqualTo("Not refreshed: Feishu's answer could not be read (error id E-ABC123); try again later, and if it "
                        + "keeps failing give the operator the error id.");
        assertThat(toast.path("i18n").path("zh_cn").asText())
                .isEqualTo("未刷新：飞书的应答无法读取（错误 ID E-ABC123），请稍后重试，反复出现请把错误 ID 告诉管理员。");
        assertThat(toast.path("type").asText()).isEqualTo("error");
    }
}
