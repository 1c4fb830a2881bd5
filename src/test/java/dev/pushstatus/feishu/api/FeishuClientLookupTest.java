package dev.pushstatus.feishu.api;

import static dev.pushstatus.feishu.api.FakeFeishu.HELPDESK_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Shortlist;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The helpdesk GET: the request it sends and how the answer maps to a {@link Notification}. */
class FeishuClientLookupTest {

    private static final String ID = "6981801914270744596";
    private static final Instant NOW = Instant.parse("2024-05-01T08:00:00Z");
    private static final Instant SEED_TIME = Instant.ofEpochMilli(1626332244719L);

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeFeishu feishu = new FakeFeishu();
    private final FeishuClient client = feishu.client(clock);

    private Notification found(String answer) {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(200, answer));
        LookupResult result = client.fetch(ID);
        assertThat(result).isInstanceOf(LookupResult.Found.class);
        return ((LookupResult.Found) result).notification();
    }

    @Test
    void theGetCarriesTenantTokenAndHelpdeskAuthorization() {
        found(HelpdeskAnswers.SEED_EXAMPLE);

        FakeFeishu.Recorded get = feishu.requestsTo(HELPDESK_PATH).get(0);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.url().toString())
                .isEqualTo("https://open.feishu.cn/open-apis/helpdesk/v1/notifications/6981801914270744596?user_id_type=open_id");
        assertThat(get.header("Authorization")).isEqualTo("Bearer t-1");
        assertThat(get.header("X-Lark-Helpdesk-Authorization"))
                .isEqualTo(Base64.getEncoder().encodeToString("hid:htoken".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("aGlkOmh0b2tlbg==");
    }

    @Test
    void theSeedExampleMapsEveryField() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(200, HelpdeskAnswers.SEED_EXAMPLE));

        LookupResult result = client.fetch(ID);

        var ou = "ou_7277fd1262bfafc363d5b2a1f9c2ac90";
        var od = "od_7277fd1262bfafc363d5b2a1f9c2ac90";
        assertThat(result).isEqualTo(new LookupResult.Found(new Notification(
                ID, "测试推送任务", 0,
                new Notification.Person(ou, "test"), SEED_TIME,
                new Notification.Person(ou, "test"), SEED_TIME,
                1, 1, 1, SEED_TIME,
                0, 0, 0,
                java.util.List.of(new Notification.Department(od, "测试部门")),
                java.util.List.of(new Notification.Person(ou, "test")),
                java.util.List.of(new Notification.Department(od, "测试部门")),
                java.util.List.of(new Notification.Chat("oc_7277fd1262bfafc363d5b2a1f9c2ac90", "测试群聊")),
                "http://applink.feishu.cn/*xx"), NOW));
    }

    @Test
    void absentAndEmptyOptionalFieldsBecomeNullsAndEmptyLists() {
        Notification n = found(HelpdeskAnswers.SPARSE);

        assertThat(n.id()).isEqualTo(ID);
        assertThat(n.jobName()).isEqualTo("draft");
        assertThat(n.createdBy()).isNull();
        assertThat(n.updatedBy()).isNull();
        assertThat(n.createdAt()).isNull();
        assertThat(n.updatedAt()).isNull();
        assertThat(n.sendAt()).isNull();
        assertThat(n.targetCount()).isNull();
        assertThat(n.sentCount()).isNull();
        assertThat(n.readCount()).isNull();
        assertThat(n.newStaffScopeType()).isNull();
        assertThat(n.pushScopeType()).isEqualTo(2);
        assertThat(n.users().isEmpty()).isTrue();
        assertThat(n.departments().isEmpty()).isTrue();
        assertThat(n.chats().isEmpty()).isTrue();
        assertThat(n.newStaffDepartments().isEmpty()).isTrue();
        assertThat(n.approvalAppLink()).isNull();
    }

    @Test
    void aMinimalNotificationKeepsTheRequestedIdAndNullsEverythingElse() {
        Notification n = found("{\"code\":0,\"data\":{\"notification\":{}}}");

        assertThat(n).isEqualTo(new Notification(ID, null, null, null, null, null, null, null, null, null, null,
                null, null, null, java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(),
                null));
    }

    @Test
    void nullEntriesInsideListsAreSkipped() {
        Notification n = found("""
                {"code":0,"data":{"notification":{"user_list":[null,{"user_id":"ou_1"}],"chat_list":[null]}}}""");

        assertThat(n.users().first()).containsExactly(new Notification.Person("ou_1", null));
        assertThat(n.chats().isEmpty()).isTrue();
    }

    @Test
    void unreadableTimesAreUnsetNotEpoch() {
        Notification n = found("""
                {"code":0,"data":{"notification":{"created_at":"yesterday","updated_at":"0","send_at":" 1626332244719 "}}}""");

        assertThat(n.createdAt()).isNull();
        assertThat(n.updatedAt()).isNull();
        assertThat(n.sendAt()).isEqualTo(SEED_TIME);
    }

    @Test
    void anAnswerWithoutNotificationIsUnavailable() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}"));

        assertThat(client.fetch(ID)).isInstanceOfSatisfying(LookupResult.Unavailable.class, u -> {
            assertThat(u.reason()).isEqualTo("unreadable answer");
            assertThat(u.malformed()).isTrue();
        });
    }

    @Test
    void countsOutOfRangeAreAnUnreadableAnswerNotATimeout() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(200,
                "{\"code\":0,\"data\":{\"notification\":{\"target_user_count\":99999999999999999999}}}"));

        assertThat(client.fetch(ID)).isInstanceOfSatisfying(LookupResult.Unavailable.class,
                u -> assertThat(u.malformed()).isTrue());
    }

    @Test
    void anAnswerWithoutDataIsUnavailable() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(200, "{\"code\":0,\"msg\":\"success\"}"));

        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Unavailable.class);
    }

    @Test
    void aWronglyTypedFieldIsUnavailableNotAnException() {
        feishu.on(HELPDESK_PATH, FakeFeishu.Answer.json(200,
                "{\"code\":0,\"data\":{\"notification\":{\"target_user_count\":\"many\",\"user_list\":{}}}}"));

        assertThat(client.fetch(ID)).isInstanceOf(LookupResult.Unavailable.class);
    }

    @Test
    void aHugeAnswerKeepsOnlyWhatACardShowsAndCountsTheRest() {
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            users.append(i == 0 ? "" : ",").append("{\"user_id\":\"ou_").append(i).append("\",\"name\":\"User ")
                    .append(i).append("\"}");
        }
        String longName = "长".repeat(10_000);
        Notification n = found("{\"code\":0,\"data\":{\"approval_app_link\":\"https://applink.feishu.cn/"
                + "x".repeat(3_000) + "\",\"notification\":{\"id\":\"<at id=all></at>\",\"job_name\":\"" + longName
                + "\",\"user_list\":[" + users + "]}}}");

        assertThat(n.users().first()).hasSize(Shortlist.KEPT)
                .extracting(Notification.Person::name).containsExactly("User 0", "User 1", "User 2", "User 3", "User 4");
        assertThat(n.users().total()).isEqualTo(5_000);
        assertThat(n.jobName()).hasSize(Notification.MAX_TEXT);
        assertThat(n.id()).as("the id asked for, not the answer's").isEqualTo(ID);
        assertThat(n.approvalAppLink()).as("a link too long to be real is dropped, not cut").isNull();
        assertThat(n.approximateBytes()).isLessThan(4_000);
    }

    @Test
    void clippingNeverSplitsASurrogatePair() {
        String text = "a".repeat(Notification.MAX_TEXT - 1) + "😀" + "b";
        assertThat(NotificationMapper.clip(text)).isEqualTo("a".repeat(Notification.MAX_TEXT - 1));
        assertThat(NotificationMapper.clip("short")).isEqualTo("short");
        assertThat(NotificationMapper.clip(null)).isNull();
    }
}
