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
        assertThat(en).contains("**Send time**\n2021-07-15 14:57 CST (34 min ago)", "**Target**\n1",
                "**Sent**\n1\n██████████ 100% of target", "**Read**\n1\n██████████ 100% of sent", "Scheduled",
                "All members", "**Created**\n2021-07-15 14:57 CST (34 min ago)\nby test",
                "Numbers fetched 15:30:00 CST (2 min ago)", "test", "测试部门", "测试群聊");
        assertThat(card.path("header").path("subtitle").path("content").asText()).isEqualTo("ID 6981801914270744596");
        assertThat(CardJson.text(card, "zh_cn")).contains("定时推送", "组织内全部成员", "2021-07-15 14:57 CST (34 分钟前)",
                "占目标 100%", "由 test", "已全部送达");
        assertThat(card.path("header").path("template").asText()).isEqualTo("green");
    }

    @Test
    void timesFollowTheConfiguredZone() {
        var utc = new CardRenderer(FeishuJson.newMapper(), ZoneId.of("UTC"), Map.of(), CardScenarios.NOW);

        assertThat(CardJson.text(card(utc, SampleNotifications.seed()), "en_us")).contains("2021-07-15 06:57 UTC");
    }

    @Test
    void unknownCountsShowADashNeverAZero() {
        String en = CardJson.text(card(RENDERER, SampleNotifications.missingFields()), "en_us");

        assertThat(en).contains("**Target**\n-", "**Sent**\n-", "**Read**\n-", "**Send time**\nnot scheduled",
                "**Push type**\n-", "**Scope**\n-");
        assertThat(en).doesNotContain("\n0", "%", "by ", "█", "░");
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
                .contains("**Sent**\n5\n", "**Read**\n0\n░░░░░░░░░░ 0% of sent")
                .doesNotContain("of target");
    }

    @Test
    void partialDeliveryShowsRoundedPercentagesAndIsBlue() {
        JsonNode card = card(RENDERER, SampleNotifications.counts(3, 2, 1));

        assertThat(CardJson.text(card, "en_us")).contains("**Sent**\n2\n███████░░░ 67% of target",
                "**Read**\n1\n█████░░░░░ 50% of sent", "Sending");
        assertThat(card.path("header").path("template").asText()).isEqualTo("blue");
    }

    @Test
    void bigCountsAreGrouped() {
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.counts(1_234_567, 1_000, 10)), "en_us"))
                .contains("**Target**\n1,234,567", "**Sent**\n1,000\n░░░░░░░░░░ 0% of target");
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
    void tenThousandNamesPerListStillMakeASmallCard() {
        Notification s = SampleNotifications.seed();
        var users = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> new Notification.Person("ou_" + i, "@".repeat(300) + i)).toList();
        var departments = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> new Notification.Department("od_" + i, "<at id=all></at>".repeat(30))).toList();
        var chats = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> new Notification.Chat("oc_" + i, "群".repeat(500))).toList();
        Notification huge = new Notification(s.id(), "推".repeat(5_000), 0, s.createdBy(), s.createdAt(), s.updatedBy(),
                s.updatedAt(), 30_000, 20_000, 10_000, s.sendAt(), 1, 2, 1, departments, users, departments, chats,
                s.approvalAppLink());

        String cardJson = RENDERER.render(new Reply.Status(found(huge)));

        assertThat(cardJson.getBytes(StandardCharsets.UTF_8).length).isLessThan(30 * 1024);
        assertThat(CardJson.text(CardJson.parse(cardJson), "en_us")).contains("**Users** (10,000)", "+9,995 more");
    }

    @Test
    void statusWithoutLabelsIsTheRawNumber() {
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.seed()), "en_us"))
                .contains("**Status**\nstatus 0\n").doesNotContain("Draft", "draft");
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.seed()), "zh_cn")).contains("状态 0");
    }

    @Test
    void statusZeroIsCalledProbablyADraftOnlyWhileNothingWasSent() {
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.counts(10, 0, 0)), "en_us"))
                .contains("**Status**\nstatus 0 (probably a draft)\nNot sent yet");
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.counts(10, 0, 0)), "zh_cn"))
                .contains("状态 0（可能是草稿）");
        assertThat(CardJson.text(card(RENDERER, SampleNotifications.counts(10, 4, 0)), "en_us"))
                .contains("**Status**\nstatus 0\nSending").doesNotContain("draft");
    }

    @Test
    void aFutureSendTimeIsWaitingAndSaysHowSoon() {
        JsonNode card = card(RENDERER, SampleNotifications.scheduledFor(CardScenarios.NOW.instant().plusSeconds(2 * 86_400 + 5)));

        assertThat(CardJson.text(card, "en_us")).contains("(in 2 d)", "Waiting for its send time");
        assertThat(CardJson.text(card, "zh_cn")).contains("(2 天后)", "等待发送");
        assertThat(card.path("header").path("template").asText()).isEqualTo("wathet");
    }

    @Test
    void theRefreshButtonCarriesOnlyTheIdAndAVersion() {
        JsonNode buttons = CardJson.parse(RENDERER.render(new Reply.Status(found(SampleNotifications.seed()))))
                .path("i18n_elements").path("en_us").findValue("actions");

        assertThat(buttons.get(0).path("text").path("content").asText()).isEqualTo("Refresh");
        assertThat(buttons.get(0).path("value")).hasToString("{\"cmd\":\"refresh\",\"id\":\"6981801914270744596\",\"v\":\"1\"}");
        assertThat(buttons.get(1).path("url").asText()).isEqualTo("http://applink.feishu.cn/*xx");
    }

    @Test
    void onlyWebLinksBecomeTheApprovalButton() {
        for (String link : new String[] {"javascript:alert(1)", "lark://x", "not a link", "https://", ""}) {
            Notification s = SampleNotifications.seed();
            Notification n = new Notification(s.id(), s.jobName(), 0, null, null, null, null, 1, 0, 0, null, 0, 0, null,
                    s.newStaffDepartments(), s.users(), s.departments(), s.chats(), link);

            JsonNode buttons = card(RENDERER, n).path("i18n_elements").path("en_us").findValue("actions");

            assertThat(buttons).as(link).hasSize(1);
        }
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
