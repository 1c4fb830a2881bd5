package dev.pushstatus.feishu.api;

import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Shortlist;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Maps Feishu's notification answer to the domain record, tolerating every optional field, and
 * keeping only what a card can show (texts cut to {@link Notification#MAX_TEXT}, a shortlist of
 * each list) so that a cached notification weighs kilobytes whatever Feishu sent.
 */
final class NotificationMapper {

    private NotificationMapper() {
    }

    static Notification toDomain(String requestedId, HelpdeskNotificationDto data) {
        HelpdeskNotificationDto.NotificationDto n = data.notification();
        // The id is the one the user asked for: the answer's own id is untrusted text for a title and a button.
        return new Notification(
                requestedId,
                clip(n.jobName()),
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
                list(n.chatList(), c -> new Notification.Chat(clip(c.chatId()), clip(c.name()))),
                link(data.approvalAppLink()));
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
        return user == null ? null : new Notification.Person(clip(user.userId()), clip(user.name()));
    }

    private static Notification.Department department(HelpdeskNotificationDto.DepartmentDto d) {
        return new Notification.Department(clip(d.departmentId()), clip(d.name()));
    }

    /** The shortlist of a list: only its first entries are mapped, but all of them counted. */
    private static <T, R> Shortlist<R> list(List<T> items, Function<T, R> mapper) {
        if (items == null) {
            return Shortlist.empty();
        }
        List<T> present = items.stream().filter(Objects::nonNull).toList();
        return new Shortlist<>(present.stream().limit(Shortlist.KEPT).map(mapper).toList(), present.size());
    }

    /** At most {@link Notification#MAX_TEXT} characters, never half a surrogate pair. */
    static String clip(String s) {
        if (s == null || s.length() <= Notification.MAX_TEXT) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(Notification.MAX_TEXT - 1)) ? Notification.MAX_TEXT - 1
                : Notification.MAX_TEXT;
        return s.substring(0, end);
    }

    private static String link(String s) {
        return s == null || s.isBlank() || s.length() > Notification.MAX_LINK ? null : s;
    }
}
