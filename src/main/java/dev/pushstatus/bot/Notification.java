package dev.pushstatus.bot;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A helpdesk push notification as the bot understands it.
 *
 * <p>Almost every field of the upstream answer is optional, so absent values stay null (and
 * absent lists empty): a card must show "-" for an unknown count, never a made-up 0. It keeps
 * only what a card shows: a {@link Shortlist} of each list and texts of at most
 * {@link #MAX_TEXT} characters, so that the cache's memory is bounded by its weight.
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
        @Nullable String jobName,
        @Nullable Integer status,
        @Nullable Person createdBy,
        @Nullable Instant createdAt,
        @Nullable Person updatedBy,
        @Nullable Instant updatedAt,
        @Nullable Integer targetCount,
        @Nullable Integer sentCount,
        @Nullable Integer readCount,
        @Nullable Instant sendAt,
        @Nullable Integer pushType,
        @Nullable Integer pushScopeType,
        @Nullable Integer newStaffScopeType,
        Shortlist<Department> newStaffDepartments,
        Shortlist<Person> users,
        Shortlist<Department> departments,
        Shortlist<Chat> chats,
        @Nullable String approvalAppLink) {

    /** Longest text kept from any field: more than any card shows, and a bound on what one entry weighs. */
    public static final int MAX_TEXT = 256;
    /** Longest approval link kept; a longer one is dropped, not cut (a cut link would lead elsewhere). */
    public static final int MAX_LINK = 2_048;

    /** The same notification from whole lists, of which only a {@link Shortlist} of each is kept. */
    public Notification(String id, @Nullable String jobName, @Nullable Integer status, @Nullable Person createdBy,
                        @Nullable Instant createdAt, @Nullable Person updatedBy, @Nullable Instant updatedAt,
                        @Nullable Integer targetCount, @Nullable Integer sentCount, @Nullable Integer readCount,
                        @Nullable Instant sendAt, @Nullable Integer pushType, @Nullable Integer pushScopeType,
                        @Nullable Integer newStaffScopeType, List<Department> newStaffDepartments, List<Person> users,
                        List<Department> departments, List<Chat> chats, @Nullable String approvalAppLink) {
        this(id, jobName, status, createdBy, createdAt, updatedBy, updatedAt, targetCount, sentCount, readCount,
                sendAt, pushType, pushScopeType, newStaffScopeType, Shortlist.of(newStaffDepartments),
                Shortlist.of(users), Shortlist.of(departments), Shortlist.of(chats), approvalAppLink);
    }

    /**
     * Roughly how many bytes of heap this notification holds: what the cache weighs it by. Counts
     * two bytes a character (the worst case of Java strings) and a fixed share for the objects.
     */
    public long approximateBytes() {
        long chars = length(id) + length(jobName) + length(approvalAppLink)
                + (createdBy == null ? 0 : createdBy.chars()) + (updatedBy == null ? 0 : updatedBy.chars());
        for (Department d : newStaffDepartments.first()) {
            chars += length(d.departmentId()) + length(d.name());
        }
        for (Person p : users.first()) {
            chars += p.chars();
        }
        for (Department d : departments.first()) {
            chars += length(d.departmentId()) + length(d.name());
        }
        for (Chat c : chats.first()) {
            chars += length(c.chatId()) + length(c.name());
        }
        return 1_024 + 2 * chars;
    }

    private static int length(@Nullable String s) {
        return s == null ? 0 : s.length();
    }

    /** A user named on the notification: creator, updater or recipient. */
    public record Person(@Nullable String openId, @Nullable String name) {
        int chars() {
            return length(openId) + length(name);
        }
    }

    /** A department the notification goes to. */
    public record Department(@Nullable String departmentId, @Nullable String name) {}

    /** A group chat the notification goes to. */
    public record Chat(@Nullable String chatId, @Nullable String name) {}
}
