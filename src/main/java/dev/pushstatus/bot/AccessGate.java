package dev.pushstatus.bot;

import java.util.Set;

/**
 * The one place that decides who may ask the bot, for messages and clicks alike.
 *
 * <p>First the tenant: only people of the app's own tenant (an external user in a shared group
 * is not). Then the allowlists: with none set everyone of the tenant may; with lists set, a
 * request is allowed when its chat is on the chat list or its requester on the user list, which
 * lets an operator open one ops group to all its members and still let a few named people ask in
 * a direct message.
 */
public final class AccessGate {

    private final Set<String> allowedChats;
    private final Set<String> allowedUsers;

    public AccessGate(Set<String> allowedChats, Set<String> allowedUsers) {
        this.allowedChats = Set.copyOf(allowedChats);
        this.allowedUsers = Set.copyOf(allowedUsers);
    }

    /** A gate that lets everyone of the app's tenant in. */
    public static AccessGate open() {
        return new AccessGate(Set.of(), Set.of());
    }

    /** The verdict on one requester. */
    public Verdict check(Requester requester) {
        if (!requester.inAppTenant()) {
            return Verdict.OTHER_TENANT;
        }
        if (allowedChats.isEmpty() && allowedUsers.isEmpty()) {
            return Verdict.ALLOWED;
        }
        // Set.copyOf's sets throw on contains(null): an absent id is simply not on a list.
        boolean listed = (requester.chatId() != null && allowedChats.contains(requester.chatId()))
                || (requester.openId() != null && allowedUsers.contains(requester.openId()));
        return listed ? Verdict.ALLOWED : Verdict.NOT_LISTED;
    }

    /** What the gate says. */
    public enum Verdict {
        ALLOWED,
        /** From another tenant, or the event did not say which tenant: ignored (messages) or refused (clicks). */
        OTHER_TENANT,
        /** Of the app's tenant, but neither the chat nor the person is on an allowlist that is set. */
        NOT_LISTED
    }
}
