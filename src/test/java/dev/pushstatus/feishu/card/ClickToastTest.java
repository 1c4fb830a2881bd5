package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.CardScenarios.RENDERER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.ClickAnswer;
import dev.pushstatus.bot.LookupResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The toast after every kind of click, word for word in both languages; only a refresh carries a card. */
class ClickToastTest {

    private static final String ID = SampleNotifications.ID;

    private static JsonNode answer(ClickAnswer answer) {
        return CardJson.parse(RENDERER.callbackAnswer(answer));
    }

    private static void assertToast(ClickAnswer click, String en, String zh) {
        JsonNode toast = answer(click).path("toast");
        assertThat(toast.path("type").asText()).isEqualTo("info");
        assertThat(toast.path("content").asText()).isEqualTo(en);
        assertThat(toast.path("i18n").path("en_us").asText()).isEqualTo(en);
        assertThat(toast.path("i18n").path("zh_cn").asText()).isEqualTo(zh);
    }

    @Test
    void refreshedSaysWhenTheNumbersWereFetchedAndCarriesTheCard() {
        ClickAnswer refreshed = new ClickAnswer.Refreshed(SampleNotifications.found(SampleNotifications.seed()));

        assertToast(refreshed, "Refreshed: numbers as of 15:30:00 CST", "已刷新，数据获取于 15:30:00 CST");
        assertThat(answer(refreshed).path("card").path("type").asText()).isEqualTo("raw");
        assertThat(answer(refreshed).path("card").path("data").path("header").path("template").asText()).isEqualTo("green");
    }

    @Test
    void aNotificationNoLongerFound() {
        assertToast(new ClickAnswer.RefreshFailed(ID, new LookupResult.NotFound(ID)),
                "Not refreshed: the notification is no longer found", "刷新失败：找不到这条推送了");
    }

    @Test
    void forbiddenNamesTheCode() {
        assertToast(new ClickAnswer.RefreshFailed(ID, new LookupResult.Forbidden(154001, "Unauthorized")),
                "Not refreshed: the bot may not read the helpdesk (code 154001)", "刷新失败：机器人无权读取服务台（错误码 154001）");
    }

    @Test
    void rateLimitedSaysWhenToRefreshAgain() {
        assertToast(new ClickAnswer.RefreshFailed(ID, new LookupResult.RateLimited(Duration.ofMillis(4_200))),
                "Busy: refresh again in 5 s", "查询太频繁，请 5 秒后再刷新");
    }

    @Test
    void unavailableGivesTheErrorId() {
        assertToast(new ClickAnswer.RefreshFailed(ID, new LookupResult.Unavailable("E-ABC123", "timeout")),
                "Feishu did not answer; try again (error id E-ABC123)", "飞书未响应，请重试（错误 ID E-ABC123）");
    }

    @Test
    void refusedUnknownAndBusyClicks() {
        assertToast(new ClickAnswer.NotAllowed(), "You are not allowed to use this bot", "你无权使用此机器人");
        assertToast(new ClickAnswer.UnknownButton(), "This button no longer works; send the command again",
                "这个按钮已失效，请重新发送命令");
        assertToast(new ClickAnswer.Busy(), "The bot is busy; click again in a moment", "机器人正忙，请稍后再点一次");
    }

    @Test
    void onlyARefreshCarriesACardAndTheLegacyAnswerIsOtherwiseEmpty() {
        for (ClickAnswer noCard : new ClickAnswer[] {new ClickAnswer.NotAllowed(), new ClickAnswer.UnknownButton(),
                new ClickAnswer.Busy(), new ClickAnswer.RefreshFailed(ID, new LookupResult.NotFound(ID))}) {
            assertThat(answer(noCard).has("card")).as(noCard.toString()).isFalse();
            assertThat(RENDERER.legacyCallbackAnswer(noCard)).as(noCard.toString()).isEqualTo("{}");
        }
    }
}
