package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.CardScenarios.LABELLED;
import static dev.pushstatus.feishu.card.CardScenarios.RENDERER;
import static dev.pushstatus.feishu.card.SampleNotifications.found;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Reply;
import dev.pushstatus.feishu.FeishuJson;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the status card says about a notification, beyond the snapshots. */
class StatusCardTest {

    private static JsonNode card(CardRenderer renderer, Notification n) {
        return CardJson.parse(renderer.render(new Reply.Status(found(n))));
    }

    @Test
    void theSeedExampleShowsNameCountsAndShanghaiTimes() {
        JsonNode card = card(RENDERER, SampleNotifications.seed());

        assertThat(card.path("header").path("title").path("i18n").path("zh_cn").asText()).isEqualTo("测试推送任务");
        assertThat(card.path("header").path("title").path("i18n").path("en_us").asText()).isEqualTo("测试推送任务");
        String en = CardJson.text(card, "en_us");
        assertThat(en).contains("**Send time**\n2021-07-15 14:57 CST", "**Target**\n1", "**Sent**\n1 (100%)",
                "**Read**\n1 (100%)", "Scheduled", "All members", "created 2021-07-15 14:57 CST by test",
                "fetched 2021-07-15 15:30 CST", "ID 6981801914270744596", "test", "测试部门", "测试群聊");
        assertThat(CardJson.text(card, "zh_cn")).contains("定时推送", "组织内全部成员", "2021-07-15 14:57 CST");
        assertThat(card.path("header").path("template").asText()).isEqualTo("green");
    }

    @Test
    void timesFollowTheConfiguredZone() {
        var utc = new CardRenderer(FeishuJson.newMapper(), ZoneId.of("UTC"), Map.of());

        assertThat(CardJson.text(card(utc, SampleNotifications.seed()), "en_us")).contains("2021-07-15 06:57 UTC");
    }

    @Test
    void unknownCountsShowADashNeverAZero() {
        String en = CardJson.text(card(RENDERER, SampleNotifications.missingFields()), "en_us");

        assertThat(en).contains("**Target**\n-", "**Sent**\n-", "**Read**\n-", "**Send time**\nnot scheduled",
                "**Push type**\n-", "**Scope**\n-");
        assertThat(en).doesNotContain("\n0", "%", "created");
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.missingFields()), "zh_cn")).contains("未设定");
    }

    @Test
    void aZeroTargetShowsZerosWithoutPercentages() {
        JsonNode card = card(RENDERER, SampleNotifications.counts(0, 0, 0));

        assertThat(CardJson.text(card, "en_us")).contains("**Target**\n0", "**Sent**\n0", "**Read**\n0")
                .doesNotContain("%", "NaN", "Infinity");
        assertThat(card.path("header").path("template").asText()).isEqualTo("grey");
    }

    @Test
    void sentWithoutTargetShowsNoPercentage() {
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.counts(0, 5, 0)), "en_us"))
                .contains("**Sent**\n5\n", "**Read**\n0 (0%)");
    }

    @Test
    void partialDeliveryShowsRoundedPercentagesAndIsBlue() {
        JsonNode card = card(RENDERER, SampleNotifications.counts(3, 2, 1));

        assertThat(CardJson.text(card, "en_us")).contains("**Sent**\n2 (67%)", "**Read**\n1 (50%)");
        assertThat(card.path("header").path("template").asText()).isEqualTo("blue");
    }

    @Test
    void bigCountsAreGrouped() {
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.counts(1_234_567, 1_000, 10)), "en_us"))
                .contains("**Target**\n1,234,567", "**Sent**\n1,000 (0%)");
    }

    @Test
    void longListsShowFiveNamesThenHowManyMore() {
        String cardJson = RENDERER.render(new Reply.Status(found(SampleNotifications.longLists())));
        JsonNode card = CardJson.parse(cardJson);

        String en = CardJson.text(card, "en_us");
        assertThat(en).contains("**Users** (250): ", "User number 5 with", "+245 more", "**Departments** (120)",
                "+115 more", "**Chats** (80)", "Chat 5 +75 more").doesNotContain("User number 6 ");
        assertThat(CardJson.text(card, "zh_cn")).contains("等 +245");
        assertThat(cardJson.getBytes(StandardCharsets.UTF_8).length).isLessThan(30 * 1024);
        assertThat(card.path("header").path("title").path("i18n").path("en_us").asText()).hasSize(100).endsWith("…");
    }

    @Test
    void statusWithoutLabelsIsTheRawNumber() {
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.seed()), "en_us"))
                .contains("**Status**\nstatus 0").doesNotContain("Draft");
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.seed()), "zh_cn")).contains("状态 0");
    }

    @Test
    void configuredStatusLabelsAreShownWithTheNumber() {
        assertThat(CardJson.text(card(LABELLED, SampleNotifications.seed()), "en_us")).contains("**Status**\nDraft (0)");
    }

    @Test
    void aStatusWithoutConfiguredLabelStaysANumber() {
        Notification s = SampleNotifications.seed();
        Notification sent = new Notification(s.id(), s.jobName(), 2, s.createdBy(), s.createdAt(), s.updatedBy(),
                s.updatedAt(), 1, 1, 1, s.sendAt(), 0, 0, 0, s.newStaffDepartments(), s.users(), s.departments(),
                s.chats(), null);

        assertThat(CardJson.text(card(LABELLED, sent), "en_us")).contains("**Status**\nstatus 2");
    }

    @Test
    void aBlankJobNameFallsBackToTheId() {
        Notification s = SampleNotifications.missingFields();
        Notification unnamed = new Notification(s.id(), " ", null, null, null, null, null, null, null, null, null,
                null, null, null, s.newStaffDepartments(), s.users(), s.departments(), s.chats(), null);

        JsonNode title = card(RENDERER, unnamed).path("header").path("title").path("i18n");

        assertThat(title.path("en_us").asText()).isEqualTo("Push 6981801914270744596");
        assertThat(title.path("zh_cn").asText()).isEqualTo("推送 6981801914270744596");
    }
}
