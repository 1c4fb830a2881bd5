package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.CardScenarios.LABELLED;
import static dev.pushstatus.feishu.card.CardScenarios.NOW;
import static dev.pushstatus.feishu.card.CardScenarios.RENDERER;
import static dev.pushstatus.feishu.card.SampleNotifications.found;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Reply;
import dev.pushstatus.feishu.FeishuJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the status card says about a notification, beyond the snapshots. */
class StatusCardTest {

    private static JsonNode card(CardRenderer renderer, Notification n) {
        return CardJson.parse(renderer.render(new Reply.Status(found(n))));
    }

    private static JsonNode card(Notification n) {
        return card(RENDERER, n);
    }

    /** The headline: the first markdown element of a fresh card. */
    private static String headline(JsonNode card, String lang) {
        return card.path("i18n_elements").path(lang).get(0).path("content").asText();
    }

    private static JsonNode element(JsonNode card, String lang, String tag) {
        for (JsonNode e : card.path("i18n_elements").path(lang)) {
            if (e.path("tag").asText().equals(tag)) {
                return e;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The numbers row: each column's text. */
    private static List<String> numbers(JsonNode card, String lang) {
        List<String> out = new ArrayList<>();
        element(card, lang, "column_set").path("columns")
                .forEach(c -> out.add(c.path("elements").get(0).path("content").asText()));
        return out;
    }

    private static String tag(JsonNode card, String lang, int i) {
        return card.path("header").path("i18n_text_tag_list").path(lang).path(i).path("text").path("content").asText();
    }

    @Test
    void theSeedExampleIsDeliveredInGreenWithShanghaiTimes() {
        JsonNode card = card(SampleNotifications.seed());

        assertThat(card.path("header").path("title").path("i18n").path("zh_cn").asText()).isEqualTo("测试推送任务");
        assertThat(card.path("header").path("template").asText()).isEqualTo("green");
        assertThat(tag(card, "en_us", 0)).isEqualTo("Delivered");
        assertThat(tag(card, "zh_cn", 0)).isEqualTo("已送达");
        assertThat(headline(card, "en_us")).isEqualTo("**Delivered to all 1**\nRead by 1 (100% of sent)\n"
                + "Send time: 2021-07-15 14:57 CST (34 min ago)");
        assertThat(headline(card, "zh_cn")).isEqualTo("**已送达全部 1 人**\n已读 1 人，占已发送的 100%\n"
                + "发送时间：2021-07-15 14:57 CST（34 分钟前）");
        assertThat(card.path("header").path("subtitle").path("content").asText()).isEqualTo("ID 6981801914270744596");
    }

    @Test
    void eachStageHasItsHeadline() {
        Instant now = NOW.instant();
        assertThat(headline(card(SampleNotifications.at(5_230, 5_188, 3_100, now.minusSeconds(1_200))), "en_us"))
                .startsWith("**Sending: 5,188 of 5,230**\nRead by 3,100 (60% of sent)\n");
        assertThat(headline(card(SampleNotifications.at(5_230, 5_188, 3_100, null)), "zh_cn"))
                .isEqualTo("**发送中：已发送 5,188 / 5,230 人**\n已读 3,100 人，占已发送的 60%");
        assertThat(headline(card(SampleNotifications.at(null, 5, null, null)), "en_us"))
                .isEqualTo("**Sending: 5 sent so far**\nRead count: not reported");
        assertThat(headline(card(SampleNotifications.at(40, 0, 0, now.plus(Duration.ofHours(3)).plusSeconds(59))), "en_us"))
                .isEqualTo("**Scheduled for 2021-07-15 18:32 CST (in 3 h)**");
        assertThat(headline(card(SampleNotifications.at(40, 0, 0, now.plus(Duration.ofHours(3)).plusSeconds(59))), "zh_cn"))
                .isEqualTo("**定于 2021-07-15 18:32 CST 发送（3 小时后）**");
        assertThat(headline(card(SampleNotifications.at(40, 0, 0, now.minusSeconds(120))), "en_us"))
                .isEqualTo("**Starting: due 2 min ago, nothing sent yet**");
        assertThat(headline(card(SampleNotifications.at(40, 0, 0, now.minus(Duration.ofDays(6)))), "en_us"))
                .isEqualTo("**Overdue: scheduled 6 d ago, nothing sent**\nIt was due 2021-07-09 15:32 CST");
        assertThat(headline(card(SampleNotifications.at(40, 0, 0, now.minus(Duration.ofDays(6)))), "zh_cn"))
                .isEqualTo("**已逾期：原定 6 天前发送，尚未发出**\n原定发送时间：2021-07-09 15:32 CST");
        assertThat(headline(card(SampleNotifications.at(15, 0, 0, null)), "en_us")).isEqualTo("**Not sent yet: no send time set**");
        assertThat(headline(card(SampleNotifications.at(0, 0, 0, null)), "en_us"))
                .isEqualTo("**Not sent yet: no one to send to (target 0)**");
        assertThat(headline(card(SampleNotifications.at(15, null, null, null)), "zh_cn"))
                .isEqualTo("**进度未知：飞书未提供已发送人数**");
    }

    @Test
    void theHeaderColourAndTagFollowTheStage() {
        Instant now = NOW.instant();
        assertThat(card(SampleNotifications.at(10, 4, 0, null)).path("header").path("template").asText()).isEqualTo("blue");
        JsonNode overdue = card(SampleNotifications.at(40, 0, 0, now.minus(Duration.ofDays(6))));
        assertThat(overdue.path("header").path("template").asText()).isEqualTo("orange");
        assertThat(overdue.path("header").path("i18n_text_tag_list").path("en_us").get(0).path("color").asText())
                .isEqualTo("orange");
        assertThat(tag(overdue, "zh_cn", 0)).isEqualTo("已逾期");
        assertThat(card(SampleNotifications.at(40, 0, 0, now.plusSeconds(60))).path("header").path("template").asText())
                .isEqualTo("wathet");
    }

    @Test
    void theFunnelIsAChartOfTheKnownCountsAndOneRowOfNumbers() {
        JsonNode card = card(SampleNotifications.at(5_230, 5_188, 3_100, null));

        JsonNode spec = element(card, "en_us", "chart").path("chart_spec");
        assertThat(spec.path("type").asText()).isEqualTo("bar");
        assertThat(spec.path("direction").asText()).isEqualTo("horizontal");
        assertThat(spec.path("data").get(0).path("values").toString()).isEqualTo(
                "[{\"stage\":\"Target\",\"count\":5230},{\"stage\":\"Sent\",\"count\":5188},{\"stage\":\"Read\",\"count\":3100}]");
        assertThat(element(card, "zh_cn", "chart").path("chart_spec").path("data").get(0).path("values").get(1)
                .path("stage").asText()).isEqualTo("已发送");
        assertThat(numbers(card, "en_us")).containsExactly("**5,230**\nTarget", "**5,188**\nSent · 99% of target",
                "**3,100**\nRead · 60% of sent");
        assertThat(numbers(card, "zh_cn")).containsExactly("**5,230**\n目标人数", "**5,188**\n已发送 · 目标的 99%",
                "**3,100**\n已读 · 已发送的 60%");
    }

    @Test
    void anAbsentCountIsSaidToBeAbsentNeverZeroAndIsNotDrawn() {
        JsonNode card = card(SampleNotifications.at(15, null, null, null));

        assertThat(numbers(card, "en_us")).containsExactly("**15**\nTarget", "not reported\nSent", "not reported\nRead");
        assertThat(numbers(card, "zh_cn")).containsExactly("**15**\n目标人数", "未提供\n已发送", "未提供\n已读");
        assertThat(element(card, "en_us", "chart").path("chart_spec").path("data").get(0).path("values"))
                .hasSize(1);
        JsonNode nothing = card(SampleNotifications.missingFields());
        assertThat(element(nothing, "en_us", "chart").isMissingNode()).as("no chart without a count").isTrue();
        assertThat(CardJson.text(nothing, "en_us")).doesNotContain("**0**", "%");
    }

    @Test
    void aZeroTargetShowsZerosWithoutPercentagesOrChart() {
        JsonNode card = card(SampleNotifications.counts(0, 0, 0));

        assertThat(numbers(card, "en_us")).containsExactly("**0**\nTarget", "**0**\nSent", "**0**\nRead");
        assertThat(element(card, "en_us", "chart").isMissingNode()).isTrue();
        assertThat(card.path("header").path("template").asText()).isEqualTo("grey");
    }

    @Test
    void ninetyNinePointSomePercentIsNeverCalledAll() {
        assertThat(numbers(card(SampleNotifications.counts(10_000, 9_999, 1)), "en_us"))
                .contains("**9,999**\nSent · 99% of target", "**1**\nRead · <1% of sent");
    }

    @Test
    void longListsShowFiveNamesThenHowManyMoreInTheDetails() {
        String cardJson = RENDERER.render(new Reply.Status(found(SampleNotifications.longLists())));
        JsonNode card = CardJson.parse(cardJson);

        String details = element(card, "en_us", "collapsible_panel").path("elements").get(0).path("content").asText();
        assertThat(details).contains("**Members (250)** ", "User number 5 with", "+245 more", "**Departments (120)**",
                "+115 more", "**Chats (80)**", "Chat 5 +75 more").doesNotContain("User number 6 ");
        assertThat(element(card, "zh_cn", "collapsible_panel").path("elements").get(0).path("content").asText())
                .contains("，另有 245 人", "，另有 115 个部门", "，另有 75 个群");
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

        assertThat(CardSchema.problems(cardJson)).isEmpty();
        assertThat(CardJson.text(CardJson.parse(cardJson), "en_us")).contains("**Members (10,000)**", "+9,995 more");
    }

    @Test
    void theStatusIntegerIsADetailWithoutAGuessedMeaning() {
        JsonNode card = card(SampleNotifications.counts(10, 0, 0));

        assertThat(CardJson.text(card, "en_us")).contains("**Status** 0 (Feishu does not document its meaning)")
                .doesNotContain("draft", "Draft");
        assertThat(CardJson.text(card, "zh_cn")).contains("**状态值** 0（飞书未公开其含义）").doesNotContain("草稿");
        assertThat(headline(card, "en_us")).doesNotContain("status");
    }

    @Test
    void configuredStatusLabelsAreShownWithTheNumber() {
        assertThat(CardJson.text(card(LABELLED, SampleNotifications.seed()), "en_us")).contains("**Status** Draft (status 0)");
    }

    @Test
    void timesFollowTheConfiguredZone() {
        var utc = new CardRenderer(FeishuJson.newMapper(), ZoneId.of("UTC"), Map.of(), CardScenarios.NOW);

        assertThat(CardJson.text(card(utc, SampleNotifications.seed()), "en_us")).contains("2021-07-15 06:57 UTC");
    }

    @Test
    void theRefreshButtonCarriesOnlyTheIdAndAVersion() {
        JsonNode buttons = card(SampleNotifications.seed()).path("i18n_elements").path("en_us").findValue("actions");

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

            JsonNode buttons = card(n).path("i18n_elements").path("en_us").findValue("actions");

            assertThat(buttons).as(link).hasSize(1);
        }
    }

    @Test
    void aBlankJobNameFallsBackToTheId() {
        Notification s = SampleNotifications.missingFields();
        Notification unnamed = new Notification(s.id(), " ", null, null, null, null, null, null, null, null, null,
                null, null, null, s.newStaffDepartments(), s.users(), s.departments(), s.chats(), null);

        JsonNode title = card(unnamed).path("header").path("title").path("i18n");

        assertThat(title.path("en_us").asText()).isEqualTo("Push 6981801914270744596");
        assertThat(title.path("zh_cn").asText()).isEqualTo("推送 6981801914270744596");
    }
}
