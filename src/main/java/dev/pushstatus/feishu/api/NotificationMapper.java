package dev.pushstatus.feishu.api;

import dev.pushstatus.bot.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Maps Feishu's notification answer to the domain record, tolerating every optional field. */
final class NotificationMapper {

    private NotificationMapper() {
    }

    static Notification toDomain(String requestedId, HelpdeskNotificationDto data) {
        HelpdeskNotificationDto.NotificationDto n = data.notification();
        return new Notification(
                n.id() == null || n.id().isBlank() ? requestedId : n.id(),
                n.jobName(),
                n.status(),
                person(n.createUser()),
                epochMillis(n.createdAt()),
                person(n.updateUser()),
                epochMillis(n.updatedAt()),
                n.targetUserCount(),
                n.sentUserCount(),
                n.readUserCount(),
                epochMillis(n.sendAt()),
                n.pushType(),
                n.pushScopeType(),
                n.newStaffScopeType(),
                list(n.newStaffScopeDepartmentList(), NotificationMapper::department),
                list(n.userList(), NotificationMapper::person),
                list(n.departmentList(), NotificationMapper::department),
                list(n.chatList(), c -> new Notification.Chat(c.chatId(), c.name())),
                blankToNull(data.approvalAppLink()));
    }

    /** Feishu sends times as millisecond-epoch strings, "" when unset; anything unparsable is unset too. */
    static Instant epochMillis(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long millis = Long.parseLong(value.strip());
            return millis <= 0 ? null : Instant.ofEpochMilli(millis);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Notification.Person person(HelpdeskNotificationDto.UserDto user) {
        return user == null ? null : new Notification.Person(user.userId(), user.name());
    }

    private static Notification.Department department(HelpdeskNotificationDto.DepartmentDto d) {
        return new Notification.Department(d.departmentId(), d.name());
    }

    private static <T, R> List<R> list(List<T> items, Function<T, R> mapper) {
        return items == null ? List.of() : items.stream().filter(Objects::nonNull).map(mapper).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
