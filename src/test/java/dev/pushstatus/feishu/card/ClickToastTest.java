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

    private static void assertToast(ClickAnswer click, String type, String en, String zh) {
        JsonNode toast = answer(click).path("toast");
        assertThat(toast.path("type").asText()).isEqualTo(type);
        assertThat(toast.path("content").asText()).isEqualTo(en);
        assertThat(toast.path("i18n").path("en_us").asText()).isEqualTo(en);
        assertThat(toast.path("i18n").path("zh_cn").asText()).isEqualTo(zh);
    }

    @Test
    void refreshedSaysWhenTheNumbersWereFetchedAndCarriesTheCard() {
        ClickAnswer refreshed = new ClickAnswer.Refreshed(SampleNotifications.found(SampleNotifications.seed()));

        assertToast(refreshed, "success", "Refreshed: numbers as of 15:30:00 CST.", "已刷新：数据截至 15:30:00 CST。");
        assertThat(answer(refreshed).path("card").path("type").asText()).isEqualTo("raw");
        assertThat(answer(refreshed).path("card").path("data").path("header").path("template").asText()).isEqualTo("green");
    }

    @Test
    void aNotificationNoLongerFound() {
        assertToast(new ClickAnswer.RefreshFailed(ID, new LookupResult.NotFound(ID)),
                "error", "Not refreshed: the notification is gone; check its id in the helpdesk's push list.",
                "未刷新：找不到这条推送了，请在服务台的推送列表中核对 ID。");
    }

    @Test
    void forbiddenNamesTheCode() {
        assertToast(new ClickAnswer.RefreshFailed(ID, new LookupResult.Forbidden(154001, "Unauthorized")),
                "error", "Not refreshed: the bot may not read the helpdesk (code 154001); ask its operator to check the "
                        + "helpdesk credentials and scope.", "未刷新：机器人无权读取服务台（错误码 154001），请管理员检查服务台凭据和权限。");
    }

    @Test
    void rateLimitedSaysWhenToRefreshAgain() {
        assertToast(new ClickAnswer.RefreshFailed(ID, new LookupResult.RateLimited(Duration.ofMillis(4_200))),
                "warning", "Feishu is busy: refresh again in 5 s.", "飞书繁忙：请 5 秒后再刷新。");
    }

    @Test
    void unavailableGivesTheErrorId() {
        assertToast(new ClickAnswer.RefreshFailed(ID, new LookupResult.Unavailable("E-ABC123", "timeout")),
                "error", "Not refreshed: Feishu did not answer (error id E-ABC123); try again in a minute, and if it keeps "
                        + "failing give the operator the error id.",
                "未刷新：飞书未响应（错误 ID E-ABC123），请稍后重试，反复出现请把错误 ID 告诉管理员。");
    }

    @Test
    void refusedUnknownAndBusyClicks() {
        assertToast(new ClickAnswer.NotAllowed(), "error", "You are not on this bot's allowlist: ask its operator to add you.",
                "你不在此机器人的允许名单中：请联系管理员添加。");
        assertToast(new ClickAnswer.UnknownButton(), "warning",
                "This button is from an old card: send the /push-status command again.", "这个按钮来自旧卡片：请重新发送 /push-status 命令。");
        assertToast(new ClickAnswer.Busy(), "warning", "The bot is busy: click Refresh again in a few seconds.",
                "机器人正忙：请几秒后再点一次刷新。");
    }

    @Test
    void aRefreshThatCouldOnlyServeAStaleCopyIsAWarning() {
        ClickAnswer stale = new ClickAnswer.Refreshed(SampleNotifications.found(SampleNotifications.seed())
                .asStale(new LookupResult.Unavailable("E-1", "timeout")));

        assertToast(stale, "warning", "Still the numbers from 15:30:00 CST: Feishu did not answer; refresh again in a minute.",
                "仍是旧数据（获取于 15:30:00 CST）：飞书暂时没有应答，请稍后再刷新。");
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
