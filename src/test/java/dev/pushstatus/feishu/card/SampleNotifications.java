package dev.pushstatus.feishu.card;

import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Notification.Chat;
import dev.pushstatus.bot.Notification.Department;
import dev.pushstatus.bot.Notification.Person;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** Notifications for the card tests, starting from the seed document's example answer. */
final class SampleNotifications {

    static final String ID = "6981801914270744596";
    /** 1626332244719 ms: 2021-07-15 06:57:24 UTC, 14:57 in Asia/Shanghai. */
    static final Instant SEED_TIME = Instant.ofEpochMilli(1626332244719L);
    /** 2021-07-15 15:30 in Asia/Shanghai. */
    static final Instant FETCHED_AT = Instant.parse("2021-07-15T07:30:00Z");
    static final Person TEST_USER = new Person("ou_7277fd1262bfafc363d5b2a1f9c2ac90", "test");
    static final Department TEST_DEPARTMENT = new Department("od_7277fd1262bfafc363d5b2a1f9c2ac90", "测试部门");
    static final Chat TEST_CHAT = new Chat("oc_7277fd1262bfafc363d5b2a1f9c2ac90", "测试群聊");

    private SampleNotifications() {
    }

    /** The seed document's example answer, as the client maps it. */
    static Notification seed() {
        return new Notification(ID, "测试推送任务", 0, TEST_USER, SEED_TIME, TEST_USER, SEED_TIME, 1, 1, 1, SEED_TIME,
                0, 0, 0, List.of(TEST_DEPARTMENT), List.of(TEST_USER), List.of(TEST_DEPARTMENT), List.of(TEST_CHAT),
                "http://applink.feishu.cn/*xx");
    }

    static LookupResult.Found found(Notification n) {
        return new LookupResult.Found(n, FETCHED_AT);
    }

    static Notification withScope(Integer pushType, Integer scope, Integer newStaffScope,
                                  List<Person> users, List<Department> departments, List<Department> newStaff,
                                  List<Chat> chats) {
        Notification s = seed();
        return new Notification(s.id(), s.jobName(), s.status(), s.createdBy(), s.createdAt(), s.updatedBy(),
                s.updatedAt(), 1200, 600, 150, s.sendAt(), pushType, scope, newStaffScope, newStaff, users,
                departments, chats, s.approvalAppLink());
    }

    /** A fresh draft: nothing but id, name and status known. */
    static Notification missingFields() {
        return new Notification(ID, "草稿 draft", 0, null, null, null, null, null, null, null, null,
                null, null, null, List.of(), List.of(), List.of(), List.of(), null);
    }

    static Notification counts(Integer target, Integer sent, Integer read) {
        Notification s = seed();
        return new Notification(s.id(), s.jobName(), s.status(), s.createdBy(), s.createdAt(), s.updatedBy(),
                s.updatedAt(), target, sent, read, s.sendAt(), s.pushType(), s.pushScopeType(),
                s.newStaffScopeType(), s.newStaffDepartments(), s.users(), s.departments(), s.chats(),
                s.approvalAppLink());
    }

    /** Approved and waiting: nothing sent yet, send time in the future. */
    static Notification scheduledFor(Instant sendAt) {
        Notification s = seed();
        return new Notification(s.id(), s.jobName(), 2, s.createdBy(), s.createdAt(), s.updatedBy(),
                s.updatedAt(), 1200, 0, 0, sendAt, s.pushType(), s.pushScopeType(),
                s.newStaffScopeType(), s.newStaffDepartments(), s.users(), s.departments(), s.chats(),
                s.approvalAppLink());
    }

    /** The seed with these counts and send time: one per stage in the snapshots. */
    static Notification at(Integer target, Integer sent, Integer read, Instant sendAt) {
        Notification s = seed();
        return new Notification(s.id(), "Q4 security training reminder", s.status(), new Person("ou_a", "张三"),
                FETCHED_AT.minusSeconds(7 * 86_400), new Person("ou_b", "李四"), FETCHED_AT.minusSeconds(3 * 86_400), target, sent, read, sendAt,
                0, 2, null, List.of(), List.of(new Person("ou_1", "Alice Wang"), new Person("ou_2", "Bob Chen")),
                List.of(new Department("od_1", "Security")), List.of(TEST_CHAT), s.approvalAppLink());
    }

    static Notification longLists() {
        List<Person> users = IntStream.rangeClosed(1, 250)
                .mapToObj(i -> new Person("ou_" + i, "User number " + i + " with a rather long display name 🙂"))
                .toList();
        List<Department> departments = IntStream.rangeClosed(1, 120)
                .mapToObj(i -> new Department("od_" + i, "Department " + i)).toList();
        List<Chat> chats = IntStream.rangeClosed(1, 80).mapToObj(i -> new Chat("oc_" + i, "Chat " + i)).toList();
        Notification s = seed();
        return new Notification(s.id(), "x".repeat(500), s.status(), s.createdBy(), s.createdAt(), s.updatedBy(),
                s.updatedAt(), 250_000, 123_456, 7_890, s.sendAt(), 0, 2, null, departments, users, departments,
                chats, s.approvalAppLink());
    }

    static final String HOSTILE_JOB = "<at id=all></at> **x** [l](https://e.x) <font color='red'>r</font>";

    static Notification hostile() {
        Person mentioner = new Person("ou_x", "<at id=ou_x></at>");
        // Onboarding (1) to selected members (2): not a pair the API allows, but it puts every list on the card.
        return new Notification(ID, HOSTILE_JOB, 0, mentioner, SEED_TIME, mentioner, SEED_TIME, 3, 2, 1, SEED_TIME,
                1, 2, 1,
                List.of(new Department("od_1", "[click](https://evil.example)")),
                List.of(mentioner, new Person("ou_y", "<at id=all></at>"), new Person("ou_z", "**bold** _i_ ~s~ `c`"),
                        new Person("ou_w", "a\nb<font color='red'>red</font>"), new Person("ou_n", null)),
                List.of(new Department("od_2", "<at email=a@b.c></at> & | # \\")),
                List.of(new Chat("oc_1", "![img](img_v2_x) <a href='https://e.x'>a</a>")),
                null);
    }
}
