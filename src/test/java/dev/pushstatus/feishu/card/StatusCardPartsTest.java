package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.CardScenarios.RENDERER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Notification.Chat;
import dev.pushstatus.bot.Notification.Department;
import dev.pushstatus.bot.Notification.Person;
import dev.pushstatus.bot.Reply;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The status card's parts at their edges, read exactly: the scope line for every enum value of
 * the seed, the named lists and "+N more" in the details, who made and changed it (one line),
 * and the approval link's length limit.
 */
class StatusCardPartsTest {

    private static final Notification SEED = SampleNotifications.seed();

    private static JsonNode render(Notification n) {
        return CardJson.parse(RENDERER.render(new Reply.Status(SampleNotifications.found(n))));
    }

    private static JsonNode find(Notification n, String lang, String tag) {
        for (JsonNode e : render(n).path("i18n_elements").path(lang)) {
            if (e.path("tag").asText().equals(tag)) {
                return e;
            }
        }
        throw new AssertionError("no " + tag);
    }

    /** The scope line: the markdown element after the divider. */
    private static String scope(Notification n, String lang) {
        boolean afterDivider = false;
        for (JsonNode e : render(n).path("i18n_elements").path(lang)) {
            if (afterDivider) {
                return e.path("content").asText();
            }
            afterDivider = e.path("tag").asText().equals("hr");
        }
        throw new AssertionError("no divider");
    }

    /** The details panel's lines. */
    private static List<String> details(Notification n, String lang) {
        return find(n, lang, "collapsible_panel").path("elements").get(0).path("content").asText().lines().toList();
    }

    private static Notification with(Integer pushType, Integer scope, Integer newStaffScope, List<Person> users,
                                     List<Department> departments, List<Department> newStaff, List<Chat> chats) {
        return new Notification(SEED.id(), SEED.jobName(), SEED.status(), SEED.createdBy(), SEED.createdAt(),
                SEED.updatedBy(), SEED.updatedAt(), 1, 1, 1, SEED.sendAt(), pushType, scope, newStaffScope, newStaff,
                users, departments, chats, null);
    }

    private static Notification made(Person createdBy, Instant createdAt, Person updatedBy, Instant updatedAt) {
        return new Notification(SEED.id(), SEED.jobName(), SEED.status(), createdBy, createdAt, updatedBy, updatedAt,
                1, 1, 1, SEED.sendAt(), 0, 0, 0, List.of(), List.of(), List.of(), List.of(), null);
    }

