package dev.pushstatus.bot;

import java.time.Instant;
import java.util.List;

/**
 * A helpdesk push notification as the bot understands it.
 *
 * <p>Almost every field of the upstream answer is optional, so absent values stay null (and
 * absent lists empty): a card must show "-" for an unknown count, never a made-up 0.
 *
 * @param id              the notification id
 * @param jobName         the job name (untrusted text)
 * @param status          the upstream status int; its values are undocumented
 * @param pushType        0 scheduled, 1 new-staff onboarding
 * @param pushScopeType   0 all members, 1 chats only, 2 selected users/departments, 3 new staff
 * @param newStaffScopeType 0 all new staff, 1 selected departments
 */
public record Notification(
        String id,
        String jobName,
        Integer status,
        Person createdBy,
        Instant createdAt,
        Person updatedBy,
        Instant updatedAt,
        Integer targetCount,
        Integer sentCount,
        Integer readCount,
        Instant sendAt,
        Integer pushType,
        Integer pushScopeType,
        Integer newStaffScopeType,
        List<Department> newStaffDepartments,
        List<Person> users,
        List<Department> departments,
        List<Chat> chats,
        String approvalAppLink) {

    public Notification {
        newStaffDepartments = List.copyOf(newStaffDepartments);
        users = List.copyOf(users);
        departments = List.copyOf(departments);
        chats = List.copyOf(chats);
    }

    /** A user named on the notification: creator, updater or recipient. */
    public record Person(String openId, String name) {}

    /** A department the notification goes to. */
    public record Department(String departmentId, String name) {}

    /** A group chat the notification goes to. */
    public record Chat(String chatId, String name) {}
}
