package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.CardScenarios.RENDERER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Notification.Chat;
import dev.pushstatus.bot.Notification.Department;
import dev.pushstatus.bot.Notification.Person;
import dev.pushstatus.bot.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The status card's parts at their edges, read exactly: who made and changed it, the recipient
 * lines (empty lists, exactly five names, a sixth, a missing name, new-staff departments) and the
 * approval link's length limit.
 */
class StatusCardPartsTest {

    private static final Notification SEED = SampleNotifications.seed();

    private static JsonNode render(Notification n) {
        return CardJson.parse(RENDERER.render(new Reply.Status(SampleNotifications.found(n))));
    }

    /** Every element of one language, in order. */
    private static List<JsonNode> elements(Notification n, String lang) {
        List<JsonNode> out = new ArrayList<>();
        render(n).path("i18n_elements").path(lang).forEach(out::add);
        return out;
    }

    /** Every "**label**\nvalue" field of one language, in order. */
    private static List<String> fields(Notification n, String lang) {
        List<String> out = new ArrayList<>();
        for (JsonNode element : elements(n, lang)) {
            element.path("fields").forEach(field -> out.add(field.path("text").path("content").asText()));
        }
        return out;
    }

    /** The recipients block, or null when the card has none. */
    private static String recipients(Notification n, String lang) {
        List<JsonNode> all = elements(n, lang);
        // Between the funnel (third element) and the second divider, when there is anything to list.
        JsonNode candidate = all.get(3);
        return candidate.path("tag").asText().equals("div") ? candidate.path("text").path("content").asText() : null;
    }

    private static Notification made(Person createdBy, Person updatedBy) {
        return new Notification(SEED.id(), SEED.jobName(), SEED.status(), createdBy, SEED.createdAt(), updatedBy,
                SEED.updatedAt(), 1, 1, 1, SEED.sendAt(), 0, 0, 0, List.of(), List.of(), List.of(), List.of(), null);
    }

    private static Notification listing(Integer pushType, List<Person> users, List<Department> departments,
                                        List<Department> newStaff, List<Chat> chats) {
        return new Notification(SEED.id(), SEED.jobName(), SEED.status(), SEED.createdBy(), SEED.createdAt(),
                SEED.updatedBy(), SEED.updatedAt(), 1, 1, 1, SEED.sendAt(), pushType, 0, 0, newStaff, users,
                departments, chats, null);
    }

    private static Notification linking(String link) {
        return new Notification(SEED.id(), SEED.jobName(), SEED.status(), SEED.createdBy(), SEED.createdAt(),
                SEED.updatedBy(), SEED.updatedAt(), 1, 1, 1, SEED.sendAt(), 0, 0, 0, List.of(), List.of(), List.of(),
                List.of(), link);
    }