    private static List<Person> people(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new Person("ou_" + i, "U" + i)).toList();
    }

    private static final List<Department> TWO_DEPARTMENTS = List.of(new Department("od_1", "R&D"), new Department("od_2", "Sales"));
    private static final List<Chat> ONE_CHAT = List.of(new Chat("oc_1", "Ops"));

    @ParameterizedTest(name = "type {0}, scope {1}, new staff {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "0    | 0    | null | **Timed push**: everyone in the organisation                          | **定时推送**：组织内全部成员",
            "0    | 1    | null | **Timed push**: no members directly; also posted in 1 chat             | **定时推送**：不直接推送给任何成员；另推送到 1 个群",
            "0    | 2    | null | **Timed push**: selected 6 members and 2 departments; also posted in 1 chat | **定时推送**：部分成员（6 名成员和 2 个部门）；另推送到 1 个群",
            "1    | 3    | 0    | **Onboarding push for new staff**: all new staff in the organisation | **新人入职推送**：组织内所有新人",
            "1    | 3    | 1    | **Onboarding push for new staff**: new staff of 2 departments        | **新人入职推送**：2 个部门的新人",
            "1    | 1    | 1    | **Onboarding push for new staff**: no members directly; new staff of 2 departments; also posted in 1 chat | **新人入职推送**：不直接推送给任何成员；2 个部门的新人；另推送到 1 个群",
            "1    | 3    | null | **Onboarding push for new staff**: new-staff scope not reported      | **新人入职推送**：新人范围未提供",
            "7    | 9    | 4    | **Push (type 7)**: members: scope 9                                    | **推送（类型 7）**：推送范围 9",
            "null | null | null | **Push (type not reported)**: members not reported                     | **推送（类型未提供）**：推送范围未提供"})
    void theScopeLineReadsTheEnumsExactly(Integer type, Integer scope, Integer newStaff, String en, String zh) {
        boolean chats = scope != null && (scope == 1 || scope == 2);
        Notification n = with(type, scope, newStaff, scope != null && scope == 2 ? people(6) : List.of(),
                scope != null && scope == 2 ? TWO_DEPARTMENTS : List.of(), TWO_DEPARTMENTS, chats ? ONE_CHAT : List.of());

        assertThat(scope(n, "en_us")).isEqualTo(en);
        assertThat(scope(n, "zh_cn")).isEqualTo(zh);
    }

    @Test
    void chatsOnlyWithoutChatsSaysSo() {
        assertThat(scope(with(0, 1, null, List.of(), List.of(), List.of(), List.of()), "en_us"))
                .isEqualTo("**Timed push**: no members directly; no chat listed");
    }

    @Test
    void theDetailsNameFiveThenHowManyMore() {
        Notification n = with(0, 2, null, people(6), List.of(), List.of(), ONE_CHAT);

        assertThat(details(n, "en_us")).startsWith("**Members (6)** U1, U2, U3, U4, U5 +1 more", "**Chats (1)** Ops");
        assertThat(details(n, "zh_cn")).startsWith("**成员（6）** U1、U2、U3、U4、U5，另有 1 人", "**群聊（1）** Ops");
        assertThat(details(with(0, 2, null, people(5), List.of(), List.of(), List.of()), "en_us"))
                .startsWith("**Members (5)** U1, U2, U3, U4, U5");
    }

    @Test
    void aRecipientWithoutANameIsAQuestionMarkAndNamesAreEscaped() {
        Notification n = with(1, 2, 1, List.of(new Person("ou_1", null), new Person("ou_2", "Bo")),
                List.of(new Department("od_1", null)), List.of(new Department("od_n", "R&D")), List.of());

        assertThat(details(n, "en_us")).startsWith("**Members (2)** ?, Bo", "**Departments (1)** ?",
                "**New-staff departments (1)** R&amp;D");
    }

    @Test
    void listsAScopeDoesNotUseAreOnlyCounted() {
        Notification n = with(0, 0, null, people(3), TWO_DEPARTMENTS, TWO_DEPARTMENTS, List.of());

        assertThat(details(n, "en_us")).first()
                .isEqualTo("Feishu also lists 3 members and 2 departments, which this scope does not use.");
        assertThat(details(n, "zh_cn")).first().isEqualTo("飞书还列出了 3 名成员和 2 个部门，此推送范围不使用它们。");
        assertThat(String.join("\n", details(n, "en_us"))).doesNotContain("U1", "R&amp;D", "New-staff");
    }

    @Test
    void createdAndUpdatedAreOneLine() {
        Instant created = SEED.createdAt();
        Person alice = new Person("ou_a", "Alice");
        Person bob = new Person("ou_b", "Bob *B*");

        assertThat(details(made(alice, created, bob, created.plusSeconds(60)), "en_us")).last().isEqualTo(
                "**Created** 2021-07-15 14:57 CST (34 min ago) by Alice; **updated** 2021-07-15 14:58 CST (33 min ago) by Bob &#42;B&#42;");
        assertThat(details(made(alice, created, bob, created.plusSeconds(60)), "zh_cn")).last().isEqualTo(
                "**创建** 2021-07-15 14:57 CST（34 分钟前），创建人 Alice；**更新** 2021-07-15 14:58 CST（33 分钟前），更新人 Bob &#42;B&#42;");
        assertThat(details(made(alice, created, alice, created), "en_us")).last()
                .isEqualTo("**Created** 2021-07-15 14:57 CST (34 min ago) by Alice; not changed since");
        assertThat(details(made(null, null, null, null), "en_us")).last().isEqualTo("**Created and updated** not reported");
        assertThat(details(made(new Person("ou_a", " \t"), created, null, null), "en_us")).last()
                .isEqualTo("**Created** 2021-07-15 14:57 CST (34 min ago)");
        assertThat(details(made(alice, created, bob, null), "en_us")).last()
                .isEqualTo("**Created** 2021-07-15 14:57 CST (34 min ago) by Alice; **updated** at a time not reported by Bob &#42;B&#42;");
    }

    private static Notification linking(String link) {
        return new Notification(SEED.id(), SEED.jobName(), SEED.status(), SEED.createdBy(), SEED.createdAt(),
                SEED.updatedBy(), SEED.updatedAt(), 1, 1, 1, SEED.sendAt(), 0, 0, 0, List.of(), List.of(), List.of(),
                List.of(), link);
    }

    @Test
    void anApprovalLinkOfUpTo2048CharactersIsAButtonAndALongerOneIsNot() {
        String base = "https://applink.feishu.cn/client/approval?q=";
        String longest = base + "a".repeat(2_048 - base.length());

        JsonNode buttons = find(linking(longest), "en_us", "action").path("actions");
        assertThat(buttons).hasSize(2);
        assertThat(buttons.get(1).path("url").asText()).isEqualTo(longest);
        assertThat(buttons.get(1).path("text").path("content").asText()).isEqualTo("Open approval");

        assertThat(find(linking(longest + "a"), "en_us", "action").path("actions")).hasSize(1);
    }

    @Test
    void theApprovalLinkIsTrimmed() {
        JsonNode buttons = find(linking("  https://applink.feishu.cn/x \n"), "zh_cn", "action").path("actions");

        assertThat(buttons.get(1).path("url").asText()).isEqualTo("https://applink.feishu.cn/x");
        assertThat(buttons.get(1).path("text").path("content").asText()).isEqualTo("查看审批");
    }
}