    private static List<Person> people(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new Person("ou_" + i, "U" + i)).toList();
    }

    @Test
    void creatorAndUpdaterAreNamedUnderTheirTimes() {
        Notification n = made(new Person("ou_a", "Alice"), new Person("ou_b", "Bob *B*"));

        assertThat(fields(n, "en_us")).contains(
                "**Created**\n2021-07-15 14:57 CST (34 min ago)\nby Alice",
                "**Updated**\n2021-07-15 14:57 CST (34 min ago)\nby Bob &#42;B&#42;");
        assertThat(fields(n, "zh_cn")).contains(
                "**创建**\n2021-07-15 14:57 CST (34 分钟前)\n由 Alice",
                "**更新**\n2021-07-15 14:57 CST (34 分钟前)\n由 Bob &#42;B&#42;");
    }

    @Test
    void withoutAUsableNameOnlyTheTimeIsShown() {
        for (Person nobody : new Person[] {null, new Person("ou_a", null), new Person("ou_a", " \t")}) {
            Notification n = made(nobody, nobody);

            assertThat(fields(n, "en_us")).as(String.valueOf(nobody)).contains(
                    "**Created**\n2021-07-15 14:57 CST (34 min ago)",
                    "**Updated**\n2021-07-15 14:57 CST (34 min ago)");
        }
    }

    @Test
    void withoutAnyRecipientListTheCardHasNoRecipientsBlock() {
        Notification n = listing(0, List.of(), List.of(), List.of(), List.of());

        assertThat(recipients(n, "en_us")).isNull();
        assertThat(elements(n, "en_us")).extracting(e -> e.path("tag").asText())
                .containsExactly("div", "hr", "div", "hr", "div", "action", "note");
    }

    @Test
    void onlyListsWithNamesGetALine() {
        Notification n = listing(0, List.of(), List.of(), List.of(), List.of(new Chat("oc_1", "Ops")));

        assertThat(recipients(n, "en_us")).isEqualTo("**Chats** (1): Ops");
        assertThat(recipients(n, "zh_cn")).isEqualTo("**群聊** (1): Ops");
    }

    @Test
    void fiveNamesAreAllShownWithNothingMore() {
        Notification n = listing(0, people(5), List.of(), List.of(), List.of());

        assertThat(recipients(n, "en_us")).isEqualTo("**Users** (5): U1, U2, U3, U4, U5");
        assertThat(recipients(n, "zh_cn")).isEqualTo("**成员** (5): U1、U2、U3、U4、U5");
    }

    @Test
    void aSixthNameBecomesOneMore() {
        Notification n = listing(0, people(6), List.of(), List.of(), List.of());

        assertThat(recipients(n, "en_us")).isEqualTo("**Users** (6): U1, U2, U3, U4, U5 +1 more");
        assertThat(recipients(n, "zh_cn")).isEqualTo("**成员** (6): U1、U2、U3、U4、U5 等 +1");
    }

    @Test
    void aRecipientWithoutANameIsAQuestionMark() {
        Notification n = listing(0, List.of(new Person("ou_1", null), new Person("ou_2", "Bo")),
                List.of(new Department("od_1", null)), List.of(), List.of());

        assertThat(recipients(n, "en_us")).isEqualTo("**Users** (2): ?, Bo\n**Departments** (1): ?");
    }

    @Test
    void newStaffDepartmentsAreListedForOnboardingPushesOnly() {
        List<Department> newStaff = List.of(new Department("od_n", "R&D"));
        List<Department> departments = List.of(new Department("od_d", "Sales"));

        assertThat(recipients(listing(1, List.of(), departments, newStaff, List.of()), "en_us"))
                .isEqualTo("**Departments** (1): Sales\n**New-staff departments** (1): R&amp;D");
        assertThat(recipients(listing(1, List.of(), departments, newStaff, List.of()), "zh_cn"))
                .isEqualTo("**部门** (1): Sales\n**新人部门** (1): R&amp;D");
        assertThat(recipients(listing(0, List.of(), departments, newStaff, List.of()), "en_us"))
                .isEqualTo("**Departments** (1): Sales");
    }

    @Test
    void anApprovalLinkOfUpTo2048CharactersIsAButtonAndALongerOneIsNot() {
        String base = "https://applink.feishu.cn/client/approval?q=";
        String longest = base + "a".repeat(2_048 - base.length());

        JsonNode buttons = render(linking(longest)).path("i18n_elements").path("en_us").findValue("actions");
        assertThat(buttons).hasSize(2);
        assertThat(buttons.get(1).path("url").asText()).isEqualTo(longest);
        assertThat(buttons.get(1).path("text").path("content").asText()).isEqualTo("Open approval");

        assertThat(render(linking(longest + "a")).path("i18n_elements").path("en_us").findValue("actions")).hasSize(1);
    }

    @Test
    void theApprovalLinkIsTrimmed() {
        JsonNode buttons = render(linking("  https://applink.feishu.cn/x \n")).path("i18n_elements").path("zh_cn")
                .findValue("actions");

        assertThat(buttons.get(1).path("url").asText()).isEqualTo("https://applink.feishu.cn/x");
        assertThat(buttons.get(1).path("text").path("content").asText()).isEqualTo("查看审批");
    }
}
